"""The story's small expression language, parsed once and checked, then run as closures.

Grammar (Python-like): names of declared variables, integers, true/false, `not`, `and`,
`or`, comparisons (chainable), `+`, `-`, parentheses, and (format 2) `visits(NODE)` and
`seen(NODE)`. Effects: `name = e`, `name += e`, `name -= e`, joined by `;`. Nothing here
ever reaches eval/exec: text becomes a tree of closures over a variables dict, and anything
outside the grammar is an ExprError.

`visits(N)` and `seen(N)` read hidden variables the loader makes (see `hidden_name`); the
parser notes each call (`Expr.calls`) so the loader can check the node exists and bound the
counter: a visit count may only be compared with a whole number, and the largest such
number (`Expr.limits`) tells how far the counter needs to count.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

INT, BOOL = "int", "bool"
KEYWORDS = {"and", "or", "not", "true", "false", "True", "False"}
MAX_LENGTH = 2000
MAX_DEPTH = 40  # nesting levels; each costs ~10 Python frames while parsing

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>==|!=|<=|>=|\+=|-=|[<>=+\-();]))"
)


CALLS = {"visits": "int", "seen": "bool"}


def hidden_name(func: str, node: str) -> str:
    """The hidden variable behind `visits(node)` / `seen(node)`: never a valid declared name."""
    return f"{func}({node})"


class ExprError(Exception):
    """A problem in expression text; `offset` is the 0-based column inside that text."""

    def __init__(self, message: str, offset: int = 0):
        self.message = message
        self.offset = offset
        super().__init__(message)


@dataclass(frozen=True)
class Expr:
    source: str
    type: str
    names: frozenset[str]
    run: Callable[[Mapping[str, int | bool]], int | bool]
    calls: tuple[tuple[str, str, int], ...] = ()  # (function, node, offset of the node name)
    limits: tuple[tuple[str, int], ...] = ()  # (node, largest number its visit count is compared with)

    def __call__(self, env: Mapping[str, int | bool]) -> int | bool:
        return self.run(env)


@dataclass(frozen=True)
class Assignment:
    target: str
    op: str  # "=", "+=", "-="
    value: Expr


@dataclass(frozen=True)
class Effects:
    source: str
    assignments: tuple[Assignment, ...]

    @property
    def reads(self) -> frozenset[str]:
        out: set[str] = set()
        for a in self.assignments:
            out |= a.value.names
            if a.op != "=":
                out.add(a.target)
        return frozenset(out)

    @property
    def writes(self) -> frozenset[str]:
        return frozenset(a.target for a in self.assignments)

    @property
    def calls(self) -> tuple[tuple[str, str, int], ...]:
        return tuple(c for a in self.assignments for c in a.value.calls)

    @property
    def limits(self) -> tuple[tuple[str, int], ...]:
        return tuple(x for a in self.assignments for x in a.value.limits)

    def apply(self, env: dict[str, int | bool], clamp: Callable[[str, int | bool], int | bool]) -> None:
        for a in self.assignments:
            value = a.value.run(env)
            if a.op == "+=":
                value = env[a.target] + value
            elif a.op == "-=":
                value = env[a.target] - value
            env[a.target] = clamp(a.target, value)


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression is too long ({len(text)} characters)")
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    end = len(text.rstrip())
    while pos < end:
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            start = pos + (len(text[pos:]) - len(text[pos:].lstrip()))
            raise ExprError(f"unexpected character {text[start]!r}", start)
        kind = m.lastgroup
        tokens.append((kind, m.group(kind), m.start(kind)))
        pos = m.end()
    tokens.append(("end", "", len(text)))
    return tokens


_CMP = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_TYPE_WORD = {INT: "a number", BOOL: "true/false"}


class _Parser:
    def __init__(self, text: str, types: Mapping[str, str]):
        self.text = text
        self.types = types
        self.tokens = _tokenize(text)
        self.i = 0
        self.depth = 0
        self.names: set[str] = set()
        self.calls: list[tuple[str, str, int]] = []
        self.limits: dict[str, int] = {}
        self.compared: set[int] = set()  # offsets of visits() calls compared with a number

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect_end(self) -> None:
        kind, value, offset = self.peek()
        if kind != "end":
            raise ExprError(f"unexpected {value!r}", offset)

    def fail_here(self, what: str) -> ExprError:
        kind, value, offset = self.peek()
        found = "the end" if kind == "end" else repr(value)
        return ExprError(f"expected {what}, found {found}", offset)

    def _deeper(self) -> int:
        """Count one more level of nesting (parentheses, `not`, `-`); the offset of what follows."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError("expression is nested too deeply", self.peek()[2])
        return self.peek()[2]

    # expression := or
    def expression(self) -> tuple[str, Callable]:
        self._deeper()
        typ_fn = self.or_expr()
        self.depth -= 1
        return typ_fn

    def _logical(self, word: str, sub: Callable[[], tuple[str, Callable]]) -> tuple[str, Callable]:
        start = self.peek()[2]
        typ, fn = sub()
        parts = [fn]
        while self.peek() == ("name", word, self.peek()[2]):
            self.take()
            self._need(typ, BOOL, word, start)
            right = self.peek()[2]
            rtyp, rfn = sub()
            self._need(rtyp, BOOL, word, right)
            parts.append(rfn)
        if len(parts) == 1:
            return typ, fn
        if word == "and":
            return BOOL, lambda env, ps=tuple(parts): all(p(env) for p in ps)
        return BOOL, lambda env, ps=tuple(parts): any(p(env) for p in ps)

    def or_expr(self):
        return self._logical("or", self.and_expr)

    def and_expr(self):
        return self._logical("and", self.not_expr)

    def not_expr(self):
        kind, value, offset = self.peek()
        if kind == "name" and value == "not":
            self.take()
            right = self._deeper()
            typ, fn = self.not_expr()
            self.depth -= 1
            self._need(typ, BOOL, "not", right)
            return BOOL, lambda env: not fn(env)
        return self.comparison()

    def comparison(self):
        start = self.peek()[2]
        first = self.i
        typ, fn = self.sum()
        shape = self._shape(first)
        pairs = []
        while self.peek()[0] == "op" and self.peek()[1] in _CMP:
            _, op, offset = self.take()
            right = self.peek()[2]
            first = self.i
            rtyp, rfn = self.sum()
            rshape = self._shape(first)
            self._note_limit(shape, rshape)
            shape = rshape
            if op in ("==", "!="):
                if rtyp != typ:
                    raise ExprError(f"'{op}' compares {_TYPE_WORD[typ]} with {_TYPE_WORD[rtyp]}", offset)
            else:
                self._need(typ, INT, op, start)
                self._need(rtyp, INT, op, right)
            pairs.append((_CMP[op], fn, rfn))
            fn, typ = rfn, rtyp
        if not pairs:
            return typ, fn
        if len(pairs) == 1:
            cmp, a, b = pairs[0]
            return BOOL, lambda env: cmp(a(env), b(env))
        return BOOL, lambda env, ps=tuple(pairs): all(c(a(env), b(env)) for c, a, b in ps)

    def _shape(self, first: int):
        """What the tokens from `first` to here were: ("visits", node, offset), ("num", n), or None."""
        toks = self.tokens[first:self.i]
        words = [t[1] for t in toks]
        if len(toks) == 4 and words[0] == "visits" and words[1] == "(" and words[3] == ")":
            return ("visits", words[2], toks[2][2])
        if len(toks) == 1 and toks[0][0] == "num":
            return ("num", int(words[0]))
        if len(toks) == 2 and words[0] == "-" and toks[1][0] == "num":
            return ("num", -int(words[1]))
        return None

    def _note_limit(self, a, b) -> None:
        for x, y in ((a, b), (b, a)):
            if x is not None and y is not None and x[0] == "visits" and y[0] == "num":
                self.compared.add(x[2])
                self.limits[x[1]] = max(self.limits.get(x[1], 0), y[1])

    def check_calls(self) -> None:
        for func, node, offset in self.calls:
            if func == "visits" and offset not in self.compared:
                raise ExprError(f"visits({node}) can only be compared with a whole number, like visits({node}) >= 2", offset)

    def sum(self):
        """`a + b - c ...` as one flat list of terms, summed in a loop: a chain of any length the
        length limit allows runs without nesting closures (so without exhausting the stack)."""
        start = self.peek()[2]
        typ, fn = self.unary()
        terms: list[tuple[int, Callable]] = []
        while self.peek()[0] == "op" and self.peek()[1] in ("+", "-"):
            _, op, offset = self.take()
            self._need(typ, INT, op, start)
            right = self.peek()[2]
            rtyp, rfn = self.unary()
            self._need(rtyp, INT, op, right)
            terms.append((1 if op == "+" else -1, rfn))
        if not terms:
            return typ, fn
        if len(terms) == 1:
            sign, rfn = terms[0]
            return INT, _binary(operator.add if sign > 0 else operator.sub, fn, rfn)
        return INT, _chain(fn, tuple(terms))

    def unary(self):
        kind, value, offset = self.peek()
        if kind == "op" and value == "-":
            self.take()
            right = self._deeper()
            typ, fn = self.unary()
            self.depth -= 1
            self._need(typ, INT, "-", right)
            return INT, lambda env: -fn(env)
        return self.atom()

    def atom(self):
        kind, value, offset = self.take()
        if kind == "num":
            if len(value) > 9:
                raise ExprError("number is too large", offset)
            n = int(value)
            return INT, lambda env: n
        if kind == "name":
            if value in ("true", "True"):
                return BOOL, lambda env: True
            if value in ("false", "False"):
                return BOOL, lambda env: False
            if value in KEYWORDS:
                raise ExprError(f"'{value}' needs something before it", offset)
            if value in CALLS and self.peek()[1] == "(":
                return self.call(value)
            if value not in self.types:
                raise ExprError(f"unknown variable '{value}'", offset)
            self.names.add(value)
            return self.types[value], lambda env: env[value]
        if kind == "op" and value == "(":
            typ, fn = self.expression()
            if self.peek()[1] != ")":
                raise self.fail_here("')'")
            self.take()
            return typ, fn
        self.i -= 1
        raise self.fail_here("a value")

    def call(self, func: str):
        """`visits(NODE)` / `seen(NODE)`: a hidden variable; the node is checked by the loader."""
        self.take()  # "("
        kind, node, offset = self.take()
        if kind != "name" or node in KEYWORDS:
            self.i -= 1
            raise self.fail_here(f"a node id inside {func}()")
        if self.peek()[1] != ")":
            raise self.fail_here("')'")
        self.take()
        name = hidden_name(func, node)
        self.names.add(name)
        self.calls.append((func, node, offset))
        return CALLS[func], lambda env: env[name]

    def _need(self, got: str, want: str, op: str, offset: int) -> None:
        if got != want:
            raise ExprError(f"'{op}' needs {_TYPE_WORD[want]}, not {_TYPE_WORD[got]}", offset)


