"""`her graph`: the story's branch graph as Graphviz DOT or a Mermaid flowchart.

Nodes are grouped by chapter (DOT clusters, Mermaid subgraphs). Edges:
- a choice: solid, labelled with its shortened text and its condition `[if ...]` (`[once]`);
- `next`: solid, unlabelled (on a node with choices, `next` is where choices without `goto`
  go, and it is drawn once more, dotted, as "no option open" when every choice has a condition);
- a branch arm: dashed, labelled with its condition (`else` for the last one).
Endings are drawn as a distinct shape (double octagon / stadium) with the ending's title; the
start node has a thick border. Labels are escaped for each format (quotes, brackets, `#`, `|`,
backslashes, unicode stays as it is), and Mermaid ids are sanitised, so the DOT renders with
Graphviz and the Mermaid renders in a code-hosting site's Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine.model import Story

LABEL_WIDTH = 32


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # "choice", "next", "fallback", "branch"
    label: str
    index: int = -1  # the choice's or branch arm's index in its node


class Reach:
    """What an exploration saw, to grey out what no playthrough reaches (`her graph --explore`)."""

    def __init__(self, exploration):
        self.complete = exploration.complete
        self.nodes = exploration.nodes_reached
        self.options = exploration.options_offered
        self.arms = exploration.arms_taken

    def node_dead(self, node_id: str) -> bool:
        return self.complete and node_id not in self.nodes

    def edge_dead(self, e: Edge) -> bool:
        if not self.complete:
            return False
        if e.source not in self.nodes:
            return True
        if e.kind == "choice":
            return (e.source, e.index) not in self.options
        if e.kind == "branch":
            return (e.source, e.index) not in self.arms
        return False


def shorten(text: str, width: int = LABEL_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def edges(story: Story) -> list[Edge]:
    """Every link of the story, in file order, with the label it is drawn with (from Node.exits)."""
    out: list[Edge] = []
    for node in story.nodes.values():
        for way in node.exits():
            if way.kind == "ending" or not way.possible:
                continue
            if way.kind == "choice":
                choice = node.choices[way.index]
                label = shorten(choice.text)
                if choice.cond is not None:  # a once-only choice's condition reads "once" or "... (once)"
                    label += " [once]" if choice.cond.source == "once" else f" [if {choice.cond.source}]"
            elif way.kind == "fallback":
                label = "no option open"
            elif way.kind == "branch":
                label = way.cond.source if way.cond is not None else "else"
            else:
                label = ""
            out.append(Edge(node.id, way.target, way.kind, label, way.index))
    return [e for e in out if e.target in story.nodes]


def node_label(story: Story, node_id: str) -> str:
    node = story.nodes[node_id]
    if node.ending is not None:
        ending = story.endings.get(node.ending)
        return f"{node_id}\nending: {ending.title if ending else node.ending}"
    return node_id


# --- Graphviz DOT -------------------------------------------------------------------------------
def dot_string(text: str) -> str:
    """A DOT double-quoted string; backslashes and quotes escaped, line breaks as \\n."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "")
    return '"' + text.replace("\n", "\\n") + '"'


DEAD_DOT = 'color="#b0b0b0", fontcolor="#b0b0b0"'


def to_dot(story: Story, reach: Reach | None = None) -> str:
    """The graph in Graphviz DOT; with `reach`, what no playthrough reaches is drawn grey."""
    lines = [
        f"digraph {dot_string(story.title)} {{",
        '  graph [rankdir=TB, fontname="Helvetica", labelloc=t, label=' + dot_string(story.title) + "];",
        '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    placed: set[str] = set()
    for chapter in story.chapters:
        lines.append(f"  subgraph {dot_string('cluster_' + chapter.id)} {{")
        lines.append(f"    label={dot_string(chapter.title)}; style=rounded; color=\"#999999\";")
        for node_id in chapter.node_ids:
            lines.append(f"    {_dot_node(story, node_id, reach)}")
            placed.add(node_id)
        lines.append("  }")
    for node_id in story.nodes:
        if node_id not in placed:
            lines.append(f"  {_dot_node(story, node_id, reach)}")
    style = {"choice": "", "next": "", "fallback": "style=dotted, ", "branch": "style=dashed, "}
    for e in edges(story):
        attrs = style[e.kind] + (f"label={dot_string(e.label)}, " if e.label else "")
        if reach is not None and reach.edge_dead(e):
            attrs += DEAD_DOT
        attrs = attrs.rstrip(", ")
        lines.append(f"  {dot_string(e.source)} -> {dot_string(e.target)}" + (f" [{attrs}];" if attrs else ";"))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_node(story: Story, node_id: str, reach: Reach | None = None) -> str:
    attrs = [f"label={dot_string(node_label(story, node_id))}"]
    node = story.nodes[node_id]
    if node.ending is not None:
        attrs.append('shape=doubleoctagon, style=filled, fillcolor="#f9e0c8"')
    elif node.branch:
        attrs.append("shape=hexagon")
    if node_id == story.start:
        attrs.append("penwidth=3")
    if reach is not None and reach.node_dead(node_id):
        attrs.append(DEAD_DOT + ', fillcolor="#f0f0f0"')
    return f"{dot_string(node_id)} [{', '.join(attrs)}];"


# --- Mermaid ---------------------------------------------------------------------------------------
_SAFE = re.compile(r"[^A-Za-z0-9_]")
_ENTITIES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "|": "#124;", "`": "#96;",
             "\\": "#92;", ";": "#59;"}


