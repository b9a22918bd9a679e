"""The `her` command: parse arguments, hand over to one command module, print, exit.

Each command lives in `game.commands.<name>` with `configure(parser)` and `run(args) -> int`.
Modules import heavy things (pygame, polib) inside `run`, so `her lint` stays light.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "play": "play the game (in a window, or --text in the terminal)",
    "lint": "check the story files",
    "stats": "story statistics",
    "i18n": "translation workflow: extract, update LANG, stats, pseudo, check LANG",
    "explore": "play every reachable state: endings, walkthroughs, soft-locks, dead branches",
    "test": "run the playtests (named choice sequences and what must follow)",
    "graph": "the branch graph: --format dot (Graphviz) or mermaid, -o FILE",
    "capture": "screenshots of every screen of the game window, made headless (--out DIR)",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="her", description="Her: a narrative game, and its story tools.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        module = importlib.import_module(f"game.commands.{name}")
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.configure(command_parser)
        command_parser.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["play", *argv]
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
