"""The game controller between the engine and the front ends (window and terminal); no pygame.

`Game` owns a playthrough (`Session`: runtime + rollback), the saves, the autosave policy and
the persistent record, so both front ends resume, save and remember the same way.
"""

from game.controller.game import Game, SaveError, SaveNote
from game.controller.session import Session, Shown, Step

__all__ = ["Game", "SaveError", "SaveNote", "Session", "Shown", "Step"]
