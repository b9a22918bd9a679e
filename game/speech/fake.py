"""A speech engine for tests: it speaks nothing, and remembers what it was asked, in order."""

from __future__ import annotations


class FakeSpeech:
    """Drop-in for `Speech`, synchronous: `log` holds ("say", text, lang), ("interrupt", text) and ("stop",)."""

    available = True
    name = status = "fake"

    def __init__(self):
        self.log: list[tuple] = []
        self.speaking: str | None = None  # an utterance lasts until the next one, stop() or finish()

    def say(self, text: str, lang: str = "en") -> None:
        text = " ".join(text.split())
        if not text:
            return
        if self.speaking is not None:
            self.log.append(("interrupt", self.speaking))
        self.log.append(("say", text, lang))
        self.speaking = text

    def stop(self) -> None:
        if self.speaking is not None:
            self.log.append(("interrupt", self.speaking))
        self.log.append(("stop",))
        self.speaking = None

    def finish(self) -> None:
        """The current utterance is over (nothing to interrupt any more)."""
        self.speaking = None

    def close(self) -> None:
        self.speaking = None

    @property
    def spoken(self) -> list[str]:
        return [entry[1] for entry in self.log if entry[0] == "say"]

    def clear(self) -> None:
        self.log.clear()
