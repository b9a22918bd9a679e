#!/usr/bin/env python3
"""Synthesise the music loops of *Her* into assets/music/<id>.ogg.

    python3 tools/make_music.py              # all loops
    python3 tools/make_music.py warm ache    # only some
    python3 tools/make_music.py --wav /tmp/m # also write WAVs to listen to

Build-time needs (not runtime dependencies of the game):
    numpy
    soundfile   (pip install soundfile -- its wheel bundles libsndfile with Ogg Vorbis)

Everything is additive/FM synthesis in numpy: a soft electric piano, a felt
piano, nylon-ish plucks, slow string-like pads and a round bass, in a warm
convolution reverb. Each piece is a whole number of bars. Notes that ring past
the end are folded back onto the beginning and the reverb is applied as a
circular convolution, so every loop is seamless by construction. Levels are set
to about -20 dBFS RMS with peaks below -3 dBFS. Deterministic (fixed seeds).
"""
from __future__ import annotations

import argparse
import pathlib
import sys

import numpy as np

SR = 44100  # synthesis rate
OUT_SR = 22050  # the files' rate, as the game mixes (game/ui/audio.py MIXER): see downsample()
ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET_RMS_DB = -20.0
PEAK_LIMIT_DB = -3.0

# --------------------------------------------------------------------------
# instruments: each returns a mono float32 array (the note plus its release)
# --------------------------------------------------------------------------


def hz(m: float) -> float:
    return 440.0 * 2 ** ((m - 69) / 12)


def _t(n):
    return np.arange(n, dtype=np.float64) / SR


def _release(n_hold, n_total, rel_s):
    env = np.ones(n_total)
    r = max(1, int(rel_s * SR))
    end = min(n_total, n_hold + r)
    env[n_hold:end] = np.linspace(1, 0, end - n_hold) ** 2
    env[end:] = 0
    return env


def epiano(m, dur, vel=0.7, rng=None):
    """Rhodes-like: FM with a decaying index, a little bell 'tine' at the attack."""
    f = hz(m)
    rel = 0.6
    n = int((dur + rel) * SR)
    t = _t(n)
    decay = 2.4 * (440 / f) ** 0.35
    amp = np.exp(-t / decay) * (1 - np.exp(-t / 0.004))
    idx = (0.25 + 1.6 * vel) * np.exp(-t / 0.45) + 0.12
    y = np.sin(2 * np.pi * f * t + idx * np.sin(2 * np.pi * f * t))
    y += 0.18 * np.sin(2 * np.pi * 2 * f * t) * np.exp(-t / (decay * 0.6))
    tine = np.sin(2 * np.pi * f * 7.02 * t) * np.exp(-t / 0.05) * 0.10 * vel
    y = (y + tine) * amp * _release(int(dur * SR), n, rel)
    return (y * vel).astype(np.float32)


def felt_piano(m, dur, vel=0.6, rng=None):
    """A soft, felted piano: slightly inharmonic partials, two strings beating gently."""
    f = hz(m)
    rel = 0.9
    n = int((dur + rel) * SR)
    t = _t(n)
    B = 0.00035
    y = np.zeros(n)
    base_decay = 3.2 * (220 / f) ** 0.45
    bright = 0.6 + 0.8 * vel
    for k in range(1, 11):
        fk = k * f * np.sqrt(1 + B * k * k)
        if fk > 9000:
            break
        a = (1 / k ** 1.45) * np.exp(-(k - 1) * (1.15 - bright) * 0.55)
        d = base_decay / (1 + 0.45 * (k - 1))
        for detune in (-0.0004, 0.0004):
            y += 0.5 * a * np.sin(2 * np.pi * fk * (1 + detune) * t + k * 0.7) * np.exp(-t / d)
    y *= (1 - np.exp(-t / 0.006))
    y *= _release(int(dur * SR), n, rel)
    return (y * vel * 0.8).astype(np.float32)


