"""The window's accessibility, opened and closed with it: the player's reading look and self-voicing.

The look (high contrast, box opacity, reading font: `look`) is applied before the first
frame and put back to the default when the window closes, so a later window or a check in
the same process starts from the default; self-voicing (`voicing`) is opened here and its
speech worker stopped on close.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui import look

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.voicing import SelfVoicing


def open_for(app: App) -> SelfVoicing:
    """Apply the settings' look; the window's self-voicing (silent until it is switched on)."""
    from game.ui.voicing import SelfVoicing

    look.apply(app.settings)
    return SelfVoicing(app)


def close(app: App) -> None:
    app.voicing.close()
    look.apply(None)
