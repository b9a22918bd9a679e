"""High contrast: text against what it sits on at WCAG AA (4.5:1) or better, over every scene.

Measured from real frames of the play screen: each frame is drawn twice, once as the player
sees it and once with every text surface blank, so the pixels that differ are the text's and
the rest of the box is what the text sits on. The text's luminance (the median of its solid
pixels) is set against the brightest of those (the 98th percentile), for the dialogue box,
the whisper's box, a thought, the name plate, the choices and the quick menu.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest

from game.engine.runtime import ChoiceEvent, LineEvent
from game.ui import fonts, fontset, layoutspec
from game.ui import theme as T
from game.ui.text import one_line

ROOT = Path(__file__).resolve().parents[2]
STYLES = ROOT / "tests" / "stories" / "ui_styles"
SCENES = sorted(p.stem for p in (ROOT / "assets" / "scenes").glob("*.png") if p.stem != "title")
AA = 4.5


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB pixels (…, 3) in 0..255."""
    c = rgb.astype(float) / 255.0
    lin = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def pixels(surface: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surface).transpose(1, 0, 2).astype(int)  # (y, x, rgb)


def frames(app, play, monkeypatch) -> tuple[np.ndarray, np.ndarray]:
    """The play screen as drawn, and the same with every text surface left blank."""
    play.view._base_for = None
    shown = pixels(app.render(play))
    real = fonts.render

    def blank(f, text, color):
        surf = real(f, text, color).copy()
        surf.fill((0, 0, 0, 0))
        return surf

    with monkeypatch.context() as m:
        m.setattr(fonts, "render", blank)
        play.view._base_for = None
        bare = pixels(app.render(play))
    play.view._base_for = None
    return shown, bare


def contrast(shown: np.ndarray, bare: np.ndarray, rect: pygame.Rect) -> float:
    """Text against its background inside rect: (lighter + 0.05) / (darker + 0.05)."""
    a = shown[rect.top:rect.bottom, rect.left:rect.right]
    b = bare[rect.top:rect.bottom, rect.left:rect.right]
    diff = np.abs(a - b).sum(axis=2)
    assert diff.max() > 60, f"no text found in {rect}"
    solid = diff >= 0.7 * diff.max()
    near = diff > 8  # text and its anti-aliased edge
    text = float(np.median(luminance(a[solid])))
    back = luminance(b[~near])
    darker, lighter = (np.percentile(back, 98), text) if text >= np.median(back) else (text, np.percentile(back, 2))
    return (max(lighter, darker) + 0.05) / (min(lighter, darker) + 0.05)


def regions(play) -> dict[str, pygame.Rect]:
    """Where each kind of text is on the screen now."""
    event = play.step.event
    out = {}
    d = play.dialogue
    if isinstance(event, LineEvent) and d is not None:
        if d.style in ("normal", "whisper"):
            box = d.box_rect()
            out[d.style] = box.inflate(-24, -24).clip(pygame.Rect(box.x, box.y + 22, box.w, box.h))
            if d.name:  # inside the plate's border, as dialogue._draw_name lays it out
                spec = layoutspec.box("name", d.scale)
                f, name = one_line(d.name, spec.font_file, spec.font_size, spec.width)
                plate = pygame.Rect(0, 0, f.size(name)[0] + 2 * T.NAME_PAD_X, spec.line_height + 14)
                plate.midleft = (box.x + 34, box.y)
                out["name"] = plate.inflate(-2 * T.NAME_PAD_X + 8, -8)
        elif d.style == "thought":
            out["thought"] = d.text_region().inflate(-40, -8)
    if isinstance(event, ChoiceEvent):
        for i, button in enumerate(play.choices.buttons):
            out[f"choice {i + 1}"] = button.rect.inflate(-10, -10)
    buttons = play.quick.buttons
    out["quick menu"] = pygame.Rect(buttons[0].rect.x, buttons[0].rect.y, buttons[-1].rect.right - buttons[0].rect.x,
                                    buttons[0].rect.h)
    return out


def measure(app, d, monkeypatch) -> dict[tuple[str, str], float]:
    """Contrast of every kind of text in the styles story, over every scene."""
    play = app.play_screen()
    results = {}
    for _ in range(12):
        event = play.step.event
        if isinstance(event, (LineEvent, ChoiceEvent)) and (play.dialogue is None or play.dialogue.style != "letter"):
            play._complete()
            for scene in SCENES:
                play.scene, play.fade_from = scene, None
                shown, bare = frames(app, play, monkeypatch)
                for kind, rect in regions(play).items():
                    results[(kind, scene)] = contrast(shown, bare, rect)
        if isinstance(event, ChoiceEvent):
            break
        d.key(pygame.K_SPACE)
        d.key(pygame.K_SPACE)
    return results


@pytest.fixture
def styles_app(make_app):
    app, d = make_app(STYLES)
    app.set_setting("reduced_motion", True)  # still pictures: the same frame each time
    app.start_game()
    d.step(2)
    d.key(pygame.K_SPACE)  # past the chapter card
    return app, d


def test_high_contrast_text_is_aa_over_every_scene(styles_app, monkeypatch):
    app, d = styles_app
    app.set_setting("high_contrast", True)
    results = measure(app, d, monkeypatch)
    kinds = {kind for kind, _ in results}
    assert {"normal", "whisper", "thought", "name", "choice 1", "quick menu"} <= kinds
    assert len(results) >= len(kinds) * len(SCENES)
    failing = {key: round(ratio, 2) for key, ratio in results.items() if ratio < AA}
    assert not failing, f"below {AA}:1 in high contrast: {failing}"


def test_high_contrast_keeps_the_box_opaque_whatever_the_opacity_setting(styles_app, monkeypatch):
    app, d = styles_app
    app.set_setting("box_opacity", 0.25)
    app.set_setting("high_contrast", True)
    assert T.PANEL[3] >= 235
    results = measure(app, d, monkeypatch)
    assert min(results.values()) >= AA


def test_box_opacity_and_font_change_what_is_drawn(styles_app, monkeypatch):
    app, d = styles_app
    play = app.play_screen()
    for _ in range(6):  # past the letter, the thought and the whisper to the plain line
        if play.dialogue is not None and play.dialogue.style == "normal":
            break
        d.key(pygame.K_SPACE)
        d.key(pygame.K_SPACE)
    assert play.dialogue.style == "normal"
    box = play.dialogue.box_rect().inflate(-60, -60)

    def box_pixels() -> np.ndarray:
        play.view._base_for = None
        return pixels(app.render(play))[box.top:box.bottom, box.left:box.right]

    app.set_setting("box_opacity", 1.0)
    opaque = box_pixels()
    app.set_setting("box_opacity", 0.25)
    clear = box_pixels()
    assert np.std(luminance(clear)) > np.std(luminance(opaque))  # the scene shows through the lighter box
    assert app.play_screen().dialogue.box.font_file == fontset.current().text == fontset.for_language(app.catalog.lang).text
    app.set_setting("reading_font", "sans")
    assert app.play_screen().dialogue.box.font_file == fontset.current().ui != fontset.for_language(app.catalog.lang).text