def pluck(m, dur, vel=0.6, rng=None):
    """Nylon-ish pluck: harmonics shaped by the plucking point, upper ones dying fast."""
    f = hz(m)
    rel = 0.3
    n = int((dur + rel) * SR)
    t = _t(n)
    y = np.zeros(n)
    p = 0.22
    d0 = 1.6 * (220 / f) ** 0.5
    for k in range(1, 14):
        fk = k * f * (1 + 0.0003 * k * k)
        if fk > 10000:
            break
        a = abs(np.sin(np.pi * k * p)) / k ** 1.1
        y += a * np.sin(2 * np.pi * fk * t) * np.exp(-t / (d0 / (1 + 0.7 * (k - 1))))
    y *= (1 - np.exp(-t / 0.002))
    y *= _release(int(dur * SR), n, rel)
    return (y * vel * 0.9).astype(np.float32)


def celesta(m, dur, vel=0.5, rng=None):
    """A soft glassy bell for sparkle (sine partials at bell ratios)."""
    f = hz(m)
    n = int((dur + 1.2) * SR)
    t = _t(n)
    y = np.zeros(n)
    for ratio, a, d in ((1, 1.0, 1.6), (2.0, 0.35, 0.9), (3.01, 0.12, 0.5), (4.2, 0.06, 0.25)):
        y += a * np.sin(2 * np.pi * f * ratio * t) * np.exp(-t / d)
    y *= (1 - np.exp(-t / 0.003))
    y *= _release(int(dur * SR), n, 1.2)
    return (y * vel * 0.5).astype(np.float32)


def pad(m, dur, vel=0.5, rng=None, attack=1.8, rel=2.6, bright=0.5):
    """A slow, string-like pad: detuned voices, mellow harmonics, a breathing swell."""
    f = hz(m)
    n = int((dur + rel) * SR)
    t = _t(n)
    y = np.zeros(n)
    rng = rng or np.random.default_rng(0)
    for v in range(5):
        det = 2 ** ((v - 2) * 0.045 / 12 * 2)
        ph = rng.uniform(0, 2 * np.pi)
        for k in range(1, 7):
            if f * k > 6000:
                break
            a = 1 / k ** (2.2 - bright)
            y += a * np.sin(2 * np.pi * f * det * k * t + ph * k)
    y /= 5
    env = np.clip(t / attack, 0, 1) ** 1.5
    env *= 0.85 + 0.15 * np.sin(2 * np.pi * 0.13 * t + rng.uniform(0, 6))
    y *= env * _release(int(dur * SR), n, rel)
    return (y * vel * 0.45).astype(np.float32)


def bass(m, dur, vel=0.6, rng=None):
    f = hz(m)
    rel = 0.5
    n = int((dur + rel) * SR)
    t = _t(n)
    y = np.sin(2 * np.pi * f * t) + 0.22 * np.sin(4 * np.pi * f * t) + 0.06 * np.sin(6 * np.pi * f * t)
    y *= (1 - np.exp(-t / 0.012)) * (0.55 + 0.45 * np.exp(-t / 1.4))
    y *= _release(int(dur * SR), n, rel)
    return (y * vel * 0.8).astype(np.float32)


# --------------------------------------------------------------------------
# the mixing desk
# --------------------------------------------------------------------------


class Loop:
    def __init__(self, bpm, bars, beats_per_bar=4, seed=0):
        self.bpm = bpm
        self.beat = 60.0 / bpm
        self.bar = self.beat * beats_per_bar
        self.length = int(round(self.bar * bars * SR))
        self.tail = 10 * SR
        self.buf = np.zeros((self.length + self.tail, 2), np.float32)
        self.rng = np.random.default_rng(seed)

    def seconds(self):
        return self.length / SR

    def add(self, inst, m, start_beats, dur_beats, vel=0.6, pan=0.0, humanise=0.012, **kw):
        """Place a note: start and length in beats; pan -1..1 (equal power)."""
        s = start_beats * self.beat + (self.rng.normal(0, humanise) if humanise else 0)
        s = max(0.0, s)
        y = inst(m, dur_beats * self.beat, vel, rng=self.rng, **kw)
        i = int(s * SR) % self.length
        end = i + len(y)
        if end > len(self.buf):
            y = y[:len(self.buf) - i]
            end = len(self.buf)
        a = (pan + 1) * np.pi / 4
        self.buf[i:end, 0] += y * np.cos(a)
        self.buf[i:end, 1] += y * np.sin(a)

    def render(self, wet=0.32, rt=3.0, tone=0.6, seed=1):
        # fold everything that rang past the end back to the start: a seamless loop
        x = self.buf[:self.length].astype(np.float64).copy()
        tail = self.buf[self.length:].astype(np.float64)
        k = 0
        while k < len(tail):
            seg = tail[k:k + self.length]
            x[:len(seg)] += seg
            k += self.length
        wetsig = circular_reverb(x, rt=rt, seed=seed)
        y = x * (1 - wet) + wetsig * wet
        y = circular_tone(y, tone)
        return master(y)


