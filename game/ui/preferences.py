"""Changing a setting in the window: applied at once (fullscreen, volumes, language, text size, the
reading look, self-voicing) and kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.i18n.languages import available_languages
from game.paths import locales_dir
from game.settings import save_settings
from game.ui import look, text
from game.ui.startup import load_catalog

if TYPE_CHECKING:
    from game.ui.app import App


def set_setting(app: App, name: str, value) -> None:
    """Change one setting, apply it, and write the settings file (a failure is a notice)."""
    settings = app.settings
    setattr(settings, name, value)
    if name == "fullscreen":
        app.display.set_fullscreen(bool(value))
        settings.fullscreen = app.display.fullscreen
    elif name in ("music_volume", "sound_volume"):
        app.audio.set_volumes(settings.music_volume, settings.sound_volume)
    elif name == "language":
        app.lang_override = None
        set_language(app, value)
    elif name in ("text_scale", "reduced_motion"):
        relayout(app)
    elif name in ("high_contrast", "box_opacity", "reading_font"):
        look.apply(settings)
        relayout(app)
    elif name == "self_voicing":
        app.voicing.changed()
    try:
        save_settings(settings)
    except OSError as exc:
        app.notify(app.catalog.ui("Settings could not be saved: {reason}").format(reason=exc.strerror), 4.0)
    app.invalidate()


def set_language(app: App, lang: str) -> None:
    app.catalog = load_catalog(lang, app.notify)
    relayout(app)


def relayout(app: App) -> None:
    """Lay every screen's text out again (a new language or text size) and repaint the backdrops."""
    text.clear()
    for screen in app.screens:
        screen.relayout()
    app.rebuild_backdrops()


def languages(app: App) -> list[tuple[str, str]]:
    """(code, native name) of the languages the settings screen offers."""
    return [(lang.code, lang.name) for lang in available_languages(locales_dir(), app.catalog.lang)]
