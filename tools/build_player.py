#!/usr/bin/env python3
"""Build the standalone player: a one-folder bundle of *Her* that needs no Python.

    pip install ".[build]"
    python tools/build_player.py            # dist/her/ and dist/her-VERSION-PLATFORM.tar.gz (.zip off Linux)

PyInstaller freezes the `her` command with the story, assets, locales and fonts and the
package's own data (JSON schemas, the capture fixture) inside; `game.paths` finds them in
the bundle (`sys._MEIPASS`), and the player's saves go to the same user data folder as the
installed game's. The spec is built here in code, so there is no .spec file to keep in step.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "her"
DATA_FOLDERS = ("story", "assets", "locales")
# third-party modules the commands import inside functions, named so analysis never misses them
HIDDEN = ("yaml", "polib", "platformdirs")
LAUNCHER = "import sys\n\nfrom game.cli import main\n\nsys.exit(main())\n"
MACHINES = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}
SYSTEMS = {"linux": "linux", "darwin": "macos", "win32": "windows"}


def version(root: Path = ROOT) -> str:
    """The game's version, read from game/__init__.py (no import: the build may run elsewhere)."""
    text = (root / "game" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M)
    if not found:
        raise SystemExit(f"{root / 'game' / '__init__.py'}: no __version__ line")
    return found.group(1)


def platform_tag() -> str:
    """linux-x86_64, macos-arm64, windows-x86_64, ..."""
    system = SYSTEMS.get(sys.platform, sys.platform)
    machine = platform.machine().lower() or "unknown"
    return f"{system}-{MACHINES.get(machine, machine)}"


def archive_path(dist: Path, root: Path = ROOT) -> Path:
    suffix = ".tar.gz" if sys.platform.startswith("linux") else ".zip"
    return dist / f"{NAME}-{version(root)}-{platform_tag()}{suffix}"


def pyinstaller_args(root: Path, dist: Path, work: Path, launcher: Path) -> list[str]:
    """The command line PyInstaller is run with: one folder named her, the data inside."""
    args = [str(launcher), "--onedir", "--name", NAME, "--noconfirm", "--clean", "--console",
            "--distpath", str(dist), "--workpath", str(work / "build"), "--specpath", str(work),
            "--paths", str(root), "--log-level", "WARN",
            "--python-option", "X utf8",  # UTF-8 text in any console or pipe (Windows' code pages too)
            "--collect-submodules", "game",  # game.commands.* are imported by name (game.cli)
            "--collect-data", "game"]  # the JSON schemas and the capture fixture story
    for folder in DATA_FOLDERS:
        args += ["--add-data", f"{root / folder}{os.pathsep}{folder}"]
    for module in HIDDEN:
        args += ["--hidden-import", module]
    # build-time and test-only packages the analysis would otherwise follow
    for module in ("pytest", "hypothesis", "numpy", "jsonschema", "tkinter"):
        args += ["--exclude-module", module]
    return args


def make_archive(folder: Path, target: Path) -> Path:
    """folder packed as target (.tar.gz or .zip), with the folder itself at the top."""
    target.unlink(missing_ok=True)
    if target.name.endswith(".tar.gz"):
        with tarfile.open(target, "w:gz") as tar:
            tar.add(folder, arcname=folder.name)
        return target
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, Path(folder.name) / path.relative_to(folder))
    return target


def build(root: Path = ROOT, dist: Path | None = None) -> tuple[Path, Path]:
    """Freeze the game at root into dist/her/ and pack it; returns (folder, archive)."""
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        raise SystemExit("build_player: PyInstaller is not installed; pip install \".[build]\"") from None
    dist = (dist or root / "dist").resolve()
    # PyInstaller's helper processes (collect-submodules, hooks) must import this checkout's game
    os.environ["PYTHONPATH"] = os.pathsep.join([str(root.resolve()), *filter(None, [os.environ.get("PYTHONPATH")])])
    sys.path.insert(0, str(root.resolve()))
    with tempfile.TemporaryDirectory(prefix="her-build-") as tmp:
        work = Path(tmp)
        launcher = work / "her_launcher.py"
        launcher.write_text(LAUNCHER, encoding="utf-8")
        pyinstaller.run(pyinstaller_args(root.resolve(), dist, work, launcher))
    folder = dist / NAME
    if not folder.is_dir():
        raise SystemExit(f"build_player: PyInstaller made no {folder}")
    return folder, make_archive(folder, archive_path(dist, root))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the standalone player (PyInstaller, one folder) and its archive.")
    parser.add_argument("--dist", type=Path, default=None, help="output folder (default: dist/ in the checkout)")
    args = parser.parse_args(argv)
    folder, archive = build(ROOT, args.dist)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"{folder} ({size / 2**20:.0f} MiB)")
    print(archive)
    return 0


if __name__ == "__main__":
    sys.exit(main())
