"""The standalone player: built from a clean clone, it runs every command with no Python around.

Slow (a PyInstaller build, ~30-60 s), so it is left out of the default run: `pytest -m bundle`.
The committed tree is cloned into a temporary folder and built there with
`tools/build_player.py`; the clone is then deleted, and the bundle is run from an unrelated
folder with a bare environment (only PATH=/usr/bin:/bin, a fresh HOME and SDL's dummy drivers),
so nothing of this checkout, its virtual environment or the user's data can be used.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.bundle,
              pytest.mark.skipif(sys.platform == "win32", reason="the bare-environment run is written for POSIX shells")]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    pytest.importorskip("PyInstaller", reason="pip install '.[build]' to build the player")
    if shutil.which("git") is None:
        pytest.skip("git is needed to clone the checkout")
    top = tmp_path_factory.mktemp("bundle")
    clone, dist = top / "clone", top / "dist"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True, timeout=120)
    result = subprocess.run([sys.executable, str(clone / "tools" / "build_player.py"), "--dist", str(dist)], cwd=clone,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.rmtree(clone)  # the bundle must stand alone
    (archive,) = dist.glob("her-*")
    return {"folder": dist / "her", "archive": archive, "top": top}


def her(built, tmp_path: Path, *args: str, timeout: int = 120, **extra: str) -> subprocess.CompletedProcess:
    """Run the bundle's `her` from an empty folder with a bare environment and a fresh HOME."""
    home, cwd = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir(exist_ok=True)
    cwd.mkdir(exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", **extra}
    result = subprocess.run([str(built["folder"] / "her"), *args], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def game_version() -> str:
    text = (ROOT / "game" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def test_archive_is_named_with_version_and_platform_and_holds_the_folder(built):
    archive = built["archive"]
    assert re.fullmatch(rf"her-{re.escape(game_version())}-(linux|macos)-[a-z0-9_]+\.(tar\.gz|zip)", archive.name), archive.name
    if archive.name.endswith(".tar.gz"):
        with tarfile.open(archive) as tar:
            names = set(tar.getnames())
        assert "her/her" in names
        assert any(n.startswith("her/_internal/story/") for n in names)


def test_version(built, tmp_path):
    result = her(built, tmp_path, "--version")
    assert (result.returncode, result.stdout) == (0, f"her {game_version()}\n")


def test_the_window_presents_its_first_title_frame(built, tmp_path):
    result = her(built, tmp_path, HER_EXIT_AFTER_FIRST_FRAME="1")
    assert result.returncode == 0, result.stderr


def test_text_play_reaches_an_ending_and_saves_in_the_user_data_folder(built, tmp_path):
    report = her(built, tmp_path, "explore", "--json")
    assert report.returncode == 0, report.stderr
    endings = json.loads(report.stdout)["endings"]
    name, ending = min(((n, e) for n, e in endings.items() if e["reachable"]), key=lambda item: len(item[1]["choices"]))
    result = her(built, tmp_path, "play", "--text", "--choices", ending["walkthrough"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"ending: {name}"
    saves = list((tmp_path / "home").rglob("her-game/saves/auto.json"))
    assert saves, "no autosave under the fresh HOME"
    assert not list(built["folder"].rglob("auto.json"))  # nothing written into the bundle


def test_lint_and_the_story_tools(built, tmp_path):
    lint = her(built, tmp_path, "lint", "--strict")
    assert (lint.returncode, lint.stdout.splitlines()[-1]) == (0, "lint ok: 0 error(s), 0 warning(s)")
    for args in (("stats",), ("test",), ("graph", "--format", "mermaid"), ("i18n", "stats"), ("i18n", "check", "ko")):
        result = her(built, tmp_path, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout.strip(), args


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_capture_writes_pictures_of_every_screen(built, tmp_path, lang):
    out = tmp_path / "shots"
    result = her(built, tmp_path, "capture", "--out", str(out), "--lang", lang, timeout=300)
    assert result.returncode == 0, result.stderr
    shots = sorted(out.glob("*.png"))
    assert len(shots) >= 10 and f"{len(shots)} screen(s) written" in result.stdout
    for shot in shots:
        head = shot.read_bytes()[:24]
        width, height = struct.unpack(">II", head[16:24])
        assert head[:8] == PNG_MAGIC and width >= 640 and height >= 360, shot.name
