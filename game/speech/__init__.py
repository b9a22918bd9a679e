"""Self-voicing: the game's text read aloud through the platform's speech synthesiser.

No pygame here. `open_speech()` picks the first engine this machine has (pyttsx3, then
speech-dispatcher, then the eSpeak NG command line) and wraps it in a `Speech`, whose `say`
returns at once: a worker thread does the speaking, and a new utterance interrupts the old
one. With no engine at all it returns a `NoSpeech` that says so in one line and stays silent.
"""

from __future__ import annotations

from game.speech.engines import ENGINES, available_engines, open_engine
from game.speech.fake import FakeSpeech
from game.speech.voice import NoSpeech, Speech, open_speech

__all__ = ["ENGINES", "FakeSpeech", "NoSpeech", "Speech", "available_engines", "open_engine", "open_speech"]
