"""The validated story (and its findings) as plain JSON data and back, generically.

Planned from the model's dataclasses and their type hints, so a field added to the model is
covered without touching this file, and a field of a kind not covered here is refused when
the codec is planned (the tests plan every class). The data is a table per class, one column
per public field (fields named `_...` are derived in `__post_init__`), one row per object;
objects refer to each other by row number, and text fields to a string table that holds each
distinct string once (file paths, speakers and ids repeat thousands of times; read back, they
are one object each in memory too). Reading checks whole columns at once (the kinds
of their values, row numbers in range, lists of the right length) and builds each table's
objects in one pass, so reading a 10,000-node story takes a fraction of building it.
Expressions are kept as their source text and compiled again, by the same parser and checks
the loader uses, once per distinct text.

Anything that does not fit raises CodecError and the caller builds the story afresh: a
damaged, foreign or stale artifact is never half-trusted. Nothing here evaluates data.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from itertools import chain, islice
from pathlib import Path
from typing import Any

from game.engine.diagnostics import Diagnostic
from game.engine.expr import BOOL, INT, Assignment, Effects, Expr, ExprError, parse_effects, parse_expression
from game.engine.lowering import once_parts, once_test
from game.engine.model import Story

_NONE = type(None)


class CodecError(ValueError):
    """Data that is not a story this code wrote (damaged, foreign, or from other code)."""


class _Writer:
    def __init__(self) -> None:
        self.strings: list[str] = []
        self.string_at: dict[str, int] = {}
        self.tables: dict[type, list[list]] = {}
        self.rows: dict[Any, int] = {}  # id(object) or a record's value: its row
        self.checked: set = set()  # recipes already made again and compared
        self.recipes: dict[int, list] = {}  # id(expression): its recipe
        self.keep: list = []
        self.var_types: dict[str, str] = {}


class _Reader:
    def __init__(self, strings: list[str], tables: dict, var_types: dict[str, str]):
        self.strings, self.tables, self.var_types = strings, tables, var_types
        self.built: dict[type, list] = {}
        self.compiled: dict = {}  # recipe (as a key): the expression made from it


def _kinds(column: list, allowed: tuple, what: str) -> None:
    """Every value of the column is of one of the allowed kinds (exactly: no bool for int)."""
    if not set(map(type, column)) <= set(allowed):
        raise CodecError(f"{what} holds a value of the wrong kind")


# --- a field's kind: how one value is written, and how a whole column of them is read -------
class _Field:
    def write(self, value: Any, w: _Writer) -> Any:
        return value

    def read(self, column: list, r: _Reader) -> list:
        raise NotImplementedError

    def needs(self) -> list[type]:
        return []  # the classes whose tables must be read first


class _Scalar(_Field):
    def __init__(self, allowed: tuple):
        self.allowed = allowed

    def read(self, column, r):
        _kinds(column, self.allowed, "a column")
        return column


class _Text(_Field):
    """A text field, written as its index in the string table."""

    def __init__(self, optional: bool):
        self.optional = optional

    def write(self, value, w):
        if value is None:
            return None
        at = w.string_at.get(value)
        if at is None:
            at = w.string_at[value] = len(w.strings)
            w.strings.append(value)
        return at

    def read(self, column, r):
        return _Ref.lookup(column, r.strings, self.optional, "a text")


class _Path(_Field):
    def __init__(self, optional: bool):
        self.optional = optional

    def write(self, value, w):
        return None if value is None else str(value)

    def read(self, column, r):
        _kinds(column, (str, _NONE) if self.optional else (str,), "a path column")
        return [None if v is None else Path(v) for v in column]


class _Expression(_Field):
    """An Expr or Effects, written as the recipe that makes it again (see `_recipe`)."""

    def __init__(self, optional: bool):
        self.optional = optional

    def write(self, value, w):
        if value is None:
            return None
        recipe = w.recipes.get(id(value))  # the loader shares one object per distinct text
        if recipe is not None:
            return recipe
        recipe = w.recipes[id(value)] = _recipe(value, w.var_types)
        w.keep.append(value)  # its id stays its own while the writer runs
        key = _key(recipe)
        if key not in w.checked:  # made again, it must be what the loader built
            if _shape(_make(recipe, w.var_types)) != _shape(value):
                raise TypeError(f"expression {value.source!r} is not made again the same from {recipe!r}")
            w.checked.add(key)
        return recipe

    def read(self, column, r):
        _kinds(column, (list, _NONE) if self.optional else (list,), "an expression column")
        out = []
        for recipe in column:
            if recipe is None:
                out.append(None)
                continue
            key = _key(recipe)
            found = r.compiled.get(key)
            if found is None:
                found = r.compiled[key] = _make(recipe, r.var_types)
            out.append(found)
        return out


def _key(recipe: Any) -> Any:
    """A recipe as a dictionary key."""
    return tuple(map(_key, recipe)) if type(recipe) is list else recipe


def _recipe(value: Any, var_types: Mapping[str, str]) -> list:
    """How to make an expression again, by the loader's own functions:

    ["if", source, type]        parse_expression (a condition or a value as written)
    ["once", flag, source|null] lowering.once_test over the choice's own condition
    ["set", source, [[target, op, value source, value type], ...], parsed]
                                assignments the loader put first (a once flag, a visit count),
                                then, if `parsed`, parse_effects(source)'s own
    """
    if isinstance(value, Effects):
        try:
            tail = parse_effects(value.source, var_types).assignments
        except ExprError:
            tail = ()
        n, k = len(value.assignments), len(tail)
        parsed = 0 < k <= n and [_shape(a) for a in value.assignments[n - k:]] == [_shape(a) for a in tail]
        first = value.assignments[: n - k] if parsed else value.assignments
        return ["set", value.source, [[a.target, a.op, a.value.source, a.value.type] for a in first], parsed]
    try:
        if _shape(parse_expression(value.source, var_types, value.type)) == _shape(value):
            return ["if", value.source, value.type]
    except ExprError:
        pass
    parts = once_parts(value)
    if parts is not None:
        return ["once", *parts]
    raise TypeError(f"no recipe makes the expression {value.source!r} again")


def _make(recipe: Any, var_types: Mapping[str, str]) -> Any:
    """The expression a recipe describes, checked against the story's variables; CodecError if
    the recipe is malformed, names an unknown variable or does not compile."""
    try:
        kind = recipe[0]
        if kind == "if" and len(recipe) == 3 and type(recipe[1]) is str and recipe[2] in (INT, BOOL):
            return parse_expression(recipe[1], var_types, recipe[2])
        if kind == "once" and len(recipe) == 3 and type(recipe[1]) is str and type(recipe[2]) in (str, _NONE):
            if var_types.get(recipe[1]) != BOOL:
                raise CodecError(f"once flag {recipe[1]!r} is not a true/false variable")
            return once_test(recipe[1], None if recipe[2] is None else parse_expression(recipe[2], var_types))
        if kind == "set" and len(recipe) == 4 and type(recipe[1]) is str and type(recipe[2]) is list and type(recipe[3]) is bool:
            first = [_assignment(a, var_types) for a in recipe[2]]
            rest = parse_effects(recipe[1], var_types).assignments if recipe[3] else ()
            return Effects(recipe[1], (*first, *rest))
    except ExprError as exc:
        raise CodecError(f"an expression no longer compiles: {exc.message}") from None
    except (IndexError, TypeError):
        pass
    raise CodecError("an expression recipe is malformed")


def _assignment(data: Any, var_types: Mapping[str, str]) -> Assignment:
    if type(data) is not list or len(data) != 4 or data[1] not in ("=", "+=", "-="):
        raise CodecError("an assignment is not [target, op, source, type]")
    target, op, source, want = data
    if type(target) is not str or var_types.get(target) != want or (op != "=" and want != INT):
        raise CodecError(f"an assignment to {target!r} does not fit its variable")
    return Assignment(target, op, parse_expression(source, var_types, want))


def _shape(value: Any) -> Any:
    """An expression without its compiled functions, to compare two makings of it."""
    if isinstance(value, Effects):
        return value.source, tuple(_shape(a) for a in value.assignments)
    if isinstance(value, Assignment):
        return value.target, value.op, _shape(value.value)
    return tuple(getattr(value, f.name) for f in dataclasses.fields(value) if f.name != "run")


class _Ref(_Field):
    """An object of a planned class, written as its row in that class's table."""

    def __init__(self, cls: type, optional: bool):
        self.cls, self.optional = cls, optional

    def write(self, value, w):
        return None if value is None else _row(value, w)

    def read(self, column, r):
        return self.lookup(column, r.built[self.cls], self.optional, f"a {self.cls.__name__}")

    @staticmethod
    def lookup(column: list, rows: list, optional: bool, what: str) -> list:
        """The rows these numbers name, every number checked to be in range."""
        _kinds(column, (int, _NONE) if optional else (int,), f"{what} column")
        numbers = [v for v in column if v is not None] if optional else column
        if numbers and (min(numbers) < 0 or max(numbers) >= len(rows)):
            raise CodecError(f"{what} row is out of range")
        return [None if v is None else rows[v] for v in column] if optional else list(map(rows.__getitem__, column))

    def needs(self):
        return [self.cls]


