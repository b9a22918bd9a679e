"""`her graph`: the branch graph as Graphviz DOT or a Mermaid flowchart, to stdout or a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import add_story_option, load_or_report


def configure(parser: argparse.ArgumentParser) -> None:
    add_story_option(parser)
    parser.add_argument("--format", choices=("dot", "mermaid"), default="dot",
                        help="dot (Graphviz: dot -Tsvg) or mermaid (a flowchart for Markdown); default dot")
    parser.add_argument("--explore", action="store_true",
                        help="explore the story first and draw what no playthrough reaches in grey")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                        help="write to FILE (a .md file gets the Mermaid inside a ```mermaid block)")


def run(args: argparse.Namespace) -> int:
    from game.authoring.graph import Reach, to_dot, to_mermaid

    story = load_or_report(args)
    if story is None:
        return 1
    reach = None
    if args.explore:
        from game.authoring.explore import explore

        reach = Reach(explore(story))
        if not reach.complete:
            print("her graph: the exploration stopped at its bound; nothing is greyed out", file=sys.stderr)
    text = to_dot(story, reach) if args.format == "dot" else to_mermaid(story, reach)
    from game.engine.controls import escape_controls

    text = escape_controls(text)  # labels come from story text: a terminal must never obey them
    if args.output is None:
        sys.stdout.write(text)
        return 0
    if args.output.suffix.lower() in (".md", ".markdown"):
        fence = "mermaid" if args.format == "mermaid" else "dot"
        text = f"# {story.title}\n\n```{fence}\n{text}```\n"
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"her graph: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {args.output} ({len(story.nodes)} nodes, {args.format})")
    return 0
