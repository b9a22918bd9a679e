"""The game window: one loop, a stack of screens, and the widgets and theme they share."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no banner in the player's terminal