def circular_reverb(x, rt=3.0, seed=1):
    """Convolve (circularly, so the loop stays seamless) with a warm synthetic hall."""
    n = len(x)
    rng = np.random.default_rng(seed)
    ir_len = int(min(rt * 1.6, 6.0) * SR)
    t = np.arange(ir_len) / SR
    out = np.zeros_like(x)
    F = None
    for ch in range(2):
        noise = rng.normal(0, 1, ir_len)
        # darker as it decays: blend a bright early part with a darker late part
        spec = np.fft.rfft(noise)
        freqs = np.fft.rfftfreq(ir_len, 1 / SR)
        dark = np.fft.irfft(spec / (1 + (freqs / 1800) ** 2), ir_len)
        bright = np.fft.irfft(spec / (1 + (freqs / 6000) ** 2), ir_len)
        mixw = np.exp(-t / 0.25)
        ir = (bright * mixw + dark * (1 - mixw)) * np.exp(-6.9 * t / rt)
        ir[: int(0.018 * SR)] = 0  # pre-delay
        # a few early reflections
        for d, g in ((0.023, 0.5), (0.031, 0.35), (0.047, 0.3), (0.061, 0.22)):
            ir[int((d + 0.002 * ch) * SR)] += g * 6
        ir /= np.sqrt(np.sum(ir ** 2)) + 1e-9
        h = np.zeros(n)
        h[:min(ir_len, n)] = ir[:n]
        if F is None:
            F = np.fft.rfft(x, axis=0)
        out[:, ch] = np.fft.irfft(F[:, ch] * np.fft.rfft(h), n)
    return out


def circular_tone(y, tone):
    """Gentle, warm high-cut (and a little low-cut) applied in the frequency domain."""
    n = len(y)
    F = np.fft.rfft(y, axis=0)
    f = np.fft.rfftfreq(n, 1 / SR)
    cut = 2500 + 9000 * tone
    g = 1 / np.sqrt(1 + (f / cut) ** 4)
    g *= 1 / np.sqrt(1 + (40 / np.maximum(f, 1)) ** 4)
    return np.fft.irfft(F * g[:, None], n, axis=0)


def master(y):
    y = y - y.mean(axis=0)
    rms = np.sqrt(np.mean(y ** 2))
    y *= 10 ** (TARGET_RMS_DB / 20) / (rms + 1e-12)
    lim = 10 ** (PEAK_LIMIT_DB / 20)
    peak = np.max(np.abs(y))
    if peak > lim:
        # soft knee above 70% of the limit; periodic, so the loop stays seamless
        knee = lim * 0.7
        a = np.abs(y)
        over = a > knee
        y[over] = np.sign(y[over]) * (knee + (lim - knee) * np.tanh((a[over] - knee) / (lim - knee)))
    return y.astype(np.float32)


# --------------------------------------------------------------------------
# harmony helpers
# --------------------------------------------------------------------------

NOTE = {"C": 0, "C#": 1, "Db": 1, "D": 2, "D#": 3, "Eb": 3, "E": 4, "F": 5, "F#": 6, "Gb": 6, "G": 7,
        "G#": 8, "Ab": 8, "A": 9, "A#": 10, "Bb": 10, "B": 11}


def chord(root: str, intervals, octave=4):
    base = 12 * (octave + 1) + NOTE[root]
    return [base + i for i in intervals]


MAJ7 = (0, 4, 7, 11)
MAJ9 = (0, 4, 7, 11, 14)
ADD9 = (0, 4, 7, 14)
MIN7 = (0, 3, 7, 10)
MIN9 = (0, 3, 7, 10, 14)
MADD9 = (0, 3, 7, 14)
SUS2 = (0, 2, 7)
SUS4 = (0, 5, 7)
SIX = (0, 4, 7, 9)
SEVSUS4 = (0, 5, 7, 10)
DOM7 = (0, 4, 7, 10)


