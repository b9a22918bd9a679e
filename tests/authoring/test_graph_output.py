"""`her graph`: every node and every link in the output, parsed back; labels escaped; DOT renders."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import pytest
from authoringkit import SHIPPED, STORIES, her

from game.authoring.graph import mermaid_id, to_dot, to_mermaid
from game.engine import load_story

STORY_DIRS = [STORIES / "graph_labels", STORIES / "explore_combo", STORIES / "explore_softlock", SHIPPED]


def expected_links(story) -> Counter:
    """(source, target, style, condition) for every link, from the story model itself."""
    out: Counter = Counter()
    for node in story.nodes.values():
        for c in node.choices:
            out[(node.id, c.goto or node.next, "solid", c.cond.source if c.cond else None)] += 1
        if node.choices and node.next and all(c.cond is not None for c in node.choices):
            out[(node.id, node.next, "fallback", None)] += 1
        if node.next and not node.choices:
            out[(node.id, node.next, "solid", None)] += 1
        for arm in node.branch:
            out[(node.id, arm.goto, "dashed", arm.cond.source if arm.cond else "else")] += 1
    return out


def condition_of(label: str) -> str | None:
    """A choice label's condition: `[if ...]`, or `[once]` for a once-only option without its own `if`."""
    if label.endswith(" [once]"):
        return "once"
    m = re.search(r" \[if (.*)\]$", label)
    return m.group(1) if m else None


# --- DOT ---------------------------------------------------------------------------------------------
DOT_STRING = r'"((?:[^"\\]|\\.)*)"'
DOT_NODE = re.compile(rf"^\s*{DOT_STRING} \[(.*)\];$")
DOT_EDGE = re.compile(rf"^\s*{DOT_STRING} -> {DOT_STRING}(?: \[(.*)\])?;$")
DOT_ATTR = re.compile(rf"(\w+)=(?:{DOT_STRING}|([^,\s]+))")