def _binary(f: Callable, a: Callable, b: Callable) -> Callable:
    return lambda env: f(a(env), b(env))


def _chain(first: Callable, terms: tuple[tuple[int, Callable], ...]) -> Callable:
    def run(env):
        total = first(env)
        for sign, term in terms:
            total = total + term(env) if sign > 0 else total - term(env)
        return total
    return run


def parse_expression(text: str, types: Mapping[str, str], want: str | None = BOOL) -> Expr:
    """Parse a condition (or any expression when `want` is None) over declared variables."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("empty expression")
    p = _Parser(text, types)
    typ, fn = p.expression()
    p.expect_end()
    if want is not None and typ != want:
        raise ExprError(f"this must be {_TYPE_WORD[want]}, not {_TYPE_WORD[typ]}")
    p.check_calls()
    return Expr(text, typ, frozenset(p.names), fn, tuple(p.calls), tuple(sorted(p.limits.items())))


def parse_effects(text: str, types: Mapping[str, str]) -> Effects:
    """Parse `a = e; b += e; c -= e` into checked assignments."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("empty effect")
    p = _Parser(text, types)
    out: list[Assignment] = []
    while True:
        kind, name, offset = p.take()
        if kind != "name" or name in KEYWORDS:
            p.i -= 1
            raise p.fail_here("a variable to set")
        if name not in types:
            raise ExprError(f"unknown variable '{name}'", offset)
        kind, op, op_offset = p.take()
        if op not in ("=", "+=", "-="):
            p.i -= 1
            raise p.fail_here("'=', '+=' or '-='")
        start = p.peek()[2]
        p.names, p.calls, p.limits = set(), [], {}
        typ, fn = p.expression()
        used = frozenset(p.names)
        if op != "=" and types[name] != INT:
            raise ExprError(f"'{op}' needs a number variable; '{name}' is true/false", op_offset)
        if typ != types[name]:
            raise ExprError(f"'{name}' holds {_TYPE_WORD[types[name]]}, this is {_TYPE_WORD[typ]}", start)
        p.check_calls()
        out.append(Assignment(name, op, Expr(text, typ, used, fn, tuple(p.calls), tuple(sorted(p.limits.items())))))
        kind, value, offset = p.peek()
        if kind == "end":
            break
        if value != ";":
            raise ExprError(f"expected ';' between effects, found {value!r}", offset)
        p.take()
        if p.peek()[0] == "end":
            break
    return Effects(text, tuple(out))
