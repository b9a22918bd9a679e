"""Where players who pick at random end up: a quick look at how a story routes a player who
does not steer (`her explore --random`, tools/story_metrics.py)."""

from __future__ import annotations

from collections.abc import Callable

from game.engine.model import Story
from game.engine.runtime import Runtime
from game.engine.state import GameState


def random_players(story: Story, count: int, seed: int = 1, start: GameState | None = None,
                   max_choices: int = 2_000,
                   watch: Callable[[int, Runtime, object], None] | None = None) -> dict[str, int]:
    """Where `count` players who pick uniformly at random end up: ending id, or "stuck", or
    "loop" (going round without a choice, or no ending after `max_choices` choices). Played
    through the runtime with a seeded generator, so the numbers repeat. `watch(player, runtime,
    event)`, if given, sees every event of every player (0-based), before it is answered, so
    a tool can measure more than where they end (tools/story_metrics.py)."""
    import random

    from game.engine.runtime import ChoiceEvent, EndEvent, EnterEvent, StoryRuntimeError, StuckEvent

    rng = random.Random(seed)  # noqa: S311 - a repeatable sample of play, not security
    out: dict[str, int] = {}
    for player in range(count):
        rt = Runtime(story, start)
        where = "loop"
        choices = 0
        since_choice: set[tuple] = set()  # arrivals since the last choice: a repeat is a loop
        try:
            while choices <= max_choices:
                event = rt.advance()
                if watch is not None:
                    watch(player, rt, event)
                if isinstance(event, EnterEvent):
                    key = rt.state.key()
                    if key in since_choice:
                        break
                    since_choice.add(key)
                elif isinstance(event, ChoiceEvent):
                    rt.choose(rng.choice(event.options).index)
                    choices += 1
                    since_choice.clear()
                elif isinstance(event, EndEvent):
                    where = event.ending
                    break
                elif isinstance(event, StuckEvent):
                    where = "stuck"
                    break
        except StoryRuntimeError:
            pass
        out[where] = out.get(where, 0) + 1
    return out


def format_random(story: Story, counts: dict[str, int]) -> str:
    total = sum(counts.values())
    lines = [f"random players ({total:,}, every open option equally likely):"]
    width = max((len(k) for k in list(story.endings) + list(counts)), default=0)
    for key in list(story.endings) + sorted(k for k in counts if k not in story.endings):
        n = counts.get(key, 0)
        lines.append(f"  {key:<{width}}  {100 * n / total:5.1f}%  ({n:,})" if total else f"  {key}")
    return "\n".join(lines)
