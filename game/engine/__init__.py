"""The story engine: model, the one loader, expressions, runtime and state. Never imports pygame."""

from game.engine.diagnostics import Diagnostic, StoryError
from game.engine.loader import load_story
from game.engine.runtime import ChoiceEvent, EndEvent, EnterEvent, LineEvent, Runtime, StuckEvent
from game.engine.state import GameState

__all__ = [
    "ChoiceEvent",
    "Diagnostic",
    "EndEvent",
    "EnterEvent",
    "GameState",
    "LineEvent",
    "Runtime",
    "StoryError",
    "StuckEvent",
    "load_story",
]
