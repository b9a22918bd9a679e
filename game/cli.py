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
    "new": "start a new story folder that lints clean and plays (DIR must be new or empty)",
    "lsp": "the language server for story files, over stdio (for editors: see docs/editors.md)",
}


class _Command(argparse.ArgumentParser):
    """A command's parser, set up by its module the first time it is used: starting the game
    never imports the story tools (whose options may need heavy modules)."""

    def __init__(self, *args, module: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._module, self._ready = module, False

    def _configure(self) -> None:
        if self._ready or not self._module:
            return
        self._ready = True
        module = importlib.import_module(self._module)
        module.configure(self)
        if self.get_default("run") is None:
            self.set_defaults(run=module.run)

    def parse_known_args(self, args=None, namespace=None):
        self._configure()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._configure()
        return super().format_usage()

    def format_help(self) -> str:
        self._configure()
        return super().format_help()


class _Version(argparse.Action):
    """Prints the version when asked, so that starting the game never reads package metadata."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from game import version

        print(f"her {version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="her", description="Her: a narrative game, and its story tools.")
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Command)
    for name, help_text in COMMANDS.items():
        sub.add_parser(name, help=help_text, description=help_text, module=f"game.commands.{name}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv = ["play", *argv]
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # the last word for a file the command could not use: one line, no traceback
        name = str(exc.filename or "")
        name = name if len(name) <= 200 else name[:100] + "…" + name[-100:]
        print(f"her: {name + ': ' if name else ''}{exc.strerror or exc}", file=sys.stderr)
        return 1
