"""`her capture`: the real window, headless, walked through its screens by real events.

Writes one PNG per screen for the team and for translators (`--lang ko` shows Korean
exactly as players will see it). Runs in a throw-away data folder with a few saves and
endings seeded, so the save, load and endings screens have something to show and the
player's own files are never touched. Uses the shipped story when it loads, and the
small fixture story in `game/ui/fixture/` when it does not (or lacks a style to show).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from game import styles

FIXTURE = Path(__file__).resolve().parent / "fixture"


def capture(out: Path, lang: str | None = None, story_dir: Path | None = None, log=print, *,
            text_size: int = 100, line: str | None = None) -> list[Path]:
    """Write the screenshots into `out` (every screen, or with `line` = "NODE[:ID]" just the
    play screen showing that line or option); returns their paths."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    saved_env = os.environ.get("HER_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="her-capture-") as tmp:
        os.environ["HER_DATA_DIR"] = str(Path(tmp) / "data")
        try:
            if line is not None:
                from game.ui.captureline import capture_line

                return capture_line(out, lang, story_dir, text_size, line, log)
            return _capture(out, lang, story_dir, Path(tmp), log, text_size)
        finally:
            if saved_env is None:
                os.environ.pop("HER_DATA_DIR", None)
            else:
                os.environ["HER_DATA_DIR"] = saved_env


