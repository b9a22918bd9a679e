"""One voice for the game: `say` never blocks, and the newest utterance wins.

A worker thread owns the engine (pyttsx3's SAPI5 and NSSpeechSynthesizer objects must stay
on the thread that made them). Utterances waiting when the worker gets to them are dropped
for the newest one, which first stops whatever is being spoken.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable

from game.speech.engines import Engine, EngineUnavailable, available_engines, open_engine

log = logging.getLogger("her.speech")
_STOP, _CLOSE = object(), object()


class NoSpeech:
    """No engine on this machine: every call is a no-op; `status` says why in one line."""

    available = False
    name = ""

    def __init__(self, status: str):
        self.status = status

    def say(self, text: str, lang: str = "en") -> None:
        pass

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


class Speech:
    """Speaks through `engine` (made by `factory` on the worker thread)."""

    available = True

    def __init__(self, name: str, factory: Callable[[], Engine]):
        self.name = self.status = name
        self._factory = factory
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=f"speech-{name}", daemon=True)
        self._thread.start()

    def say(self, text: str, lang: str = "en") -> None:
        text = " ".join(text.split())
        if text:
            self._queue.put((text, lang))

    def stop(self) -> None:
        self._queue.put(_STOP)

    def close(self, timeout: float = 2.0) -> None:
        self._queue.put(_CLOSE)
        self._thread.join(timeout)

    def idle(self, timeout: float = 2.0) -> bool:
        """Wait until every request so far has reached the engine (for tests)."""
        done = threading.Event()
        self._queue.put(done)
        return done.wait(timeout)

    # --- the worker thread ---------------------------------------------------------------
    def _run(self) -> None:
        try:
            engine = self._factory()
            self.name = self.status = engine.name
        except EngineUnavailable as exc:
            log.warning("self-voicing: %s", exc)
            self.available, self.status = False, str(exc)
            engine = None
        while True:
            item = self._next(engine)
            if item is _CLOSE:
                break
            if isinstance(item, threading.Event):
                item.set()
                continue
            if engine is None:
                continue
            try:
                engine.stop()
                if item is not _STOP:
                    engine.speak(*item)
            except Exception as exc:  # noqa: BLE001 - an engine's failure must never reach the game
                log.warning("self-voicing: %s stopped working (%s)", self.name, exc)
                self.available, self.status, engine = False, f"{self.name} stopped working", None
        if engine is not None:
            try:
                engine.stop()
                engine.close()
            except Exception:  # noqa: BLE001, S110 - closing down: nothing left to tell
                pass

    def _next(self, engine: Engine | None):
        """The newest request (older waiting utterances are dropped); the engine is pumped meanwhile."""
        while True:
            try:
                item = self._queue.get(timeout=engine.tick if engine is not None and engine.tick else None)
                break
            except queue.Empty:
                engine.pump()
        while True:
            if item is _CLOSE or isinstance(item, threading.Event):
                return item
            try:
                newer = self._queue.get_nowait()
            except queue.Empty:
                return item
            if isinstance(newer, threading.Event):
                self._queue.put(newer)  # answered after the utterance it follows
                return item
            item = newer


def open_speech(prefer: str | None = None) -> Speech | NoSpeech:
    """The first engine this machine has ($HER_SPEECH or `prefer` names one, or 'none')."""
    prefer = prefer or os.environ.get("HER_SPEECH") or None
    if prefer == "none":
        return NoSpeech("self-voicing is turned off ($HER_SPEECH=none)")
    names = available_engines()
    if prefer:
        if prefer not in names:
            return NoSpeech(f"the speech engine '{prefer}' is not available here")
        names = [prefer]
    if not names:
        return NoSpeech("no speech engine found (install espeak-ng, speech-dispatcher or pyttsx3)")
    return Speech(names[0], lambda: open_engine(names))
