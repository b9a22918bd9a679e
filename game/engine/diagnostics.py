"""Findings about story files, each tied to a file position, shared by the loader and lint."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import NamedTuple


class Loc(NamedTuple):
    """A position in a source file; line and column count from 1 (a tuple: cheap to make)."""

    path: str
    line: int = 0
    col: int = 0
    inline: bool = True  # the value's text sits one to one from here (not folded, no escapes)

    def shifted(self, cols: int) -> Loc:
        """A column inside the value; where the written text differs from it, the value's start."""
        return Loc(self.path, self.line, self.col + cols) if self.inline else self

    def display(self, relative_to: str | None = None) -> str:
        path = self.path
        try:
            path = os.path.relpath(path, relative_to or os.getcwd())
        except ValueError:
            pass
        # decision: always PATH:LINE:COL so every lint line has one shape; a finding about a
        # whole file (too large, not found) points at its start
        return f"{path}:{self.line or 1}:{self.col or 1}"


@dataclass(frozen=True)
class Diagnostic:
    loc: Loc
    severity: str  # "error" or "warning"
    message: str
    code: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self, relative_to: str | None = None) -> str:
        """`PATH:LINE:COL: severity: message`, control characters shown escaped (never obeyed)."""
        from game.engine.controls import escape_controls

        return escape_controls(f"{self.loc.display(relative_to)}: {self.severity}: {self.message}")


def error(loc: Loc, message: str, code: str = "") -> Diagnostic:
    return Diagnostic(loc, "error", message, code)


def warning(loc: Loc, message: str, code: str = "") -> Diagnostic:
    return Diagnostic(loc, "warning", message, code)


class StoryError(Exception):
    """The story cannot be played; carries every finding so callers can print them all."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        first = diagnostics[0].format() if diagnostics else "story error"
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(first + more)
