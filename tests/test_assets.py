"""The shipped assets: everything the story asks for exists, every file has its
provenance written down, the fonts cover Korean, and sizes stay reasonable."""
from __future__ import annotations

import os
import pathlib
import re
import struct

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pygame.freetype  # noqa: E402
import pytest  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
STORY_README = ROOT / "story" / "README.md"

FONTS = ["NanumGothic.ttf", "NanumGothicBold.ttf", "NanumMyeongjo.ttf", "NanumPen.ttf"]
SOUNDS = ["select", "confirm", "back", "page", "save"]


def table_ids(markdown: str, heading_word: str) -> list[str]:
    """The backticked ids in the first column of the table under the heading that
    contains `heading_word` (e.g. 'Scene ids')."""
    ids: list[str] = []
    in_section = False
    for line in markdown.splitlines():
        if line.startswith("#"):
            in_section = heading_word.lower() in line.lower()
            continue
        if in_section and line.startswith("|"):
            first = line.strip("|").split("|")[0].strip()
            m = re.fullmatch(r"`([a-z0-9_]+)`", first)
            if m:
                ids.append(m.group(1))
    return ids


def scene_ids() -> list[str]:
    return table_ids(STORY_README.read_text(encoding="utf-8"), "Scene ids")


def music_ids() -> list[str]:
    return table_ids(STORY_README.read_text(encoding="utf-8"), "Music ids")


def test_table_parser_finds_the_tables():
    # if the README's tables move or change shape, say so rather than pass vacuously
    assert len(scene_ids()) >= 5
    assert len(music_ids()) >= 3
    assert table_ids("## Scene ids\n| id | place |\n| --- | --- |\n| `x_1` | y |\n## Other\n| `z` | w |", "Scene ids") == ["x_1"]


@pytest.mark.parametrize("sid", scene_ids() + ["title"])
def test_every_scene_has_a_picture(sid):
    path = ASSETS / "scenes" / f"{sid}.png"
    assert path.is_file(), f"missing scene picture {path.relative_to(ROOT)} (run tools/make_scenes.py)"
    with path.open("rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = struct.unpack(">II", head[16:24])
    assert (w, h) == (1280, 720)
    assert path.stat().st_size < 1_000_000, "keep each scene well under 1 MB"


def ogg_duration(path: pathlib.Path) -> float:
    """Duration from the last Ogg page's granule position and the Vorbis id header's rate."""
    data = path.read_bytes()
    assert data[:4] == b"OggS", f"{path.name} is not an Ogg file"
    i = data.find(b"\x01vorbis")
    assert i >= 0, f"{path.name} is not Ogg Vorbis"
    rate = struct.unpack("<I", data[i + 12:i + 16])[0]
    last = data.rfind(b"OggS")
    granule = struct.unpack("<q", data[last + 6:last + 14])[0]
    return granule / rate


@pytest.mark.parametrize("mid", music_ids())
def test_every_music_id_has_a_loop(mid):
    path = ASSETS / "music" / f"{mid}.ogg"
    assert path.is_file(), f"missing music {path.relative_to(ROOT)} (run tools/make_music.py)"
    assert 30.0 <= ogg_duration(path) <= 60.0


def test_music_stays_small():
    total = sum(p.stat().st_size for p in (ASSETS / "music").glob("*.ogg"))
    assert total < 8 * 1024 * 1024


@pytest.mark.parametrize("name", SOUNDS)
def test_interface_sounds(name):
    path = ASSETS / "sounds" / f"{name}.ogg"
    assert path.is_file()
    assert 0.05 <= ogg_duration(path) <= 1.5


def test_every_asset_file_is_listed_in_the_readme():
    readme = (ASSETS / "README.md").read_text(encoding="utf-8")
    unlisted = []
    for p in sorted(ASSETS.rglob("*")):
        if p.is_dir() or p.name == "README.md":
            continue
        rel = p.relative_to(ASSETS).as_posix()
        if rel not in readme:
            unlisted.append(rel)
    assert not unlisted, f"assets/README.md does not list: {', '.join(unlisted)}"


def test_font_licence_is_shipped():
    text = (ASSETS / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in text.upper()
    assert "NAVER" in text


@pytest.fixture(scope="module")
def ft():
    pygame.freetype.init()
    yield pygame.freetype
    pygame.freetype.quit()


def missing_glyphs(ft, path, text: str) -> list[str]:
    font = ft.Font(str(path), 24)
    return [ch for ch, m in zip(text, font.get_metrics(text)) if m is None]


SAMPLE = "가나다 한국어 Hello, Theodore! “Dear Chris,” — 12:30…"


def test_glyph_check_can_fail(ft):
    # pygame's default font has no Hangul: the check below must notice that
    default = pathlib.Path(pygame.__file__).parent / pygame.font.get_default_font()
    assert missing_glyphs(ft, default, "가나다") == ["가", "나", "다"]


@pytest.mark.parametrize("name", FONTS)
def test_fonts_cover_hangul_and_latin(ft, name):
    path = ASSETS / "fonts" / name
    assert path.is_file()
    assert missing_glyphs(ft, path, SAMPLE) == []
    # also through pygame.font, the module the interface renders with
    pygame.font.init()
    font = pygame.font.Font(str(path), 24)
    assert font.size("가나다")[0] > 0 and font.size("Latin")[0] > 0


@pytest.mark.parametrize("name", FONTS)
def test_fonts_have_every_hangul_syllable(ft, name):
    syllables = "".join(chr(c) for c in range(0xAC00, 0xD7A4))
    assert len(syllables) == 11172
    assert missing_glyphs(ft, ASSETS / "fonts" / name, syllables) == []


def test_every_scene_and_music_id_the_story_uses_exists():
    """What the shipped story names, not only what the README lists, has a file."""
    from game.engine import load_story
    from game.engine.checks import check_asset_ids
    from game.paths import assets_dir, story_dir

    story = load_story(story_dir())
    used_scenes = {n.scene for n in story.nodes.values() if n.scene}
    used_music = {n.music for n in story.nodes.values() if n.music and n.music != "none"}
    assert len(used_scenes) >= 9 and len(used_music) >= 4
    assert check_asset_ids(story, assets_dir()) == []
