"""The repository stands on its own: no file names a path of one machine or a file outside it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT = {".py", ".md", ".yaml", ".yml", ".json", ".toml", ".txt", ".po", ".pot", ".cfg", ".sh", ""}
SKIP = {".git", ".venv", "__pycache__", "build", "dist", ".pytest_cache", ".ruff_cache", ".hypothesis"}
# spelled in pieces so that this file does not name them itself
OUTSIDE = ("/" + "work/", "../" + "shared", "DESIGN" + ".md", "/" + "home/", "C:" + "\\Users")


def _files():
    for path in sorted(ROOT.rglob("*")):
        if path.is_file() and not SKIP.intersection(path.relative_to(ROOT).parts) and path.suffix in TEXT:
            yield path


def test_no_file_points_outside_the_repository():
    found = []
    for path in _files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for n, line in enumerate(text.splitlines(), 1):
            found += [f"{path.relative_to(ROOT)}:{n}: {needle}" for needle in OUTSIDE if needle in line]
    assert found == []


def test_the_contributor_guides_are_in_the_repository():
    for name in ("CONTRIBUTING.md", "docs/architecture.md", "docs/authoring.md"):
        assert (ROOT / name).is_file(), name
    assert not (ROOT / "docs" / "TEAM.md").exists()
