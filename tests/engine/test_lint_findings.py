"""Every lint finding, one small story per finding, at its exact file, line and column."""

from __future__ import annotations

import os

import pytest
from storykit import CHAPTER, MANIFEST, where

from game.engine.loader import load_story_files

HEAD = "chapter: c\ntitle: C\nnodes:\n"


def chapter(nodes: str) -> str:
    """A chapter file with these nodes (written at two spaces) plus the clean start node `a`."""
    return HEAD + CHAPTER.split("nodes:\n", 1)[1] + nodes


def assert_finding(diags, file, pos, severity, text):
    line, col = pos
    hits = [d for d in diags if d[:4] == (file, line, col, severity) and text in d[4]]
    assert hits, f"expected {severity} {text!r} at {file}:{line}:{col}; got:\n" + "\n".join(map(str, diags))


def errors(diags):
    return [d for d in diags if d[3] == "error"]


def test_the_base_story_is_clean(kit):
    story, diags = kit.lint()
    assert diags == [] and story is not None


# --- files and YAML -----------------------------------------------------------------


def test_yaml_syntax_error(kit):
    text = chapter("  b:\n    lines: [\n      - n: x\n")
    story, diags = kit.lint(c=text)
    assert story is None
    assert [d[0] for d in errors(diags)][:1] == ["c.yaml"]
    (d,) = [d for d in diags if d[0] == "c.yaml"]  # one finding per file: YAML stops at the first problem
    assert "YAML syntax error" in d[4] and d[3] == "error"
    assert d[1] >= where(text, "lines: [")[0]  # libyaml notices the unclosed '[' at the end of the file


def test_yaml_syntax_error_position(kit):
    text = chapter("  b:\n    next: a: b\n")
    _, diags = kit.lint(c=text)
    assert_finding(diags, "c.yaml", where(text, ": b"), "error", "YAML syntax error: mapping values are not allowed")
    assert len([d for d in diags if d[0] == "c.yaml"]) == 1


def test_file_not_utf8(kit):
    data = chapter("  b:\n    lines:\n      - n: caf\xe9 \xff!\n    next: a\n").encode("utf-8").replace(b"\xc3\xbf", b"\xff")
    _, diags = kit.lint(c=data)
    # the column counts characters, as every other column does: "      - n: café " is 16 characters
    line = data[: data.index(b"\xff!")].count(b"\n") + 1
    assert [d for d in diags if d[0] == "c.yaml"] == [("c.yaml", line, 17, "error", "file is not valid UTF-8 (byte 0xff)")]


def test_manifest_not_utf8(kit):
    _, diags = kit.lint(manifest=b"title: \x80\n")
    assert diags == [("story.yaml", 1, 8, "error", "file is not valid UTF-8 (byte 0x80)")]


@pytest.mark.parametrize(("text", "kind"), [("- a\n- b\n", "a list"), ("just text\n", "text"), ("42\n", "a number")])
def test_file_not_a_mapping(kit, text, kind):
    _, diags = kit.lint(c=text)
    assert errors(diags)[0] == ("c.yaml", 1, 1, "error", f"a chapter file must be a mapping, not {kind}")
    _, diags = kit.lint(manifest=text)
    assert diags == [("story.yaml", 1, 1, "error", f"the manifest must be a mapping, not {kind}")]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(kit, text):
    _, diags = kit.lint(c=text)
    assert ("c.yaml", 1, 1, "error", "the file is empty") in diags
    _, diags = kit.lint(manifest=text)
    assert diags == [("story.yaml", 1, 1, "error", "the file is empty")]


def test_missing_chapter_file(kit):
    manifest = MANIFEST + "  - nope.yaml\n"
    _, diags = kit.lint(manifest)
    assert diags == [("story.yaml", *where(manifest, "nope.yaml"), "error", "chapter file 'nope.yaml' not found")]


@pytest.mark.parametrize("entry", ["../outside.yaml", "sub/../../outside.yaml", "/etc/hostname"])
def test_chapter_path_escaping_the_folder(kit, tmp_path, entry):
    (tmp_path / "outside.yaml").write_text(CHAPTER)
    manifest = MANIFEST + f"  - {entry}\n"
    _, diags = kit.lint(manifest)
    assert diags == [("story.yaml", *where(manifest, entry), "error", f"chapter file '{entry}' is outside the story folder")]


