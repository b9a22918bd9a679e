"""`her test`: run the playtests (story/playtests.yaml) through the runtime; exit 1 on any failure."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.commands import add_story_option, load_or_report, story_path


def configure(parser: argparse.ArgumentParser) -> None:
    add_story_option(parser)
    parser.add_argument("--file", type=Path, default=None, metavar="PATH", help="playtests file (default: playtests.yaml in the story folder)")
    parser.add_argument("-k", dest="match", metavar="TEXT", default=None, help="only the playtests whose name contains TEXT")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")


def run(args: argparse.Namespace) -> int:
    from game.authoring.playtest import load_playtests, run_playtest

    story = load_or_report(args)
    if story is None:
        return 1
    path = args.file if args.file is not None else Path(story_path(args)) / "playtests.yaml"
    if not path.is_file():
        print(f"{path}: error: no playtests file (write one, or make one with 'her explore --playtests')", file=sys.stderr)
        return 1
    tests, problems = load_playtests(path, story)
    for d in problems:
        print(d.format(), file=sys.stderr)
    if args.match:
        tests = [t for t in tests if args.match in t.name]
    outcomes = [run_playtest(story, t) for t in tests]
    failed = [o for o in outcomes if not o.ok]
    if args.json:
        print(json.dumps({
            "file": str(path),
            "passed": len(outcomes) - len(failed),
            "failed": len(failed),
            "errors": [d.format() for d in problems],
            "tests": [
                {"name": o.test.name, "ok": o.ok, "message": o.message, "step": o.step, "node": o.node, "options": o.options,
                 "ending": o.ending, "line": o.test.loc.line}
                for o in outcomes
            ],
        }, indent=2, ensure_ascii=False))
    else:
        width = max((len(o.test.name) for o in outcomes), default=0)
        for o in outcomes:
            if o.ok:
                reached = f" -> {o.ending}" if o.ending else ""
                print(f"ok    {o.test.name:<{width}}  {len(o.test.choices)} choices{reached}")
            else:
                print(f"FAIL  {o.test.name}")
                print(o.diagnostic().format())
        print(f"playtests: {len(outcomes) - len(failed)} passed, {len(failed)} failed"
              + (f", {len(problems)} error(s) in the file" if problems else ""))
    return 1 if failed or problems or not outcomes else 0
