"""Any bytes given to the loader give diagnostics, never an exception; lint prints well-formed lines.

Arbitrary YAML-ish text and mutated valid stories (byte flips, deleted, duplicated and swapped
lines, truncation) go through the one loader and `her lint`. A mutant that still loads must
also play without any error but the documented StoryRuntimeError.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_runtime_constructs import MANIFEST as C_MANIFEST
from test_runtime_constructs import ONE as C_ONE
from test_runtime_constructs import TWO as C_TWO

from game.commands import lint
from game.engine import ChoiceEvent, EndEvent, Runtime, StuckEvent
from game.engine.diagnostics import Diagnostic
from game.engine.loader import load_story_files
from game.engine.runtime import StoryRuntimeError
from game.paths import assets_dir

BASIC = Path(__file__).resolve().parents[1] / "stories" / "basic"
FINDING = re.compile(r"^[^\n]+:\d+:\d+: (error|warning): [^\n]+$")
SUMMARY = re.compile(r"^lint (ok|failed): (\d+) error\(s\), (\d+) warning\(s\)$")
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

STORIES = {
    "basic": {p.name: p.read_bytes() for p in sorted(BASIC.glob("*.yaml"))},
    "constructs": {"story.yaml": C_MANIFEST.encode(), "one.yaml": C_ONE.encode(), "two.yaml": C_TWO.encode()},
}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def write_story(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def check_loader(folder: Path):
    story, diags = load_story_files(folder, assets=assets_dir())  # as `her lint` checks them
    assert isinstance(diags, list) and all(isinstance(d, Diagnostic) for d in diags)
    assert (story is None) == any(d.is_error for d in diags)
    for d in diags:
        assert FINDING.match(d.format()), d.format()
    return story, diags


def check_lint(folder: Path, diags) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = lint.run(argparse.Namespace(story=folder, strict=False))  # `her lint` minus argparse
    lines = out.getvalue().splitlines()
    assert lines, "lint printed nothing"
    summary = SUMMARY.match(lines[-1])
    assert summary, lines[-1]
    assert all(FINDING.match(line) for line in lines[:-1]), lines
    errors = int(summary.group(2))
    assert code == (1 if errors else 0)
    assert errors == sum(d.is_error for d in diags) and len(lines) - 1 == len(diags)


def check_play(story, seed: int) -> None:
    """A story lint accepts plays: random choices, bounded steps, no error but StoryRuntimeError."""
    rng = random.Random(seed)
    runtime = Runtime(story)
    try:
        for _ in range(300):
            event = runtime.advance()
            if isinstance(event, ChoiceEvent):
                runtime.choose(rng.choice(event.options).index)
            elif isinstance(event, (EndEvent, StuckEvent)):
                return
    except StoryRuntimeError:
        return


def mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(7)
    lines = data.split(b"\n")
    if kind == 0 and data:  # flip a byte
        i = rng.randrange(len(data))
        return data[:i] + bytes([data[i] ^ rng.randrange(1, 256)]) + data[i + 1:]
    if kind == 1 and len(lines) > 1:  # delete a line
        del lines[rng.randrange(len(lines))]
    elif kind == 2:  # duplicate a line
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    elif kind == 3:  # truncate
        return data[: rng.randrange(len(data) + 1)]
    elif kind == 4 and len(lines) > 1:  # swap two lines
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == 5:  # insert YAML punctuation somewhere
        i = rng.randrange(len(data) + 1)
        return data[:i] + rng.choice([b":", b"- ", b"&a ", b"*a", b"!!", b"{", b"[", b"'", b'"', b"\t", b"#", b"|", b">", b"\x00", b"\xff", b"<<: "]) + data[i:]
    else:  # re-indent a line
        i = rng.randrange(len(lines))
        lines[i] = b" " * rng.randrange(0, 9) + lines[i].lstrip()
    return b"\n".join(lines)


@FUZZ
@given(st.sampled_from(sorted(STORIES)), st.integers(1, 4), st.randoms(use_true_random=False), st.integers(0, 2**16))
def test_mutated_stories_give_only_diagnostics(workdir, which, count, rng, seed):
    files = dict(STORIES[which])
    for _ in range(count):
        name = rng.choice(sorted(files))
        files[name] = mutate(files[name], rng)
    folder = write_story(workdir / "mutant", files)
    story, diags = check_loader(folder)
    check_lint(folder, diags)
    if story is not None:
        check_play(story, seed)


YAML_BITS = ["title: T\n", "start: a\n", "characters:\n", "  n: {}\n", "chapters: [c.yaml]\n", "nodes:\n", "  a:\n",
             "    lines:\n", "      - n: hi\n", "    next: a\n", "    ending: e\n", "endings: {e: {title: E, summary: S}}\n",
             "variables: {x: 1}\n", "      - set: x += 1\n", "        if: x > 1\n", "    choices:\n", "      - text: go\n",
             "        goto: a\n", "    branch:\n", "      - goto: a\n", "chapter: c\n", "- ", ": ", "&x ", "*x ", "[", "]",
             "{", "}", ",", "? ", "!!str ", "'", '"', "\n", "  ", "~", "---\n", "...\n", "%YAML 1.1\n", "#c\n", "|\n", ">\n"]


@FUZZ
@given(
    st.one_of(st.text(max_size=200), st.lists(st.sampled_from(YAML_BITS), max_size=40).map("".join)),
    st.one_of(st.text(max_size=200), st.lists(st.sampled_from(YAML_BITS), max_size=40).map("".join)),
)
def test_arbitrary_yaml_text_gives_only_diagnostics(workdir, manifest, chapter):
    folder = write_story(workdir / "arbitrary", {
        "story.yaml": manifest.encode("utf-8", "surrogatepass"),
        "c.yaml": chapter.encode("utf-8", "surrogatepass"),
    })
    story, diags = check_loader(folder)
    check_lint(folder, diags)
    if story is not None:
        check_play(story, 0)


@settings(FUZZ, max_examples=100)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_as_a_chapter_give_only_diagnostics(workdir, data):
    files = dict(STORIES["basic"])
    files["two.yaml"] = data
    folder = write_story(workdir / "bytes", files)
    _, diags = check_loader(folder)
    check_lint(folder, diags)