def test_chapter_symlink_escaping_the_folder(kit, tmp_path):
    (tmp_path / "outside.yaml").write_text(CHAPTER.replace("chapter: c", "chapter: d"))
    folder = kit.folder(MANIFEST + "  - link.yaml\n")
    os.symlink(tmp_path / "outside.yaml", folder / "link.yaml")
    _, diags = load_story_files(folder)
    assert [d.message for d in diags] == ["chapter file 'link.yaml' is outside the story folder"]


def test_chapter_listed_twice(kit):
    manifest = MANIFEST + "  - ./c.yaml\n"
    _, diags = kit.lint(manifest)
    assert diags == [("story.yaml", *where(manifest, "./c.yaml"), "error", "chapter file './c.yaml' is listed twice")]


def test_story_folder_not_found(tmp_path):
    _, diags = load_story_files(tmp_path / "nope")
    assert [(d.severity, d.message) for d in diags] == [("error", "story folder not found")]


def test_manifest_not_found(tmp_path):
    _, diags = load_story_files(tmp_path)
    assert [(os.path.basename(d.loc.path), d.message) for d in diags] == [("story.yaml", "file not found")]


# --- keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where_", "before", "after", "message"),
    [
        ("manifest", "title: Test", "titel: Test", "unknown key 'titel' in the manifest (did you mean 'title'?)"),
        ("variable", "{start: 0, min: 0, max: 5}", "{strat: 0, start: 0, min: 0, max: 5}",
         "unknown key 'strat' in variable 'x' (did you mean 'start'?)"),
        ("character", "sam: {name: Sam}", "sam: {name: Sam, colour: '#ffffff'}", "unknown key 'colour' in character 'sam' (did you mean 'color'?)"),
        ("ending", "summary: The end.}", "summary: The end., sumary: x}", "unknown key 'sumary' in ending 'done' (did you mean 'summary'?)"),
    ],
)
def test_unknown_keys_in_the_manifest(kit, where_, before, after, message):
    manifest = MANIFEST.replace(before, after)
    assert manifest != MANIFEST
    _, diags = kit.lint(manifest)
    word = message.split("'")[1]
    assert_finding(diags, "story.yaml", where(manifest, word), "error", message)


@pytest.mark.parametrize(
    ("nodes", "word", "message"),
    [
        ("  b:\n    lines: []\n    chioces:\n      - text: Go.\n        goto: a\n    next: a\n",
         "chioces", "unknown key 'chioces' in node 'b' (did you mean 'choices'?)"),
        ("  b:\n    choices:\n      - txt: Go.\n        text: Go.\n        goto: a\n",
         "txt", "unknown key 'txt' in a choice of 'b' (did you mean 'text'?)"),
        ("  b:\n    branch:\n      - iff: x > 1\n        goto: a\n      - if: f\n        goto: a\n      - goto: a\n",
         "iff", "unknown key 'iff' in a branch entry (did you mean 'if'?)"),
        ("  b:\n    lines:\n      - sam: Hi.\n        stlye: letter\n    next: a\n",
         "stlye", "'stlye' is not a declared character or a line key (did you mean 'style'?)"),
        ("  b:\n    lines:\n      - set: x = 1\n        iff: f\n    next: a\n",
         "iff", "a 'set' step takes only 'if' beside it, not 'iff'"),
    ],
)
def test_unknown_keys_in_nodes(kit, nodes, word, message):
    text = chapter(nodes)
    _, diags = kit.lint(c=text)
    assert_finding(diags, "c.yaml", where(text, word), "error", message)
    # one finding per mistake (in a branch, the misspelt `if` is also a missing one: two)
    assert len(errors(diags)) == 1 + ("branch" in nodes), diags


def test_unknown_key_in_chapter(kit):
    text = CHAPTER.replace("title: C", "title: C\ntilte: D")
    _, diags = kit.lint(c=text)
    assert errors(diags) == [("c.yaml", *where(text, "tilte"), "error", "unknown key 'tilte' in a chapter (did you mean 'title'?)")]


def test_duplicate_key_in_a_mapping(kit):
    text = chapter("  b:\n    choices:\n      - text: One.\n        goto: a\n        text: Two.\n")
    _, diags = kit.lint(c=text)
    first = where(text, "text: One")[0]
    assert [d for d in diags if d[0] == "c.yaml"] == [("c.yaml", *where(text, "text: Two"), "error", f"duplicate key 'text' (first at line {first})")]


