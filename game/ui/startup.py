"""Opening the window: `her play`'s options, the story and the catalog, the first screen.

A broken story opens on a screen that lists what is wrong (unless a start option needs the
story: then one line and exit 1); a broken catalog falls back to English with a notice.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.engine.model import Story
    from game.i18n.catalog import Catalog
    from game.ui.app import App

log = logging.getLogger("her.ui")


class StartError(Exception):
    """A start option that cannot be honoured (e.g. `--from` a node that does not exist)."""


def run_window(args: argparse.Namespace) -> int:
    """`her play` in a window; returns the exit code."""
    from game.commands import story_path
    from game.ui.app import App

    options = dict(lang=args.lang, fullscreen=args.fullscreen, from_node=args.from_node,
                   sets=list(args.sets or []), resume=args.resume, watch=args.watch)
    try:
        app = App(story_path(args), **options)
    except StartError as exc:
        print(f"her: {exc}", file=sys.stderr)
        return 1
    except pygame.error as exc:
        print(f"her: the game window cannot open ({exc}); try 'her play --text'", file=sys.stderr)
        return 1
    return app.run()


def load_story(story_dir: Path) -> tuple[Story | None, list[str]]:
    """The story, or None and its errors as `story/03_closer.yaml:12:5: error: ...` lines."""
    from game.engine.loader import load_story_files
    from game.paths import parse_cache_dir

    try:  # with the cache: the game starts from the compiled story when nothing changed
        story, diagnostics = load_story_files(story_dir, cache=parse_cache_dir())
    except Exception as exc:  # noqa: BLE001 - a broken story must never crash the window
        log.exception("loading the story failed")
        return None, [f"{story_dir}: {exc}"]
    errors = [d for d in diagnostics if d.is_error]
    if story is None or errors:
        base = str(story_dir.resolve().parent)  # "story/03_closer.yaml:12:5", whatever the cwd
        return None, [d.format(base) for d in errors] or ["the story could not be loaded"]
    return story, []


def load_catalog(lang: str | None, notify) -> Catalog:
    """The catalog of `lang` (English for None or "en"), whose fonts the window now draws with;
    problems become notices, never a crash."""
    from game.i18n.catalog import Catalog
    from game.i18n.catalog import load_catalog as load
    from game.ui import fontset

    problems: list[str] = []
    try:
        catalog = load(None if lang in (None, "en") else lang, report=problems.append)
    except Exception as exc:  # noqa: BLE001 - a broken catalog falls back to English
        log.warning("cannot load the %s catalog: %s", lang, exc)
        problems.append(str(exc))
        catalog = Catalog()
    for problem in problems[:2]:
        log.warning("%s", problem)
        notify(problem[:160], 6.0)
    fontset.use(catalog.lang)
    return catalog


def first_screen(app: App, from_node: str | None, sets: list[str], resume: bool) -> None:
    """The title screen; the story's errors; or straight into the game for a debug start or Continue."""
    from game.ui.screens.errors import StoryErrorScreen
    from game.ui.screens.title import TitleScreen

    if app.game.story is None:
        if from_node or sets:
            raise StartError(app.diagnostics[0] if app.diagnostics else "the story could not be loaded")
        app.push(StoryErrorScreen(app, app.diagnostics))
        return
    if from_node or sets:
        try:
            state = app.game.debug_start(from_node, sets)
        except ValueError as exc:
            raise StartError(str(exc)) from None
        app.start_game(state)
        return
    app.push(TitleScreen(app))
    if resume:
        app.continue_game()
