"""Each line style looks like itself in the real window; letters gather on one page."""

from __future__ import annotations

import pygame
import pytest
from tests_ui_support import STORIES

from game.ui import theme as T

STYLES = STORIES / "ui_styles"


def shown(app) -> pygame.Surface:
    app.invalidate()
    app.step()
    return app.frame.copy()


def share(surface: pygame.Surface, rect: pygame.Rect, colour, tolerance: int = 14) -> float:
    hits = total = 0
    for x in range(rect.x, rect.right, 3):
        for y in range(rect.y, rect.bottom, 3):
            total += 1
            hits += all(abs(a - b) <= tolerance for a, b in zip(surface.get_at((x, y))[:3], colour))
    return hits / total


@pytest.fixture
def walk(make_app):
    app, d = make_app(STYLES)
    app.set_setting("reduced_motion", True)
    app.start_game()
    d.key(pygame.K_SPACE)  # the chapter card
    play = app.play_screen()

    def next_line():
        d.key(pygame.K_SPACE)
        d.key(pygame.K_SPACE)
        return play

    return app, d, play, next_line


def test_letters_gather_on_a_paper_page(walk):
    app, d, play, next_line = walk
    assert play.dialogue.style == "letter" and play.dialogue.previous == ()
    d.key(pygame.K_SPACE)
    page = play.dialogue._letter.rect
    assert share(shown(app), page.inflate(-80, -80), T.PAPER) > 0.5
    next_line()
    assert play.dialogue.previous == ("Dear Chris, I remember the first time you laughed.",)
    assert play.dialogue._letter.used > 0  # the second line starts under the first


def test_a_thought_has_no_box_and_a_whisper_a_lighter_one(walk):
    app, d, play, next_line = walk
    next_line()
    next_line()
    d.key(pygame.K_SPACE)
    box = play.dialogue.box_rect()
    band = pygame.Rect(700, box.y + 14, 400, 22)  # the top of the box, right of any text

    def darkening() -> float:
        """How much the style's box (or shade) covers the scene there, against the bare scene."""
        dressed = shown(app)
        d.key(pygame.K_h)
        bare = shown(app)
        d.key(pygame.K_h)
        diffs = [sum(abs(a - b) for a, b in zip(dressed.get_at((x, y))[:3], bare.get_at((x, y))[:3]))
                 for x in range(band.x, band.right, 5) for y in range(band.y, band.bottom, 3)]
        return sum(diffs) / len(diffs)

    assert play.dialogue.style == "thought"
    thought = darkening()
    next_line()
    assert play.dialogue.style == "whisper" and play.dialogue.layout.size < T.LINE_SIZE  # smaller, too
    whisper = darkening()
    next_line()
    assert play.dialogue.style == "normal" and play.dialogue.name == "Samantha"
    normal = darkening()
    assert thought < whisper < normal
    assert play.dialogue.layout.size == T.LINE_SIZE


def test_a_very_long_line_is_read_in_pages(walk):
    app, d, play, next_line = walk
    for _ in range(5):
        next_line()
    assert play.dialogue.text.startswith("The evening goes on")
    pages = play.dialogue.pages
    assert pages >= 2
    for page in range(pages):
        assert play.dialogue.page == page
        d.key(pygame.K_SPACE)
        d.key(pygame.K_SPACE)
    assert play.options  # after the last page: the choice
