"""`her i18n extract --story DIR` writes DIR/locales/*.pot (or to --locales), never the game's."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.pot"))}


def _her(*args: str, cwd: Path, data: Path) -> subprocess.CompletedProcess:
    # A fixed creation date: two runs either side of a minute would otherwise stamp different dates.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(data), "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def test_a_stories_templates_go_beside_it_and_the_games_stay(tmp_path):
    before = _digests(ROOT / "locales")
    story = tmp_path / "mine"
    shutil.copytree(ROOT / "tests" / "stories" / "basic", story)
    result = _her("i18n", "extract", "--story", str(story), cwd=ROOT, data=tmp_path / "data")  # even from inside the checkout
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (story / "locales").iterdir()) == ["story.pot", "ui.pot"]
    assert _digests(ROOT / "locales") == before
    pot = (story / "locales" / "story.pot").read_text(encoding="utf-8")
    shipped = (ROOT / "locales" / "story.pot").read_text(encoding="utf-8")
    assert pot != shipped and "msgid" in pot

    elsewhere = tmp_path / "out"
    result = _her("i18n", "--locales", str(elsewhere), "extract", "--story", str(story), cwd=tmp_path, data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "story.pot").read_text(encoding="utf-8") == pot
