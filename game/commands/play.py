"""`her play`: the game in a window, or with --text in the terminal."""

from __future__ import annotations

import argparse

from game.commands import add_story_option


def configure(parser: argparse.ArgumentParser) -> None:
    add_story_option(parser)
    parser.add_argument("--text", action="store_true", help="play in the terminal")
    parser.add_argument("--lang", metavar="CODE", default=None, help="language, e.g. ko")
    parser.add_argument("--fullscreen", action="store_true", help="start in fullscreen")
    parser.add_argument("--from", dest="from_node", metavar="NODE", default=None, help="start at this node")
    parser.add_argument("--set", dest="sets", metavar="VAR=VALUE", action="append", default=[], help="set a variable at the start")
    parser.add_argument("--choices", metavar="N,N,...", default=None, help="(--text) answer choices from this list first")
    parser.add_argument("--continue", dest="resume", action="store_true", help="resume the newest save")
    parser.add_argument("--watch", action="store_true", help="(window) reload the story when its files change")


def run(args: argparse.Namespace) -> int:
    if args.text:
        from game.textplayer import play_text

        return play_text(args)
    try:
        from game.ui.startup import run_window
    except ImportError as exc:
        import sys

        print(f"her: the game window is not available ({exc}); try 'her play --text'", file=sys.stderr)
        return 1
    return run_window(args)
