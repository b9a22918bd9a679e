"""`her capture --line NODE[:ID]`: the play screen showing exactly one line or option.

What a translator checks a line in: its whole text, its scene and its style (a letter with
its earlier lines on the page), in their language, at a text size; for an option's id, the
choices with that option focused. IDs are the ones each catalog entry names in its comments.
"""

from __future__ import annotations

from pathlib import Path

from game import styles
from game.ui.capture import _open, _scene_for


class CaptureError(ValueError):
    """A `--line` that names no line or option of the story (one line for the translator)."""


def capture_line(out: Path, lang: str | None, story_dir: Path | None, text_size: int, where: str, log) -> list[Path]:
    """The play screen showing exactly one line (its whole text, its scene and style) or, for an
    option's id, the choices with that option focused: what a translator checks a line in."""
    import pygame

    from game.engine.runtime import ChoiceEvent, LineEvent
    from game.engine.state import GameState
    from game.paths import story_dir as shipped

    node_id, _, key = where.partition(":")
    app, d = _open(Path(story_dir) if story_dir else shipped(), lang, text_size)
    try:
        story = app.game.story
        node = story.nodes.get(node_id) if story is not None else None
        if node is None:
            raise CaptureError(f"--line: there is no node '{node_id}' in the story")
        spoken = [(None, i, ln) for i, ln in enumerate(node.lines) if ln.text is not None]
        spoken += [(c.index, i, ln) for c in node.choices for i, ln in enumerate(c.lines) if ln.text is not None]
        option = next((c for c in node.choices if c.key == key), None) if key else None
        target = next(((c, i, ln) for c, i, ln in spoken if ln.key == key), None) if key else (spoken[0] if spoken else None)
        if option is None and target is None:
            keys = ", ".join([ln.key for _, _, ln in spoken] + [c.key for c in node.choices])
            raise CaptureError(f"--line: node '{node_id}' has no line or option '{key}' (it has: {keys[:300]})")
        scene = _scene_for(story, node_id)
        if option is not None:
            state = GameState(node_id, story.initial_vars(), pos=len(node.lines), entered=True, scene=scene)
        else:
            choice, index, line = target
            steps = node.lines if choice is None else node.choices[choice].lines
            first = index  # a letter's earlier lines gather on its page, as in play
            while first > 0 and styles.style(line.style).gathers and steps[first - 1].style == line.style and index - first < 3:
                first -= 1
            state = GameState(node_id, story.initial_vars(), pos=first, choice=choice, entered=True, scene=scene)
        app.start_game(state)
        d.step(2)
        play = app.play_screen()
        for _ in range(12):
            event = play.step.event
            if option is not None and isinstance(event, ChoiceEvent):
                shown = [o.key for o in event.options]
                if option.key not in shown:
                    raise CaptureError(f"--line: option '{key}' of '{node_id}' is not open at the story's start values")
                for _ in range(shown.index(option.key) + 1):
                    d.key(pygame.K_DOWN)
                break
            if option is None and isinstance(event, LineEvent) and event.node == node_id and event.key == target[2].key:
                d.key(pygame.K_SPACE)  # the whole line at once, as a click does
                d.wait(0.6)
                break
            if not isinstance(event, LineEvent):
                raise CaptureError(f"--line: '{where}' is not shown at the story's start values (its condition is false)")
            d.key(pygame.K_SPACE)
            d.key(pygame.K_SPACE)
        else:
            raise CaptureError(f"--line: '{where}' could not be reached")
        name = f"line-{node_id}-{(option.key if option else target[2].key)}-{lang or 'en'}-{text_size}".replace("~", "_")
        path = d.shot(Path(out) / f"{name}.png")
        log(str(path))
        return [path]
    finally:
        app.shutdown()
        pygame.event.clear()


