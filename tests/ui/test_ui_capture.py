"""`her capture`: real PNGs of every screen, with the text they should show."""

from __future__ import annotations

import pygame
import pytest
from tests_ui_support import BASIC

from game.ui import fonts
from game.ui import fontset as F
from game.ui import theme as T
from game.ui.text import fit_one_line

EXPECTED = ["title", "help", "settings", "settings-accessibility", "high-contrast-dialogue", "high-contrast-choices",
            "sans-font-half-box", "endings-gallery", "chapter-card", "dialogue-normal", "dialogue-letter",
            "dialogue-thought", "dialogue-whisper", "nameplate-samantha", "choices", "history", "pause", "save",
            "load", "title-continue", "ending-card", "endings-after", "route-map", "route-map-choice",
            "letters-book", "story-errors"]
# ("letters-sealed" is captured only when some letter is still unread: the basic story's one
# letter is read on every route)


def near(a, b, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a[:3], b[:3]))


def text_pixels(shot: pygame.Surface, text: str, font, color, topleft) -> float:
    """The share of the text's solid glyph pixels that the shot shows in the text's colour."""
    glyphs = font.render(text, True, color)
    hits = total = 0
    for y in range(0, glyphs.get_height()):
        for x in range(0, glyphs.get_width()):
            if glyphs.get_at((x, y)).a == 255:
                total += 1
                hits += near(shot.get_at((topleft[0] + x, topleft[1] + y)), color)
    return hits / max(1, total)


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """One capture run shared by the checks below (it drives every screen; a few seconds)."""
    import os

    from game.ui.capture import capture

    out = tmp_path_factory.mktemp("capture")
    before = os.environ.get("HER_DATA_DIR")
    os.environ["HER_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    try:
        written = capture(out, story_dir=BASIC, log=lambda message: None)
    finally:
        os.environ["HER_DATA_DIR"] = before or ""
    return {p.stem.split("-", 1)[1]: pygame.image.load(str(p)) for p in written}


def test_every_screen_is_written(shots):
    assert sorted(shots) == sorted(EXPECTED)
    for name, shot in shots.items():
        assert shot.get_size() == T.SIZE, name
        colours = {shot.get_at((x, y))[:3] for x in range(0, 1280, 37) for y in range(0, 720, 23)}
        assert len(colours) > 40, f"{name} looks blank"


def test_the_title_shows_the_story_title_in_cream(shots):
    from game.ui.screens.menus import MenuScreen

    font = fit_one_line("basic", F.current().ui, 128, 520)
    where = (MenuScreen.origin[0] + 20, 150)
    assert text_pixels(shots["title"], "basic", font, T.CREAM, where) > 0.9
    assert text_pixels(shots["settings"], "basic", font, T.CREAM, where) < 0.3  # not everywhere


def test_dialogue_shots_show_text_where_the_text_goes(shots):
    box_text = pygame.Rect(T.BOX_X + T.BOX_PAD_X, 720 - T.BOX_BOTTOM - 180 + T.BOX_PAD_Y, 200, 30)

    def cream_share(shot, rect, colour=T.CREAM, tolerance=30):
        hits = sum(near(shot.get_at((x, y)), colour, tolerance) for x in range(rect.x, rect.right, 2) for y in range(rect.y, rect.bottom, 2))
        return hits / ((rect.w // 2) * (rect.h // 2))

    assert cream_share(shots["dialogue-normal"], box_text) > 0.03
    # the choice is asked after the basic story's "Hello.", which stays readable under the options
    font = fonts.font(F.current().text, T.LINE_SIZE)
    assert text_pixels(shots["choices"], "Hello.", font, T.CREAM, box_text.topleft) > 0.8
    page = pygame.Rect((1280 - T.PAGE_W) // 2 + T.PAGE_PAD_X, 150, 500, 300)
    assert cream_share(shots["dialogue-letter"], page, T.INK, 50) > 0.002  # a few words of ink
    assert cream_share(shots["dialogue-letter"], page, T.PAPER, 12) > 0.4  # ink on paper
    assert cream_share(shots["dialogue-normal"], page, T.PAPER, 12) < 0.05


def test_the_samantha_plate_is_in_her_colour(shots):
    plate = pygame.Rect(T.BOX_X + 34, 720 - T.BOX_BOTTOM - 180 - 20, 160, 40)
    samantha = (0xFF, 0xD9, 0xB8)
    hits = sum(near(shots["nameplate-samantha"].get_at((x, y)), samantha, 20)
               for x in range(plate.x, plate.right) for y in range(plate.y, plate.bottom))
    assert hits > 60


def test_the_accessibility_looks_are_captured(shots):
    """High contrast darkens the box behind the same line; the plain font in a lighter box shows another picture."""
    import numpy as np

    def box(name):
        from game.ui.dialogue import Dialogue

        rect = Dialogue("x").box_rect().inflate(-80, -60)
        return pygame.surfarray.array3d(shots[name])[rect.left:rect.right, rect.top:rect.bottom].astype(float)

    normal, high, light = box("dialogue-normal"), box("high-contrast-dialogue"), box("sans-font-half-box")
    assert np.median(high.sum(axis=2)) < 0.6 * np.median(normal.sum(axis=2))
    assert np.abs(light - normal).mean() > 2


def test_capture_command_is_registered():
    from game.cli import COMMANDS

    assert "capture" in COMMANDS