def test_duplicate_node_ids_name_both_places(kit, monkeypatch):
    other = "chapter: d\ntitle: D\nnodes:\n  z:\n    next: a\n  a:\n    ending: done\n"
    manifest = MANIFEST + "  - d.yaml\n"
    folder = kit.folder(manifest, c=CHAPTER, d=other)
    monkeypatch.chdir(folder)
    _, diags = load_story_files(folder)
    found = [(os.path.basename(d.loc.path), d.loc.line, d.loc.col, d.message) for d in diags if d.is_error]
    first = "c.yaml:{}:{}".format(*where(CHAPTER, "a:"))
    assert found == [("d.yaml", *where(other, "a:"), f"node 'a' is defined twice (first at {first})")]


def test_duplicate_chapter_ids(kit):
    other = "chapter: c\ntitle: D\nnodes:\n  z:\n    next: a\n"
    _, diags = kit.lint(MANIFEST + "  - d.yaml\n", c=CHAPTER, d=other)
    found = [d for d in errors(diags)]
    assert len(found) == 1 and found[0][:3] == ("d.yaml", 1, 10)
    assert found[0][4].startswith("chapter id 'c' is used twice (first at ") and "c.yaml:1:10" in found[0][4]


# --- value types --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "word", "message"),
    [
        ("title: Test", "title: 42", "42", "'title' of the manifest must be text, not a number"),
        ("title: Test", "title: [a]", "[a]", "'title' of the manifest must be text, not a list"),
        ("start: a", "start: 7", "7", "'start' of the manifest must be text, not a number"),
        ("  n: {name: \"\"}\n  sam: {name: Sam}\n", "  n: {name: \"\"}\n  sam: [Sam]\n", "[Sam]",
         "character 'sam' must be a mapping (key: value), not a list"),
        ("sam: {name: Sam}", "sam: {name: Sam, color: red}", "red", "color 'red' must look like #f2a36b"),
        ("sam: {name: Sam}", "sam: {name: 3}", "3}", "'name' of character 'sam' must be text, not a number"),
        ("{start: 0, min: 0, max: 5}", "{start: zero, min: 0, max: 5}", "zero", "'start' of variable 'x' must be a whole number"),
        ("{start: 0, min: 0, max: 5}", "{start: 0, min: true, max: 5}", "true", "'min' of variable 'x' must be a whole number"),
        ("{start: 0, min: 0, max: 5}", "{start: 0, min: 0, max: 5.5}", "5.5", "'max' of variable 'x' must be a whole number"),
        ("f: false", "f: 1.5", "1.5", "variable 'f' must start as a whole number, true/false, or {start, min, max}"),
        ("f: false", "f: hello", "hello", "variable 'f' must start as a whole number, true/false, or {start, min, max}"),
        ("done: {title: Done, summary: The end.}", "done: The end.", "The end.", "ending 'done' must be a mapping (key: value), not text"),
        ("done: {title: Done, summary: The end.}", "done: {title: Done, summary: 4}", "4}", "'summary' of ending 'done' must be text, not a number"),
        ("  - c.yaml\n", "  - c.yaml\n  - 5\n", "5", "a chapter entry must be a file name, not a number"),
    ],
)
def test_wrong_value_types_in_the_manifest(kit, before, after, word, message):
    manifest = MANIFEST.replace(before, after)
    assert manifest != MANIFEST
    _, diags = kit.lint(manifest)
    assert_finding(diags, "story.yaml", where(manifest, word, nth=manifest.count(word) - 1 if word == "5" else 0), "error", message)


