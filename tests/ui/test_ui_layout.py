"""Text layout: the boxes translators check against are the ones drawn; nothing overflows."""

from __future__ import annotations

import pygame
import pytest

from game.ui import layoutspec
from game.ui import theme as T
from game.ui.dialogue import Dialogue
from game.ui.text import fit

LONG = ("He reads it back under his breath, changes one word, then changes it back, and the evening goes on "
        "outside the long windows while the city lights come up one by one. ") * 4
KOREAN = "그는 숨을 죽이고 다시 읽어 본다. 한 단어를 바꾸었다가, 다시 원래대로 돌려놓는다. " * 6


@pytest.fixture(autouse=True)
def _fonts():
    pygame.font.init()


def test_text_boxes_cover_every_kind_at_every_text_size():
    for scale in (1.0, 1.25, 1.5):
        boxes = {b.kind: b for b in layoutspec.text_boxes(scale)}
        assert set(boxes) == {"line", "letter", "thought", "whisper", "choice", "menu", "name"}
        for box in boxes.values():
            assert box.font_file.is_file() and box.font_size > 0 and box.width > 0 and box.max_lines >= 1
    assert layoutspec.box("line", 1.5).font_size > layoutspec.box("line", 1.0).font_size


def test_the_dialogue_box_is_the_one_in_the_spec():
    for scale in (1.0, 1.25, 1.5):
        d = Dialogue("Hello.", scale=scale)
        spec = layoutspec.box("line", scale)
        rect = d.box_rect()
        assert rect.w - 2 * T.BOX_PAD_X == spec.width
        assert rect.h - 2 * T.BOX_PAD_Y == spec.max_lines * spec.line_height
        assert d.layout.font.get_height() == pygame.font.Font(spec.font_file, spec.font_size).get_height()


@pytest.mark.parametrize("text", [LONG, KOREAN, "x" * 400])
@pytest.mark.parametrize("kind", ["line", "letter", "thought", "whisper"])
@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_long_text_shrinks_or_pages_but_never_overflows(text, kind, scale):
    box = layoutspec.box(kind, scale)
    layout = fit(text, box, italic=kind == "thought")
    height = box.max_lines * box.line_height
    assert layout.size >= int(box.font_size * T.SHRINK_FLOOR)
    for page in layout.pages:
        assert len(page) * layout.line_height <= height
        for line in page:
            assert layout.font.size(line)[0] <= box.width
    assert "".join(layout.lines).replace(" ", "") == text.replace(" ", "")  # nothing lost


def test_a_line_that_fits_keeps_its_size():
    box = layoutspec.box("line", 1.0)
    layout = fit("So. You've got the face. Is it Catherine?", box)
    assert layout.size == box.font_size and len(layout.pages) == 1


def test_buttons_cut_with_an_ellipsis_rather_than_overflow():
    box = layoutspec.box("choice", 1.5)
    layout = fit(LONG, box, paginate=False)
    assert len(layout.pages) == 1 and len(layout.lines) <= box.max_lines
    assert layout.lines[-1].endswith("…")
    assert all(layout.font.size(line)[0] <= box.width for line in layout.lines)


def test_a_paginated_line_is_read_page_by_page(make_app):
    app, d = make_app()
    app.set_setting("text_scale", 1.5)
    app.start_game()
    play = app.play_screen()
    play.dialogue = Dialogue(LONG, scale=1.5)
    play.reveal, play.completed_at = 0.0, None
    pages = play.dialogue.pages
    assert pages > 1
    d.key(pygame.K_SPACE)  # the card
    for page in range(pages):
        assert play.dialogue.page == page
        d.key(pygame.K_SPACE)  # complete
        d.key(pygame.K_SPACE)  # next page (or the next line after the last)
    assert play.dialogue is None or play.dialogue.text != LONG


def test_readme_keys_section_is_the_help_table():
    from pathlib import Path

    from game.i18n.catalog import Catalog
    from game.ui import keys

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Keys", 1)[1].split("\n## ", 1)[0]
    assert keys.markdown(Catalog()) in section
