"""Self-voicing (V): what the window shows, read aloud as it changes, in the game's language.

Every screen tells what it would say to someone who cannot see it: `spoken()` returns
(context, focus), the screen's title or the line being read, and the focused control. After
each turn of the loop the window compares them with what it said last: a new screen or a new
line is spoken whole (then its focus), a moved focus alone, and notices as they appear; all
that in one utterance, which interrupts whatever was still being said. Speaking itself runs
on the speech package's worker thread, so the frame loop never waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.speech import NoSpeech, open_speech

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.widgets import Menu


class SelfVoicing:
    def __init__(self, app: App):
        self.app = app
        self.speech = None  # the engine, opened the first time self-voicing is on
        self._said: tuple | None = None  # (screen id, context, focus) last spoken
        self._toasts: set[tuple[str, float]] = set()
        self._pending = ""  # said before the screen, once (e.g. "Self-voicing on.")

    @property
    def on(self) -> bool:
        return bool(self.app.settings.self_voicing)

    def _voice(self):
        if self.speech is None:
            self.speech = open_speech()
        return self.speech

    def available(self) -> bool:
        return self._voice().available

    def status(self) -> str:
        """One line for the settings screen: the engine speaking, or that there is none."""
        catalog = self.app.catalog
        voice = self._voice()
        if not voice.available:
            return catalog.ui("No speech engine was found on this computer; the game goes on silently.")
        return catalog.ui("Speaking with {engine}.").format(engine=voice.name)

    def toggle(self) -> None:
        """The V key."""
        self.app.set_setting("self_voicing", not self.on)

    def changed(self) -> None:
        """The setting was just changed (by V or the settings screen): say so, then read the screen afresh."""
        catalog, voice = self.app.catalog, self._voice()
        self._said, self._toasts = None, {t for t in self.app.toasts}
        if not voice.available:
            if self.on:
                self.app.notify(catalog.ui("Self-voicing: no speech engine was found."), 4.0)
            return
        if self.on:
            self._pending = catalog.ui("Self-voicing on.")
        else:
            voice.say(catalog.ui("Self-voicing off."), self.app.catalog.lang)

    def update(self) -> None:
        """After a turn of the loop: speak what changed on screen (nothing at all while off)."""
        if not self.on or not self.app.screens:
            return
        voice = self._voice()
        if not voice.available:
            return
        top = self.app.top
        context, focus = top.spoken()
        fresh = [t for t in self.app.toasts if t not in self._toasts]
        self._toasts = set(self.app.toasts)
        parts = [self._pending] + [message for message, _ in fresh]
        self._pending = ""
        said = self._said
        if said is None or said[0] != id(top) or said[1] != context:
            parts += [context, focus]
        elif said[2] != focus:
            parts.append(focus)
        self._said = (id(top), context, focus)
        text = " ".join(p.strip() for p in parts if p and p.strip())
        if text:
            voice.say(text, self.app.catalog.lang)

    def close(self) -> None:
        if self.speech is not None and not isinstance(self.speech, NoSpeech):
            self.speech.close()


def menu_focus(menu: Menu, catalog) -> str:
    """The focused button as it is spoken: its words, then its hint (focus never rests on a disabled one)."""
    button = menu.focused()
    if button is None:
        return ""
    return button.text + (f", {button.hint}" if button.hint else "")


def sentences(*parts: str) -> str:
    """Parts joined as sentences (a full stop added where a part has no closing mark)."""
    out = []
    for part in parts:
        part = (part or "").strip()
        if part:
            out.append(part if part[-1] in ".!?…。？！:" else part + ".")
    return " ".join(out)
