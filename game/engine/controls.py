"""Control characters in text that reaches a terminal, shown instead of obeyed.

A story or translation may carry `ESC]0;...` (retitles the terminal) or `ESC[2J` (clears
it) through YAML's or gettext's escapes. Wherever such text is printed (the terminal player,
every diagnostic line) C0 and C1 controls other than newline and tab are written as `\\x1b`;
lint warns about them in story text, since the window would draw them as boxes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from game.engine.diagnostics import Diagnostic, Loc, warning

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """`text` with every control character but newline and tab written as `\\xNN`."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text) if CONTROL.search(text) else text


def _texts(story) -> Iterator[tuple[str, Loc, str]]:
    yield story.title, story.start_loc or Loc(str(story.manifest)), "the story title"
    for c in story.characters.values():
        yield c.name, c.loc, f"the name of '{c.id}'"
    for e in story.endings.values():
        yield e.title, e.loc, f"the title of ending '{e.id}'"
        yield e.summary, e.loc, f"the summary of ending '{e.id}'"
    for chapter in story.chapters:
        yield chapter.title, chapter.loc, f"the title of chapter '{chapter.id}'"
    for node in story.nodes.values():
        lines = list(node.lines)
        for choice in node.choices:
            yield choice.text, choice.loc, "an option"
            lines += choice.lines
        for line in lines:
            if line.text:
                yield line.text, line.loc, "a line"


def check_control_characters(story) -> list[Diagnostic]:
    """A warning for each story text holding a control character (tab and newline are fine)."""
    out = []
    for text, loc, what in _texts(story):
        found = CONTROL.search(text or "")
        if found:
            out.append(warning(loc, f"{what} holds the control character {escape_controls(found.group(0))}; "
                                    "a terminal would obey it and the window draws it as a box", "control-character"))
    return out
