"""Tools that write templates or catalogs refuse a missing or empty input instead of reporting
success, and never turn translations obsolete because an input was missing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def her(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture
def locales(tmp_path) -> Path:
    copy = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", copy)
    return copy


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("source", ["missing", "empty folder", "a file", "no strings"])
def test_extract_refuses_a_source_that_yields_nothing(tmp_path, locales, source):
    before = _snapshot(locales)
    target = tmp_path / "src"
    if source == "empty folder":
        target.mkdir()
    elif source == "a file":
        target.write_text("not a folder")
    elif source == "no strings":
        (target / "game").mkdir(parents=True)
        (target / "game" / "quiet.py").write_text("x = 1\n")
    run = her("i18n", "extract", "--locales", str(locales), "--source", str(target))
    assert run.returncode == 1 and "ui.pot not written" in run.stderr and "Traceback" not in run.stderr
    assert _snapshot(locales)["ui.pot"] == before["ui.pot"]


@pytest.mark.parametrize("domain", ["ui", "story"])
def test_update_refuses_an_empty_template_over_translations(locales, domain):
    template = locales / f"{domain}.pot"
    text = template.read_text()
    template.write_text(text[: text.index("\n\n") + 1])  # the header only: as if the input was missing
    po = locales / "ko" / "LC_MESSAGES" / f"{domain}.po"
    before = po.read_bytes()
    run = her("i18n", "update", "ko", "--locales", str(locales))
    assert run.returncode == 1 and "holds no strings" in run.stderr and "obsolete" in run.stderr
    assert po.read_bytes() == before


def test_extract_refuses_a_missing_story(tmp_path, locales):
    before = _snapshot(locales)
    run = her("i18n", "extract", "--locales", str(locales), "--story", str(tmp_path / "nowhere"))
    assert run.returncode == 1 and "story.pot not written" in run.stderr
    assert _snapshot(locales)["story.pot"] == before["story.pot"]
