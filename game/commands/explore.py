"""`her explore`: play every reachable state; report endings (with walkthroughs), soft-locks, dead parts.

Exit 0: every ending reachable, no soft-lock. Exit 1: an ending can never be reached, or a
soft-lock exists (or, with --strict, any warning). Exit 2: the search stopped at --max-states
before it was complete and found nothing certain to be wrong; the report says so.
"""

from __future__ import annotations

import argparse
import json
import sys

from game.commands import add_story_option, load_or_report


def configure(parser: argparse.ArgumentParser) -> None:
    from game.authoring.explore import DEFAULT_MAX_STATES

    fast, plain = DEFAULT_MAX_STATES["symbolic"], DEFAULT_MAX_STATES["states"]
    add_story_option(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--max-states", type=int, default=None, metavar="N",
                        help=f"stop after this many distinct states; the result is then incomplete (exit 2). Default {fast:,} "
                             f"with the fast engine, {plain:,} with the plain one (used when an int variable has no min/max)")
    parser.add_argument("--from", dest="from_node", metavar="NODE", default=None, help="explore from this node instead of the start")
    parser.add_argument("--set", dest="sets", metavar="VAR=VALUE", action="append", default=[], help="set a variable at the start")
    parser.add_argument("--strict", action="store_true", help="count warnings (never-reached nodes, options, lines) as failures")
    parser.add_argument("--states", action="store_true",
                        help="use the plain engine (one state at a time) instead of the fast one; same answers, slower")
    parser.add_argument("--random", type=int, default=0, metavar="N",
                        help="also play N games choosing at random, and show where they end (seeded: repeatable)")
    parser.add_argument("--literal", action="store_true",
                        help="keep variables no way on can read apart (slower; every value at every ending)")
    parser.add_argument("--playtests", action="store_true", help="print a playtests file with the shortest walkthrough to every ending")


def run(args: argparse.Namespace) -> int:
    from game.authoring.explore import explore, format_random, format_text, playtests_yaml, random_players
    from game.engine.debug import debug_state

    story = load_or_report(args)
    if story is None:
        return 1
    if args.max_states is not None and args.max_states < 1:
        print("her explore: --max-states must be at least 1", file=sys.stderr)
        return 1
    try:
        start = debug_state(story, args.from_node, args.sets)
    except ValueError as exc:
        print(f"her explore: {exc}", file=sys.stderr)
        return 1
    result = explore(story, start, max_states=args.max_states, method="states" if args.states else "auto",
                     liveness=not args.literal)
    code = result.exit_code
    if code == 0 and args.strict and any(not d.is_error for d in result.diagnostics()):
        code = 1
    if args.playtests:
        print(playtests_yaml(result))
        return code
    players = random_players(story, args.random, start=start) if args.random > 0 else None
    if args.json:
        data = result.to_json()
        data["exit"] = code
        if players is not None:
            data["random_players"] = players
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        text = format_text(result)
        if players is not None:
            head, _, verdict = text.rpartition("\n")
            text = f"{head}\n{format_random(story, players)}\n\n{verdict}"
        print(text)
    return code
