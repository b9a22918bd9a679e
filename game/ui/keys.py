"""Every key, button and gesture the window knows, as (what to press, what it does).

The help overlay (F1) shows these rows and README.md's "Keys" section is the same table
(a test keeps them equal), so a key is documented in exactly one place.
"""

from __future__ import annotations


def keyboard_rows(catalog) -> list[tuple[str, str]]:
    return [
        (catalog.ui("Click, Space, Enter"), catalog.ui("Show the whole line; then the next line")),
        (catalog.ui("1 to 9"), catalog.ui("Pick that choice")),
        (catalog.ui("Up, Down, then Enter"), catalog.ui("Move between choices and buttons; confirm")),
        (catalog.ui("Mouse wheel up, Page Up, Backspace"), catalog.ui("Roll back to earlier lines and choices")),
        (catalog.ui("Mouse wheel down, Page Down"), catalog.ui("Roll forward again")),
        (catalog.ui("Ctrl (hold)"), catalog.ui("Skip while held")),
        (catalog.ui("Tab"), catalog.ui("Skip on or off")),
        (catalog.ui("A"), catalog.ui("Auto-advance on or off")),
        (catalog.ui("L"), catalog.ui("History of lines and choices")),
        (catalog.ui("H, middle click"), catalog.ui("Hide the text to see the picture")),
        (catalog.ui("F5"), catalog.ui("Quick save")),
        (catalog.ui("F9"), catalog.ui("Quick load")),
        (catalog.ui("Esc, right click"), catalog.ui("Menu; back out of a screen")),
        (catalog.ui("Delete", context="key"), catalog.ui("Delete the selected save")),
        (catalog.ui("F11, Alt+Enter"), catalog.ui("Fullscreen on or off")),
        (catalog.ui("F1"), catalog.ui("This help")),
        (catalog.ui("V"), catalog.ui("Self-voicing on or off: the screen read aloud; arrows reach every control")),
        (catalog.ui("Ctrl+R"), catalog.ui("Reload the story from disk (for writers)")),
    ]


def gamepad_rows(catalog) -> list[tuple[str, str]]:
    return [
        (catalog.ui("A"), catalog.ui("Show the whole line; next line; confirm")),
        (catalog.ui("D-pad, left stick"), catalog.ui("Move between choices and buttons")),
        (catalog.ui("B"), catalog.ui("Back; in the story, the menu")),
        (catalog.ui("Start"), catalog.ui("Menu")),
        (catalog.ui("Left shoulder"), catalog.ui("Roll back")),
        (catalog.ui("Right shoulder"), catalog.ui("Roll forward")),
        (catalog.ui("Y"), catalog.ui("History")),
        (catalog.ui("X"), catalog.ui("Auto-advance on or off")),
    ]


def markdown(catalog) -> str:
    """The README table: keyboard and mouse rows, then gamepad rows."""
    lines = ["| keys | what they do |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in keyboard_rows(catalog)]
    lines += [f"| {catalog.ui('Gamepad')}: {k} | {v} |" for k, v in gamepad_rows(catalog)]
    return "\n".join(lines)
