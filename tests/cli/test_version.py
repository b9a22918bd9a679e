"""`her --version`: the installed distribution's version, else game.__version__, which is also
the one place pyproject.toml takes the version from."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest

import game
from game.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_version_prints_the_packages_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"her {game.version()}\n"


def test_version_falls_back_to_the_written_one_without_metadata(monkeypatch):
    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert game.version() == game.__version__


def test_the_metadata_version_is_the_written_one(monkeypatch):
    seen = []
    monkeypatch.setattr(importlib.metadata, "version", lambda name: seen.append(name) or "9.8.7")
    assert game.version() == "9.8.7" and seen == ["her-game"]


def test_pyproject_reads_the_version_from_the_package():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    path = ROOT / project["tool"]["hatch"]["version"]["path"]
    assert path == ROOT / "game" / "__init__.py"
    assert re.search(r'^__version__ = "([^"]+)"', path.read_text(encoding="utf-8"), re.M).group(1) == game.__version__