def low(name: str) -> int:
    """A bass note in the warm octave C2..B2 (65-123 Hz)."""
    return 36 + NOTE[name]


def snap(n: int, scale) -> int:
    """The nearest note at or below n that belongs to the scale (pitch classes)."""
    while n % 12 not in scale:
        n -= 1
    return n


def voiced(notes, lo=55, hi=74):
    """Bring chord tones into a comfortable middle register, spread a little."""
    out = []
    for n in notes:
        while n < lo:
            n += 12
        while n > hi:
            n -= 12
        out.append(n)
    return sorted(set(out))


# --------------------------------------------------------------------------
# the pieces
# --------------------------------------------------------------------------


def piece_letters():
    """Work, gentle and ordinary: an unhurried electric piano, a walking pluck, soft bass."""
    L = Loop(bpm=80, bars=16, seed=11)
    prog = [("D", MAJ9, "D"), ("B", MIN7, "B"), ("G", MAJ7, "G"), ("A", SIX, "A"),
            ("D", MAJ9, "F#"), ("B", MIN9, "B"), ("E", MIN7, "E"), ("A", SEVSUS4, "A")]
    for bar in range(16):
        r, q, b = prog[bar % 8]
        notes = voiced(chord(r, q, 3), 57, 76)
        b0 = bar * 4
        # comping: a soft chord on 1 and an answer on the and-of-2
        for i, n in enumerate(notes):
            L.add(epiano, n, b0 + i * 0.02, 2.2, vel=0.42, pan=-0.25 + 0.5 * i / max(1, len(notes) - 1))
        for i, n in enumerate(notes[1:]):
            L.add(epiano, n, b0 + 2.5 + i * 0.015, 1.2, vel=0.28, pan=0.2)
        L.add(bass, low(b), b0, 3.6, vel=0.45)
        # a little pluck line, like someone tapping a pen while thinking
        tones = voiced(chord(r, q, 4), 64, 83)
        pat = [0, 2, 1, 3, 2, 1, 3, 0] if bar % 2 == 0 else [3, 1, 2, 0, 1, 2, 0, 3]
        for k in range(8):
            if L.rng.random() < 0.72:
                L.add(pluck, tones[pat[k] % len(tones)], b0 + k * 0.5, 0.6, vel=0.3 + 0.08 * (k % 2 == 0), pan=0.35)
        if bar % 4 == 3:
            L.add(celesta, tones[-1] + 12, b0 + 3.5, 1.0, vel=0.22, pan=-0.4)
    for bar in range(0, 16, 2):
        r, q, b = prog[bar % 8]
        for n in voiced(chord(r, q, 3), 50, 66):
            L.add(pad, n, bar * 4, 7.8, vel=0.22, pan=0.0)
    return L.render(wet=0.28, rt=2.6, tone=0.5, seed=3)


def piece_lonely():
    """Night, an empty apartment: a felt piano alone, far apart, over a dim pad."""
    L = Loop(bpm=58, bars=12, seed=21)
    prog = [("F#", MADD9, "F#"), ("D", MAJ7, "D"), ("A", ADD9, "C#"), ("E", SUS2, "E"),
            ("B", MIN7, "B"), ("D", MAJ7, "D"), ("A", ADD9, "A"), ("C#", SEVSUS4, "C#"),
            ("F#", MADD9, "F#"), ("D", MAJ9, "D"), ("B", MIN9, "B"), ("C#", DOM7, "C#")]
    melody = [
        [(0, 73, 1.5), (2, 69, 1.0), (3, 68, 1.0)],
        [(0.5, 66, 2.5)],
        [(0, 64, 1.0), (1, 68, 1.0), (2, 69, 2.0)],
        [(1, 71, 3.0)],
        [(0, 74, 1.5), (2, 73, 1.0), (3, 69, 1.0)],
        [(0, 66, 3.5)],
        [(1, 64, 1.0), (2, 69, 1.0), (3, 71, 1.0)],
        [(0, 68, 3.5)],
        [(0, 73, 1.0), (1.5, 76, 1.5), (3, 73, 1.0)],
        [(0, 69, 3.0)],
        [(0.5, 71, 1.0), (1.5, 69, 1.0), (2.5, 68, 1.5)],
        [(0, 65, 3.5)],
    ]
    for bar in range(12):
        r, q, b = prog[bar]
        b0 = bar * 4
        notes = voiced(chord(r, q, 3), 52, 68)
        for i, n in enumerate(notes):
            L.add(felt_piano, n, b0 + i * 0.18, 3.5, vel=0.34, pan=-0.2 + 0.1 * i)
        L.add(felt_piano, 12 * 2 + NOTE[b] + 12, b0, 3.8, vel=0.38, pan=-0.1)
        for beat, m, d in melody[bar]:
            L.add(felt_piano, m, b0 + beat, d, vel=0.42, pan=0.15)
        for n in voiced(chord(r, q, 3), 45, 62):
            L.add(pad, n, b0, 3.9, vel=0.16, attack=2.5, rel=3.0, bright=0.3)
    return L.render(wet=0.42, rt=4.2, tone=0.35, seed=5)


