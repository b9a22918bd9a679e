"""Settings, applied the moment they change and kept in the data folder.

Rows of sliders and segmented choices; up/down picks a row, left/right changes it, the
mouse clicks or drags. Language and text size re-lay the whole window (this screen too).
Two pages: the general settings, and accessibility (self-voicing, high contrast, the dialogue
box's opacity, the reading font), switched by the button under Back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.settings import INSTANT, TEXT_SCALES
from game.ui import fontset as F
from game.ui import input as inp
from game.ui import layoutspec, preferences
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.layoutspec import Box
from game.ui.screens.base import Screen
from game.ui.text import fit, one_line
from game.ui.voicing import sentences

ROW_H = 46
TOP = 140
LABEL_X = T.MARGIN + 76
CONTROL_X = 520
CONTROL_W = 560
SPEEDS = [10, 15, 20, 30, 40, 55, 75, 100, 150, INSTANT]
DELAYS = [0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0]
VOLUMES = [round(v / 10, 1) for v in range(11)]
OPACITIES = [0.25, 0.5, 0.75, 1.0]
PREVIEW = pygame.Rect(LABEL_X + 236, TOP + 9 * ROW_H + 16, CONTROL_X + CONTROL_W + 20 - LABEL_X - 236, 120)  # beside "Back"
PREVIEW_PAUSE = 1.6  # seconds the finished sample stays before it is typed again


@dataclass
class _Row:
    name: str  # the Settings field
    label: str
    options: list  # (value, label) for segments; None for sliders
    slider: W.Slider | None = None


class SettingsScreen(Screen):
    overlay = "menu"
    tint = (58, 20, 26, 190)  # a page of text: the scene stays a warm hint behind it

    def __init__(self, app, page: str = "general"):
        super().__init__(app)
        self.page = page  # "general" or "access"
        self.preview_start = app.clock()
        self.focus: int | None = None
        self.hover: tuple[int, int] | None = None
        self.dragging: int | None = None
        self.relayout()

    def relayout(self) -> None:
        self.rows = self._access_rows() if self.page == "access" else self._general_rows()
        self.back_rect = pygame.Rect(LABEL_X, PREVIEW.y + 6, 200, 46)
        self.page_rect = pygame.Rect(LABEL_X, PREVIEW.bottom - 52, 200, 46)
        self.preview_start = self.app.clock()
        self.invalidate()

    def _access_rows(self) -> list[_Row]:
        catalog = self.app.catalog
        off_on = [(False, catalog.ui("Off")), (True, catalog.ui("On"))]
        return [
            _Row("self_voicing", catalog.ui("Self-voicing"), off_on),
            _Row("high_contrast", catalog.ui("High contrast"), off_on),
            _Row("box_opacity", catalog.ui("Dialogue box"), [(v, _percent(v)) for v in OPACITIES]),
            _Row("reading_font", catalog.ui("Reading font"), [("serif", catalog.ui("Serif")), ("sans", catalog.ui("Plain sans"))]),
        ]

    def _general_rows(self) -> list[_Row]:
        catalog, s = self.app.catalog, self.app.settings
        fmt_speed = lambda v: catalog.ui("Instant") if v == INSTANT else catalog.ui("{count} characters a second").format(count=v)
        rows = [
            _Row("text_speed", catalog.ui("Text speed"), None, W.Slider(SPEEDS, s.text_speed if s.text_speed != INSTANT else 10**6, fmt_speed)),
            _Row("auto_delay", catalog.ui("Auto-advance delay"), None,
                 W.Slider(DELAYS, s.auto_delay, lambda v: catalog.ui("{seconds} s").format(seconds=f"{v:g}"))),
            _Row("music_volume", catalog.ui("Music volume"), None, W.Slider(VOLUMES, s.music_volume, _percent)),
            _Row("sound_volume", catalog.ui("Sound volume"), None, W.Slider(VOLUMES, s.sound_volume, _percent)),
            _Row("fullscreen", catalog.ui("Display"), [(False, catalog.ui("Window")), (True, catalog.ui("Fullscreen"))]),
            _Row("language", catalog.ui("Language"), preferences.languages(self.app)),
            _Row("text_scale", catalog.ui("Text size"), [(v, f"{round(v * 100)}%") for v in TEXT_SCALES]),
            _Row("skip_read_only", catalog.ui("Skip"), [(True, catalog.ui("Read text only")), (False, catalog.ui("All text"))]),
            _Row("reduced_motion", catalog.ui("Reduced motion"), [(False, catalog.ui("Off")), (True, catalog.ui("On"))]),
        ]
        if s.text_speed == INSTANT:
            rows[0].slider.index = len(SPEEDS) - 1
        return rows

    def switch_page(self, by_button: bool = True) -> None:
        self.page = "general" if self.page == "access" else "access"
        self.app.audio.sound("page")
        self.relayout()
        self.focus = len(self.rows) + 1 if by_button and self.focus is not None else None  # still on the page button

    # --- a sample line, typed at the chosen speed and size ---------------------------------------------
    def _preview(self):
        catalog = self.app.catalog
        spec = layoutspec.box("line", self.app.settings.text_scale)
        rows = max(1, (PREVIEW.h - 44) // spec.line_height)
        box = Box("line", spec.font_file, spec.font_size, PREVIEW.w - 48, rows, spec.line_height)
        return fit(catalog.ui("This is how the words will come to you."), box, paginate=False)

    def _preview_shown(self, now: float) -> float:
        """How many characters of the sample are shown; it starts over after a pause."""
        total = sum(len(line) for line in self._preview().lines)
        speed = self.app.settings.text_speed
        if speed == INSTANT:
            return float(total)
        t = (now - self.preview_start) % (total / speed + PREVIEW_PAUSE)
        return min(float(total), t * speed)

    def next_frame(self, now: float):
        if self.app.settings.text_speed == INSTANT:
            return None
        total = sum(len(line) for line in self._preview().lines)
        if self._preview_shown(now) < total:
            return now + 1 / 30
        cycle = total / self.app.settings.text_speed + PREVIEW_PAUSE
        return now + (cycle - (now - self.preview_start) % cycle) + 0.001

    # --- geometry ------------------------------------------------------------------------------------
    def row_rect(self, i: int) -> pygame.Rect:
        return pygame.Rect(LABEL_X - 20, TOP + i * ROW_H, CONTROL_X + CONTROL_W - LABEL_X + 40, ROW_H - 6)

    def segment_font(self, i: int) -> pygame.font.Font:
        """The segments' font, smaller if a language's words would not fit the row."""
        size = T.UI_SMALL
        while True:
            f = W.ui_font(size)
            total = sum(max(84, f.size(label)[0] + 36) + 8 for _, label in self.rows[i].options)
            if total <= T.WIDTH - T.MARGIN - CONTROL_X or size <= 12:
                return f
            size -= 1

    def segment_rects(self, i: int) -> list[pygame.Rect]:
        row = self.rows[i]
        f = self.segment_font(i)
        x = CONTROL_X
        y = self.row_rect(i).centery - 17
        rects = []
        for _, label in row.options:
            w = max(84, f.size(label)[0] + 36)
            rects.append(pygame.Rect(x, y, w, 34))
            x += w + 8
        return rects

    def _slider_track(self, i: int) -> pygame.Rect:
        return pygame.Rect(CONTROL_X + 10, self.row_rect(i).centery - 10, 300, 20)

    # --- changing values ---------------------------------------------------------------------------------
    def _value(self, row: _Row):
        """A row's value in effect: for the language, the one shown (`--lang` may differ from the setting)."""
        if row.name == "language":
            return self.app.catalog.lang or "en"
        return getattr(self.app.settings, row.name)

    def _current(self, row: _Row) -> int:
        value = self._value(row)
        values = [v for v, _ in row.options]
        return values.index(value) if value in values else 0

    def _set(self, i: int, value) -> None:
        row = self.rows[i]
        if self._value(row) == value:
            return
        self.preview_start = self.app.clock()
        self.app.audio.sound("select")
        self.app.set_setting(row.name, value)  # may re-lay this screen (language, text size)
        self.invalidate()

    def nudge(self, i: int, delta: int) -> None:
        row = self.rows[i]
        if row.slider is not None:
            if row.slider.nudge(delta):
                self._set(i, row.slider.value)
        else:
            k = max(0, min(len(row.options) - 1, self._current(row) + delta))
            self._set(i, row.options[k][0])

    # --- input ----------------------------------------------------------------------------------------------
    def handle(self, event, action) -> None:
        t = event.type
        if t == pygame.MOUSEMOTION:
            if self.dragging is not None:
                slider = self.rows[self.dragging].slider
                if slider.set_from_x(event.pos[0]):
                    self._set(self.dragging, slider.value)
                return
            hit = next((i for i in range(len(self.rows)) if self.row_rect(i).collidepoint(event.pos)), None)
            if self.back_rect.collidepoint(event.pos):
                hit = len(self.rows)
            if self.page_rect.collidepoint(event.pos):
                hit = len(self.rows) + 1
            if hit != self.focus:
                self.focus = hit
                self.invalidate()
            return
        if t == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, row in enumerate(self.rows):
                if row.slider is not None and self._slider_track(i).inflate(20, 16).collidepoint(event.pos):
                    self.dragging = i
                    if row.slider.set_from_x(event.pos[0]):
                        self._set(i, row.slider.value)
                    return
            return
        if t == pygame.MOUSEBUTTONUP:
            if event.button == 3:
                self._back()
                return
            if event.button != 1:
                return
            if self.dragging is not None:
                self.dragging = None
                return
            if self.back_rect.collidepoint(event.pos):
                self._back()
                return
            if self.page_rect.collidepoint(event.pos):
                self.switch_page()
                return
            for i, row in enumerate(self.rows):
                if row.options:
                    for (value, _), rect in zip(row.options, self.segment_rects(i)):
                        if rect.collidepoint(event.pos):
                            self.focus = i
                            self._set(i, value)
                            return
            return
        if action in (inp.BACK, inp.MENU):
            self._back()
        elif action in (inp.PREV_TAB, inp.NEXT_TAB, inp.PAGE_UP, inp.PAGE_DOWN):
            self.switch_page(by_button=False)
        elif action in (inp.UP, inp.DOWN):
            n = len(self.rows) + 2
            self.focus = 0 if self.focus is None else (self.focus + (1 if action == inp.DOWN else -1)) % n
            self.app.audio.sound("select")
            self.invalidate()
        elif action in (inp.LEFT, inp.RIGHT) and self.focus is not None and self.focus < len(self.rows):
            self.nudge(self.focus, 1 if action == inp.RIGHT else -1)
        elif action == inp.CONFIRM and self.focus is not None:
            if self.focus == len(self.rows):
                self._back()
            elif self.focus == len(self.rows) + 1:
                self.switch_page()
            elif self.rows[self.focus].options:
                row = self.rows[self.focus]
                self._set(self.focus, row.options[(self._current(row) + 1) % len(row.options)][0])

    def _back(self) -> None:
        self.app.audio.sound("back")
        self.app.pop(self)

    def page_title(self) -> str:
        return self.app.catalog.ui("Accessibility") if self.page == "access" else self.app.catalog.ui("General")

    def value_text(self, i: int) -> str:
        row = self.rows[i]
        return row.slider.fmt(row.slider.value) if row.slider is not None else row.options[self._current(row)][1]

    def spoken(self) -> tuple[str, str]:
        catalog = self.app.catalog
        context = sentences(catalog.ui("Settings"), self.page_title(), catalog.ui("Changes apply at once and are kept."))
        if self.focus is None:
            return context, ""
        if self.focus == len(self.rows):
            return context, catalog.ui("Back")
        if self.focus > len(self.rows):
            return context, self.page_label()
        row = self.rows[self.focus]
        status = f" {self.app.voicing.status()}" if row.name == "self_voicing" else ""
        return context, f"{row.label}: {self.value_text(self.focus)}.{status}"

    def page_label(self) -> str:
        return self.app.catalog.ui("General") if self.page == "access" else self.app.catalog.ui("Accessibility")

    # --- drawing ---------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        catalog = self.app.catalog
        self.heading(surface, f"{catalog.ui('Settings')} · {self.page_title()}", catalog.ui("Changes apply at once and are kept."))
        small = W.ui_font(T.UI_SMALL)
        for i, row in enumerate(self.rows):
            rect = self.row_rect(i)
            focused = i == self.focus
            if focused:
                surface.blit(W.panel(rect.size, (255, 220, 196, 30), rect.h // 2), rect)
            f, text = one_line(row.label, F.current().ui, T.UI_SIZE - 1, CONTROL_X - LABEL_X - 30)
            W.label(surface, text, f, T.FOCUS if focused else T.CREAM, (LABEL_X, rect.centery), "midleft")
            if row.slider is not None:
                row.slider.track = self._slider_track(i)
                row.slider.draw(surface, focused)
                W.label(surface, self.value_text(i), small, T.CREAM_DIM,
                        (row.slider.track.right + 28, rect.centery), "midleft")
            else:
                current = self._current(row)
                small = self.segment_font(i)
                segments = self.segment_rects(i)
                for k, ((_, text), seg) in enumerate(zip(row.options, segments)):
                    on = k == current
                    surface.blit(W.panel(seg.size, (150, 62, 48, 230) if on else (255, 236, 220, 22), seg.h // 2,
                                         (*T.FOCUS, 200) if on and focused else None, 2), seg)
                    W.label(surface, text, small, T.FOCUS if on else T.CREAM_DIM, seg.center, "center")
                if row.name == "self_voicing":  # which engine speaks, or that none was found: one line
                    x = segments[-1].right + 18
                    f, status = one_line(self.app.voicing.status(), F.current().ui, T.UI_SMALL - 3, T.WIDTH - T.MARGIN - x)
                    W.label(surface, status, f, T.CREAM_DIM, (x, rect.centery), "midleft")
        for k, (button, words) in enumerate(((self.back_rect, catalog.ui("Back")), (self.page_rect, self.page_label()))):
            focused = self.focus == len(self.rows) + k
            surface.blit(W.panel(button.size, (150, 62, 48, 235) if focused else (255, 236, 220, 26), 23,
                                 (*T.FOCUS, 220) if focused else None, 2), button)
            f, words = one_line(words, F.current().ui, T.UI_SIZE - 1, button.w - 16)
            W.label(surface, words, f, T.FOCUS if focused else T.CREAM, button.center, "center")
        self._draw_preview(surface)

    def _draw_preview(self, surface: pygame.Surface) -> None:
        layout = self._preview()
        surface.blit(W.panel(PREVIEW.size, T.PANEL, 18, (255, 226, 206, 40)), PREVIEW)
        W.label(surface, self.app.catalog.ui("Preview"), W.ui_font(T.UI_SMALL - 3), T.PEACH, (PREVIEW.x + 24, PREVIEW.y + 10))
        left = self._preview_shown(self.app.clock())
        y = PREVIEW.y + 34
        for line in layout.lines:
            if left <= 0:
                break
            shown = line[: int(left)]
            W.label(surface, shown, layout.font, T.CREAM, (PREVIEW.x + 24, y))
            left -= len(line)
            y += layout.line_height


def _percent(v: float) -> str:
    return f"{round(v * 100)}%"