@pytest.mark.parametrize(
    ("section", "value", "message"),
    [
        ("characters", "[n, sam]", "'characters' must be a mapping (key: value), not a list"),
        ("variables", "5", "'variables' must be a mapping (key: value), not a number"),
        ("endings", "done", "'endings' must be a mapping (key: value), not text"),
        ("chapters", "c.yaml", "'chapters' must be a non-empty list of file names"),
        ("chapters", "[]", "'chapters' must be a non-empty list of file names"),
    ],
)
def test_wrong_section_types(kit, section, value, message):
    lines = MANIFEST.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(section + ":"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    manifest = "\n".join(lines[:start] + [f"{section}: {value}"] + lines[end:])
    _, diags = kit.lint(manifest)
    assert_finding(diags, "story.yaml", where(manifest, f"{section}: {value}", shift=len(section) + 2), "error", message)


def test_missing_manifest_keys(kit):
    manifest = "characters: {n: {}}\nchapters: [c.yaml]\n"
    _, diags = kit.lint(manifest)
    assert ("story.yaml", 1, 1, "error", "the manifest needs 'title'") in diags
    assert ("story.yaml", 1, 1, "error", "the manifest needs 'start'") in diags
    _, diags = kit.lint("title: T\nstart: a\n")
    assert ("story.yaml", 1, 1, "error", "the manifest needs 'characters'") in diags
    assert ("story.yaml", 1, 1, "error", "the manifest needs 'chapters' (a list of chapter files)") in diags


@pytest.mark.parametrize(
    ("nodes", "word", "message"),
    [
        ("  b: [x]\n", "[x]", "node 'b' must be a mapping (key: value), not a list"),
        ("  b:\n", "b:\n", "node 'b' must be a mapping (key: value), not nothing"),
        ("  b:\n    lines: hello\n    next: a\n", "hello", "'lines' must be a list, not text"),
        ("  b:\n    lines:\n      - just text\n    next: a\n", "just text", "a line must be a mapping like 'speaker: text', not text"),
        ("  b:\n    lines:\n      - sam: [a]\n    next: a\n", "[a]", "'sam' of the line in b must be text, not a list"),
        ("  b:\n    lines:\n      - sam: ''\n    next: a\n", "''", "'sam' of the line in b is empty"),
        ("  b:\n    lines:\n      - sam: Hi.\n        style: loud\n    next: a\n", "loud",
         "style must be one of normal, letter, thought, whisper, not 'loud'"),
        ("  b:\n    lines:\n      - sam: Hi.\n        note: [x]\n    next: a\n", "[x]", "'note' of a line must be text, not a list"),
        ("  b:\n    lines:\n      - sam: Hi.\n        if: 5\n    next: a\n", "5", "'if' must be a condition written as text, not a number"),
        ("  b:\n    lines:\n      - set: 5\n    next: a\n", "5", "'set' must be effects written as text, not a number"),
        ("  b:\n    lines:\n      - style: letter\n    next: a\n", "style", "a line needs a speaker and its text (or a 'set')"),
        ("  b:\n    lines:\n      - sam: Hi.\n        n: Ho.\n    next: a\n", "n: Ho", "a line has exactly one speaker"),
        ("  b:\n    choices: {text: x}\n    next: a\n", "{text", "'choices' must be a list, not a mapping"),
        ("  b:\n    choices: []\n    next: a\n", "[]", "'choices' is empty"),
        ("  b:\n    choices:\n      - Go.\n    next: a\n", "Go.", "a choice of 'b' must be a mapping (key: value), not text"),
        ("  b:\n    choices:\n      - goto: a\n", "goto", "a choice of 'b' needs 'text'"),
        ("  b:\n    choices:\n      - text: 3\n        goto: a\n", "3", "'text' of a choice of 'b' must be text, not a number"),
        ("  b:\n    branch: 3\n", "3", "'branch' must be a non-empty list of {if, goto}"),
        ("  b:\n    branch: []\n", "[]", "'branch' must be a non-empty list of {if, goto}"),
        ("  b:\n    branch:\n      - a\n", "- a", "a branch entry must be a mapping (key: value), not text"),
        ("  b:\n    branch:\n      - if: f\n      - {}\n", "{}", "a branch entry needs 'goto'"),
        ("  b:\n    next: 5\n", "5", "'next' of node 'b' must be text, not a number"),
        ("  b:\n    ending: [done]\n", "[done]", "'ending' of node 'b' must be text, not a list"),
        ("  b:\n    scene: 5\n    next: a\n", "5", "'scene' of node 'b' must be text, not a number"),
    ],
)
def test_wrong_value_types_in_nodes(kit, nodes, word, message):
    text = chapter(nodes)
    _, diags = kit.lint(c=text)
    # quoted values are pointed at inside the quote; an empty value right after its key's colon
    pos = where(text, word, shift={"- a": 2, "''": 1, "b:\n": 2}.get(word, 0))
    assert_finding(diags, "c.yaml", pos, "error", message)


def test_chapter_needs_its_keys(kit):
    _, diags = kit.lint(c="title: C\nnodes: {}\n")
    assert ("c.yaml", 1, 1, "error", "a chapter needs 'chapter'") in diags
    _, diags = kit.lint(c="chapter: c\ntitle: C\n")
    assert ("c.yaml", 1, 1, "error", "a chapter needs 'nodes'") in diags
    _, diags = kit.lint(c="chapter: c\ntitle: C\nnodes: [a]\n")
    assert ("c.yaml", 3, 8, "error", "'nodes' must be a mapping of node ids, not a list") in diags


# --- links and names ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("nodes", "word"),
    [
        ("  b:\n    next: nowhere\n", "nowhere"),
        ("  b:\n    choices:\n      - text: Go.\n        goto: nowhere\n", "nowhere"),
        ("  b:\n    branch:\n      - if: f\n        goto: a\n      - goto: nowhere\n", "nowhere"),
    ],
)
def test_targets_that_do_not_exist(kit, nodes, word):
    text = chapter(nodes)
    _, diags = kit.lint(c=text)
    assert errors(diags) == [("c.yaml", *where(text, word), "error", "'nowhere' is not a node")]