def piece_wonder():
    """Discovery, the first conversations: bright arpeggios that keep opening up."""
    L = Loop(bpm=92, bars=16, seed=31)
    prog = [("E", MAJ9, "E"), ("F#", ADD9, "E"), ("C#", MIN7, "C#"), ("A", MAJ9, "A"),
            ("E", MAJ9, "G#"), ("F#", ADD9, "F#"), ("B", SUS4, "B"), ("A", (0, 4, 7, 11, 18), "A")]
    for bar in range(16):
        r, q, b = prog[bar % 8]
        b0 = bar * 4
        tones = voiced(chord(r, q, 4), 64, 88)
        up = tones + [t + 12 for t in tones[:2]]
        seq = up + up[-2:0:-1]
        for k in range(8):
            n = seq[k % len(seq)]
            L.add(pluck, n, b0 + k * 0.5, 0.9, vel=0.26 + 0.1 * (k % 4 == 0), pan=-0.5 + k / 8)
        for k in range(8):
            if k % 3 == 1 and L.rng.random() < 0.6:
                L.add(celesta, seq[(k * 2) % len(seq)] + 12, b0 + k * 0.5 + 0.25, 0.5, vel=0.16, pan=0.5)
        L.add(bass, low(b), b0, 3.8, vel=0.3)
        if bar % 2 == 0:
            for n in voiced(chord(r, q, 3), 52, 71):
                L.add(pad, n, b0, 7.8, vel=0.2, bright=0.7, attack=1.2)
        # a rising piano line in the second half
        if bar >= 8:
            line = voiced(chord(r, q, 5), 71, 88)
            L.add(epiano, line[bar % len(line)], b0 + 1, 2.5, vel=0.3, pan=0.1)
    return L.render(wet=0.35, rt=3.2, tone=0.7, seed=7)


def piece_warm():
    """Love, days together: a ukulele-ish strum, electric piano, a simple happy tune."""
    L = Loop(bpm=78, bars=16, seed=41)
    prog = [("C", MAJ7, "C"), ("A", MIN7, "A"), ("F", MAJ9, "F"), ("G", SIX, "G"),
            ("E", MIN7, "E"), ("A", MIN9, "A"), ("D", MIN7, "D"), ("G", SEVSUS4, "G")]
    tune = [
        [(0, 76, 1), (1, 79, 1), (2, 81, 1.5)],
        [(0, 79, 1), (1, 76, 1), (2, 72, 2)],
        [(0, 77, 1), (1, 76, 1), (2, 74, 1), (3, 72, 1)],
        [(0, 74, 3)],
        [(0, 76, 1), (1, 79, 1), (2, 83, 1.5)],
        [(0, 81, 1), (1, 79, 1), (2, 76, 2)],
        [(0, 77, 1.5), (1.5, 76, 0.5), (2, 74, 1), (3, 72, 1)],
        [(0, 71, 1), (1, 72, 3)],
    ]
    strum = [0, 1.5, 2, 3, 3.5]
    for bar in range(16):
        r, q, b = prog[bar % 8]
        b0 = bar * 4
        shape = voiced(chord(r, q, 4), 60, 76)
        for s_i, s in enumerate(strum):
            down = s_i % 2 == 0
            order = shape if down else shape[::-1]
            for j, n in enumerate(order):
                L.add(pluck, n, b0 + s + j * 0.018, 0.5, vel=0.22 if s_i else 0.28, pan=0.35)
        L.add(bass, low(b), b0, 1.8, vel=0.55)
        fifth = low(b) + 7
        L.add(bass, fifth - 12 if fifth > 47 else fifth, b0 + 2, 1.8, vel=0.45)
        for i, n in enumerate(voiced(chord(r, q, 3), 55, 70)):
            L.add(epiano, n, b0 + i * 0.02, 3.6, vel=0.3, pan=-0.3)
        if bar >= 8:  # the tune arrives in the second half, then loops back to just the band
            for beat, m, d in tune[bar % 8]:
                L.add(epiano, m, b0 + beat, d, vel=0.46, pan=-0.05)
                L.add(celesta, m + 12, b0 + beat, d, vel=0.08, pan=0.2)
    return L.render(wet=0.28, rt=2.4, tone=0.6, seed=9)


