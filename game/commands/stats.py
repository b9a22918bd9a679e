"""`her stats`: the size of the story, per chapter and per character."""

from __future__ import annotations

import argparse
import json

from game.commands import add_story_option, load_or_report


def configure(parser: argparse.ArgumentParser) -> None:
    add_story_option(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from game.authoring.stats import story_stats

    story = load_or_report(args)
    if story is None:
        return 1
    stats = story_stats(story)
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    t = stats["totals"]
    print(f"{story.title}: {t['chapters']} chapters, {t['nodes']} nodes, {t['choice_points']} choice points, "
          f"{t['choices']} choices, {t['endings']} endings, {t['words']} words")
    print("\nwords per chapter:")
    for ch in stats["chapters"]:
        print(f"  {ch['id']:<16} {ch['words']:>7}  ({ch['nodes']} nodes, {ch['choice_points']} choice points)")
    print("\nwords per character:")
    for who, words in stats["characters"].items():
        print(f"  {who:<16} {words:>7}")
    for extra in stats.get("sections", []):
        print(f"\n{extra['title']}:")
        for row in extra["rows"]:
            print(f"  {row}")
    return 0