def test_target_typo_suggests_a_node(kit):
    text = chapter("  b:\n    next: bb\n  bbb_node:\n    next: b\n  start_here:\n    next: strat_here\n")
    _, diags = kit.lint(c=text)
    assert_finding(diags, "c.yaml", where(text, "strat_here"), "error", "'strat_here' is not a node (did you mean 'start_here'?)")


def test_start_node_missing(kit):
    manifest = MANIFEST.replace("start: a", "start: nowhere")
    _, diags = kit.lint(manifest)
    assert errors(diags) == [("story.yaml", *where(manifest, "nowhere"), "error", "start node 'nowhere' does not exist")]


def test_undeclared_speaker(kit):
    text = chapter("  b:\n    lines:\n      - samm: Hi.\n    next: a\n")
    _, diags = kit.lint(c=text)
    assert errors(diags) == [("c.yaml", *where(text, "samm"), "error",
                              "'samm' is not a declared character or a line key (did you mean 'sam'?)")]


@pytest.mark.parametrize(
    ("nodes", "word", "what"),
    [
        ("  b:\n    lines:\n      - n: Hi.\n        if: x > 1 and nope\n    next: a\n", "nope", "in condition"),
        ("  b:\n    lines:\n      - set: x = 1; nope = true\n    next: a\n", "nope", "in effect"),
        ("  b:\n    lines:\n      - set: x = nope + 1\n    next: a\n", "nope", "in effect"),
        ("  b:\n    choices:\n      - text: Go.\n        if: nope\n        goto: a\n", "nope", "in condition"),
        ("  b:\n    choices:\n      - text: Go.\n        set: nope += 1\n        goto: a\n", "nope", "in effect"),
        ("  b:\n    choices:\n      - text: Go.\n        lines:\n          - set: nope = 1\n        goto: a\n", "nope", "in effect"),
        ("  b:\n    branch:\n      - if: nope\n        goto: a\n      - goto: a\n", "nope", "in condition"),
    ],
)
def test_undeclared_variables(kit, nodes, word, what):
    text = chapter(nodes)
    _, diags = kit.lint(c=text)
    assert errors(diags) == [("c.yaml", *where(text, word), "error", f"{what}: unknown variable 'nope'")]


def test_undeclared_ending(kit):
    text = chapter("  b:\n    ending: dnoe\n")
    _, diags = kit.lint(c=text)
    assert errors(diags) == [("c.yaml", *where(text, "dnoe"), "error", "'dnoe' is not a declared ending (did you mean 'done'?)")]


