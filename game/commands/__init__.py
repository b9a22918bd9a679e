"""One module per `her` subcommand (see game.cli)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_story_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--story", type=Path, default=None, metavar="DIR", help="story folder (default: the shipped story)")


def story_path(args: argparse.Namespace) -> Path:
    """--story, or the default story by game.paths' rule (saying so, once, when it is a checkout's)."""
    if args.story is not None:
        return args.story
    from game.paths import story_dir, story_note

    note = story_note()
    if note and not getattr(args, "_story_noted", False):
        args._story_noted = True
        print(note, file=sys.stderr)
    return story_dir()


def loader_options(checks_assets: bool = False) -> dict:
    """What the command line hands the loader: its parse cache and, for lint, the assets to check."""
    from game.paths import assets_dir, parse_cache_dir

    options: dict = {"cache": parse_cache_dir()}
    if checks_assets:
        options["assets"] = assets_dir()
    return options


def load_or_report(args: argparse.Namespace):
    """The story, or None after printing every error as `PATH:LINE:COL: error: ...` to stderr."""
    from game.engine import StoryError, load_story

    try:
        return load_story(story_path(args), **loader_options())
    except StoryError as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        print(f"the story has {len(exc.diagnostics)} error(s); run 'her lint' for details", file=sys.stderr)
        return None
