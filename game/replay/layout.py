"""The route map's layout: each chapter's scenes in columns so that forks read as forks.

Columns are the longest path from the chapter's first scene (back edges of loops and hubs
ignored), rows are ordered by the mean row of each scene's predecessors, so a fork fans out
and its branches come back together where they rejoin. Each chapter is a band read from
left to right; the bands follow each other from top to bottom, so the whole story fits a
screen or two in each direction. Built once per story; what the player has seen is laid over it (see record.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.model import Node, Story

SCENE, CHOICE, ENDING = "scene", "choice", "ending"


@dataclass(frozen=True)
class MapNode:
    id: str
    chapter: str
    kind: str  # SCENE, CHOICE or ENDING
    band: int  # the chapter's place in the story
    col: int  # column and row inside the chapter's band
    row: int


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    choice: int | None  # the choice's index when the edge is an option, else None
    back: bool  # leads back to an earlier column (a hub or loop)


@dataclass(frozen=True)
class ChapterBand:
    index: int
    id: str
    title: str
    cols: int
    rows: int
    node_ids: tuple[str, ...]


@dataclass(frozen=True)
class RouteMap:
    nodes: dict[str, MapNode]
    edges: tuple[MapEdge, ...]
    chapters: tuple[ChapterBand, ...]

    @property
    def cols(self) -> int:
        return max((c.cols for c in self.chapters), default=0)


def node_kind(node: Node) -> str:
    if node.ending:
        return ENDING
    return CHOICE if node.choices else SCENE


def _links(node: Node) -> list[tuple[str, int | None]]:
    """Where a node can lead, once each: its options (with their index), then the others."""
    seen: set[str] = set()
    out: list[tuple[str, int | None]] = []
    for choice in node.choices:
        target = choice.goto or node.next
        if target and target not in seen:
            seen.add(target)
            out.append((target, choice.index))
    for target, _loc in node.targets():
        if target not in seen:
            seen.add(target)
            out.append((target, None))
    return out


def _columns(ids: list[str], links: dict[str, list[str]]) -> dict[str, int]:
    """Longest-path columns over the chapter's graph with the edges that close cycles removed."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back: set[tuple[str, str]] = set()
    for root in ids:
        if root in state:
            continue
        stack = [(root, iter(links[root]))]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif state.get(nxt) == 1:
                back.add((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(links[nxt])))
    col = dict.fromkeys(ids, 0)
    for node in reversed(order):  # topological order
        for nxt in links[node]:
            if (node, nxt) not in back:
                col[nxt] = max(col[nxt], col[node] + 1)
    return col


def build_map(story: Story) -> RouteMap:
    nodes: dict[str, MapNode] = {}
    edges: list[MapEdge] = []
    bands: list[ChapterBand] = []
    for band, chapter in enumerate(story.chapters):
        ids = list(chapter.node_ids)
        inside = set(ids)
        links = {n: [t for t, _ in _links(story.nodes[n]) if t in inside] for n in ids}
        col = _columns(ids, links)
        by_col: dict[int, list[str]] = {}
        for n in ids:  # file order first: writers put a scene's branches next to each other
            by_col.setdefault(col[n], []).append(n)
        row: dict[str, float] = {}
        preds: dict[str, list[str]] = {n: [] for n in ids}
        for n in ids:
            for t in links[n]:
                if col[t] > col[n]:
                    preds[t].append(n)
        for c in sorted(by_col):
            column = by_col[c]
            if c > 0:
                column.sort(key=lambda n: (sum(row[p] for p in preds[n]) / len(preds[n]) if preds[n] else 0.0))
            for i, n in enumerate(column):
                row[n] = float(i)
        width = max(by_col) + 1 if by_col else 1
        height = max((len(v) for v in by_col.values()), default=1)
        for n in ids:
            nodes[n] = MapNode(n, chapter.id, node_kind(story.nodes[n]), band, col[n], int(row[n]))
        bands.append(ChapterBand(band, chapter.id, chapter.title, width, height, tuple(ids)))
    for n, node in story.nodes.items():
        if n not in nodes:
            continue
        for target, choice in _links(node):
            if target in nodes:
                a, b = nodes[n], nodes[target]
                edges.append(MapEdge(n, target, choice, (b.band, b.col) <= (a.band, a.col)))
    return RouteMap(nodes, tuple(edges), tuple(bands))
