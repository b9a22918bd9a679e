"""The wheel carries the story, assets and locales, and the installed game runs from any folder.

Builds the wheel with the project's own backend (hatchling, no build isolation: no network),
installs it into a private target folder and runs `her lint` and `her play --text` from an
unrelated directory with the interpreter isolated (-I), so only the installed copy can be found.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.packaging

RUNNER = """
import json, sys
sys.path.insert(0, sys.argv[1])
import game, game.paths
from game.cli import main
info = {"game": game.__file__, "story": str(game.paths.story_dir()), "assets": str(game.paths.assets_dir()),
        "locales": str(game.paths.locales_dir())}
print(json.dumps(info), file=sys.stderr)
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-cache-dir",
                             "-q", "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    (found,) = out.glob("her_game-*.whl")
    return found


@pytest.fixture(scope="module")
def site(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-cache-dir", "-q", "--target",
                             str(target), str(wheel)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return target


def tracked_data_files() -> dict[str, list[str]]:
    """The files under story/, assets/, locales/ of this checkout (what the wheel must carry)."""
    out = {}
    for folder in ("story", "assets", "locales"):
        files = [p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")]
        out[folder] = sorted(files)
    return out


def test_wheel_contents(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "game/story/story.yaml" in names
    manifest = yaml.safe_load((ROOT / "story" / "story.yaml").read_text(encoding="utf-8"))
    for chapter in manifest["chapters"]:
        assert f"game/story/{chapter}" in names
    for folder, files in tracked_data_files().items():
        assert files, f"{folder}/ is empty in the checkout"
        missing = [f for f in files if f"game/{f}" not in names]
        assert not missing, f"not in the wheel: {missing[:5]}"
    assert any(n.startswith("game/assets/") for n in names) and any(n.startswith("game/locales/") for n in names)
    assert "game/engine/loader.py" in names and "game/__main__.py" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "her = game.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/")) or "__pycache__" in n or n.endswith(".pyc")]


def run_installed(site: Path, cwd: Path, data: Path, *args: str):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(HER_DATA_DIR=str(data), PYTHONIOENCODING="utf-8", SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    result = subprocess.run([sys.executable, "-I", "-c", RUNNER, str(site), *args], cwd=cwd, capture_output=True, text=True,
                            env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr, result.stderr
    info = json.loads(result.stderr.splitlines()[0])
    return result, info, result.stderr.splitlines()[1:]


def run_checkout(cwd: Path, data: Path, *args: str):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=60, stdin=subprocess.DEVNULL)


def test_installed_paths_point_inside_the_package(site, tmp_path):
    _, info, _ = run_installed(site, tmp_path, tmp_path / "data", "--help")
    package = (site / "game").resolve()
    assert Path(info["game"]).resolve().parent == package
    for key in ("story", "assets", "locales"):
        assert Path(info[key]).resolve() == package / key, key
    assert (package / "story" / "story.yaml").is_file()


def test_installed_lint_matches_the_checkout(site, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    installed, _, _ = run_installed(site, elsewhere, tmp_path / "d1", "lint")
    checkout = run_checkout(elsewhere, tmp_path / "d2", "lint")
    assert installed.returncode == checkout.returncode
    inst_lines, check_lines = installed.stdout.splitlines(), checkout.stdout.splitlines()
    assert inst_lines[-1] == check_lines[-1] and inst_lines[-1].startswith("lint ")
    story = os.path.relpath(site / "game" / "story", elsewhere)
    for line in inst_lines[:-1]:
        assert line.startswith(story + os.sep), line  # PATH relative to the current directory
    # the same findings, file by file: only the folder in front differs
    assert [line.rsplit(os.sep, 1)[-1] for line in inst_lines] == [line.rsplit(os.sep, 1)[-1] for line in check_lines]


def test_installed_text_play_matches_the_checkout(site, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    choices = ",".join(["1"] * 40)
    installed, _, _ = run_installed(site, elsewhere, tmp_path / "d1", "play", "--text", "--choices", choices)
    checkout = run_checkout(elsewhere, tmp_path / "d2", "play", "--text", "--choices", choices)
    assert (installed.returncode, installed.stdout) == (checkout.returncode, checkout.stdout)
    if installed.returncode == 0:
        assert installed.stdout.strip()
        assert (tmp_path / "d1" / "saves" / "auto.json").is_file()  # autosave in the data folder, not the package


def test_installed_play_of_a_given_story(site, tmp_path):
    walk = ROOT / "tests" / "stories" / "golden_walk"
    installed, info, _ = run_installed(site, tmp_path, tmp_path / "d", "play", "--text", "--story", str(walk), "--choices", "1,1")
    assert installed.returncode == 0
    assert installed.stdout == (walk / "expected.txt").read_text()


def test_installed_version_comes_from_the_metadata(site, tmp_path):
    import game

    result, _, rest = run_installed(site, tmp_path, tmp_path / "d", "--version")
    assert result.returncode == 0 and result.stdout == f"her {game.__version__}\n"
    assert list(site.glob(f"her_game-{game.__version__}.dist-info"))


def test_installed_new_story_lints_clean(site, tmp_path):
    made, _, _ = run_installed(site, tmp_path, tmp_path / "d", "new", "mine")
    assert made.returncode == 0
    assert sorted(p.name for p in (tmp_path / "mine" / "schema").iterdir()) == [
        "chapter.schema.json", "playtests.schema.json", "story.schema.json"]
    lint, _, _ = run_installed(site, tmp_path, tmp_path / "d", "lint", "--strict", "--story", "mine")
    assert (lint.returncode, lint.stdout) == (0, "lint ok: 0 error(s), 0 warning(s)\n")
