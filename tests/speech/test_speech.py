"""Self-voicing's speech package: never blocking, newest utterance first, an honest one-line status."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import pytest

from game.speech import FakeSpeech, NoSpeech, Speech, engines, open_speech
from game.speech.engines import EngineUnavailable, EspeakNG, SpdSay, voice_language

ROOT = Path(__file__).resolve().parents[2]


class SlowEngine(engines.Engine):
    """Blocks in speak() as a synchronous engine does; records every call with its thread."""

    name = "slow"

    def __init__(self, seconds: float = 0.3):
        self.seconds, self.calls, self.threads = seconds, [], set()
        self.started = threading.Event()

    def speak(self, text, lang):
        self.calls.append(("speak", text, lang))
        self.threads.add(threading.current_thread().name)
        self.started.set()
        time.sleep(self.seconds)

    def stop(self):
        self.calls.append(("stop",))


def test_say_returns_at_once_while_the_engine_is_busy():
    engine = SlowEngine(0.4)
    speech = Speech("slow", lambda: engine)
    try:
        start = time.perf_counter()
        speech.say("Hello, Theodore.", "en")
        assert engine.started.wait(2)
        speech.say("Second.", "en")
        assert time.perf_counter() - start < 0.3  # the caller never waited for the speaking
        assert speech.idle(3)
        assert threading.current_thread().name not in engine.threads
    finally:
        speech.close()


def test_the_newest_utterance_interrupts_and_waiting_ones_are_dropped():
    engine = SlowEngine(0.3)
    speech = Speech("slow", lambda: engine)
    try:
        speech.say("one", "en")
        assert engine.started.wait(2)
        for text in ("two", "three", "four"):  # all arrive while "one" is being spoken
            speech.say(text, "ko")
        assert speech.idle(3)
    finally:
        speech.close()
    said = [c for c in engine.calls if c[0] == "speak"]
    assert said == [("speak", "one", "en"), ("speak", "four", "ko")]
    assert engine.calls[engine.calls.index(("speak", "four", "ko")) - 1] == ("stop",)  # stopped first


def test_stop_silences_and_whitespace_only_text_is_not_sent():
    engine = SlowEngine(0.0)
    speech = Speech("slow", lambda: engine)
    try:
        speech.say("  \n ")
        speech.say("a   line\nwith breaks", "en")
        assert speech.idle(2)
        speech.stop()
        assert speech.idle(2)
    finally:
        speech.close()
    assert ("speak", "a line with breaks", "en") in engine.calls
    assert engine.calls[-1] == ("stop",) and len([c for c in engine.calls if c[0] == "speak"]) == 1


def test_an_engine_that_fails_is_reported_in_one_line_and_the_game_goes_on():
    def broken():
        raise EngineUnavailable("espeak-ng is not installed")

    speech = Speech("espeak-ng", broken)
    try:
        speech.say("anything")
        assert speech.idle(2)
        assert (speech.available, speech.status) == (False, "espeak-ng is not installed")
    finally:
        speech.close()

    class Crashing(SlowEngine):
        def speak(self, text, lang):
            raise OSError("device gone")

    speech = Speech("crashing", Crashing)
    try:
        speech.say("one")
        speech.idle(2)
        speech.say("two")  # no exception here or in the worker
        assert speech.idle(2)
        assert not speech.available and "\n" not in speech.status and "stopped working" in speech.status
    finally:
        speech.close()


def test_no_engine_means_a_silent_voice_with_a_reason(monkeypatch):
    monkeypatch.setattr(engines, "available_engines", lambda: [])
    monkeypatch.setattr("game.speech.voice.available_engines", lambda: [])
    monkeypatch.delenv("HER_SPEECH", raising=False)
    speech = open_speech()
    assert isinstance(speech, NoSpeech) and not speech.available
    assert "no speech engine" in speech.status and "\n" not in speech.status
    speech.say("nothing happens")
    speech.close()
    assert isinstance(open_speech("none"), NoSpeech)
    assert "not available" in open_speech("pyttsx3").status


def test_engines_are_found_best_first(monkeypatch):
    monkeypatch.setattr(engines.shutil, "which", lambda name: f"/usr/bin/{name}" if name in ("espeak-ng", "spd-say") else None)
    monkeypatch.setattr(engines.importlib.util, "find_spec", lambda name: None)
    assert engines.available_engines() == ["speech-dispatcher", "espeak-ng"]
    monkeypatch.setattr(engines.importlib.util, "find_spec", lambda name: object() if name == "pyttsx3" else None)
    assert engines.available_engines()[0] == "pyttsx3"


def test_open_engine_falls_back_and_names_every_reason(monkeypatch):
    def missing(reason):
        def make():
            raise EngineUnavailable(reason)
        return make

    monkeypatch.setitem(engines.ENGINES, "pyttsx3", missing("pyttsx3: no driver"))
    monkeypatch.setitem(engines.ENGINES, "espeak-ng", lambda: SlowEngine(0))
    assert isinstance(engines.open_engine(["pyttsx3", "espeak-ng"]), SlowEngine)
    monkeypatch.setitem(engines.ENGINES, "espeak-ng", missing("espeak-ng is not installed"))
    with pytest.raises(EngineUnavailable, match="pyttsx3: no driver; espeak-ng is not installed"):
        engines.open_engine(["pyttsx3", "espeak-ng"])


def test_command_lines_carry_the_language(monkeypatch):
    monkeypatch.setattr(engines.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert EspeakNG().command("안녕", voice_language("ko")) == ["/usr/bin/espeak-ng", "-v", "ko", "--", "안녕"]
    assert EspeakNG(wav=Path("x.wav")).command("-hi", "en")[-4:] == ["-w", "x.wav", "--", "-hi"]  # text never read as an option
    assert SpdSay().command("hi", "ko")[-4:] == ["-l", "ko", "--", "hi"]
    assert [voice_language(x) for x in ("pt_BR", "qps", "KO", "")] == ["pt-br", "en", "ko", "en"]


def test_fake_speech_records_order_and_interruptions():
    fake = FakeSpeech()
    fake.say("first", "en")
    fake.say("second", "ko")
    fake.finish()
    fake.say("third", "en")
    fake.stop()
    assert fake.spoken == ["first", "second", "third"]
    assert fake.log == [("say", "first", "en"), ("interrupt", "first"), ("say", "second", "ko"),
                        ("say", "third", "en"), ("interrupt", "third"), ("stop",)]


def rms(path: Path) -> float:
    import numpy as np

    with wave.open(str(path)) as wav:
        assert wav.getsampwidth() == 2
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(float)
    assert samples.size > 0
    return float(np.sqrt(np.mean(samples ** 2)))


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="eSpeak NG is not installed (apt-get install espeak-ng)")
@pytest.mark.parametrize(("lang", "text"), [("en", "Samantha: Hello, Theodore. I'm here."),
                                            ("ko", "사만다: 안녕하세요, 테오도르. 저 여기 있어요.")])
def test_espeak_ng_really_speaks_english_and_korean(tmp_path, lang, text):
    out = tmp_path / f"{lang}.wav"
    engine = EspeakNG(wav=out)
    engine.speak(text, lang)
    assert engine.wait(30) == 0
    silence = tmp_path / "silence.wav"
    quiet = EspeakNG(wav=silence)
    quiet.speak(".", lang)
    quiet.wait(30)
    with wave.open(str(out)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert seconds > 1.0  # a sentence, not a click
    assert rms(out) > 300 and rms(out) > 5 * (rms(silence) if silence.stat().st_size > 44 else 0)


def test_the_speech_package_never_imports_pygame():
    script = ("import sys\n"
              "class Block:\n"
              "    def find_spec(self, name, path=None, target=None):\n"
              "        if name.split('.')[0].startswith('pygame'): raise ImportError(name)\n"
              "sys.meta_path.insert(0, Block())\n"
              "import game.speech, game.speech.engines, game.speech.voice, game.speech.fake\n"
              "print('ok')\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr
