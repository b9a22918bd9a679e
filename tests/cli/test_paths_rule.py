"""game.paths' rule, as a writer meets it: inside a checkout the checkout's story/, assets/ and
locales/ are read even when the game was installed as a copy (`pip install .`), and the tools
say so; outside any checkout the installed copy is read; `--story DIR` always wins.

The copy is made as a non-editable install would lay it out (the package with story/ inside),
and run with an isolated interpreter (-I) so that only that copy of the code can be imported.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNNER = "import sys; sys.path.insert(0, sys.argv[1]); from game.cli import main; sys.exit(main(sys.argv[2:]))"


@pytest.fixture
def installed(tmp_path) -> Path:
    """A site-packages folder holding a copy of the game, its story inside the package."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "game", site / "game", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "story", site / "game" / "story")
    return site


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A checkout whose story has a broken goto the installed copy does not have."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "story", root / "story")
    shutil.copyfile(ROOT / "pyproject.toml", root / "pyproject.toml")
    chapter = root / "story" / "01_letters.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("goto: letters_wen_kitchen", "goto: letters_wen_kitchn", 1),
                       encoding="utf-8")
    (root / "story" / "deep").mkdir()
    return root


def run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(HER_DATA_DIR=str(site.parent / "data"), PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-I", "-c", RUNNER, str(site), *args], cwd=cwd, capture_output=True, text=True,
                            env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_in_a_checkout_the_checkouts_story_is_linted_and_named(installed, checkout):
    for cwd in (checkout, checkout / "story" / "deep"):  # anywhere inside it
        result = run(installed, cwd, "lint")
        assert result.returncode == 1, result.stdout
        (finding,) = [line for line in result.stdout.splitlines() if "letters_wen_kitchn" in line]
        shown = finding.split(":", 1)[0]
        assert (cwd / shown).resolve() == (checkout / "story" / "01_letters.yaml").resolve()
        assert "site" not in finding
        assert result.stderr.strip() == f"her: reading the story of this checkout, {checkout / 'story'} (not the installed copy)"


def test_outside_a_checkout_the_installed_story_is_read_silently(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(installed, elsewhere, "lint")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1].startswith("lint ok")


def test_story_option_wins_over_the_checkout(installed, checkout):
    result = run(installed, checkout, "lint", "--story", str(installed / "game" / "story"))
    assert (result.returncode, result.stderr) == (0, "")


def test_the_game_run_from_its_own_checkout_reads_it_without_a_note(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-m", "game", "lint"], cwd=ROOT / "story", capture_output=True, text=True, env=env,
                            timeout=60)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_folder_that_only_looks_like_a_checkout_is_not_one(installed, tmp_path):
    fake = tmp_path / "fake"
    shutil.copytree(ROOT / "story", fake / "story")
    (fake / "pyproject.toml").write_text('[project]\nname = "something-else"\n', encoding="utf-8")
    (fake / "story" / "01_letters.yaml").write_text("broken: [\n", encoding="utf-8")
    result = run(installed, fake, "lint")
    assert (result.returncode, result.stderr) == (0, "")


def test_the_standalone_player_reads_its_own_bundle_even_inside_a_checkout(tmp_path, monkeypatch):
    from game import paths

    bundle = tmp_path / "bundle"
    for name in ("story", "assets", "locales"):
        (bundle / name).mkdir(parents=True)
    monkeypatch.chdir(ROOT)  # inside this project's checkout, whose own story rule 2 would pick
    assert paths.story_dir().resolve() == (ROOT / "story").resolve()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert (paths.story_dir(), paths.assets_dir(), paths.locales_dir()) == (bundle / "story", bundle / "assets", bundle / "locales")
    assert paths.story_note() is None  # the bundle's story is the shipped one: nothing to say
