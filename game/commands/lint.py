"""`her lint`: every finding about the story and its playtests as PATH:LINE:COL: severity: message, then a summary line."""

from __future__ import annotations

import argparse

from game.commands import add_story_option, loader_options, story_path


def configure(parser: argparse.ArgumentParser) -> None:
    add_story_option(parser)
    parser.add_argument("--strict", action="store_true", help="count warnings as errors")


def run(args: argparse.Namespace) -> int:
    from game.authoring.lint import lint_story

    diagnostics = lint_story(story_path(args), **loader_options(checks_assets=True))
    for d in diagnostics:
        print(d.format())
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    failed = errors > 0 or (args.strict and warnings > 0)
    verdict = "failed" if failed else "ok"
    print(f"lint {verdict}: {errors} error(s), {warnings} warning(s)")
    return 1 if failed else 0
