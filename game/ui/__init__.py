"""The game window: one loop, a stack of screens, and the widgets and theme they share."""