# --- expressions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "at", "message"),
    [
        ("x >", None, "expected a value, found the end"),
        ("x > > 1", "> 1", "expected a value, found '>'"),
        ("(x > 1", None, "expected ')', found the end"),
        ("x > 1)", ")", "unexpected ')'"),
        ("len(x) > 0", "len", "unknown variable 'len'"),
        ("x.real > 0", ".", "unexpected character '.'"),
        ("x == 'a'", "'a'", "unexpected character \"'\""),
        ('x == "a"', '"a"', "unexpected character '\"'"),
        ("x > 1.5", ".5", "unexpected character '.'"),
        ("x ** 2 > 1", "**", "unexpected character '*'"),
        ("import os", "import", "unknown variable 'import'"),
        ("__import__('os')", "'", "unexpected character \"'\""),
        ("__import__ (os)", "__import__", "unknown variable '__import__'"),
        ("x.__class__", ".", "unexpected character '.'"),
        ("__builtins__", "__builtins__", "unknown variable '__builtins__'"),
        ("x if f else 1", "if", "unexpected 'if'"),
        ("f and x", "x", "'and' needs true/false, not a number"),
        ("x + f > 1", "f", "'+' needs a number, not true/false"),
        ("x == f", "==", "'==' compares a number with true/false"),
        ("x", "x", "this must be true/false, not a number"),
        ("x = 1", "=", "unexpected '='"),
        ("[x]", "[", "unexpected character '['"),
        ("x > 1_000", "_000", "unexpected '_000'"),
        ("x > 1234567890", "1234567890", "number is too large"),
        ("not", None, "expected a value, found the end"),
        ("not x", "x", "'not' needs true/false, not a number"),
        ("f or -  f", "f", "'-' needs a number, not true/false"),
        ("x <   f", "f", "'<' needs a number, not true/false"),
        ("and f", "and", "'and' needs something before it"),
    ],
)
def test_condition_errors_at_their_column(kit, expr, at, message):
    # written in double quotes when it holds a single quote (or YAML would read it), plain otherwise
    quoted = "'" in expr or expr[0] in "[_"
    written = f'"{expr}"' if quoted and '"' not in expr else (f"'{expr}'" if '"' in expr else expr)
    text = chapter(f"  b:\n    lines:\n      - n: Hi.\n        if: {written}\n    next: a\n")
    _, diags = kit.lint(c=text)
    line, col = where(text, f"if: {written}\n", shift=4 + (written != expr))
    col += len(expr) if at is None else expr.rindex(at) if at in ("f", ";") else expr.index(at)
    assert errors(diags) == [("c.yaml", line, col, "error", f"in condition: {message}")]


@pytest.mark.parametrize(
    ("effect", "at", "message"),
    [
        ("x + 1", "+", "expected '=', '+=' or '-=', found '+'"),
        ("x = f", "f", "'x' holds a number, this is true/false"),
        ("f += 1", "+=", "'+=' needs a number variable; 'f' is true/false"),
        ("x = 1;; f = true", ";", "expected a variable to set, found ';'"),
        ("x = 1; f", None, "expected '=', '+=' or '-=', found the end"),
        ("x = 1 f = true", "f", "expected ';' between effects, found 'f'"),
        ("1 = x", "1", "expected a variable to set, found '1'"),
        ("x = print(1)", "print", "unknown variable 'print'"),
        ("x = x * 2", "*", "unexpected character '*'"),
        ("not = 1", "not", "expected a variable to set, found 'not'"),
    ],
)
def test_effect_errors_at_their_column(kit, effect, at, message):
    text = chapter(f"  b:\n    lines:\n      - set: {effect}\n    next: a\n")
    _, diags = kit.lint(c=text)
    line, col = where(text, f"set: {effect}", shift=5)
    col += len(effect) if at is None else effect.rindex(at) if at in ("f", ";") else effect.index(at)
    assert errors(diags) == [("c.yaml", line, col, "error", f"in effect: {message}")]


def test_expression_columns_in_quoted_and_block_scalars(kit):
    text = chapter(
        "  b:\n    lines:\n"
        "      - n: Quoted.\n        if: 'x > 1 and nope1'\n"
        "      - n: Escaped.\n        if: \"x > 1 \\t and nope2\"\n"
        "      - n: Block.\n        if: >-\n          x > 1 and\n          nope3\n"
        "    next: a\n"
    )
    _, diags = kit.lint(c=text)
    got = {d[4].split("'")[1]: d[1:3] for d in errors(diags)}
    assert got["nope1"] == where(text, "nope1")  # a quoted scalar without escapes maps one to one
    # where the written text and the value differ (escapes, folded lines), point at the value's start
    assert got["nope2"] == where(text, '"x > 1 \\t', shift=1)
    assert got["nope3"] == where(text, ">-")


# --- the shape of nodes -------------------------------------------------------------


def test_node_with_no_way_out(kit):
    text = chapter("  b:\n    lines:\n      - n: Hi.\n  c2:\n    next: b\n")
    _, diags = kit.lint(c=text)
    assert errors(diags) == [("c.yaml", *where(text, "b:"), "error", "node 'b' has no way out (choices, branch, next or ending)")]


@pytest.mark.parametrize(
    ("body", "ways"),
    [
        ("    next: a\n    ending: done\n", "ending and next"),
        ("    branch:\n      - goto: a\n    next: a\n", "branch and next"),
        ("    choices:\n      - text: Go.\n        goto: a\n    branch:\n      - goto: a\n", "choices and branch"),
        ("    choices:\n      - text: Go.\n        goto: a\n    ending: done\n", "choices and ending"),
    ],
)
def test_node_with_more_than_one_way_out(kit, body, ways):
    text = chapter("  b:\n" + body)
    _, diags = kit.lint(c=text)
    assert errors(diags) == [("c.yaml", *where(text, "b:"), "error", f"node 'b' ends in more than one way ({ways})")]


