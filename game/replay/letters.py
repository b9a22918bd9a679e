"""The letters book: every letter of the story (`style: letter` lines), gathered whole.

A letter is written as runs of letter-style lines, and a long one may be composed over
several nodes, the player choosing how it goes on (which memory Wen's letter starts
with). So a run that ends its node continues into the run that opens the only node it
leads to, unless that run greets someone ("Dear ...": a new letter), and a letter is the last run of such a chain with the runs that can come before
it, slot by slot. The book shows, in each slot, the variant the player read (the first in
story order when several were read in different playthroughs). A letter's identity is its
last run's first line ("node:key"); it counts as read once that line has been shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine.model import Line, Node, Story

LETTER = "letter"
# "Dear Tomas", "My dearest", "To whoever", "Cath." : a run that greets someone starts a letter
# (a sign-off such as "Yours," or "Love," ends a letter; it does not start one)
GREETING = re.compile(r"(?i:my\s+dear|dearest|dear|to)\b"
                      r"|(?!(?:Yours|Love|Always|Sincerely|Best|Warmly|Forever|Ever)\b)[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?[,.]")


@dataclass(frozen=True)
class Run:
    uid: str  # the first line's identity, "node:key"
    node: str
    lines: tuple[Line, ...]
    opens: bool  # nothing but other lines (no letter lines) before it in its node
    closes: bool  # nothing but other lines after it in its node


@dataclass(frozen=True)
class Letter:
    uid: str
    node: str
    chapter: str
    slots: tuple[tuple[Run, ...], ...]  # in reading order; each slot's variants in story order

    @property
    def speaker(self) -> str | None:
        return self.slots[-1][0].lines[0].speaker

    def text(self, was_read) -> list[tuple[str, Line]]:
        """The letter's lines as read, each with its node (a translation's context): in each
        slot the first variant read, else the first."""
        out: list[tuple[str, Line]] = []
        for slot in self.slots:
            pick = next((r for r in slot if was_read(r.uid)), slot[0])
            out.extend((pick.node, line) for line in pick.lines)
        return out


def _runs(node: Node) -> list[Run]:
    sequences = [node.lines] + [c.lines for c in node.choices]
    out: list[Run] = []
    for seq_no, lines in enumerate(sequences):
        spoken = [line for line in lines if line.text is not None]
        i = 0
        while i < len(spoken):
            if spoken[i].style != LETTER:
                i += 1
                continue
            j = i
            while j < len(spoken) and spoken[j].style == LETTER:
                j += 1
            run = tuple(spoken[i:j])
            first_letter = all(line.style != LETTER for line in spoken[:i])
            last_letter = all(line.style != LETTER for line in spoken[j:])
            # a choice's reply opens after the node's own lines, so it never continues a chain
            out.append(Run(f"{node.id}:{run[0].key}", node.id, run, first_letter and seq_no == 0,
                           last_letter and (seq_no > 0 or not node.choices)))
            i = j
    return out


def _single_target(node: Node) -> str | None:
    targets = {t for t, _loc in node.targets()}
    return targets.pop() if len(targets) == 1 and not node.ending else None


def collect_letters(story: Story) -> tuple[Letter, ...]:
    """Every letter, in story order (chapters, nodes as written, replies after their node)."""
    runs = {n: _runs(node) for n, node in story.nodes.items()}
    preds: dict[str, list[Run]] = {}  # uid of an opening run -> the runs that lead into it
    continued: set[str] = set()
    for n, node in story.nodes.items():
        target = _single_target(node)
        if not runs[n] or target is None or target == n or not runs.get(target):
            continue
        last, first = runs[n][-1], runs[target][0]
        if last.closes and first.opens and not GREETING.match(first.lines[0].text or ""):
            preds.setdefault(first.uid, []).append(last)
            continued.add(last.uid)
    order = {n: i for i, n in enumerate(n for ch in story.chapters for n in ch.node_ids)}
    letters: list[Letter] = []
    for chapter in story.chapters:
        for n in chapter.node_ids:
            for run in runs[n]:
                if run.uid in continued:
                    continue
                slots: list[tuple[Run, ...]] = [(run,)]
                frontier, seen = [run], {run.uid}
                while True:
                    before = sorted({p.uid: p for r in frontier for p in preds.get(r.uid, ()) if p.uid not in seen}.values(),
                                    key=lambda r: order.get(r.node, 0))
                    if not before:
                        break
                    seen.update(r.uid for r in before)
                    slots.insert(0, tuple(before))
                    frontier = before
                letters.append(Letter(run.uid, n, chapter.id, tuple(slots)))
    return tuple(letters)