def unescape_dot(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def attributes(text: str) -> dict[str, str]:
    return {m.group(1): unescape_dot(m.group(2)) if m.group(2) is not None else m.group(3) for m in DOT_ATTR.finditer(text)}


def parse_dot(text: str):
    nodes, links, clusters, current = {}, Counter(), {}, None
    for line in text.splitlines():
        if m := re.match(rf"^\s*subgraph {DOT_STRING} \{{$", line):
            current = unescape_dot(m.group(1))
            clusters[current] = []
        elif line.strip() == "}":
            current = None
        elif m := DOT_EDGE.match(line):
            attrs = attributes(m.group(3) or "")
            links[(unescape_dot(m.group(1)), unescape_dot(m.group(2)), attrs.get("style"), attrs.get("label"))] += 1
        elif m := DOT_NODE.match(line):
            attrs = attributes(m.group(2))
            nodes[unescape_dot(m.group(1))] = attrs
            if current:
                clusters[current].append(unescape_dot(m.group(1)))
    return nodes, links, clusters


@pytest.mark.parametrize("folder", STORY_DIRS, ids=lambda p: p.name)
def test_dot_has_every_node_in_its_chapter_and_every_link(folder):
    story = load_story(folder)
    nodes, links, clusters = parse_dot(to_dot(story))
    assert set(nodes) == set(story.nodes)
    for chapter in story.chapters:
        assert clusters["cluster_" + chapter.id] == list(chapter.node_ids)
    for node in story.nodes.values():
        assert nodes[node.id]["label"].split("\n")[0] == node.id
        if node.ending:
            assert nodes[node.id]["shape"] == "doubleoctagon"
            assert story.endings[node.ending].title in nodes[node.id]["label"]
    got: Counter = Counter()
    for (source, target, style, label), n in links.items():
        kind = {"dashed": "dashed", "dotted": "fallback", None: "solid"}[style]
        cond = None
        if kind == "dashed":
            cond = label
        elif label:
            cond = condition_of(label)
        got[(source, target, kind, cond)] += n
    assert got == expected_links(story)


def test_dot_choice_labels_keep_their_text_escaped():
    story = load_story(STORIES / "graph_labels")
    _, links, clusters = parse_dot(to_dot(story))
    labels = [label for (_, _, _, label) in links if label]
    assert 'Say "hello" [loudly] | with a p…' in labels
    assert any(label.startswith("한국어 선택지") and label.endswith("[if n >= 0 and not flag]") for label in labels)
    assert "n >= 1 and (flag or n < 3)" in labels
    assert "no option open" in labels


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("folder", STORY_DIRS, ids=lambda p: p.name)
def test_dot_renders_with_graphviz(folder, tmp_path):
    out = tmp_path / "graph.svg"
    result = subprocess.run(["dot", "-Tsvg", "-o", str(out)], input=to_dot(load_story(folder)), text=True,
                            capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr and "Error" not in result.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg.count('class="node"') == len(load_story(folder).nodes)


# --- Mermaid ---------------------------------------------------------------------------------------------
ID = r"[A-Za-z][A-Za-z0-9_]*"
M_NODE = re.compile(rf'^\s*({ID})(\["|\(\["|\{{\{{")(.*?)("\]|"\]\)|"\}}\}})$')
M_EDGE = re.compile(rf'^\s*({ID}) (-->|-\.->)(?:\|"(.*?)"\|)? ({ID})$')
M_SUB = re.compile(rf'^\s*subgraph ({ID})\["(.*)"\]$')
RAW = re.compile(r'["|`<>\\;#]')  # what Mermaid's parser reads specially; only entity codes may hold # and ;


def safe_label(text: str) -> bool:
    return RAW.search(re.sub(r"#(?:\d+|quot|lt|gt|amp);", "", text.replace("<br/>", ""))) is None


def unescape_mermaid(text: str) -> str:
    names = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}
    text = text.replace("<br/>", "\n")
    return re.sub(r"#(\w+);", lambda m: chr(int(m.group(1))) if m.group(1).isdigit() else names[m.group(1)], text)


def parse_mermaid(text: str):
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes, links, subgraphs, current, shapes = {}, Counter(), {}, None, {}
    for line in lines[1:]:
        stripped = line.strip()
        if m := M_SUB.match(line):
            current = m.group(1)
            subgraphs[current] = (unescape_mermaid(m.group(2)), [])
        elif stripped == "end":
            current = None
        elif stripped == "direction TB" or stripped.startswith(("classDef ", "class ")):
            continue
        elif m := M_EDGE.match(line):
            label = m.group(3)
            assert label is None or safe_label(label), line
            links[(m.group(1), m.group(4), m.group(2), unescape_mermaid(label) if label is not None else None)] += 1
        elif m := M_NODE.match(line):
            assert safe_label(m.group(3)), line
            nodes[m.group(1)] = unescape_mermaid(m.group(3))
            shapes[m.group(1)] = m.group(2)
            if current:
                subgraphs[current][1].append(m.group(1))
        else:
            raise AssertionError(f"a line Mermaid would not read as intended: {line!r}")
    return nodes, links, subgraphs, shapes


@pytest.mark.parametrize("folder", STORY_DIRS, ids=lambda p: p.name)
def test_mermaid_has_every_node_in_its_chapter_and_every_link(folder):
    story = load_story(folder)
    nodes, links, subgraphs, shapes = parse_mermaid(to_mermaid(story))
    ids = {mermaid_id("n", n): n for n in story.nodes}
    assert set(nodes) == set(ids)
    assert all(m not in ("end", "subgraph", "graph", "class", "style") for m in nodes)
    for chapter in story.chapters:
        title, members = subgraphs[mermaid_id("ch", chapter.id)]
        assert title == chapter.title
        assert [ids[m] for m in members] == list(chapter.node_ids)
    for mid, node_id in ids.items():
        assert nodes[mid].split("\n")[0] == node_id
        assert (shapes[mid] == '(["') == (story.nodes[node_id].ending is not None)
    got: Counter = Counter()
    for (source, target, arrow, label), n in links.items():
        if arrow == "-.->":
            kind, cond = ("fallback", None) if label == "no option open" else ("dashed", label)
        else:
            kind, cond = "solid", condition_of(label or "")
        got[(ids[source], ids[target], kind, cond)] += n
    assert got == expected_links(story)


def test_mermaid_escapes_titles_and_labels():
    story = load_story(STORIES / "graph_labels")
    nodes, links, subgraphs, _ = parse_mermaid(to_mermaid(story))
    assert nodes[mermaid_id("n", "ending_graph")] == 'ending_graph\nending: Graph "end" [1] {x} (y) | z # \\ ; `tick`'
    assert nodes[mermaid_id("n", "ending_subgraph")] == "ending_subgraph\nending: 끝 — the end, ½"
    assert subgraphs[mermaid_id("ch", "class")][0] == 'Chapter "A": [brackets] & {braces} | pipes'
    assert any(label == "`backticks` and --> arrows -.->… [if flag]" for (_, _, _, label) in links)


def test_mermaid_ids_are_sanitised():
    assert mermaid_id("n", "end") == "n_end"
    odd, other = mermaid_id("n", "a-b"), mermaid_id("n", "a.b")
    assert re.fullmatch(ID, odd) and re.fullmatch(ID, other) and odd != other


# --- the command -----------------------------------------------------------------------------------------
def test_graph_command_writes_files(tmp_path):
    folder = STORIES / "explore_combo"
    result = her("graph", "--story", str(folder), "--format", "mermaid", "-o", str(tmp_path / "g.md"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "g.md").read_text(encoding="utf-8")
    assert text.startswith("# Combination\n\n```mermaid\nflowchart TD\n") and text.endswith("```\n")
    dot = her("graph", "--story", str(folder))
    assert dot.returncode == 0 and dot.stdout == to_dot(load_story(folder))
    bad = her("graph", "--story", str(folder), "-o", str(tmp_path / "missing" / "g.dot"))
    assert bad.returncode == 1 and "cannot write" in bad.stderr and "Traceback" not in bad.stderr


# --- greyed out by an exploration ------------------------------------------------------------------------
def test_explored_graph_greys_out_exactly_what_is_never_reached():
    from game.authoring.explore import explore
    from game.authoring.graph import Reach, edges

    story = load_story(STORIES / "explore_combo")
    reach = Reach(explore(story))
    links = edges(story)
    dead = {(e.source, e.target, e.label) for e in links if reach.edge_dead(e)}
    assert dead == {("cellar", "door", "Use the key on the lamp. [if knocks > 5]"),
                    ("door", "ending_vault", "knocks >= 4")}
    grey = set()
    for line in to_dot(story, reach).splitlines():
        if m := DOT_EDGE.match(line):
            attrs = attributes(m.group(3) or "")
            if attrs.get("color") == "#b0b0b0":
                grey.add((unescape_dot(m.group(1)), unescape_dot(m.group(2)), attrs.get("label")))
    assert grey == dead
    mermaid = to_mermaid(story, reach).splitlines()
    [link_style] = [line for line in mermaid if line.strip().startswith("linkStyle")]
    numbers = [int(n) for n in link_style.split()[1].split(",")]
    assert {(links[n].source, links[n].target, links[n].label) for n in numbers} == dead
    assert not any(line.strip().startswith("class ") and "herDead" in line for line in mermaid)  # every node is reached


def test_explored_graph_greys_out_an_unreachable_ending():
    result = her("graph", "--explore", "--format", "mermaid", "--story", str(STORIES / "explore_contradiction"))
    assert result.returncode == 0
    assert "  class n_ending_perfect herDead" in result.stdout.splitlines()
    nodes, _, _ = parse_dot(her("graph", "--explore", "--story", str(STORIES / "explore_contradiction")).stdout)
    assert nodes["ending_perfect"]["color"] == "#b0b0b0"
    assert all(attrs.get("color") != "#b0b0b0" for name, attrs in nodes.items() if name != "ending_perfect")
