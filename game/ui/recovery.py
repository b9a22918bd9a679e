"""When the story changes under the window, or the window itself fails.

Hot reload (Ctrl+R, `--watch`) reads the story again and plays on at the same node and
variables, or shows what is wrong without losing the game. An unexpected error is logged to
the data folder, the game is autosaved if it can be, and a calm message replaces the crash;
after repeated errors the game stops with one line naming the log.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from game.engine.state import StateError
from game.ui import crashlog
from game.ui.startup import load_story

if TYPE_CHECKING:
    from game.ui.app import App

log = logging.getLogger("her.ui")
MAX_CRASHES = 3


def reload_story(app: App) -> bool:
    """Read the story again; play on at the same place, or show what is wrong (False)."""
    from game.ui.screens.errors import StoryErrorScreen
    from game.ui.screens.title import TitleScreen

    story, diagnostics = load_story(app.story_dir)
    if story is None:
        if isinstance(app.top, StoryErrorScreen):
            app.top.diagnostics = diagnostics
        else:
            app.reload_errors = diagnostics
        app.invalidate()
        return False
    play = app.play_screen()
    notes: list[str] = []
    try:
        notes = play.reload(story) if play is not None else app.game.reload(story)
    except StateError as exc:
        app.reload_errors = [str(exc)]
        app.invalidate()
        return False
    app.diagnostics, app.reload_errors = [], []
    if app.find(StoryErrorScreen) is not None:
        app.replace_all(TitleScreen(app))
    app.notify(app.catalog.ui("Story reloaded"))
    for note in notes:
        app.notify(note, 4.0)
    app.relayout()
    return True


def crash(app: App, exc: BaseException) -> None:
    """Log, try to keep the player's place, and show a calm message instead of a traceback."""
    app.crashes += 1
    path = crashlog.log_exception(exc)
    if app.crashes > MAX_CRASHES:
        app.running = False
        app.exit_code = 1
        print(f"her: the game stopped after repeated errors; details in {path}", file=sys.stderr)
        return
    saved = False
    try:
        saved = app.autosave()
    except Exception:  # noqa: BLE001
        log.exception("autosave after an error failed")
    from game.ui.screens.errors import MessageScreen

    try:
        app.replace_all(MessageScreen(app, crash=True, saved=saved, log_path=path))
    except Exception:  # noqa: BLE001
        app.running = False
        app.exit_code = 1
