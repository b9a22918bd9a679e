"""Write a large synthetic story (default 10,000 nodes) for benchmarking the loader and tools.

Deterministic: the same arguments always give the same files. Every construct of the format
appears (conditions, effects, choices with replies, branches, endings, several chapters).
`generate_ink` writes the very same story in ink (inkle's format), so the peer benchmark
compares the two engines on identical content: same lines, same choices, same conditions.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

WORDS = ("the letter light city warm quiet voice window morning rain soft hand heart street "
         "evening paper ink river slow bright laugh remember close open walk listen").split()
SPEAKERS = {"narrator": "", "theodore": "Theodore", "samantha": "Samantha"}


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


@dataclass
class PlanNode:
    id: str
    lines: tuple[str, str, str]  # narrator; samantha (if warmth >= 2 and not told); theodore
    next: str | None
    choices: tuple[str, str, str] | None = None  # first text, its reply, second text


def plan(nodes: int, chapters: int, seed: int) -> tuple[list[list[PlanNode]], dict[str, str]]:
    """The story as plain data: the nodes of each chapter, and the endings' closing lines."""
    rng = random.Random(seed)
    per = nodes // chapters
    ids = [f"n{i}" for i in range(per * chapters)]
    out: list[list[PlanNode]] = []
    for c in range(chapters):
        chapter = []
        for i in range(c * per, (c + 1) * per):
            node = PlanNode(ids[i], (sentence(rng), sentence(rng, 9), sentence(rng, 7)),
                            ids[i + 1] if i + 1 < len(ids) else None)
            if node.next is not None and i % 3 == 0:
                node.choices = (sentence(rng, 5), sentence(rng, 6), sentence(rng, 5))
            chapter.append(node)
        out.append(chapter)
    endings = {end: sentence(rng) for end in ("near", "far")}
    return out, endings


def generate(out: Path, nodes: int = 10_000, chapters: int = 10, seed: int = 7) -> Path:
    chapter_plans, endings = plan(nodes, chapters, seed)
    out.mkdir(parents=True, exist_ok=True)
    manifest = [
        "title: Benchmark",
        "start: n0",
        "characters:",
        "  narrator: {name: \"\"}",
        "  theodore: {name: Theodore, color: \"#f2a36b\"}",
        "  samantha: {name: Samantha, color: \"#ffd9b8\"}",
        "variables:",
        "  warmth: {start: 0, min: 0, max: 5}",
        "  trust: {start: 2, min: 0, max: 4}",
        "  told: false",
        "endings:",
        "  near: {title: Near, summary: Close.}",
        "  far: {title: Far, summary: Apart.}",
        "chapters:",
    ]
    for c, chapter in enumerate(chapter_plans):
        manifest.append(f"  - ch{c:02d}.yaml")
        lines = [f"chapter: ch{c}", f"title: Chapter {c}", "nodes:"]
        for node in chapter:
            narrator, samantha, theodore = node.lines
            lines += [f"  {node.id}:", "    lines:", f"      - narrator: {narrator}",
                      f"      - samantha: {samantha}", "        if: warmth >= 2 and not told",
                      f"      - theodore: {theodore}"]
            if node.next is None:
                lines += ["    branch:", "      - if: warmth >= 3", "        goto: end_near", "      - goto: end_far"]
                continue
            if node.choices is not None:
                first, reply, second = node.choices
                lines += ["    choices:", f"      - text: {first}", "        set: warmth += 1", "        lines:",
                          f"          - samantha: {reply}", f"      - text: {second}", "        if: trust >= 1",
                          "        set: trust -= 1; told = true"]
            lines.append(f"    next: {node.next}")
        if c == len(chapter_plans) - 1:
            for end, text in endings.items():
                lines += [f"  end_{end}:", "    lines:", f"      - narrator: {text}", f"    ending: {end}"]
        (out / f"ch{c:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "story.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return out


def _said(speaker: str, text: str) -> str:
    """A line as both players print it: `Name: text`, or the bare text for the narrator."""
    name = SPEAKERS[speaker]
    return f"{name}: {text}" if name else text


def generate_ink(out: Path, nodes: int = 10_000, chapters: int = 10, seed: int = 7) -> Path:
    """The same story in ink: `main.ink` (variables, start, INCLUDEs) and one file per chapter.

    Ranges become MIN/MAX on assignment (our variables clamp), the fallback `next` after a
    choice becomes each option's divert, and endings print `ending: ID` as our player does.
    """
    chapter_plans, endings = plan(nodes, chapters, seed)
    out.mkdir(parents=True, exist_ok=True)
    main = ["VAR warmth = 0", "VAR trust = 2", "VAR told = false", "", "-> n0", ""]
    for c, chapter in enumerate(chapter_plans):
        name = f"ch{c:02d}.ink"
        main.append(f"INCLUDE {name}")
        lines: list[str] = []
        for node in chapter:
            narrator, samantha, theodore = node.lines
            lines += [f"=== {node.id} ===", _said("narrator", narrator), "{ warmth >= 2 and not told:",
                      f"    {_said('samantha', samantha)}", "}", _said("theodore", theodore)]
            if node.next is None:
                lines += ["{ warmth >= 3:", "    -> end_near", "}", "-> end_far"]
            elif node.choices is not None:
                first, reply, second = node.choices
                lines += [f"* [{first}]", "    ~ warmth = MIN(warmth + 1, 5)", f"    {_said('samantha', reply)}",
                          f"    -> {node.next}", f"* {{trust >= 1}} [{second}]", "    ~ trust = MAX(trust - 1, 0)",
                          "    ~ told = true", f"    -> {node.next}"]
            else:
                lines.append(f"-> {node.next}")
            lines.append("")
        if c == len(chapter_plans) - 1:
            for end, text in endings.items():
                lines += [f"=== end_{end} ===", _said("narrator", text), f"ending: {end}", "-> END", ""]
        (out / name).write_text("\n".join(lines), encoding="utf-8")
    (out / "main.ink").write_text("\n".join(main) + "\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--ink", action="store_true", help="write the story in ink instead")
    args = parser.parse_args()
    (generate_ink if args.ink else generate)(args.out, args.nodes)


if __name__ == "__main__":
    main()
