"""Sets of variable vectors as multi-valued decision diagrams (hash-consed, quasi-reduced).

The explorer's sets of game states at a node can hold millions of combinations of variable
values; as a decision diagram they take a few hundred shared nodes, and union, difference,
the image under a per-variable map and counting cost time in the size of the diagram, not of
the set. Level i decides variable i; every path from the root to `TRUE` names one vector.

Ids: 0 is the empty set, 1 the set holding the empty vector (below the last level). A node
is (level, ((value, child), ...)) with values sorted and no empty child, stored once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

EMPTY, TRUE = 0, 1


class MDD:
    def __init__(self, levels: int):
        self.levels = levels
        self.level: list[int] = [levels, levels]
        self.kids: list[tuple] = [(), ()]
        self.kmap: list[dict] = [{}, {}]  # the same children as a dict, for lookups
        self._unique: dict[tuple, int] = {}
        self._union: dict[tuple[int, int], int] = {}
        self._diff: dict[tuple[int, int], int] = {}
        self._inter: dict[tuple[int, int], int] = {}
        self._count: dict[int, int] = {EMPTY: 0, TRUE: 1}
        self._image: dict[tuple[int, int], int] = {}
        self._pre: dict[tuple[int, int, int], int] = {}
        self._restrict: dict[tuple[int, int, object], int] = {}
        self._values: dict[tuple[int, int], frozenset] = {}
        self._maps: list[tuple[Sequence[Mapping | None], int]] = []

    @property
    def size(self) -> int:
        return len(self.level)

    def make(self, level: int, kids: tuple) -> int:
        if not kids:
            return EMPTY
        key = (level, kids)
        node = self._unique.get(key)
        if node is None:
            node = len(self.level)
            self.level.append(level)
            self.kids.append(kids)
            self.kmap.append(dict(kids))
            self._unique[key] = node
        return node

    def vector(self, values: Sequence) -> int:
        node = TRUE
        for level in range(len(values) - 1, -1, -1):
            node = self.make(level, ((values[level], node),))
        return node

    # --- set algebra -----------------------------------------------------------------
    def union(self, a: int, b: int) -> int:
        if a == EMPTY or a == b:
            return b
        if b == EMPTY:
            return a
        if a > b:
            a, b = b, a
        key = (a, b)
        out = self._union.get(key)
        if out is None:
            merged = dict(self.kmap[a])
            for v, c in self.kids[b]:
                have = merged.get(v)
                merged[v] = c if have is None else self.union(have, c)
            out = self.make(self.level[a], tuple(sorted(merged.items())))
            self._union[key] = out
        return out

    def diff(self, a: int, b: int) -> int:
        if a == EMPTY or a == b:
            return EMPTY
        if b == EMPTY:
            return a
        key = (a, b)
        out = self._diff.get(key)
        if out is None:
            other = self.kmap[b]
            kids = []
            for v, c in self.kids[a]:
                cb = other.get(v)
                if cb is not None:
                    c = self.diff(c, cb)
                if c != EMPTY:
                    kids.append((v, c))
            out = self.make(self.level[a], tuple(kids))
            self._diff[key] = out
        return out

    def inter(self, a: int, b: int) -> int:
        if a == EMPTY or b == EMPTY:
            return EMPTY
        if a == b:
            return a
        if a > b:
            a, b = b, a
        key = (a, b)
        out = self._inter.get(key)
        if out is None:
            other = self.kmap[b]
            kids = []
            for v, c in self.kids[a]:
                cb = other.get(v)
                if cb is not None:
                    c = self.inter(c, cb)
                    if c != EMPTY:
                        kids.append((v, c))
            out = self.make(self.level[a], tuple(kids))
            self._inter[key] = out
        return out

    def count(self, a: int) -> int:
        out = self._count.get(a)
        if out is None:
            out = sum(self.count(c) for _, c in self.kids[a])
            self._count[a] = out
        return out

    def contains(self, a: int, values: Sequence) -> bool:
        for v in values:
            if a == EMPTY:
                return False
            a = self.kmap[a].get(v, EMPTY)
        return a == TRUE

    def pick(self, a: int) -> tuple | None:
        """One vector of the set (the smallest value at every level), or None if empty."""
        if a == EMPTY:
            return None
        out = []
        while a != TRUE:
            v, a = self.kids[a][0]
            out.append(v)
        return tuple(out)

    def values(self, a: int, level: int) -> frozenset:
        """The values that level `level` takes among the vectors of `a`."""
        if a == EMPTY:
            return frozenset()
        key = (a, level)
        out = self._values.get(key)
        if out is None:
            if self.level[a] == level:
                out = frozenset(v for v, _ in self.kids[a])
            else:
                out = frozenset().union(*(self.values(c, level) for _, c in self.kids[a]))
            self._values[key] = out
        return out

    def level_values(self, roots) -> list[set]:
        """For every level, the values it takes in the union of the sets `roots` (one pass)."""
        out: list[set] = [set() for _ in range(self.levels)]
        seen: set[int] = set()
        todo = [r for r in roots if r > TRUE]
        while todo:
            a = todo.pop()
            if a in seen:
                continue
            seen.add(a)
            kmap = self.kmap[a]
            out[self.level[a]].update(kmap)
            todo.extend(c for c in kmap.values() if c > TRUE and c not in seen)
        return out

    def restrict(self, a: int, level: int, values: frozenset) -> int:
        """The vectors of `a` whose level `level` is one of `values`."""
        if a == EMPTY:
            return EMPTY
        key = (a, level, values)
        out = self._restrict.get(key)
        if out is None:
            if self.level[a] == level:
                kids = tuple((v, c) for v, c in self.kids[a] if v in values)
            else:
                kids = tuple((v, r) for v, c in self.kids[a] if (r := self.restrict(c, level, values)) != EMPTY)
            out = self.make(self.level[a], kids)
            self._restrict[key] = out
        return out

    # --- per-variable maps -------------------------------------------------------------
    def register(self, maps: Sequence[Mapping | None]) -> int:
        """Register a map (per level: a dict old value -> new value, or None to keep it)."""
        deepest = max((i for i, m in enumerate(maps) if m is not None), default=-1)
        self._maps.append((tuple(maps), deepest))
        return len(self._maps) - 1

    def maps(self, fid: int) -> tuple:
        return self._maps[fid][0]

    def image(self, a: int, fid: int) -> int:
        """{F(s) : s in a} for the registered per-variable map F."""
        if a <= TRUE:
            return a
        maps, deepest = self._maps[fid]
        return self._image_rec(a, fid, maps, deepest)

    def _image_rec(self, a: int, fid: int, maps, deepest: int) -> int:
        level = self.level[a]
        if level > deepest:
            return a
        key = (a, fid)
        out = self._image.get(key)
        if out is not None:
            return out
        f = maps[level]
        if f is None:
            kids = tuple((v, self._image_rec(c, fid, maps, deepest)) for v, c in self.kids[a])
        else:
            grouped: dict = {}
            for v, c in self.kids[a]:
                w = f[v]
                img = self._image_rec(c, fid, maps, deepest)
                have = grouped.get(w)
                grouped[w] = img if have is None else self.union(have, img)
            kids = tuple(sorted(grouped.items()))
        out = self.make(level, kids)
        self._image[key] = out
        return out

    def preimage_in(self, a: int, b: int, fid: int) -> int:
        """{s in a : F(s) in b}."""
        if a == EMPTY or b == EMPTY:
            return EMPTY
        if a == TRUE:
            return TRUE
        maps, deepest = self._maps[fid]
        if self.level[a] > deepest:  # the map keeps everything from here down
            return self.inter(a, b)
        key = (a, b, fid)
        out = self._pre.get(key)
        if out is None:
            f = maps[self.level[a]]
            other = self.kmap[b]
            kids = []
            for v, c in self.kids[a]:
                cb = other.get(v if f is None else f[v])
                if cb is not None:
                    r = self.preimage_in(c, cb, fid)
                    if r != EMPTY:
                        kids.append((v, r))
            out = self.make(self.level[a], tuple(kids))
            self._pre[key] = out
        return out