def _capture(out: Path, lang: str | None, story_dir: Path | None, tmp: Path, log, text_size: int = 100) -> list[Path]:
    import pygame

    from game.engine.loader import load_story_files
    from game.paths import story_dir as shipped
    from game.persistent import Persistent

    story_dir = Path(story_dir) if story_dir else shipped()
    story, diagnostics = load_story_files(story_dir)
    if story is None or any(d.is_error for d in diagnostics):
        log(f"capture: {story_dir} does not load ({len([d for d in diagnostics if d.is_error])} error(s)); using the fixture story")
        story_dir = FIXTURE
        story, _ = load_story_files(story_dir)
    # seed the record: about half the endings reached, so the gallery shows both kinds
    record = Persistent()
    for ending in list(story.endings)[: max(1, len(story.endings) // 2)]:
        record.reach_ending(ending)
    _seed_routes(story, record)
    written: list[Path] = []
    shots = _Shots(out, written, log)
    fixture_app = None
    app, d = _open(story_dir, lang, text_size)
    try:
        _menus(d, shots, app)
        for style in styles.STYLES:
            if not _line_shot(d, story, style, None, shots, f"dialogue-{style}"):
                fixture_app = fixture_app or _open(FIXTURE, lang)
                fa, fd = fixture_app
                log(f"capture: the story has no '{style}' line to show; using the fixture story")
                _line_shot(fd, fa.game.story, style, None, shots, f"dialogue-{style}")
        if not _line_shot(d, story, "normal", "samantha", shots, "nameplate-samantha"):
            fixture_app = fixture_app or _open(FIXTURE, lang)
            _line_shot(fixture_app[1], fixture_app[0].game.story, "normal", "samantha", shots, "nameplate-samantha")
        if not _choices(d, story, shots):
            fixture_app = fixture_app or _open(FIXTURE, lang)
            _choices(fixture_app[1], fixture_app[0].game.story, shots)
        if next(_candidates(story, "normal", None), None) is not None:
            _looks(d, app, story, shots)
        else:
            fixture_app = fixture_app or _open(FIXTURE, lang)
            _looks(fixture_app[1], fixture_app[0], fixture_app[0].game.story, shots)
        _play_and_save(d, app, shots, tmp)
        _ending(d, app, story, shots)
        _replay_screens(d, app, shots)
        _errors(lang, shots, tmp)
    finally:
        for a in (app, fixture_app[0] if fixture_app else None):
            if a is not None:
                a.shutdown()
        pygame.event.clear()
    return written


class _Shots:
    def __init__(self, out: Path, written: list[Path], log):
        self.out, self.written, self.log = out, written, log

    def __call__(self, driver, name: str) -> None:
        path = driver.shot(self.out / f"{len(self.written) + 1:02d}-{name}.png")
        self.written.append(path)
        self.log(str(path))


def _open(story_dir: Path, lang: str | None, text_size: int = 100):
    from game.ui.app import App
    from game.ui.driver import Driver, FakeClock

    clock = FakeClock()
    app = App(story_dir, lang=lang, clock=clock)
    if text_size != 100:
        app.set_setting("text_scale", text_size / 100)
    app.toasts.clear()
    driver = Driver(app, clock)
    driver.step(2)
    return app, driver


def _menus(d, shots, app) -> None:
    import pygame

    catalog = app.catalog
    d.wait(0.2)
    shots(d, "title")
    d.key(pygame.K_F1)
    shots(d, "help")
    d.key(pygame.K_ESCAPE)
    d.click_text(catalog.ui("Settings"))
    d.key(pygame.K_DOWN)
    d.wait(1.2)  # the sample line types itself out
    shots(d, "settings")
    d.key(pygame.K_PAGEDOWN)  # the accessibility page
    d.key(pygame.K_DOWN)
    d.wait(1.2)
    shots(d, "settings-accessibility")
    d.key(pygame.K_ESCAPE)
    d.click_text(catalog.ui("Endings"))
    d.key(pygame.K_RIGHT)
    shots(d, "endings-gallery")
    d.key(pygame.K_ESCAPE)
    d.click_text(catalog.ui("New game"))
    d.wait(1.4)
    shots(d, "chapter-card")
    d.key(pygame.K_SPACE)


def _candidates(story, style: str, speaker: str | None) -> Iterator[tuple[str, int]]:
    """(node, line index) of unconditional lines in this style, shortest first."""
    found = []
    for node in story.nodes.values():
        for i, line in enumerate(node.lines):
            if line.text is None or line.style != style or line.cond is not None:
                continue
            if speaker is not None and line.speaker != speaker:
                continue
            if speaker is None and style == styles.DEFAULT and line.speaker == "narrator":
                continue
            found.append((len(line.text) if 40 < len(line.text) < 200 else 999, node.id, i))
    for _, node, i in sorted(found)[:6]:
        yield node, i


def _scene_for(story, node_id: str) -> str | None:
    """The scene in effect at a node reached in play: its own, or the last one before it in its chapter."""
    node = story.nodes[node_id]
    if node.scene:
        return node.scene
    chapter = story.chapter_of(node_id)
    ids = list(chapter.node_ids) if chapter else []
    for other in reversed(ids[: ids.index(node_id)] if node_id in ids else []):
        if story.nodes[other].scene:
            return story.nodes[other].scene
    return None


def _start_at(d, story, node_id: str, pos: int = 0) -> None:
    from game.engine.state import GameState

    state = GameState(node_id, story.initial_vars(), pos=pos, entered=True, scene=_scene_for(story, node_id))
    d.app.start_game(state)
    d.step(2)


def _line_shot(d, story, style: str, speaker: str | None, shots, name: str) -> bool:
    import pygame

    from game.engine.runtime import LineEvent

    for node_id, index in _candidates(story, style, speaker):
        # start a few lines before, so a letter gathers its earlier lines as in play
        first = index
        lines = story.nodes[node_id].lines
        while first > 0 and styles.style(style).gathers and lines[first - 1].style == style and index - first < 3:
            first -= 1
        _start_at(d, story, node_id, first)
        play = d.app.play_screen()
        for _ in range(index - first + 4):
            event = play.step.event
            if isinstance(event, LineEvent) and event.node == node_id and event.key == lines[index].key:
                d.key(pygame.K_SPACE)  # the whole line at once, as a click does
                d.wait(0.6)
                shots(d, name)
                return True
            d.key(pygame.K_SPACE)
            d.key(pygame.K_SPACE)
    return False


def _looks(d, app, story, shots) -> None:
    """The accessibility looks: high contrast (a line and the choices), the plain font in a lighter box."""
    app.set_setting("high_contrast", True)
    _line_shot(d, story, "normal", None, shots, "high-contrast-dialogue")
    _choices(d, story, shots, "high-contrast-choices")
    app.set_setting("high_contrast", False)
    app.set_setting("reading_font", "sans")
    app.set_setting("box_opacity", 0.5)
    _line_shot(d, story, "normal", None, shots, "sans-font-half-box")
    app.set_setting("reading_font", "serif")
    app.set_setting("box_opacity", 0.75)


def _choices(d, story, shots, name: str = "choices") -> bool:
    import pygame

    from game.engine.runtime import ChoiceEvent

    nodes = [n for n in story.nodes.values() if len([c for c in n.choices if c.cond is None]) >= 2]
    nodes.sort(key=lambda n: (any(c.cond is not None for c in n.choices), len(n.lines)))
    for node in nodes[:3]:
        _start_at(d, story, node.id)
        play = d.app.play_screen()
        for _ in range(len(node.lines) * 2 + 2):
            if isinstance(play.step.event, ChoiceEvent):
                d.key(pygame.K_DOWN)
                shots(d, name)
                return True
            d.key(pygame.K_SPACE)
    return False


def _play_and_save(d, app, shots, tmp: Path) -> None:
    """Play from the start for a while (for the history), save in three ways, show the screens."""
    import pygame

    from game import saves
    from game.engine.runtime import ChoiceEvent

    catalog = app.catalog
    app.start_game()
    d.step(2)
    play = app.play_screen()

    def lines(n: int) -> None:
        """Play on n steps, answering choices with 1; a short story's ending is rolled back out of."""
        for _ in range(n):
            if app.top is not play:
                d.wheel(1)  # the ending card: back into the story
                d.wheel(1)
                return
            if isinstance(play.step.event, ChoiceEvent):
                d.key(pygame.K_1)
            else:
                d.key(pygame.K_SPACE)
                d.key(pygame.K_SPACE)

    lines(14)
    d.key(pygame.K_l)
    d.wait(0.1)
    shots(d, "history")
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_F5)
    for slot_index, more in ((0, 5), (1, 4)):
        lines(more)
        d.key(pygame.K_ESCAPE)
        d.click_text(catalog.ui("Save"))
        d.click(app.top.cell(slot_index).center)
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_ESCAPE)
    saves.slot_path("3").write_text("{ this is not a save", encoding="utf-8")
    app.toasts.clear()
    d.key(pygame.K_ESCAPE)
    shots(d, "pause")
    d.click_text(catalog.ui("Save"))
    d.move(app.top.cell(1).center)
    shots(d, "save")
    d.key(pygame.K_ESCAPE)
    d.click_text(catalog.ui("Load"))
    d.move(app.top.cell(0).center)
    shots(d, "load")
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_ESCAPE)
    app.go_to_title()
    d.wait(0.2)
    d.move(app.top.menu.buttons[1].rect.center)  # Continue, with where it leads
    shots(d, "title-continue")