def piece_ache():
    """Distance, conflict: suspended chords that don't resolve, a piano asking the same thing."""
    L = Loop(bpm=62, bars=12, seed=51)
    prog = [("D", MADD9, "D"), ("Bb", MAJ7, "Bb"), ("G", MIN9, "G"), ("A", SEVSUS4, "A"),
            ("D", MADD9, "D"), ("Bb", MAJ9, "Bb"), ("F", ADD9, "F"), ("A", SEVSUS4, "A"),
            ("G", MIN9, "G"), ("Bb", MAJ7, "Bb"), ("C", SUS2, "C"), ("A", SEVSUS4, "A")]
    motif = [(0, 0, 1.0), (1, 1, 1.0), (2, 3, 2.0)]  # beat, scale steps down, length
    dminor = {2, 4, 5, 7, 9, 10, 0}

    def down(n, steps):
        n = snap(n, dminor)
        for _ in range(steps):
            n = snap(n - 1, dminor)
        return n

    for bar in range(12):
        r, q, b = prog[bar]
        b0 = bar * 4
        for n in voiced(chord(r, q, 3), 50, 69):
            L.add(pad, n, b0, 3.95, vel=0.25, attack=2.2, rel=3.2, bright=0.45)
        L.add(bass, low(b), b0, 3.9, vel=0.3)
        top = voiced(chord(r, q, 5), 69, 81)[-1]
        if bar % 2 == 0:
            for beat, steps, d in motif:
                L.add(felt_piano, down(top, steps), b0 + beat, d, vel=0.4, pan=0.2)
        else:
            L.add(felt_piano, down(top, 2), b0 + 1.5, 2.5, vel=0.32, pan=0.25)
        # a second, lower voice that hesitates
        lower = voiced(chord(r, q, 3), 55, 64)
        L.add(felt_piano, lower[0], b0 + 0.5, 1.5, vel=0.26, pan=-0.3)
        L.add(felt_piano, lower[-1], b0 + 2.75, 1.0, vel=0.22, pan=-0.3)
    return L.render(wet=0.4, rt=3.8, tone=0.4, seed=11)


