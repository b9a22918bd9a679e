"""`her lsp`: the language server for the manifest, chapter and playtest files, over stdio.

Editors start it themselves (docs/editors.md); pygls is imported only here, so the game's own
start-up never pays for it.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default; accepted for editors that pass it)")


def run(args: argparse.Namespace) -> int:
    try:
        from game.lsp.server import server
    except ImportError as exc:
        print(f"her lsp: the language server needs pygls ({exc}); install it with: pip install 'pygls>=2.0'", file=sys.stderr)
        return 1
    server.start_io()
    return 0
