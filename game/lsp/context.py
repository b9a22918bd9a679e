"""What the cursor is on, read from the text around it: which keys enclose it, and what value
(if any) is being typed. Works on half-written lines that YAML itself cannot parse yet."""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<dashes>(?:-\s+)*)(?P<key>[^\s:#'\"\[\]{},-][^:#]*?)\s*:(?:\s|$)")
_DASH_LINE = re.compile(r"^(?P<indent>\s*)(?P<dashes>(?:-\s*)+)")
_VALUE = re.compile(r"^(?P<head>\s*(?:-\s+)*)(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True)
class Context:
    parents: tuple[str, ...]  # enclosing keys, outermost first
    key: str | None  # the key whose value the cursor is in, on this line
    value: str  # the value's text before the cursor
    at_key: bool  # the cursor is where a key may be typed


def at(lines: list[str], row: int, col: int) -> Context:
    text = lines[row] if row < len(lines) else ""
    before = text[:col]
    m = _VALUE.match(before)
    if m:
        key_col = len(m.group("head"))
        return Context(_parents(lines, row, key_col), m.group("key"), m.group("value"), False)
    dash = _DASH_LINE.match(before)
    key_col = len(dash.group(0)) if dash else len(before) - len(before.lstrip())
    at_key = re.fullmatch(r"\s*(?:-\s+)*[A-Za-z_0-9]*", before) is not None
    return Context(_parents(lines, row, key_col), None, "", at_key)


def _parents(lines: list[str], row: int, key_col: int) -> tuple[str, ...]:
    """The keys above `row` that hold a key written at column `key_col` (YAML block style)."""
    out: list[str] = []
    target = key_col
    for r in range(row - 1, -1, -1):
        text = lines[r]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = _KEY_LINE.match(text)
        dash = _DASH_LINE.match(text)
        indent = len(text) - len(text.lstrip())
        if m:
            col = len(m.group("indent")) + len(m.group("dashes"))
            if col < target:
                out.append(m.group("key").strip("'\""))
                target = indent
            elif col == target and m.group("dashes"):
                target = indent  # another key of the same list item: its list's key is further up
        elif dash and indent < target:
            target = indent
        if target == 0:
            break
    return tuple(reversed(out))
