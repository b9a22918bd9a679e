"""Scene backgrounds, their animation layer and Samantha's presence, in a headless window."""
from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pathlib  # noqa: E402
import time  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui.presence import Presence  # noqa: E402
from game.ui.scenery import EFFECTS, Scenery  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENES = ROOT / "assets" / "scenes"
SIZE = (1280, 720)

SCENE_IDS = ["office", "apartment_night", "apartment_day", "street", "subway", "beach", "fair", "station",
             "restaurant", "rooftop"]
ANIMATED = {"apartment_night", "street", "station", "beach", "fair", "office", "apartment_day", "rooftop"}


@pytest.fixture(scope="module")
def screen():
    pygame.init()
    surf = pygame.display.set_mode(SIZE)
    yield surf  # pygame stays initialised: other tests in this process share it


@pytest.fixture(scope="module")
def scenery(screen):
    return Scenery(SCENES, size=SIZE)


def frame_bytes(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def test_scene_list_matches_the_story_readme():
    import importlib.util

    spec = importlib.util.spec_from_file_location("_her_test_assets", pathlib.Path(__file__).with_name("test_assets.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert sorted(SCENE_IDS) == sorted(mod.scene_ids())


@pytest.mark.parametrize("sid", SCENE_IDS + ["title"])
def test_background_is_the_painted_scene(scenery, sid):
    bg = scenery.background(sid)
    assert bg.get_size() == SIZE
    assert bg is scenery.background(sid), "backgrounds are cached"
    assert frame_bytes(bg) != frame_bytes(scenery.fallback()), "a real picture, not the fallback"


@pytest.mark.parametrize("sid", ["no_such_scene", None, "", "../story/README", "title.png"])
def test_unknown_scene_gets_the_warm_fallback(scenery, sid):
    bg = scenery.background(sid)
    assert bg.get_size() == SIZE
    assert frame_bytes(bg) == frame_bytes(scenery.fallback())
    r, g, b = bg.get_at((640, 600))[:3]
    assert r > b, "the fallback is warm"
    assert not scenery.animates(sid)


def test_missing_folder_never_raises(tmp_path, screen):
    s = Scenery(tmp_path / "nowhere", size=SIZE)
    for sid in SCENE_IDS:
        assert s.background(sid).get_size() == SIZE
        s.draw_overlay(screen, sid, 1.0)  # may or may not animate; must not raise


def test_broken_picture_falls_back(tmp_path, screen):
    (tmp_path / "office.png").write_bytes(b"not a png")
    (tmp_path / "overlay.json").write_text("{ nope", encoding="utf-8")
    s = Scenery(tmp_path, size=SIZE)
    assert frame_bytes(s.background("office")) == frame_bytes(s.fallback())
    s.draw_overlay(screen, "office", 0.5)


def test_works_without_a_display_mode_and_at_other_sizes(tmp_path):
    # another size: pictures are scaled, the overlay data is scaled with them
    s = Scenery(SCENES, size=(640, 360))
    assert s.background("beach").get_size() == (640, 360)
    surf = s.background("beach").copy()
    s.draw_overlay(surf, "beach", 1.3)


def test_effects_cover_the_scenes_that_should_move():
    assert set(EFFECTS) == ANIMATED


@pytest.mark.parametrize("sid", SCENE_IDS + ["title", "no_such_scene"])
def test_overlay_changes_over_time_only_for_animated_scenes(scenery, sid):
    bg = scenery.background(sid)
    frames = []
    for t in (0.0, 2.0):
        f = bg.copy()
        scenery.draw_overlay(f, sid, t)
        frames.append(frame_bytes(f))
    if sid in ANIMATED:
        assert scenery.animates(sid)
        assert frames[0] != frames[1], f"{sid}: the overlay should move between t=0 and t=2"
    else:
        assert not scenery.animates(sid)
        assert frames[0] == frames[1] == frame_bytes(bg), f"{sid}: a still scene must stay still"


@pytest.mark.parametrize("sid", sorted(ANIMATED))
def test_overlay_is_restrained(scenery, sid):
    """Motion is a quiet layer: it touches a small part of the picture, gently."""
    bg = scenery.background(sid)
    f = bg.copy()
    scenery.draw_overlay(f, sid, 3.7)
    a = pygame.surfarray.pixels3d(bg)
    b = pygame.surfarray.pixels3d(f)
    diff = abs(a.astype(int) - b.astype(int)).max(axis=2)
    del a, b
    changed = (diff > 2).mean()
    assert changed < 0.25, f"{sid}: overlay changes {changed:.0%} of the frame"


@pytest.mark.parametrize("sid", sorted(ANIMATED))
def test_overlay_is_cheap(scenery, sid):
    f = scenery.background(sid).copy()
    scenery.draw_overlay(f, sid, 0.0)  # warm up
    times = []
    for i in range(40):
        t0 = time.perf_counter()
        scenery.draw_overlay(f, sid, i / 30)
        times.append(time.perf_counter() - t0)
    times.sort()
    # budget is 1 ms; allow for a busy test machine
    assert times[len(times) // 2] < 0.004, f"{sid}: median {times[len(times) // 2] * 1000:.2f} ms"


def test_presence_draws_a_warm_light(screen):
    p = Presence(SIZE)
    surf = pygame.Surface(SIZE)
    surf.fill((0, 0, 0))
    p.draw(surf, (640, 300), 1.0, 1.0)
    px = pygame.surfarray.array3d(surf)
    lit = px.max(axis=2) > 8
    assert lit.sum() > 2000, "the presence should show"
    ys, xs = lit.T.nonzero()
    assert 640 - 400 < xs.mean() < 640 + 400 and 300 - 150 < ys.mean() < 300 + 150, "centred on the point given"
    r, g, b = (px[lit].astype(int)).mean(axis=0)
    assert r >= g >= b, "warm light"


def test_presence_idles_calmly_and_moves_when_speaking(screen):
    def render(t, energy, p):
        s = pygame.Surface(SIZE)
        s.fill((40, 20, 24))
        p.draw(s, (640, 300), t, energy)
        return pygame.surfarray.array3d(s).astype(int)

    speaking = Presence(SIZE)
    idle = Presence(SIZE)
    a = render(2.0, 1.0, speaking)
    b = render(2.0, 0.0, idle)
    assert (a != b).any()
    assert a.sum() > b.sum(), "brighter while her words appear"
    idle_frame = render(2.5, 0.0, idle)
    assert (idle_frame != b).any(), "even idle, the light breathes"
    assert (b.max(axis=2) > 60).sum() > 200, "idle is a calm glow, not nothing"


def test_presence_eases_instead_of_jumping(screen):
    p = Presence(SIZE)
    s = pygame.Surface(SIZE)
    for i in range(30):  # speaking for half a second
        p.draw(s, (640, 300), i / 60, 1.0)
    p.draw(s, (640, 300), 31 / 60, 0.0)  # then silence
    assert 0.5 < p._energy < 1.0


def test_presence_is_cheap(screen):
    p = Presence(SIZE)
    s = pygame.Surface(SIZE).convert()
    times = []
    for i in range(60):
        t0 = time.perf_counter()
        p.draw(s, (640, 300), i / 60, 1.0 if i < 30 else 0.0)
        times.append(time.perf_counter() - t0)
    times.sort()
    assert times[len(times) // 2] < 0.004, f"median {times[len(times) // 2] * 1000:.2f} ms"
