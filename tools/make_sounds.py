#!/usr/bin/env python3
"""Synthesise the interface sounds of *Her* into assets/sounds/<id>.ogg.

    python3 tools/make_sounds.py            # all sounds
    python3 tools/make_sounds.py --wav /tmp/s

Build-time needs (not runtime dependencies of the game):
    numpy
    soundfile   (pip install soundfile -- its wheel bundles libsndfile with Ogg Vorbis)

Soft and short, in the same warm voice as the music: a felt tick for moving
between choices, a two-note rise to confirm and a fall to go back, a paper
whisper for turning a letter's page, a small chime when the game is saved.
Mono, 44.1 kHz, peaks around -10 dBFS so they sit under the music. Deterministic.
"""
from __future__ import annotations

import argparse
import pathlib
import sys

import numpy as np

SR = 44100
ROOT = pathlib.Path(__file__).resolve().parent.parent
PEAK_DB = -10.0


def _t(seconds):
    return np.arange(int(seconds * SR)) / SR


def hz(m):
    return 440.0 * 2 ** ((m - 69) / 12)


def bell(m, seconds, decay, vel=1.0, index=0.8):
    """A soft electric-piano bell: FM with a quickly decaying index."""
    t = _t(seconds)
    f = hz(m)
    idx = index * np.exp(-t / 0.06) + 0.1
    y = np.sin(2 * np.pi * f * t + idx * np.sin(2 * np.pi * f * t))
    y += 0.25 * np.sin(2 * np.pi * 2 * f * t) * np.exp(-t / (decay * 0.5))
    env = (1 - np.exp(-t / 0.003)) * np.exp(-t / decay)
    fade = np.clip((seconds - t) / 0.03, 0, 1)  # always end on silence
    return y * env * fade * vel


def place(out, y, at):
    i = int(at * SR)
    out[i:i + len(y)] += y[: len(out) - i]


def lowpass(y, cutoff):
    F = np.fft.rfft(y, len(y) * 2)
    f = np.fft.rfftfreq(len(y) * 2, 1 / SR)
    return np.fft.irfft(F / np.sqrt(1 + (f / cutoff) ** 4), len(y) * 2)[: len(y)]


def small_room(y, amount=0.18):
    """A touch of space: a few soft echoes that die quickly."""
    out = y.copy()
    for d, g in ((0.021, 0.5), (0.034, 0.35), (0.055, 0.25), (0.083, 0.15), (0.12, 0.08)):
        k = int(d * SR)
        out[k:] += y[:-k] * g * amount * 2
    return out


def sound_select():
    """A felt tick: a muted, very short high note."""
    y = np.zeros(int(0.16 * SR))
    place(y, bell(88, 0.12, 0.035, 0.7, index=0.5), 0)
    place(y, bell(76, 0.14, 0.05, 0.35, index=0.3), 0)
    return small_room(lowpass(y, 5000), 0.1)


def sound_confirm():
    y = np.zeros(int(0.6 * SR))
    place(y, bell(76, 0.5, 0.22, 0.8), 0.0)   # E5
    place(y, bell(83, 0.5, 0.28, 0.7), 0.07)  # B5
    return small_room(lowpass(y, 6000))


def sound_back():
    y = np.zeros(int(0.5 * SR))
    place(y, bell(81, 0.4, 0.16, 0.6), 0.0)   # A5
    place(y, bell(76, 0.45, 0.22, 0.55), 0.07)  # E5
    return small_room(lowpass(y, 4500))


def sound_page():
    """A letter's page turning: a soft swish of paper (shaped, filtered noise)."""
    rng = np.random.default_rng(5)
    n = int(0.42 * SR)
    t = np.arange(n) / SR
    noise = rng.normal(0, 1, n)
    # band-limit to paper's papery middle, brighter at the peak of the swish
    F = np.fft.rfft(noise)
    f = np.fft.rfftfreq(n, 1 / SR)
    band = np.exp(-((np.log(np.maximum(f, 1)) - np.log(3200)) ** 2) / (2 * 0.55 ** 2))
    swish = np.fft.irfft(F * band, n)
    env = np.exp(-((t - 0.17) / 0.085) ** 2) + 0.35 * np.exp(-((t - 0.3) / 0.04) ** 2)
    grain = 1 + 0.5 * np.sin(2 * np.pi * 37 * t + 2 * np.sin(2 * np.pi * 11 * t))
    y = swish * env * grain
    # the page settling: a tiny soft tap
    tap = np.zeros(n)
    i = int(0.31 * SR)
    k = np.arange(int(0.03 * SR))
    tap[i:i + len(k)] = np.sin(2 * np.pi * 180 * k / SR) * np.exp(-k / SR / 0.008) * 0.6
    y = y / (np.abs(y).max() + 1e-9) + tap
    y *= np.clip((t[-1] - t) / 0.02, 0, 1)
    return small_room(lowpass(y, 7000), 0.12)


def sound_save():
    """A small warm chime: C major rising, the last note left ringing."""
    y = np.zeros(int(1.1 * SR))
    for i, m in enumerate((72, 76, 79, 84)):
        place(y, bell(m, 0.9 - i * 0.05, 0.25 + i * 0.08, 0.55 + 0.1 * (i == 3), index=0.6), i * 0.075)
    return small_room(lowpass(y, 6000), 0.22)


SOUNDS = {
    "select": sound_select,
    "confirm": sound_confirm,
    "back": sound_back,
    "page": sound_page,
    "save": sound_save,
}


def finish(y):
    y = y - y.mean()
    y *= 10 ** (PEAK_DB / 20) / (np.abs(y).max() + 1e-12)
    # 2 ms fade-in and fade-out: no click at either end
    k = int(0.002 * SR)
    y[:k] *= np.linspace(0, 1, k)
    y[-k:] *= np.linspace(1, 0, k)
    return y.astype(np.float32)


def write_ogg(path, y, quality=0.5):
    import soundfile as sf

    with sf.SoundFile(str(path), "w", SR, 1, format="OGG", subtype="VORBIS", compression_level=1.0 - quality) as f:
        for i in range(0, len(y), 4096):
            f.write(y[i:i + 4096])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "assets" / "sounds")
    ap.add_argument("--wav", type=pathlib.Path, help="also write WAV copies here")
    args = ap.parse_args(argv)
    ids = args.ids or list(SOUNDS)
    bad = [i for i in ids if i not in SOUNDS]
    if bad:
        ap.error("unknown sound ids: " + ", ".join(bad))
    args.out.mkdir(parents=True, exist_ok=True)
    for sid in ids:
        y = finish(SOUNDS[sid]())
        path = args.out / f"{sid}.ogg"
        write_ogg(path, y)
        if args.wav:
            import soundfile as sf

            args.wav.mkdir(parents=True, exist_ok=True)
            sf.write(str(args.wav / f"{sid}.wav"), y, SR, subtype="PCM_16")
        rms = 20 * np.log10(np.sqrt(np.mean(y.astype(np.float64) ** 2)) + 1e-12)
        print(f"{sid:8s} {len(y) / SR * 1000:4.0f} ms  peak {PEAK_DB:.0f} dBFS  rms {rms:5.1f} dBFS  "
              f"{path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