def mermaid_id(prefix: str, raw: str) -> str:
    """An id Mermaid accepts anywhere (letters, digits, _), never a keyword such as `end`."""
    clean = _SAFE.sub("_", raw)
    if clean != raw:  # keep ids that differ only in unusual characters apart
        clean += "_" + format(sum(ord(c) * 31 ** i for i, c in enumerate(raw)) % 65_536, "x")
    return f"{prefix}_{clean}"


def mermaid_text(text: str) -> str:
    """Label text for inside Mermaid double quotes: entity codes for what its parser reads specially."""
    text = "".join(_ENTITIES.get(c, c) for c in text.replace("\r", ""))
    return text.replace("\n", "<br/>")


def to_mermaid(story: Story, reach: Reach | None = None) -> str:
    """The graph as a Mermaid flowchart; with `reach`, what no playthrough reaches is drawn grey."""
    lines = ["flowchart TD"]
    placed: set[str] = set()
    for chapter in story.chapters:
        lines.append(f'  subgraph {mermaid_id("ch", chapter.id)}["{mermaid_text(chapter.title)}"]')
        lines.append("    direction TB")
        for node_id in chapter.node_ids:
            lines.append(f"    {_mermaid_node(story, node_id)}")
            placed.add(node_id)
        lines.append("  end")
    for node_id in story.nodes:
        if node_id not in placed:
            lines.append(f"  {_mermaid_node(story, node_id)}")
    arrow = {"choice": "-->", "next": "-->", "fallback": "-.->", "branch": "-.->"}
    dead_links = []
    for number, e in enumerate(edges(story)):
        label = f'|"{mermaid_text(e.label)}"|' if e.label else ""
        lines.append(f"  {mermaid_id('n', e.source)} {arrow[e.kind]}{label} {mermaid_id('n', e.target)}")
        if reach is not None and reach.edge_dead(e):
            dead_links.append(str(number))
    endings = [mermaid_id("n", n.id) for n in story.nodes.values() if n.ending is not None]
    lines.append("  classDef herEnding fill:#f9e0c8,stroke:#a05a2c,stroke-width:2px")
    lines.append("  classDef herStart stroke-width:4px")
    if endings:
        lines.append(f"  class {','.join(endings)} herEnding")
    if story.start in story.nodes:
        lines.append(f"  class {mermaid_id('n', story.start)} herStart")
    if reach is not None:
        dead = [mermaid_id("n", n) for n in story.nodes if reach.node_dead(n)]
        lines.append("  classDef herDead fill:#eeeeee,stroke:#b0b0b0,color:#999999,stroke-dasharray:4 3")
        if dead:
            lines.append(f"  class {','.join(dead)} herDead")
        if dead_links:
            lines.append(f"  linkStyle {','.join(dead_links)} stroke:#b0b0b0,color:#999999")
    return "\n".join(lines) + "\n"


def _mermaid_node(story: Story, node_id: str) -> str:
    node = story.nodes[node_id]
    text = f'"{mermaid_text(node_label(story, node_id))}"'
    nid = mermaid_id("n", node_id)
    if node.ending is not None:
        return f"{nid}([{text}])"
    if node.branch:
        return f"{nid}{{{{{text}}}}}"
    return f"{nid}[{text}]"