def test_choice_without_goto_in_a_node_without_next(kit):
    text = chapter("  b:\n    choices:\n      - text: Go.\n        goto: a\n      - text: Stay.\n")
    _, diags = kit.lint(c=text)
    assert errors(diags) == [("c.yaml", *where(text, "text: Stay"), "error", "this choice has no 'goto' and node 'b' has no 'next'")]


def test_choices_with_next_are_one_way_out(kit):
    text = chapter("  b:\n    choices:\n      - text: Go.\n      - text: Back.\n        goto: a\n    next: a\n  c2:\n    next: b\n")
    _, diags = kit.lint(c=text)
    assert errors(diags) == []


def test_branch_last_entry_with_if(kit):
    text = chapter("  b:\n    branch:\n      - if: f\n        goto: a\n      - if: x > 1\n        goto: a\n")
    _, diags = kit.lint(c=text)
    assert errors(diags) == [("c.yaml", *where(text, "if: x > 1"), "error", "the last branch entry must have no 'if' (it is the fallback)")]


def test_branch_entry_without_if_before_the_last(kit):
    text = chapter("  b:\n    branch:\n      - goto: a\n      - goto: a\n")
    _, diags = kit.lint(c=text)
    assert errors(diags) == [("c.yaml", *where(text, "goto: a"), "error",
                              "only the last branch entry may leave out 'if'; the entries after it could never run")]


# --- variables and ids --------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "word", "message"),
    [
        ("{start: 9, min: 0, max: 5}", "9", "start 9 of 'x' is outside its range"),
        ("{start: -1, min: 0}", "-1", "start -1 of 'x' is outside its range"),
        ("{start: 6, max: 5}", "6", "start 6 of 'x' is outside its range"),
        ("{start: 1, min: 5, max: 0}", "{start", "variable 'x' has min 5 above max 0"),
        ("{min: 0, max: 5}", "{min", "variable 'x' needs 'start'"),
    ],
)
def test_variable_start_and_range(kit, spec, word, message):
    manifest = MANIFEST.replace("{start: 0, min: 0, max: 5}", spec)
    _, diags = kit.lint(manifest)
    assert_finding(diags, "story.yaml", where(manifest, word), "error", message)


@pytest.mark.parametrize(
    ("before", "after", "word", "message"),
    [
        ("  f: false", "  not: false", "not:", "'not' cannot be a variable name"),
        ("  f: false", "  2f: false", "2f", "'2f' cannot be a variable name"),
        ("  f: false", "  true: false", "true:", "'true' cannot be a variable name"),
        ("  sam: {name: Sam}", "  if: {name: Sam}", "if:", "'if' cannot be a character id"),
        ("  sam: {name: Sam}", "  sa-m: {name: Sam}", "sa-m", "'sa-m' cannot be a character id"),
        ("  done: {", "  do ne: {", "do ne", "'do ne' cannot be an ending id"),
        ("start: a", "start: a-b", "a-b", "'a-b' is not a valid id for 'start' (letters, digits, _)"),
    ],
)
def test_bad_ids_in_the_manifest(kit, before, after, word, message):
    manifest = MANIFEST.replace(before, after)
    assert manifest != MANIFEST
    _, diags = kit.lint(manifest)
    assert_finding(diags, "story.yaml", where(manifest, word), "error", message)


@pytest.mark.parametrize(
    ("text", "word", "message"),
    [
        (chapter("  b-c:\n    next: a\n"), "b-c", "'b-c' is not a valid node id (letters, digits, _)"),
        (chapter("  '1b':\n    next: a\n"), "1b", "'1b' is not a valid node id (letters, digits, _)"),
        (chapter("  b:\n    next: a b\n"), "a b", "'a b' is not a valid id for 'next' (letters, digits, _)"),
        (chapter("  b:\n    choices:\n      - text: x\n        goto: a.b\n"), "a.b", "'a.b' is not a valid id for 'goto' (letters, digits, _)"),
        (chapter("  b:\n    scene: ../x\n    next: a\n"), "../x", "'../x' is not a valid id for 'scene' (letters, digits, _)"),
        (CHAPTER.replace("chapter: c", "chapter: c d"), "c d", "'c d' is not a valid id for 'chapter' (letters, digits, _)"),
    ],
)
def test_bad_ids_in_chapters(kit, text, word, message):
    _, diags = kit.lint(c=text)
    assert_finding(diags, "c.yaml", where(text, word), "error", message)


