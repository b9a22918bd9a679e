"""Music and interface sounds, obeying the volume settings, never crashing the game.

Music is cross-faded between two mixer channels when the scene's music changes (`None`
stops it, fading out). Tracks are decoded on a worker thread so a change never stutters
the window. A missing file, a broken file or no audio device is logged once and then
the game simply stays silent.

Everything is mixed at 22,050 Hz, stereo, 16-bit (`MIXER`): the synthesised music holds
nothing above 11 kHz (its energy there is 85 dB below the rest: the encoder's own cut-off),
so the lower rate is inaudible in it, and each decoded track takes half the memory (a 49 s
loop: 4.3 MB instead of 8.7 MB). That is what keeps a long session under 150 MB while two
tracks really sound together during a cross-fade. Stereo stays: the tracks' reverb is wide.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pygame

from game.paths import assets_dir

log = logging.getLogger("her.audio")
FADE = 1.6  # seconds for a music cross-fade
SOUNDS = ("select", "confirm", "back", "page", "save")
MIXER = {"frequency": 22050, "size": -16, "channels": 2, "buffer": 256}  # 256 frames: ~12 ms, as 512 at 44.1 kHz


def prepare_mixer() -> None:
    """Call before pygame.init(), which would otherwise open the mixer at SDL's default rate."""
    pygame.mixer.pre_init(**MIXER)


class Audio:
    def __init__(self, music_volume: float = 0.7, sound_volume: float = 0.6, folder: Path | None = None):
        self.folder = folder or assets_dir()
        self.music_volume, self.sound_volume = music_volume, sound_volume
        self.ok = False
        self._warned: set[str] = set()
        self._sounds: dict[str, pygame.mixer.Sound | None] = {}
        self._tracks: dict[str, pygame.mixer.Sound | None] = {}
        self.music: str | None = None  # the track asked for
        self._playing: list[list] = []  # [channel, track id, level 0..1, target 0..1]
        self._pending: str | None = None  # a track being decoded
        self._lock = threading.Lock()
        self._last = 0.0
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(**MIXER)
            pygame.mixer.set_num_channels(max(8, pygame.mixer.get_num_channels()))
            pygame.mixer.set_reserved(2)  # channels 0 and 1: the music cross-fade pair
            self.ok = True
        except pygame.error as exc:
            self._warn("device", f"no audio device; the game stays silent ({exc})")

    def _warn(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message)

    # --- interface sounds -------------------------------------------------------------
    def sound(self, name: str) -> None:
        if not self.ok or self.sound_volume <= 0:
            return
        if name not in self._sounds:
            self._sounds[name] = self._load(self.folder / "sounds" / f"{name}.ogg", f"sound:{name}")
        snd = self._sounds[name]
        if snd is not None:
            try:
                snd.set_volume(self.sound_volume)
                snd.play()
            except pygame.error as exc:
                self._warn(f"play:{name}", f"cannot play sound {name}: {exc}")

    def _load(self, path: Path, key: str) -> pygame.mixer.Sound | None:
        if not path.is_file():
            self._warn(key, f"{path.name} is missing; staying silent there")
            return None
        try:
            sound = pygame.mixer.Sound(str(path))
        except (pygame.error, OSError) as exc:
            self._warn(key, f"cannot read {path.name}: {exc}")
            return None
        if sound.get_length() <= 0:  # SDL can convert a file to nothing; looping nothing crashes the mixer
            self._warn(key, f"{path.name} decodes to no sound at {MIXER['frequency']} Hz; staying silent there")
            return None
        return sound

    # --- music -------------------------------------------------------------------------
    def play_music(self, track: str | None) -> None:
        """Cross-fade to `track` (None: fade out). Returns at once; decoding runs in the background."""
        if track == self.music:
            return
        self.music = track
        if not self.ok:
            return
        for entry in self._playing:
            entry[3] = 0.0
        if track is None:
            return
        if track in self._tracks:
            self._start(track)
            return
        self._pending = track
        threading.Thread(target=self._decode, args=(track,), daemon=True).start()

    def _decode(self, track: str) -> None:
        sound = self._load(self.folder / "music" / f"{track}.ogg", f"music:{track}")
        with self._lock:
            self._tracks[track] = sound

    def _start(self, track: str) -> None:
        sound = self._tracks.get(track)
        if sound is None:
            return
        busy = {entry[0] for entry in self._playing}
        channel = next((c for c in (pygame.mixer.Channel(0), pygame.mixer.Channel(1)) if c not in busy), None)
        if channel is None:  # both in use: drop the quieter one at once
            self._playing.sort(key=lambda e: e[2])
            old = self._playing.pop(0)
            old[0].stop()
            channel = old[0]
        try:
            channel.set_volume(0.0)
            channel.play(sound, loops=-1)
        except pygame.error as exc:
            self._warn(f"play:{track}", f"cannot play music {track}: {exc}")
            return
        self._playing.append([channel, track, 0.0, 1.0])
        self._trim()

    def _trim(self) -> None:
        """Keep decoded music only for what plays or was asked for: a track is ~4 MB decoded, and
        decoding one again on a later change costs a moment on the worker thread, not a frame."""
        keep = {entry[1] for entry in self._playing} | {self.music, self._pending}
        with self._lock:
            for track in [t for t in self._tracks if t not in keep]:
                del self._tracks[track]

    def fading(self) -> bool:
        return self._pending is not None or any(e[2] != e[3] for e in self._playing)

    def update(self, now: float) -> None:
        """Move fades along; call every loop turn (cheap when nothing fades)."""
        dt = min(0.25, max(0.0, now - self._last)) if self._last else 0.0
        self._last = now
        if not self.ok:
            return
        if self._pending is not None:
            with self._lock:
                ready = self._pending in self._tracks
            if ready:
                track, self._pending = self._pending, None
                if track == self.music:
                    self._start(track)
        step = dt / FADE
        for entry in list(self._playing):
            channel, _, level, target = entry
            if level < target:
                level = min(target, level + step)
            elif level > target:
                level = max(target, level - step)
            entry[2] = level
            if level <= 0.0 and target <= 0.0:
                channel.stop()
                self._playing.remove(entry)
                self._trim()
                continue
            channel.set_volume(level * self.music_volume)

    def set_volumes(self, music: float, sound: float) -> None:
        self.music_volume, self.sound_volume = music, sound
        for channel, _, level, _ in self._playing:
            channel.set_volume(level * music)

    def stop(self) -> None:
        for entry in self._playing:
            entry[0].stop()
        self._playing.clear()
        self.music = None
