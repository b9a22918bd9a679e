"""`her new DIR`: the folder lints clean with --strict, plays to each of its endings, its
playtests pass, and every file's `$schema` line finds a schema that accepts it, wherever the
folder is moved; a folder that is not empty is refused with one line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from game.engine.loader import load_story_files

ROOT = Path(__file__).resolve().parents[2]


def her(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "HER_DATA_DIR": str(cwd / ".data")}
    result = subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, capture_output=True, env=env, timeout=60,
                            stdin=subprocess.DEVNULL, text=True)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_new_story_lints_clean_plays_each_ending_and_passes_its_playtests(tmp_path):
    made = her("new", "mine", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "mine"
    lint = her("lint", "--strict", "--story", "mine", cwd=tmp_path)
    assert (lint.returncode, lint.stdout) == (0, "lint ok: 0 error(s), 0 warning(s)\n")
    story, _ = load_story_files(folder)
    assert len(story.chapters) == 1 and len(story.endings) == 2
    assert any(len(n.choices) >= 2 for n in story.nodes.values())
    walks = yaml.safe_load((folder / "playtests.yaml").read_text(encoding="utf-8"))
    assert {w["ending"] for w in walks.values()} == set(story.endings)
    for walk in walks.values():
        played = her("play", "--text", "--story", "mine", "--choices", ",".join(map(str, walk["choices"])), cwd=tmp_path)
        assert played.returncode == 0, played.stderr
        title = story.endings[walk["ending"]].title
        assert title in played.stdout or walk["ending"] in played.stdout
    tested = her("test", "--story", "mine", cwd=tmp_path)
    assert tested.returncode == 0 and "2 passed, 0 failed" in tested.stdout
    assert (folder / "README.md").read_text(encoding="utf-8").startswith("# Mine")


def test_schema_links_are_relative_to_the_folder_wherever_it_goes(tmp_path):
    assert her("new", "first", cwd=tmp_path).returncode == 0
    moved = tmp_path / "elsewhere" / "deeper"
    moved.parent.mkdir()
    shutil.move(str(tmp_path / "first"), str(moved))
    files = sorted(moved.glob("*.yaml"))
    assert {p.name for p in files} == {"story.yaml", "01_beginning.yaml", "playtests.yaml"}
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file() and moved in target.parents
        schema = json.loads(target.read_text(encoding="utf-8"))
        assert schema == json.loads((ROOT / "game" / "schema" / target.name).read_text(encoding="utf-8"))
        errors = list(Draft202012Validator(schema).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert errors == [], (path.name, [e.message for e in errors])


def test_a_folder_that_is_not_empty_is_refused_in_one_line(tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = her("new", "busy", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "not empty" in result.stderr and "busy" in result.stderr
    assert sorted(p.name for p in (tmp_path / "busy").iterdir()) == ["notes.txt"]
    assert her("new", "busy/notes.txt", cwd=tmp_path).returncode == 1  # a file is not a folder either