def piece_farewell():
    """Departure, letting go: a slow piano hymn that brightens instead of darkening."""
    L = Loop(bpm=64, bars=12, seed=61)
    prog = [("A", MIN7, "A"), ("F", MAJ7, "F"), ("C", ADD9, "E"), ("G", SUS4, "G"),
            ("D", MIN9, "D"), ("F", MAJ9, "F"), ("C", ADD9, "C"), ("G", SIX, "B"),
            ("A", MIN9, "A"), ("F", MAJ7, "F"), ("G", SUS2, "G"), ("C", MAJ9, "C")]
    mel = [
        [(0, 76, 1.5), (1.5, 74, 0.5), (2, 72, 2)],
        [(0, 72, 1), (1, 69, 1), (2, 72, 2)],
        [(0, 74, 1.5), (1.5, 76, 0.5), (2, 79, 2)],
        [(0, 74, 3.5)],
        [(0, 77, 1.5), (1.5, 76, 0.5), (2, 74, 2)],
        [(0, 72, 1), (1, 76, 1), (2, 81, 2)],
        [(0, 79, 1.5), (1.5, 76, 0.5), (2, 72, 2)],
        [(0, 74, 3.5)],
        [(0, 76, 1), (1, 72, 1), (2, 69, 2)],
        [(0, 72, 1.5), (1.5, 74, 0.5), (2, 76, 2)],
        [(0, 74, 1), (1, 71, 1), (2, 74, 2)],
        [(0, 72, 3.5)],
    ]
    for bar in range(12):
        r, q, b = prog[bar]
        b0 = bar * 4
        ch = voiced(chord(r, q, 3), 52, 67)
        # broken chord in the left hand, like a hymn played slowly at home
        for k, n in enumerate(ch + ch[-2:0:-1]):
            if k < 6:
                L.add(felt_piano, n, b0 + k * 0.66, 2.0, vel=0.3, pan=-0.25)
        L.add(felt_piano, 12 * 2 + NOTE[b] + 12, b0, 3.8, vel=0.36, pan=-0.15)
        for beat, m, d in mel[bar]:
            L.add(felt_piano, m, b0 + beat, d, vel=0.46, pan=0.12)
        for n in voiced(chord(r, q, 3), 48, 64):
            L.add(pad, n, b0, 3.95, vel=0.17, attack=2.0, rel=3.0, bright=0.35)
        if bar in (5, 11):
            L.add(celesta, mel[bar][-1][1] + 12, b0 + 2, 2, vel=0.12, pan=0.4)
    return L.render(wet=0.4, rt=3.6, tone=0.45, seed=13)


PIECES = {
    "letters": piece_letters,
    "lonely": piece_lonely,
    "wonder": piece_wonder,
    "warm": piece_warm,
    "ache": piece_ache,
    "farewell": piece_farewell,
}


def analyse(y):
    rms = 20 * np.log10(np.sqrt(np.mean(y.astype(np.float64) ** 2)) + 1e-12)
    peak = 20 * np.log10(np.max(np.abs(y)) + 1e-12)
    d = np.abs(np.diff(y, axis=0))
    seam = np.max(np.abs(y[0] - y[-1]))
    typical = np.percentile(d, 99.9)
    return rms, peak, seam, typical


def downsample(y):
    """The loop at OUT_SR, band-limited by cutting its spectrum (exact for a loop, which is
    circular: the seam stays seamless). The pieces hold nothing above 11 kHz worth keeping
    (85 dB down), and the game decodes each track whole, so half the rate is half the memory."""
    n = len(y)
    m = int(round(n * OUT_SR / SR))
    spectrum = np.fft.rfft(y, axis=0)[: m // 2 + 1] * (m / n)
    return np.fft.irfft(spectrum, n=m, axis=0).astype(np.float32)


def write_ogg(path, y, quality=0.45):
    """Ogg Vorbis via soundfile, written in small blocks: libvorbis allocates on the stack
    per write call, and one huge write crashes it (libsndfile issue #1095)."""
    import soundfile as sf

    with sf.SoundFile(str(path), "w", OUT_SR, y.shape[1] if y.ndim > 1 else 1, format="OGG", subtype="VORBIS",
                      compression_level=1.0 - quality) as f:
        for i in range(0, len(y), 4096):
            f.write(y[i:i + 4096])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "assets" / "music")
    ap.add_argument("--wav", type=pathlib.Path, help="also write WAV copies here")
    ap.add_argument("--quality", type=float, default=0.45, help="Vorbis quality 0..1 (soundfile compression_level is 1-q)")
    args = ap.parse_args(argv)
    import soundfile as sf

    ids = args.ids or list(PIECES)
    bad = [i for i in ids if i not in PIECES]
    if bad:
        ap.error("unknown music ids: " + ", ".join(bad))
    args.out.mkdir(parents=True, exist_ok=True)
    for mid in ids:
        y = downsample(PIECES[mid]())
        rms, peak, seam, typical = analyse(y)
        path = args.out / f"{mid}.ogg"
        write_ogg(path, y, args.quality)
        if args.wav:
            args.wav.mkdir(parents=True, exist_ok=True)
            sf.write(str(args.wav / f"{mid}.wav"), y, OUT_SR, subtype="PCM_16")
        print(f"{mid:9s} {len(y) / OUT_SR:5.1f} s  rms {rms:6.1f} dBFS  peak {peak:6.1f} dBFS  "
              f"seam jump {seam:.4f} (p99.9 step {typical:.4f})  {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
