"""The speech engines self-voicing can use, best first, each behind the same four calls.

`speak(text, lang)` starts an utterance and returns (the worker thread may block in it);
`stop()` silences the current one; `pump()` is called every `tick` seconds when the engine
needs its own loop turned (pyttsx3); `close()` lets go of the engine.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess  # nosec B404 - fixed argument lists, never a shell
from pathlib import Path


class EngineUnavailable(Exception):
    """This engine cannot speak here (missing, or it failed to start)."""


def voice_language(lang: str) -> str:
    """A catalog code as speech engines name languages: pt_BR -> pt-br; the pseudo-locale reads as English."""
    lang = (lang or "en").replace("_", "-").lower()
    return "en" if lang in ("qps", "") else lang


class Engine:
    name = ""
    tick: float | None = None  # seconds between pump() calls; None: never

    def speak(self, text: str, lang: str) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        pass

    def pump(self) -> None:
        pass

    def close(self) -> None:
        self.stop()


class CommandEngine(Engine):
    """A speech program run once per utterance, without waiting; stopping ends that process."""

    program = ""

    def __init__(self):
        path = shutil.which(self.program)
        if path is None:
            raise EngineUnavailable(f"{self.program} is not installed")
        self.path = path
        self.process: subprocess.Popen | None = None

    def command(self, text: str, lang: str) -> list[str]:
        raise NotImplementedError

    def speak(self, text: str, lang: str) -> None:
        self.process = subprocess.Popen(self.command(text, voice_language(lang)), stdin=subprocess.DEVNULL,  # noqa: S603
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(1.0)
            except subprocess.TimeoutExpired:
                process.kill()

    def wait(self, timeout: float = 30.0) -> int | None:
        """Until the current utterance is over (for tests and for writing to a file)."""
        return self.process.wait(timeout) if self.process is not None else None


class EspeakNG(CommandEngine):
    """The eSpeak NG command line (Debian's espeak-ng): English, Korean (`ko`) and ~100 more."""

    name = program = "espeak-ng"

    def __init__(self, wav: Path | None = None):
        super().__init__()
        self.wav = wav  # write the speech to this WAV file instead of the sound card

    def command(self, text: str, lang: str) -> list[str]:
        out = ["-w", str(self.wav)] if self.wav is not None else []
        return [self.path, "-v", lang, *out, "--", text]


class SpdSay(CommandEngine):
    """speech-dispatcher's spd-say: the desktop's own voice and settings (Orca uses the same)."""

    name = "speech-dispatcher"
    program = "spd-say"

    def command(self, text: str, lang: str) -> list[str]:
        return [self.path, "--application-name", "her", "-l", lang, "--", text]

    def stop(self) -> None:
        super().stop()
        subprocess.run([self.path, "--application-name", "her", "-C"], stdin=subprocess.DEVNULL,  # noqa: S603
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=2, check=False)


class Speechd(Engine):
    """speech-dispatcher through its Python client (python3-speechd), without a process per line."""

    name = "speech-dispatcher"

    def __init__(self):
        try:
            import speechd

            self.client = speechd.SSIPClient("her")
        except Exception as exc:  # noqa: BLE001 - no module, or no daemon to talk to
            raise EngineUnavailable(f"speech-dispatcher: {exc}") from exc

    def speak(self, text: str, lang: str) -> None:
        self.client.set_language(voice_language(lang))
        self.client.speak(text)

    def stop(self) -> None:
        self.client.cancel()

    def close(self) -> None:
        self.client.close()


class Pyttsx3(Engine):
    """pyttsx3: SAPI5 on Windows, NSSpeechSynthesizer on macOS, eSpeak on Linux; its loop turned by pump()."""

    name = "pyttsx3"
    tick = 0.05

    def __init__(self):
        try:
            import pyttsx3

            self.tts = pyttsx3.init()
            self.voices = {v.id: _voice_languages(v) for v in self.tts.getProperty("voices")}
            self.tts.startLoop(False)
        except Exception as exc:  # noqa: BLE001 - a driver that will not start is "no engine"
            raise EngineUnavailable(f"pyttsx3: {exc}") from exc
        self.default = self.tts.getProperty("voice")

    def speak(self, text: str, lang: str) -> None:
        lang = voice_language(lang)
        voice = next((v for v, langs in self.voices.items() if any(x == lang or x.startswith(lang + "-") for x in langs)),
                     self.default)
        self.tts.setProperty("voice", voice)
        self.tts.say(text)

    def stop(self) -> None:
        self.tts.stop()

    def pump(self) -> None:
        self.tts.iterate()

    def close(self) -> None:
        self.tts.endLoop()


def _voice_languages(voice) -> list[str]:
    langs = []
    for item in getattr(voice, "languages", None) or []:
        if isinstance(item, bytes):
            item = item.decode("ascii", "ignore").lstrip("\x05")
        langs.append(str(item).replace("_", "-").lower())
    return langs or [str(voice.id).lower().rsplit("/", 1)[-1]]


def _speech_dispatcher() -> Engine:
    """The Python client where it is installed and the daemon answers, else the spd-say command."""
    if importlib.util.find_spec("speechd") is not None:
        try:
            return Speechd()
        except EngineUnavailable:
            pass
    return SpdSay()


ENGINES = {"pyttsx3": Pyttsx3, "speech-dispatcher": _speech_dispatcher, "espeak-ng": EspeakNG}


def available_engines() -> list[str]:
    """The engines this machine seems to have, best first (found without starting any)."""
    found = {"pyttsx3": importlib.util.find_spec("pyttsx3") is not None,
             "speech-dispatcher": importlib.util.find_spec("speechd") is not None or shutil.which("spd-say") is not None,
             "espeak-ng": shutil.which("espeak-ng") is not None}
    return [name for name in ENGINES if found[name]]


def open_engine(names: list[str]) -> Engine:
    """The first of `names` that starts; EngineUnavailable (every reason, one line) if none does."""
    reasons = []
    for name in names:
        try:
            return ENGINES[name]()
        except EngineUnavailable as exc:
            reasons.append(str(exc))
    raise EngineUnavailable("; ".join(reasons) or "no speech engine found")
