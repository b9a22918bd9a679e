"""The window's moves between games: a new game, Continue, loading a slot, back to the title.

What to resume and when to autosave is the controller's (`app.game`); this module only puts
the right screen up and tells the player, in one line, why a save cannot be loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ui.app import App


def start_game(app: App, state=None, notes: list[str] | None = None) -> None:
    from game.ui.screens.play import PlayScreen

    app.replace_all(PlayScreen(app, state))
    for note in notes or []:
        app.notify(note, 5.0)


def continue_game(app: App) -> None:
    """Resume what the controller says Continue resumes (the newest save that plays)."""
    _resume(app, app.game.resume(), app.catalog.ui("There is no saved game yet."))


def load_slot(app: App, slot: str) -> bool:
    """Resume from a slot (or its backup); on failure tell the player why (one line) and stay put."""
    return _resume(app, app.game.open_slot(slot), None)


def _resume(app: App, found, nothing: str | None) -> bool:
    """Start from what the controller found (a state the story plays), saying in one line what it had to skip."""
    if found.notice:
        app.notify(found.notice, 8.0)  # notify puts a notice in the player's language
    if found.state is None:
        if nothing and not found.notice:
            app.notify(nothing)
        return False
    app.audio.sound("confirm")
    app.start_game(found.state, found.notes)
    return True


def go_to_title(app: App) -> None:
    from game.ui.screens.title import TitleScreen

    app.autosave()
    app.game.end()
    app.audio.play_music(None)
    app.replace_all(TitleScreen(app))


def autosave(app: App) -> bool:
    """The autosave on leaving, by the controller's policy, with a picture of the play screen."""
    play = app.play_screen()
    return play.autosave() if play is not None else False
