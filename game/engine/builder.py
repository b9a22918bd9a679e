"""Reading story data of the right shape, with every problem collected as a positioned finding.

The loader's generic half: mappings, texts, ids, flags, conditions and effects (parsed once per
distinct text), the optional `id:` of lines and choices. `game.engine.loader` builds the model
on top of it.
"""

from __future__ import annotations

import re

from game.engine.diagnostics import Diagnostic, Loc, error
from game.engine.expr import ExprError, parse_effects, parse_expression
from game.engine.identity import ID as ID_PATTERN
from game.engine.identity import KeyMaker
from game.engine.model import Character
from game.engine.source import YMap

ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ShapeReader:
    """Collects findings while reading values of the right shape out of positioned YAML data."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.types: dict[str, str] = {}
        self.characters: dict[str, Character] = {}
        self._parsed: dict[tuple[str, str], object] = {}  # stories repeat conditions a lot
        self.calls: list[tuple[object, Loc]] = []  # expressions with visits()/seen(), where each is written
        self.keys = KeyMaker()  # identities of the node being read
        self.ids: dict[str, Loc] = {}  # written ids of the node being read

    def err(self, loc: Loc, message: str, code: str) -> None:
        self.diagnostics.append(error(loc, message, code))

    # --- generic shape helpers -------------------------------------------------
    def mapping(self, value, loc: Loc, what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.err(loc, f"{what} must be a mapping (key: value), not {kind_of(value)}", "type")
        return None

    def unknown_keys(self, data: YMap, allowed: set[str], what: str) -> None:
        for key in data:
            if key not in allowed:
                hint = suggest(key, allowed)
                self.err(data.key_locs[key], f"unknown key '{key}' in {what}{hint}", "unknown-key")

    def text(self, data: YMap, key: str, what: str, required: bool = True, empty_ok: bool = False) -> str | None:
        if key not in data:
            if required:
                self.err(data.loc, f"{what} needs '{key}'", "missing-key")
            return None
        value = data[key]
        if not isinstance(value, str):
            self.err(data.value_locs[key], f"'{key}' of {what} must be text, not {kind_of(value)}", "type")
            return None
        if not value.strip() and not empty_ok:
            self.err(data.value_locs[key], f"'{key}' of {what} is empty", "type")
            return None
        return value

    def ident(self, data: YMap, key: str, what: str, required: bool = True, pattern=ID) -> str | None:
        value = self.text(data, key, what, required)
        if value is not None and not pattern.match(value):
            self.err(data.value_locs[key], f"'{value}' is not a valid id for '{key}' (letters, digits, _)", "bad-id")
            return None
        return value

    def flag(self, data: YMap, key: str, what: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.err(data.value_locs[key], f"'{key}' of {what} must be true or false, not {kind_of(value)}", "type")
            return False
        return value

    def cond(self, data: YMap, key: str = "if"):
        if key not in data:
            return None
        loc = data.value_locs[key]
        source = data[key]
        if isinstance(source, bool):
            source = "true" if source else "false"
        if not isinstance(source, str):
            self.err(loc, f"'{key}' must be a condition written as text, not {kind_of(source)}", "type")
            return None
        return self._parse("if", source, loc, parse_expression, "in condition")

    def effects(self, data: YMap, key: str = "set"):
        if key not in data:
            return None
        loc = data.value_locs[key]
        source = data[key]
        if not isinstance(source, str):
            self.err(loc, f"'{key}' must be effects written as text, not {kind_of(source)}", "type")
            return None
        return self._parse("set", source, loc, parse_effects, "in effect")

    def _parse(self, kind: str, source: str, loc: Loc, parse, what: str):
        cached = self._parsed.get((kind, source))
        if cached is None:
            try:
                cached = parse(source, self.types)
            except ExprError as exc:
                cached = exc
            self._parsed[(kind, source)] = cached
        if isinstance(cached, ExprError):
            self.err(loc.shifted(cached.offset), f"{what}: {cached.message}", "expression")
            return None
        if cached.calls:
            self.calls.append((cached, loc))
        return cached

    def written_id(self, data: YMap, node_id: str) -> str | None:
        """The optional `id:` of a line or choice: [a-z0-9_]+, unique within its node."""
        if "id" not in data:
            return None
        value, loc = data["id"], data.value_locs["id"]
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.err(loc, f"'id' must be lower-case letters, digits and _ (like fair_echo), not {value!r}", "bad-id")
            return None
        first = self.ids.get(value)
        if first is not None:
            self.err(loc, f"id '{value}' is used twice in node '{node_id}' (first at line {first.line})", "duplicate-id")
            return None
        self.ids[value] = loc
        return value


def kind_of(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def suggest(word: str, options: set[str], cutoff: float = 0.75) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""