# --- warnings -----------------------------------------------------------------------


def test_unreachable_node(kit):
    text = chapter("  b:\n    next: a\n")
    story, diags = kit.lint(c=text)
    assert story is not None  # warnings do not stop the story
    assert diags == [("c.yaml", *where(text, "b:"), "warning", "node 'b' can never be reached")]


def test_unused_variables(kit):
    manifest = MANIFEST.replace("  f: false\n", "  f: false\n  spare: 3\n  written: {start: 0}\n")
    text = CHAPTER.replace("x += 1;", "x += 1; written += 1;")
    _, diags = kit.lint(manifest, c=text)
    assert diags == [
        ("story.yaml", *where(manifest, "spare"), "warning", "variable 'spare' is never used"),
        ("story.yaml", *where(manifest, "written"), "warning", "variable 'written' is set but never read by any condition"),
    ]


def test_unused_character_and_ending(kit):
    manifest = MANIFEST.replace("  sam: {name: Sam}\n", "  sam: {name: Sam}\n  amy: {name: Amy}\n")
    manifest = manifest.replace("chapters:", "  other: {title: O, summary: S}\nchapters:")
    _, diags = kit.lint(manifest)
    assert diags == [
        ("story.yaml", *where(manifest, "amy"), "warning", "character 'amy' never speaks"),
        ("story.yaml", *where(manifest, "other"), "warning", "ending 'other' has no node that reaches it"),
    ]


def test_unknown_scene_and_music(kit, tmp_path, monkeypatch):
    assets = tmp_path / "assets"
    (assets / "scenes").mkdir(parents=True)
    (assets / "music").mkdir()
    (assets / "scenes" / "office.png").write_bytes(b"")
    (assets / "music" / "morning.ogg").write_bytes(b"")
    monkeypatch.setattr("game.paths.assets_dir", lambda: assets)
    text = CHAPTER.replace("  a:\n", "  a:\n    scene: offise\n    music: mornin\n", 1)
    text += "  b:\n    scene: office\n    music: morning\n    next: a\n  d:\n    music: none\n    next: b\n"
    _, diags = kit.lint(c=text)
    assert [d for d in diags if "reached" not in d[4]] == [
        ("c.yaml", *where(text, "offise"), "warning", "no scene 'offise' in assets/scenes"),
        ("c.yaml", *where(text, "mornin"), "warning", "no music 'mornin' in assets/music"),
    ]


def test_scene_none_is_not_a_way_to_stop_the_scene(kit, tmp_path, monkeypatch):
    # decision: only music has the `none` value (the format: "`none` stops"); a scene named none is unknown
    assets = tmp_path / "assets"
    (assets / "scenes").mkdir(parents=True)
    monkeypatch.setattr("game.paths.assets_dir", lambda: assets)
    text = CHAPTER.replace("  a:\n", "  a:\n    scene: none\n", 1)
    _, diags = kit.lint(c=text)
    assert diags == [("c.yaml", *where(text, "none"), "warning", "no scene 'none' in assets/scenes")]


def test_findings_are_sorted_and_errors_block_the_story(kit):
    text = chapter("  b:\n    next: nowhere\n  c2:\n    lines:\n      - n: Hi.\n")
    story, diags = kit.lint(c=text)
    assert story is None
    assert diags == sorted(diags, key=lambda d: (d[0], d[1], d[2]))
    assert len(errors(diags)) == 2


def test_no_unused_warnings_while_pieces_are_dropped_for_errors(kit):
    # the only use of x and of sam sits in a line with an error: no "never used" noise beside the error
    manifest = MANIFEST.replace("  f: false\n", "")
    text = "chapter: c\ntitle: C\nnodes:\n  a:\n    lines:\n      - n: Hi.\n      - sam: Hello.\n        if: x > 1 and f\n    ending: done\n"
    _, diags = kit.lint(manifest, c=text)
    assert diags == [("c.yaml", *where(text, "f\n"), "error", "in condition: unknown variable 'f'")]
    fixed = text.replace(" and f", "")
    _, diags = kit.lint(manifest, c=fixed)
    assert diags == []