class _Sequence(_Field):
    """tuple[X, ...], written as a list; read as one flat column of X, then cut back up."""

    def __init__(self, item: _Field):
        self.item = item

    def write(self, value, w):
        return [self.item.write(v, w) for v in value]

    def read(self, column, r):
        _kinds(column, (list,), "a sequence column")
        flat = iter(self.item.read(list(chain.from_iterable(column)), r))
        return [tuple(islice(flat, n)) for n in map(len, column)]

    def needs(self):
        return self.item.needs()


class _Mapping(_Field):
    """Mapping[str, X], written as [keys, values] (the story's few mappings)."""

    def __init__(self, item: _Field):
        self.item = item

    def write(self, value, w):
        return [list(value), [self.item.write(v, w) for v in value.values()]]

    def read(self, column, r):
        out = []
        for v in column:
            if type(v) is not list or len(v) != 2 or type(v[0]) is not list or type(v[1]) is not list or len(v[0]) != len(v[1]):
                raise CodecError("a mapping is not [keys, values]")
            _kinds(v[0], (str,), "a mapping's keys")
            out.append(dict(zip(v[0], self.item.read(v[1], r))))
        return out

    def needs(self):
        return self.item.needs()


def field_for(hint: Any) -> _Field:
    """How a value of this type hint is kept; TypeError for a kind not covered."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    optional = origin in (typing.Union, types.UnionType) and _NONE in args
    rest = [a for a in args if a is not _NONE] if origin in (typing.Union, types.UnionType) else [hint]
    if rest == [str]:
        return _Text(optional)
    if all(a in (str, int, bool) for a in rest):
        return _Scalar(tuple(rest) + ((_NONE,) if optional else ()))
    if len(rest) != 1:
        raise TypeError(f"the compiled story cannot hold a value of type {hint!r}")
    one = rest[0]
    if one is Path:
        return _Path(optional)
    if one in (Expr, Effects):
        return _Expression(optional)
    if planned(one):
        return _Ref(one, optional)
    if optional:
        raise TypeError(f"the compiled story cannot hold a value of type {hint!r}")
    origin, args = typing.get_origin(one), typing.get_args(one)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _Sequence(field_for(args[0]))
    if origin in (Mapping, dict) and args and args[0] is str:
        return _Mapping(field_for(args[1]))
    raise TypeError(f"the compiled story cannot hold a value of type {hint!r}")


# --- a class's table ---------------------------------------------------------------------------
_tables: dict[type, tuple[list[str], list[_Field], Callable[[list], list]]] = {}


def planned(cls: Any) -> bool:
    """Whether `cls` is kept as a table (a dataclass or a NamedTuple), planning it if so."""
    if not isinstance(cls, type):
        return False
    if cls in _tables:
        return True
    if dataclasses.is_dataclass(cls):
        names = [f.name for f in dataclasses.fields(cls) if not f.name.startswith("_")]
        plain = not hasattr(cls, "__post_init__") and "__slots__" not in vars(cls) and all(
            f.init for f in dataclasses.fields(cls))
        build = _plain_builder(cls, names) if plain else (lambda rows: [cls(**dict(zip(names, row))) for row in rows])
    elif issubclass(cls, tuple) and hasattr(cls, "_fields"):
        names = list(cls._fields)
        build = lambda rows: list(map(tuple.__new__, [cls] * len(rows), rows))  # noqa: E731
    else:
        return False
    _tables[cls] = (names, [], build)
    hints = typing.get_type_hints(cls)  # resolved in the class's own module
    _tables[cls][1].extend(field_for(hints[name]) for name in names)
    return True


def _plain_builder(cls: type, names: list[str]) -> Callable[[list], list]:
    def build(rows: list) -> list:  # a frozen record without checks: skip __init__'s per-field setattr
        out = []
        for row in rows:
            obj = object.__new__(cls)
            obj.__dict__.update(zip(names, row))
            out.append(obj)
        return out

    return build


def _row(value: Any, w: _Writer) -> int:
    cls = type(value)
    key = (cls, value) if isinstance(value, tuple) else id(value)
    at = w.rows.get(key)
    if at is None:
        if not planned(cls):
            raise TypeError(f"the compiled story cannot hold a {cls.__name__}")
        names, fields, _ = _tables[cls]
        table = w.tables.get(cls)
        if table is None:
            table = w.tables[cls] = [[] for _ in names]
        at = len(table[0]) if table else 0
        for column, name, f in zip(table, names, fields):
            cell = getattr(value, name)
            column.append(cell if type(f) is _Scalar else f.write(cell, w))  # scalars are written as they are
        w.rows[key] = at
    return at


def _order(roots: list[type]) -> list[type]:
    """Every class reachable from `roots`, each after the classes its fields refer to."""
    out: list[type] = []

    def visit(cls: type) -> None:
        if cls in out:
            return
        for f in _tables[cls][1]:
            for needed in f.needs():
                visit(needed)
        out.append(cls)

    for cls in roots:
        planned(cls)
        visit(cls)
    return out


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


ROOTS = [Story, Diagnostic]


def schema() -> dict[str, list[str]]:
    """The field layout of every class kept: data written with another layout is refused."""
    return {_name(cls): _tables[cls][0] for cls in _order(ROOTS)}


def encode(story: Story | None, findings: list[Diagnostic]) -> dict[str, Any]:
    """The story and findings as JSON-ready data (TypeError if the model holds something unknown)."""
    w = _Writer()
    w.var_types = story.var_types() if story is not None else {}
    root = None if story is None else _row(story, w)
    found = [_row(d, w) for d in findings]
    tables = {_name(cls): w.tables.get(cls, [[] for _ in _tables[cls][0]]) for cls in _order(ROOTS)}
    return {"schema": schema(), "types": w.var_types, "strings": w.strings, "tables": tables, "story": root,
            "findings": found}


def decode(data: Any) -> tuple[Story | None, list[Diagnostic]]:
    """What `encode` wrote, rebuilt and checked; CodecError for anything else."""
    if not isinstance(data, dict) or data.get("schema") != schema():
        raise CodecError("not a compiled story of this model's layout")
    strings, tables, var_types = data.get("strings"), data.get("tables"), data.get("types")
    if type(strings) is not list or type(tables) is not dict or type(var_types) is not dict:
        raise CodecError("no string table or tables")
    _kinds(strings, (str,), "the string table")
    _kinds(list(var_types.values()), (str,), "the variable types")
    r = _Reader(strings, tables, var_types)
    try:
        for cls in _order(ROOTS):
            r.built[cls] = _read_table(cls, tables.get(_name(cls)), r)
        story = _Ref(Story, True).read([data.get("story")], r)[0]
        findings = _Ref(Diagnostic, False).read(data.get("findings"), r)
    except CodecError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError) as exc:  # a constructor refusing a value
        raise CodecError(f"a value does not fit the model: {exc}") from None
    if story is not None and story.var_types() != var_types:
        raise CodecError("the variables do not match their types")
    return story, findings


def _read_table(cls: type, table: Any, r: _Reader) -> list:
    names, fields, build = _tables[cls]
    if type(table) is not list or len(table) != len(names) or not all(type(c) is list for c in table):
        raise CodecError(f"the {cls.__name__} table is not {len(names)} columns")
    if len({len(c) for c in table}) > 1:
        raise CodecError(f"the {cls.__name__} table's columns differ in length")
    columns = [f.read(c, r) for f, c in zip(fields, table)]
    return build(list(zip(*columns))) if columns and columns[0] else []
