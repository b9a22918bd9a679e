"""Skip, auto-advance and the chapter card timing, on the fake clock (no window)."""

from __future__ import annotations

from game.ui.driver import FakeClock
from game.ui.pacing import CARD_HOLD, CARD_IN, CARD_OUT, READ_TIME, SKIP_STEP, Pacing


def test_skip_and_auto_exclude_each_other_and_stop_ends_skipping():
    pacing = Pacing(FakeClock())
    pacing.toggle_auto()
    pacing.toggle_skip()
    assert pacing.skip and not pacing.auto and pacing.skipping
    pacing.toggle_auto()
    assert pacing.auto and not pacing.skip
    pacing.held = True
    assert pacing.skipping
    pacing.stop()
    assert not pacing.skipping and pacing.auto  # auto-advance stays on under a menu


def test_skipping_moves_one_line_per_step():
    clock = FakeClock()
    pacing = Pacing(clock)
    due = []
    for _ in range(30):
        due.append(pacing.skip_due(clock()))
        clock.advance(SKIP_STEP * 0.4)
    assert due[:6] == [True, False, False, True, False, False] and due.count(True) == 10  # every third tick
    assert pacing.next_skip() == pacing.last_skip + SKIP_STEP


def test_auto_waits_for_the_delay_plus_reading_time():
    assert Pacing.auto_due(10.0, 50, 1.5) == 10.0 + 1.5 + 50 * READ_TIME
    assert Pacing.auto_due(10.0, 100, 1.5) > Pacing.auto_due(10.0, 50, 1.5)


def test_the_card_fades_in_holds_fades_out_and_skipping_ends_it():
    clock = FakeClock()
    pacing = Pacing(clock)
    pacing.show_card("Chapter 1", "Letters")
    start = clock()
    assert pacing.card_alpha(start, True) == 0
    assert 0 < pacing.card_alpha(start + CARD_IN / 2, True) < 255
    assert pacing.card_alpha(start + CARD_IN + 0.1, True) == 255
    assert pacing.card_next_frame(start + CARD_IN + 0.1, True) == start + CARD_IN + CARD_HOLD  # still while it holds
    assert 0 < pacing.card_alpha(start + CARD_IN + CARD_HOLD + CARD_OUT / 2, True) < 255
    assert not pacing.card_over(start + CARD_IN + CARD_HOLD + 0.01, True)
    assert pacing.card_over(start + CARD_IN + CARD_HOLD + CARD_OUT + 0.01, True)
    # reduced motion: no fades, only the hold
    assert pacing.card_alpha(start, False) == 255
    assert not pacing.card_over(start + CARD_HOLD - 0.01, False) and pacing.card_over(start + CARD_HOLD + 0.01, False)
    assert pacing.card_next_frame(start, False) == start + CARD_HOLD
    pacing.held = True
    assert pacing.card_over(start, True)
