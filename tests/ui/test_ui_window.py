"""The window around the story: scaling, fullscreen, endings, hot reload, errors, idling."""

from __future__ import annotations

import time

import pygame
import pytest

from game.ui import notices
from game.ui.screens.endings import EndingCard, EndingsGallery
from game.ui.screens.errors import MessageScreen, StoryErrorScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.title import TitleScreen


def click_window(d, pos) -> None:
    """A click at a position in window pixels, as the OS would report it."""
    d.post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
    d.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
    d.post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
    d.step()


@pytest.mark.parametrize("size", [(1000, 900), (1920, 1080), (1600, 600)])
def test_after_a_resize_clicks_land_on_the_right_button(make_app, size):
    app, d = make_app()
    app.display.window.size = size
    d.step()
    button = [b for b in app.top.menu.buttons if b.text == "New game"][0].rect
    # where the button is on screen, worked out here independently of the app's own mapping
    scale = min(size[0] / 1280, size[1] / 720)
    ox, oy = (size[0] - round(1280 * scale)) // 2, (size[1] - round(720 * scale)) // 2
    inside = (round(ox + button.centerx * scale), round(oy + button.centery * scale))
    d.post(pygame.MOUSEMOTION, pos=button.center, rel=(0, 0), buttons=(0, 0, 0), touch=False)
    d.step()
    assert not button.collidepoint(app.mouse)  # the unscaled position is somewhere else now
    click_window(d, inside)
    assert isinstance(app.top, PlayScreen)


def test_fullscreen_toggles_with_f11_and_alt_enter_and_is_kept(make_app):
    app, d = make_app()
    d.key(pygame.K_F11)
    assert app.display.fullscreen and app.settings.fullscreen
    d.key(pygame.K_RETURN, mod=pygame.KMOD_LALT)
    assert not app.display.fullscreen and not app.settings.fullscreen
    assert isinstance(app.top, TitleScreen)  # Alt+Enter did not also press the focused button


def test_an_ending_shows_its_card_and_the_gallery_updates(make_app):
    app, d = make_app()
    d.click_text("Endings")
    gallery = app.top
    assert isinstance(gallery, EndingsGallery)
    before = app.frame.copy()
    d.key(pygame.K_ESCAPE)
    app.start_game()
    for _ in range(40):
        if isinstance(app.top, EndingCard):
            break
        play = app.play_screen()
        if play.options:
            d.key(pygame.K_1)
        else:
            d.key(pygame.K_SPACE)
    card = app.top
    assert isinstance(card, EndingCard) and card.ending_id == "together" and card.new
    assert "together" in app.game.record.endings
    d.click_text("Endings")
    assert isinstance(app.top, EndingsGallery)
    d.wait(0.1)
    after = app.frame.copy()
    first_card = app.top.card(0)  # "together" is the first ending of the story
    region = lambda s: pygame.image.tobytes(s.subsurface(first_card), "RGB")
    assert region(before) != region(after)  # from silhouette to the reached card


def test_rollback_from_the_ending_card_returns_to_the_story(make_app):
    app, d = make_app()
    app.start_game()
    for _ in range(40):
        if isinstance(app.top, EndingCard):
            break
        d.key(pygame.K_1 if app.play_screen().options else pygame.K_SPACE)
    d.wheel(1)
    assert isinstance(app.top, PlayScreen) and app.top.step.event.text == "Together."


def test_hot_reload_keeps_node_and_variables_and_shows_the_new_text(make_app, story_copy):
    folder = story_copy()
    app, d = make_app(folder)
    app.start_game()
    d.key(pygame.K_SPACE)
    for _ in range(2):
        d.key(pygame.K_SPACE)
        d.key(pygame.K_SPACE)
    play = app.play_screen()
    node, state_vars, uid = play.session.runtime.state.node, dict(play.session.runtime.state.vars), play.step.event.uid
    assert play.step.event.text == "Hello."
    chapter = folder / "one.yaml"
    chapter.write_text(chapter.read_text().replace("- samantha: Hello.", "- samantha: Hello again."))
    d.key(pygame.K_r, mod=pygame.KMOD_LCTRL)
    play = app.play_screen()
    assert play.session.runtime.state.node == node and play.session.runtime.state.vars == state_vars
    # format 2: the edited line is a new line (a new identity, unread), shown in the same place
    assert play.step.event.uid != uid and play.dialogue.text == "Hello again."
    assert not app.reload_errors


def test_hot_reload_of_a_broken_story_shows_errors_and_keeps_playing(make_app, story_copy):
    folder = story_copy()
    app, d = make_app(folder)
    app.start_game()
    d.key(pygame.K_SPACE)
    d.key(pygame.K_SPACE)
    play = app.play_screen()
    shown = play.step.event
    clean = app.frame.copy()
    (folder / "two.yaml").write_text((folder / "two.yaml").read_text().replace("goto: end_apart", "goto: nowhere"))
    d.key(pygame.K_r, mod=pygame.KMOD_LCTRL)
    assert app.reload_errors and "two.yaml:" in app.reload_errors[0] and "nowhere" in app.reload_errors[0]
    assert app.play_screen() is play and play.step.event == shown
    panel = notices.error_panel_rect(app.reload_errors)
    region = lambda s: pygame.image.tobytes(s.subsurface(panel), "RGB")
    assert region(app.frame) != region(clean)  # the errors are on screen
    d.key(pygame.K_SPACE)
    assert play.step.event != shown  # and the old story plays on


def test_watch_reloads_when_a_file_changes(make_app, story_copy):
    folder = story_copy()
    app, d = make_app(folder, watch=True)
    app.start_game()
    d.key(pygame.K_SPACE)
    chapter = folder / "one.yaml"
    chapter.write_text(chapter.read_text().replace("The office hums.", "The office hums softly."))
    d.wait(0.6, fps=10)
    assert app.play_screen().dialogue.text == "The office hums softly."


