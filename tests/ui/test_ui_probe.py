"""The window benchmark (benchmarks/ui_probe.py) still drives the real window.

It is run by hand and by benchmarks/run.py, never by the suite's timing; this only checks it
plays: a refactor of the window that breaks the probe fails here, not on the day figures are
needed. Small counts keep it quick; nothing about time is asserted.
"""

from __future__ import annotations

from tests.scripts import load_script


def _probe():
    return load_script("benchmarks/ui_probe.py")


def test_the_frame_probe_types_lines_in_both_languages_and_plays_on_past_choices():
    figures = _probe().frames(lines=4, max_frames=600, long_session=30)
    for lang in ("en", "ko"):
        assert figures[f"frames_{lang}"] > 4  # typing frames were timed, several per line
        assert figures[f"frame_median_ms_{lang}"] > 0 and figures[f"frame_p99_ms_{lang}"] >= figures[f"frame_median_ms_{lang}"]
        assert figures[f"lines_{lang}"] == 30  # the long session got through choices and cards
    assert figures["peak_memory_mb"] > 0
