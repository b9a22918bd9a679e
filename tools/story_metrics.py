"""The story's shape in figures, against the goals of issue 16 (the second draft).

Plays N uniformly random playthroughs (seeded: the figures repeat) through the real runtime
(`game.authoring.explore.random_players`) and reports:
- each ending's share of random play (goal: every ending between 5% and 30%);
- for each playthrough, how many endings can still be reached from the exact state in which it
  enters the last chapter's first node (`depart_call`), found by exploring from that state
  (`game.authoring.explore.explore(story, start=state)`, cached on the variables that still
  matter there; `--verify N` re-explores N of them without the cache); the share of the
  playthroughs that get there with at most 2 (goal: at least 70%);
- the median share of the story's nodes one full playthrough visits (goal: at most 55%).

    python tools/story_metrics.py [--story DIR] [-n 1000] [--seed 1] [--json]

Exit 0 when every goal is met, 1 when one is not (or the story does not load).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from game.authoring.explore import explore, random_players  # noqa: E402
from game.authoring.nodeclasses import node_conditions, node_effects  # noqa: E402
from game.engine import EnterEvent, StoryError, load_story  # noqa: E402

LAST_CHAPTER = "depart_call"  # the node where chapter 6 begins
ENDING_SHARE = (0.05, 0.30)
AT_MOST = 2  # endings still open when the last chapter begins ...
NARROWED_SHARE = 0.70  # ... in at least this share of playthroughs
VISIT_SHARE = 0.55  # median share of nodes one playthrough visits, at most
PLAIN_BOUND = 2_000  # states the plain engine may visit from one checkpoint state


def relevant_variables(story, start: str) -> tuple[str, ...]:
    """The variables that can change what happens from node `start` on: those a condition reads
    in a node reachable from there (hidden `seen`/`once` flags included), and, to a fixpoint,
    those an effect feeding one of them reads. Two states at `start` that agree on these reach
    the same endings, so one exploration serves both."""
    todo, reach = [start], {start}
    while todo:
        for target, _ in story.nodes[todo.pop()].targets():
            if target not in reach:
                reach.add(target)
                todo.append(target)
    needed: set[str] = set()
    effects = []
    for nid in reach:
        node = story.nodes[nid]
        needed |= {name for cond in node_conditions(node) for name in cond.names}
        effects += node_effects(node)
    grew = True
    while grew:
        grew = False
        for eff in effects:
            for a in eff.assignments:
                if a.target in needed and not a.value.names <= needed:
                    needed |= a.value.names
                    grew = True
    return tuple(name for name in story.variables if name in needed)


def endings_open(story, state) -> int:
    """How many endings `explore(story, start=state)` finds reachable. The plain engine is quickest
    for the few states of a last chapter; the fast one takes over if it would need too many."""
    result = explore(story, start=state, method="states", max_states=PLAIN_BOUND)
    if not result.complete:
        result = explore(story, start=state)
    return sum(e.reachable for e in result.endings.values())


def open_endings(story, checkpoint: str):
    """A function: state on entering `checkpoint` -> endings still reachable, cached on the
    variables that still matter there (many playthroughs arrive in states that differ only in
    values nothing after the checkpoint reads)."""
    relevant = relevant_variables(story, checkpoint)
    cache: dict[tuple, int] = {}

    def count(state) -> int:
        key = (state.node, state.pos, state.choice, state.ended, tuple(state.vars[v] for v in relevant))
        if key not in cache:
            cache[key] = endings_open(story, state)
        return cache[key]

    count.cache = cache
    return count


def verify(story, states, count) -> list[str]:
    """Where the cached `count` disagrees with exploring from the state itself (should be nowhere)."""
    out = []
    for state in states:
        explored = sum(e.reachable for e in explore(story, start=state).endings.values())
        if explored != count(state):
            out.append(f"{state.node} {dict(state.vars)}: explore finds {explored}, the lookup {count(state)}")
    return out


def measure(story, count: int = 1000, seed: int = 1, checkpoint: str = LAST_CHAPTER, verify_some: int = 0) -> dict:
    """The figures for `count` random players of `story`, as plain data (see the module doc)."""
    visited: dict[int, set[str]] = {}
    at_checkpoint: dict[int, object] = {}  # player -> the state on entering the checkpoint

    def watch(player, rt, event):
        if isinstance(event, EnterEvent):
            visited.setdefault(player, set()).add(event.node)
            if event.node == checkpoint and player not in at_checkpoint:
                at_checkpoint[player] = rt.snapshot()

    t0 = time.perf_counter()
    outcomes = random_players(story, count, seed=seed, watch=watch)
    played = time.perf_counter() - t0

    count_open = open_endings(story, checkpoint)
    open_counts = [count_open(state) for state in at_checkpoint.values()]
    distinct = len(count_open.cache)
    mismatches = verify(story, list(at_checkpoint.values())[:verify_some], count_open)
    explored = time.perf_counter() - t0 - played

    total_nodes = len(story.nodes)
    shares = sorted(len(nodes) / total_nodes for nodes in visited.values())
    median_visit = statistics.median(shares) if shares else 0.0
    endings = {e: outcomes.get(e, 0) / count for e in story.endings}
    others = {k: v / count for k, v in outcomes.items() if k not in story.endings}
    narrowed = sum(n <= AT_MOST for n in open_counts) / len(open_counts) if open_counts else 0.0
    histogram = {n: open_counts.count(n) for n in sorted(set(open_counts))}
    goals = {
        "ending_shares": all(ENDING_SHARE[0] <= s <= ENDING_SHARE[1] for s in endings.values()) and not others,
        "narrowed_at_last_chapter": narrowed >= NARROWED_SHARE,
        "median_node_visit_share": median_visit <= VISIT_SHARE,
    }
    return {
        "players": count,
        "seed": seed,
        "nodes": total_nodes,
        "endings": endings,
        "other_outcomes": others,
        "checkpoint": checkpoint,
        "reached_checkpoint": len(open_counts),
        "open_endings_at_checkpoint": histogram,  # endings still reachable -> playthroughs
        "distinct_checkpoint_states": distinct,
        "narrowed_share": narrowed,
        "median_node_visit_share": median_visit,
        "goals": goals,
        "verified": min(verify_some, len(open_counts)),
        "mismatches": mismatches,
        "ok": all(goals.values()) and not mismatches,
        "seconds": {"play": round(played, 2), "explore": round(explored, 2)},
    }


def format_report(m: dict) -> str:
    def verdict(ok: bool) -> str:
        return "pass" if ok else "FAIL"

    lo, hi = ENDING_SHARE
    lines = [f"{m['players']:,} random playthroughs (seed {m['seed']}), {m['nodes']} nodes, "
             f"{m['seconds']['play'] + m['seconds']['explore']:.1f} s"]
    lines.append(f"endings' shares (goal {lo:.0%}-{hi:.0%} each): {verdict(m['goals']['ending_shares'])}")
    width = max(len(k) for k in list(m["endings"]) + list(m["other_outcomes"]))
    for name, share in sorted(m["endings"].items(), key=lambda kv: -kv[1]):
        flag = "" if lo <= share <= hi else "  <- out of range"
        lines.append(f"  {name:<{width}}  {share:6.1%}{flag}")
    for name, share in m["other_outcomes"].items():
        lines.append(f"  {name:<{width}}  {share:6.1%}  <- not an ending")
    hist = ", ".join(f"{n}: {c}" for n, c in m["open_endings_at_checkpoint"].items())
    lines.append(f"endings still reachable on entering {m['checkpoint']} "
                 f"(goal at most {AT_MOST} in >= {NARROWED_SHARE:.0%}): {m['narrowed_share']:.1%} "
                 f"{verdict(m['goals']['narrowed_at_last_chapter'])}")
    lines.append(f"  {m['reached_checkpoint']} playthroughs got there ({m['distinct_checkpoint_states']} distinct in what still matters); "
                 f"endings open -> playthroughs: {hist or 'none'}")
    lines.append(f"median share of nodes one playthrough visits (goal <= {VISIT_SHARE:.0%}): "
                 f"{m['median_node_visit_share']:.1%} {verdict(m['goals']['median_node_visit_share'])}")
    if m["verified"]:
        lines.append(f"checked {m['verified']} of those states against explore(start=state): "
                     + ("same counts" if not m["mismatches"] else f"{len(m['mismatches'])} DISAGREE"))
        lines.extend(f"  {x}" for x in m["mismatches"])
    lines.append("all goals met" if m["ok"] else "goals not met")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", default=str(ROOT / "story"), help="story folder (default: the shipped story)")
    parser.add_argument("-n", "--players", type=int, default=1000, help="random playthroughs (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="seed for the random players (default 1)")
    parser.add_argument("--checkpoint", default=LAST_CHAPTER, help=f"node where the last chapter begins (default {LAST_CHAPTER})")
    parser.add_argument("--verify", type=int, default=0, metavar="N",
                        help="also explore from the first N checkpoint states and check the counts agree")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.players < 1:
        parser.error("--players must be at least 1")
    try:
        story = load_story(args.story)
    except StoryError as exc:
        print(f"story_metrics: {exc}", file=sys.stderr)
        return 1
    if args.checkpoint not in story.nodes:
        print(f"story_metrics: the story has no node '{args.checkpoint}'", file=sys.stderr)
        return 1
    m = measure(story, args.players, args.seed, args.checkpoint, args.verify)
    print(json.dumps(m, indent=2) if args.json else format_report(m))
    return 0 if m["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