def test_a_story_that_does_not_load_shows_its_findings_calmly(make_app, story_copy):
    folder = story_copy()
    (folder / "one.yaml").write_text((folder / "one.yaml").read_text().replace("goto: evening", "goto: evenin"))
    app, d = make_app(folder)
    assert isinstance(app.top, StoryErrorScreen)
    assert any("one.yaml:" in line and "evenin" in line for line in app.top.diagnostics)
    (folder / "one.yaml").write_text((folder / "one.yaml").read_text().replace("goto: evenin", "goto: evening"))
    d.click_text("Try again")
    assert isinstance(app.top, TitleScreen)


def test_debug_start_from_a_node_with_variables(make_app):
    app, d = make_app(from_node="evening", sets=["open=true"])
    play = app.top
    assert isinstance(play, PlayScreen) and play.step.event.text == "Night."
    d.key(pygame.K_SPACE)
    d.key(pygame.K_SPACE)
    d.key(pygame.K_SPACE)
    assert play.step.event.text == "You told me."


def test_a_bad_debug_start_is_one_line(make_app):
    from game.ui.startup import StartError

    with pytest.raises(StartError, match="not a node"):
        make_app(from_node="nowhere")


def test_an_unexpected_error_is_logged_autosaved_and_shown_calmly(make_app, monkeypatch):
    from game import saves
    from game.paths import user_data_dir

    app, d = make_app()
    app.start_game()
    d.key(pygame.K_SPACE)
    saves.delete_save("auto")

    def boom(*args):
        raise RuntimeError("a bug in a screen")

    monkeypatch.setattr(PlayScreen, "proceed", boom)
    d.key(pygame.K_SPACE)
    assert isinstance(app.top, MessageScreen) and app.running
    assert "a bug in a screen" in (user_data_dir() / "her-errors.log").read_text()
    assert saves.slot_path("auto").exists()
    d.click_text("Title screen")
    assert isinstance(app.top, TitleScreen)


def test_a_still_screen_sleeps(make_app):
    app, d = make_app()
    app.set_setting("reduced_motion", True)
    app.start_game()
    d.key(pygame.K_SPACE)
    d.key(pygame.K_SPACE)  # the line is complete; nothing moves
    deadline = time.monotonic() + 10
    while app.audio._pending and time.monotonic() < deadline:  # the music decodes on a thread, in real time
        time.sleep(0.02)
        d.step()
    d.wait(2.0, fps=10)  # its fade-in
    app.game.record.flush()
    now = app.clock()
    due = app.next_due(now)
    assert due is None or due - now > 1.0


def test_switching_language_rerenders_history_and_interface(make_app):
    from game.ui.screens.history import HistoryScreen

    app, d = make_app()
    app.start_game()
    for _ in range(3):
        d.key(pygame.K_SPACE)
    d.key(pygame.K_l)
    history = app.top
    assert isinstance(history, HistoryScreen)

    class Shouting:  # a stand-in catalog: the story text in capitals
        lang, name = "xx", "XX"

        def text(self, context, msgid):
            return msgid.upper()

        def ui(self, msgid, context=None):
            return msgid

        def ui_n(self, singular, plural, n, context=None):
            return singular if n == 1 else plural

        def character_name(self, character):
            return character.name.upper()

        def option(self, node, option):
            return option.text.upper()

    app.catalog = Shouting()
    app.relayout()
    assert history.rows[0].lines[0] == "THE OFFICE HUMS."
    d.key(pygame.K_ESCAPE)
    assert app.play_screen().dialogue.text.isupper()


def test_moving_things_are_redrawn_and_still_things_are_not(make_app):
    app, d = make_app()
    app.start_game()
    d.key(pygame.K_SPACE)
    d.key(pygame.K_SPACE)  # the first line, complete; the office has drifting dust
    assert app.backdrop.animates(app.play_screen().scene)
    draws = []
    real_draw = app.draw
    app.draw = lambda: (draws.append(1), real_draw())
    d.wait(1.0, fps=60)
    assert 15 <= len(draws) <= 40  # the scene moves at a calm frame rate, not at every turn
    app.set_setting("reduced_motion", True)
    d.step()
    draws.clear()
    d.wait(1.0, fps=60)
    assert len(draws) == 0  # nothing moves: nothing is drawn


def test_a_scene_change_crossfades_and_finishes(make_app):
    app, d = make_app()
    app.start_game()
    play = app.play_screen()
    for _ in range(12):
        if play.scene == "apartment_night":
            break
        d.key(pygame.K_1 if play.options else pygame.K_SPACE)
    assert play.scene == "apartment_night" and play.fade_from is not None
    d.wait(1.2)
    assert play.fade_from is None


def test_locked_endings_give_nothing_of_their_titles_away(make_app):
    app, d = make_app()
    gallery = app.push(EndingsGallery(app))
    app.invalidate()
    d.step()
    titles = [app.game.story.endings[e].title for e in gallery.ids()]
    assert len(set(titles)) == len(titles) >= 2 and not app.game.endings_reached()
    plain = pygame.Surface((1280, 720))  # the gallery drawn over one flat colour, not the blurred title screen
    plain.fill((40, 14, 18))
    gallery.draw(plain)
    cards = [plain.subsurface(gallery.card(i)).copy() for i in range(len(titles))]
    first = pygame.image.tobytes(cards[0], "RGB")
    # different titles, the same picture: locked cards differ in nothing the title could show
    assert all(pygame.image.tobytes(c, "RGB") == first for c in cards[1:])
