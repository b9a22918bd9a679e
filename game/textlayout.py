"""Line breaking shared by the game window and the translation overflow check.

Breaks at spaces (Korean, like English, spaces its words); a line never starts with closing
punctuation nor ends with opening punctuation (the Korean and CJK rule, harmless for
English); a run of text too long for a line is broken between characters, and only then.
Pure: `measure` gives a string's width in pixels (pygame's `font.size(s)[0]` in the game).
"""

from __future__ import annotations

from collections.abc import Callable

CLOSING = set(".,!?;:)]}%·…‥、。，．！？；：」』】〉》）］｝〕〗〙〛’”»›ー~〜")
OPENING = set("([{「『【〈《（［｛〔〖〘〚‘“«‹")


def break_lines(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """Split `text` into lines no wider than `width` (a single glyph wider than that stays alone)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out.extend(_paragraph(paragraph, width, measure))
    return out


def _paragraph(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current and _starts_closing(word):
            # closing punctuation may not open a line: carry the previous word down with it
            head, _, last = current.rpartition(" ")
            if head:
                lines.append(head)
                candidate = f"{last} {word}"
                if measure(candidate) <= width:
                    current = candidate
                    continue
            run = candidate
        else:
            if current:
                lines.append(current)
            if measure(word) <= width:
                current = word
                continue
            run = word
        pieces = _break_run(run, width, measure)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    lines.append(current)
    return lines


def _starts_closing(word: str) -> bool:
    return bool(word) and word[0] in CLOSING


def _break_run(run: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """Break between characters, keeping closing marks off line starts and opening marks off line ends."""
    pieces: list[str] = []
    current = ""
    for ch in run:
        if current and measure(current + ch) > width:
            cut = len(current)
            # move back so the next line does not start with a closing mark, nor this end with an opening one
            while cut > 1 and (ch in CLOSING if cut == len(current) else current[cut] in CLOSING):
                cut -= 1
            while cut > 1 and current[cut - 1] in OPENING:
                cut -= 1
            pieces.append(current[:cut].rstrip(" "))
            current = current[cut:].lstrip(" ")
        current += ch
    pieces.append(current)
    return pieces
