"""When the play screen moves on by itself: skipping, auto-advance and the chapter card.

Pure (no pygame) and driven by the clock it is given, so the window tests and this module's
own tests run it with a fake clock: a skipped line every SKIP_STEP seconds, an auto-advance
after the delay plus reading time, a card that fades in, holds and fades out (or only holds,
with reduced motion).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SKIP_STEP = 0.06  # seconds per line while skipping
CARD_IN, CARD_HOLD, CARD_OUT = 0.7, 1.9, 0.7
READ_TIME = 0.02  # auto-advance: seconds of reading time per character, on top of the delay
FRAME = 1 / 60


@dataclass(frozen=True)
class Card:
    label: str  # "Chapter 2"
    title: str
    start: float


class Pacing:
    def __init__(self, clock: Callable[[], float]):
        self.clock = clock
        self.skip = False  # skip mode on (Tab, the quick menu)
        self.held = False  # Ctrl held down
        self.auto = False
        self.last_skip = 0.0
        self.card: Card | None = None

    # --- modes ---------------------------------------------------------------------------------
    @property
    def skipping(self) -> bool:
        return self.skip or self.held

    def toggle_skip(self) -> None:
        self.skip = not self.skip
        if self.skip:
            self.auto = False

    def toggle_auto(self) -> None:
        self.auto = not self.auto
        if self.auto:
            self.skip = False

    def stop(self) -> None:
        """Skipping ends (a menu opens, a choice or the end is reached)."""
        self.skip = self.held = False

    def skip_due(self, now: float) -> bool:
        """Whether the next line is due while skipping; counts it as skipped when it is."""
        if now - self.last_skip < SKIP_STEP:
            return False
        self.last_skip = now
        return True

    def next_skip(self) -> float:
        return self.last_skip + SKIP_STEP

    @staticmethod
    def auto_due(completed_at: float, chars: int, delay: float) -> float:
        """When auto-advance leaves a line completed at `completed_at`: the delay plus reading time."""
        return completed_at + delay + READ_TIME * chars

    # --- the chapter card ------------------------------------------------------------------------
    def show_card(self, label: str, title: str) -> None:
        self.card = Card(label, title, self.clock())

    @staticmethod
    def card_length(motion: bool) -> float:
        return CARD_IN + CARD_HOLD + CARD_OUT if motion else CARD_HOLD

    def card_over(self, now: float, motion: bool) -> bool:
        return self.card is not None and (self.skipping or now - self.card.start >= self.card_length(motion))

    def card_alpha(self, now: float, motion: bool) -> int:
        """How opaque the card is now (0-255): fading in, holding, fading out."""
        if self.card is None:
            return 0
        t = now - self.card.start
        if not motion or CARD_IN <= t <= CARD_IN + CARD_HOLD:
            return 255
        if t < CARD_IN:
            return int(255 * t / CARD_IN)
        return int(255 * max(0.0, 1 - (t - CARD_IN - CARD_HOLD) / CARD_OUT))

    def card_next_frame(self, now: float, motion: bool) -> float | None:
        """When the card looks different next: every frame while fading, else when it ends."""
        if self.card is None:
            return None
        start = self.card.start
        if not motion:
            return start + CARD_HOLD
        t = now - start
        if t < CARD_IN or t > CARD_IN + CARD_HOLD:
            return now + FRAME
        return start + CARD_IN + CARD_HOLD
