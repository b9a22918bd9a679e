"""The prose habits issue 16's line edit counted, counted again in the shipped story.

An editor's read found the same moves too often (similes, "the way ..." clauses, doors, coats,
Samantha's new-born tics) and some lines that grade Theodore or state the theme aloud. This
counts them in every player-visible English line and option (through the one loader, so
conditions and hidden lines are seen as the game sees them) and compares with the ceilings
the line edit set: half of what the first draft had, none for the lines that were cut.

    python tools/prose_tics.py [--story DIR] [--show NAME]

`--show NAME` prints every line with that habit (node id, speaker, text). Exit 0 when every
count is within its ceiling, 1 when one is not (or the story does not load).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from game.engine import StoryError, load_story  # noqa: E402

# name -> (pattern, ceiling); ceilings: half the first draft's count, or 0 for what was cut
HABITS: dict[str, tuple[str, int]] = {
    "simile 'like a'": (r"\blike an? \b", 26),
    "'the way ...'": (r"\bthe way\b", 25),
    "doors": (r"\bdoors?\b", 22),
    "coats": (r"\bcoats?\b", 10),
    "lamps": (r"\blamps?\b", 5),
    "'which is worse'": (r"which is worse", 0),
    "Samantha's 'Okay.'": (r"^Okay\.|[.!?] Okay\.", 6),
    "'Is that allowed?'": (r"Is that allowed\?", 1),
    "'I checked'": (r"\bI checked\b", 2),
    "grading replies": (r"That's a real answer|that was your real voice|Thank you\b[^.]*\bI noticed", 0),
    "thesis lines": (r"It's about becoming|She went on\.|love is something you do|Like cooking", 0),
}


def player_text(story):
    """(node id, speaker, text) of every line and option text the player can be shown."""
    for node in story.nodes.values():
        for line in node.lines:
            if line.text and not line.hidden:
                yield node.id, line.speaker, line.text
        for choice in node.choices:
            yield node.id, "option", choice.text
            for line in choice.lines:
                if line.text and not line.hidden:
                    yield node.id, line.speaker, line.text


def count(story) -> dict[str, list[tuple[str, str, str]]]:
    found: dict[str, list[tuple[str, str, str]]] = {name: [] for name in HABITS}
    for where in player_text(story):
        _, speaker, text = where
        for name, (pattern, _) in HABITS.items():
            if name.startswith("Samantha's") and speaker != "samantha":
                continue
            if re.search(pattern, text, re.IGNORECASE):
                found[name].append(where)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", default=str(ROOT / "story"), help="story folder (default: the shipped story)")
    parser.add_argument("--show", metavar="NAME", help="print the lines of the habit whose name contains NAME")
    args = parser.parse_args(argv)
    try:
        story = load_story(args.story)
    except StoryError as exc:
        print(f"prose_tics: {exc}", file=sys.stderr)
        return 1
    found = count(story)
    over = 0
    for name, hits in found.items():
        ceiling = HABITS[name][1]
        flag = "" if len(hits) <= ceiling else "  <- over"
        over += len(hits) > ceiling
        print(f"{name:<22} {len(hits):4}  (at most {ceiling}){flag}")
        if args.show and args.show.lower() in name.lower():
            for node, speaker, text in hits:
                print(f"    {node}  {speaker}: {text}")
    print("all within their ceilings" if not over else f"{over} over their ceilings")
    return 0 if not over else 1


if __name__ == "__main__":
    sys.exit(main())
