"""`her capture`: pictures of every screen of the game window, made headless."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.commands import add_story_option


def configure(parser: argparse.ArgumentParser) -> None:
    add_story_option(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the PNG files")
    parser.add_argument("--lang", metavar="CODE", default=None, help="language of the interface and story, e.g. ko")
    parser.add_argument("--text-size", type=int, choices=(100, 125, 150), default=100, help="text size in percent")
    parser.add_argument("--line", metavar="NODE[:ID]", default=None,
                        help="just the play screen showing this line (or option) of the node; ID as in the .po's comments")


def run(args: argparse.Namespace) -> int:
    import sys

    try:
        from game.ui.capture import capture
        from game.ui.captureline import CaptureError
    except ImportError as exc:
        print(f"her: capture needs the game window ({exc})", file=sys.stderr)
        return 1
    try:
        written = capture(args.out, args.lang, args.story, text_size=args.text_size, line=args.line)
    except CaptureError as exc:
        print(f"her: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"her: cannot write to {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"{len(written)} screen(s) written to {args.out}")
    return 0