def _ending(d, app, story, shots) -> None:
    import pygame

    from game.ui.screens.endings import EndingCard

    for node in story.nodes.values():
        if node.ending and not node.choices:
            _start_at(d, story, node.id)
            for _ in range(40):
                if isinstance(app.top, EndingCard):
                    d.wait(1.5)
                    shots(d, "ending-card")
                    d.click_text(app.catalog.ui("Endings"))
                    shots(d, "endings-after")
                    return
                d.key(pygame.K_SPACE)


def _seed_routes(story, record) -> None:
    """Two earlier playthroughs (always the first option, then always the last), so the route
    map and the letters book show both what was seen and what is still locked or sealed."""
    from game.engine.runtime import ChoiceEvent, EnterEvent, LineEvent, Runtime
    from game.replay.record import RouteRecord

    routes = RouteRecord()
    for pick in (0, -1):
        routes.new_playthrough()
        rt = Runtime(story)
        for _ in range(20000):
            ev = rt.advance()
            if isinstance(ev, EnterEvent):
                routes.enter(ev.node)
            elif isinstance(ev, LineEvent):
                record.mark_read(ev.uid)
            elif isinstance(ev, ChoiceEvent):
                routes.arrive(ev.node, rt.snapshot())
                option = ev.options[pick]
                routes.take(ev.node, option.key)
                rt.choose(option.index)
            else:
                break
    routes.flush()
    record.flush()


def _replay_screens(d, app, shots) -> None:
    """The route map (whole, then a reached choice point) and the letters book (read and sealed)."""
    import pygame

    from game.ui.screens.letters import LettersBook
    from game.ui.screens.routemap import RouteMapScreen

    app.go_to_title()
    d.wait(0.2)
    d.click_text(app.catalog.ui("Route map"))
    shots(d, "route-map")
    screen = app.top
    if isinstance(screen, RouteMapScreen):
        point = next((n for n in screen.map.nodes if screen.can_play_from(n) is not None), None)
        if point is not None:
            screen.focus = point
            screen.center_on(point)
            screen.set_zoom(1)
            app.invalidate()
            shots(d, "route-map-choice")
    d.key(pygame.K_ESCAPE)
    d.click_text(app.catalog.ui("Letters"))
    shots(d, "letters-book")
    book = app.top
    if isinstance(book, LettersBook):
        sealed = next((i for i, letter in enumerate(book.letters) if not book.is_read(letter)), None)
        if sealed is not None:
            book.index, book.page = sealed, 0
            app.invalidate()
            shots(d, "letters-sealed")
    d.key(pygame.K_ESCAPE)


def _errors(lang: str | None, shots, tmp: Path) -> None:
    """The calm screen a writer sees when the story has errors."""
    broken = tmp / "broken-story"
    shutil.copytree(FIXTURE, broken)
    chapter = broken / "capture.yaml"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("goto: rooftop", "goto: roof_top", 1).replace("style: whisper", "style: whispr"),
                       encoding="utf-8")
    app, d = _open(broken, lang)
    try:
        d.wait(0.1)
        shots(d, "story-errors")
    finally:
        app.shutdown()
