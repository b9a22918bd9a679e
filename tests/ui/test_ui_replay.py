"""The route map and the letters book in the real window, driven by real events."""

from __future__ import annotations

import pygame

from game.engine import ChoiceEvent, EndEvent
from game.engine.runtime import EnterEvent, LineEvent, Runtime
from game.paths import story_dir
from game.replay.letters import collect_letters
from game.ui import widgets as W
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.endings import EndingCard
from game.ui.screens.letters import LettersBook
from game.ui.screens.play import PlayScreen
from game.ui.screens.routemap import RouteMapScreen
from game.ui.screens.title import TitleScreen


def play_through(app, d, pick: int) -> list[str]:
    """A new game from the title, always taking option `pick` (1-based), to its ending."""
    d.click_text(app.catalog.ui("New game"))
    for _ in range(80):
        top = app.top
        if isinstance(top, EndingCard):
            break
        if isinstance(top, PlayScreen) and isinstance(top.session.current.event, ChoiceEvent):
            d.key(pygame.K_0 + pick)
        else:
            d.key(pygame.K_SPACE)
    assert isinstance(app.top, EndingCard)
    return [e.node for e in app.game.session.runtime.state.history_list()] if app.game.session else []


def open_map(app, d) -> RouteMapScreen:
    app.go_to_title()
    d.step()
    assert isinstance(app.top, TitleScreen)
    assert d.click_text(app.catalog.ui("Route map"))
    assert isinstance(app.top, RouteMapScreen)
    return app.top


def drawn_texts(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = W.label

    def spy(surface, text, *args, **kwargs):
        seen.append(text)
        return real(surface, text, *args, **kwargs)

    monkeypatch.setattr(W, "label", spy)
    return seen


def test_the_map_shows_what_two_playthroughs_saw_and_only_that(make_app, monkeypatch):
    app, d = make_app()
    play_through(app, d, 2)  # says nothing: the evening, then apart
    screen = open_map(app, d)
    assert {n for n in screen.map.nodes if screen.seen(n)} == {"office", "evening", "end_apart"}
    texts = drawn_texts(monkeypatch)
    screen.zoom_i = 2
    screen.cam = [0.0, 0.0]
    app.invalidate()
    d.step()
    assert any(t.startswith("The office") for t in texts)
    # the ending not reached is a silhouette: neither its title nor its line is drawn
    assert not any("Together" in t for t in texts)
    d.key(pygame.K_ESCAPE)
    play_through(app, d, 1)  # tells her: together
    screen = open_map(app, d)
    assert {n for n in screen.map.nodes if screen.seen(n)} == set(app.game.story.nodes)
    texts.clear()
    app.invalidate()
    d.step()
    assert any("Together" in t for t in texts)
    assert screen.record.was_taken("office", app.game.story.nodes["office"].choices[0].key)


def test_play_from_here_restores_the_state_and_the_choice(make_app):
    app, d = make_app()
    play_through(app, d, 1)
    screen = open_map(app, d)
    screen.focus = "office"
    d.key(pygame.K_RETURN)
    assert isinstance(app.top, ConfirmScreen)
    d.key(pygame.K_RETURN)  # "Play from here" is the focused button
    assert isinstance(app.top, PlayScreen)
    session = app.game.session
    assert session.runtime.state.node == "office"
    event = session.current.event
    assert isinstance(event, ChoiceEvent) and [o.text for o in event.options] == ["Tell her.", "Say nothing."]
    assert session.runtime.state.vars["closeness"] == 1  # as the playthrough had it on arrival


def test_clicks_pick_scenes_after_a_resize_and_a_zoom(make_app):
    app, d = make_app()
    play_through(app, d, 1)
    app.display.window.size = (1000, 900)
    d.step()
    screen = open_map(app, d)
    for zoom in (0, 1, 3):
        screen.zoom_i = zoom
        screen.cam = [0.0, 0.0]
        app.invalidate()
        d.step()
        target = next(n for n in ("evening", "end_together", "office") if n != screen.focus
                      and screen.screen_rect(screen.map.nodes[n]).colliderect(screen.screen_rect(screen.map.nodes[n]).clip(pygame.Rect(40, 132, 1200, 446))))
        rect = screen.screen_rect(screen.map.nodes[target]).clip(pygame.Rect(40, 132, 1200, 446))
        d.click(rect.center)  # the driver maps the logical point into the resized window
        assert screen.focus == target, (zoom, target)


def test_drag_and_keys_pan_the_map(make_app):
    app, d = make_app()
    screen = open_map(app, d)
    screen.zoom_i = 3
    screen.cam = [0.0, 0.0]
    before = list(screen.cam)
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_RIGHT)
    assert screen.focus is not None
    start = d.window_pos((600, 300))
    d.post(pygame.MOUSEBUTTONDOWN, pos=start, button=1, touch=False)
    for i in range(1, 6):
        d.post(pygame.MOUSEMOTION, pos=(start[0] - 20 * i, start[1]), rel=(-20, 0), buttons=(1, 0, 0), touch=False)
    d.post(pygame.MOUSEBUTTONUP, pos=(start[0] - 100, start[1]), button=1, touch=False)
    d.step()
    assert screen.cam[0] >= before[0]  # dragged left: the view moves right (or stays at the edge)
    d.key(pygame.K_MINUS)
    assert screen.zoom_i == 2


def _read_first_letter(story, record) -> None:
    """A playthrough until the first letter has been read (as the window records it)."""
    rt = Runtime(story)
    first = collect_letters(story)[0]
    for _ in range(5000):
        ev = rt.advance()
        if isinstance(ev, LineEvent):
            record.mark_read(ev.uid)
            if ev.uid == first.uid:
                return
        elif isinstance(ev, ChoiceEvent):
            rt.choose(ev.options[0].index)
        elif not isinstance(ev, EnterEvent):
            assert not isinstance(ev, EndEvent)


def test_the_book_gathers_letters_in_order_and_in_the_players_language(make_app):
    for lang in ("en", "ko"):
        app, d = make_app(story_dir(), lang=lang)
        _read_first_letter(app.game.story, app.game.record)
        d.click_text(app.catalog.ui("Letters"))
        book = app.top
        assert isinstance(book, LettersBook)
        letters = book.letters
        assert [letter.uid for letter in letters] == [letter.uid for letter in collect_letters(app.game.story)]
        assert book.read_count() == 1 and book.index == 0
        words = " ".join(row for page in book.pages(0) for row in page)
        for node, line in letters[0].text(app.game.record.was_read):  # every part in the player's language
            assert "".join(app.catalog.text(node, line.text).split()) in "".join(words.split())
        if lang == "ko":
            assert any("\uac00" <= ch <= "\ud7a3" for ch in words)
        d.key(pygame.K_DOWN)
        assert book.index == 1 and not book.is_read(letters[1])  # sealed: nothing of it is laid out
        app.shutdown()


def test_self_voicing_reads_the_map_and_the_book(make_app):
    app, d = make_app()
    play_through(app, d, 2)
    screen = open_map(app, d)
    screen.focus = "end_together"  # not seen: said to be locked, its words never spoken
    context, focused = screen.spoken()
    assert context.startswith("Route map.") and "3 of 4 scenes" in context
    assert "Not seen yet" in focused and "Together" not in focused
    screen.focus = "office"
    assert "The office hums" in screen.spoken()[1]
    d.key(pygame.K_ESCAPE)
    d.click_text(app.catalog.ui("Letters"))
    book = app.top
    assert isinstance(book, LettersBook)
    assert "Dear Chris" in book.spoken()[1]
