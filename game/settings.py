"""The player's preferences, kept in the data folder and applied by the window at once.

Plain data with defaults; every field is checked on load, so a hand-edited settings file
costs the player only the values that are wrong (each named in one line), never the game.
A file that cannot be used at all (truncated, garbage, a newer game's, no settings in it)
gives way to its backup (`settings.json.bak`), or else to the defaults, with a one-line
note. Nothing is written until the player changes a setting; then `game.storage` keeps the
damaged file aside and the good backup as it was.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game.notice import later
from game.paths import user_data_dir
from game.storage import DamagedFile, envelope, read_json, write_json

KIND = "her-settings"
VERSION = 1
TEXT_SCALES = (1.0, 1.25, 1.5)
INSTANT = 0  # text_speed meaning "show the whole line at once"
TEXT_SPEED_RANGE = (10, 150)  # characters per second
AUTO_DELAY_RANGE = (0.5, 6.0)  # seconds after a line is complete (plus reading time)
BOX_OPACITY_RANGE = (0.25, 1.0)
READING_FONTS = ("serif", "sans")


@dataclass
class Settings:
    text_speed: int = 40
    auto_delay: float = 1.5
    music_volume: float = 0.7
    sound_volume: float = 0.6
    fullscreen: bool = False
    language: str = "en"
    text_scale: float = 1.0
    skip_read_only: bool = True
    reduced_motion: bool = False
    self_voicing: bool = False
    high_contrast: bool = False
    box_opacity: float = 0.75  # of the dialogue box and choices (high contrast keeps them nearly opaque)
    reading_font: str = "serif"  # or "sans"

    def copy(self) -> Settings:
        return Settings(**asdict(self))


def settings_path() -> Path:
    return user_data_dir() / "settings.json"


class _Wrong(ValueError):
    """A field's value is not valid; `why(file, field, default)` is the one-line note."""

    def __init__(self, why):
        super().__init__("wrong value")
        self.why = why


def _check(name: str, value, default):
    """The value if it is valid for this field, else raise _Wrong with the note to show."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise _Wrong(lambda **v: later.ui("{file}: '{field}' is not true/false; using {default}", **v))
        return value
    if name == "language":
        if not isinstance(value, str) or not value or len(value) > 20 or not value.replace("_", "").replace("-", "").isalnum():
            raise _Wrong(lambda **v: later.ui("{file}: '{field}' is not a language code; using {default}", **v))
        return value
    if name == "reading_font":
        if value not in READING_FONTS:
            raise ValueError("is not " + " or ".join(READING_FONTS))
        return value
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise _Wrong(lambda **v: later.ui("{file}: '{field}' is not a number; using {default}", **v))
    if name == "text_speed":
        lo, hi = TEXT_SPEED_RANGE
        if value != INSTANT and not lo <= value <= hi:
            raise _Wrong(lambda **v: later.ui("{file}: '{field}' is not 0 (instant) or between {low} and {high}; using {default}",
                                              low=lo, high=hi, **v))
        return int(value)
    if name == "auto_delay":
        lo, hi = AUTO_DELAY_RANGE
        if not lo <= value <= hi:
            raise _Wrong(lambda **v: later.ui("{file}: '{field}' is not between {low} and {high} seconds; using {default}",
                                              low=lo, high=hi, **v))
        return float(value)
    if name == "box_opacity":
        lo, hi = BOX_OPACITY_RANGE
        if not lo <= value <= hi:
            raise ValueError(f"is not between {lo} and {hi}")
        return float(value)
    if name == "text_scale":
        if value not in TEXT_SCALES:
            raise _Wrong(lambda **v: later.ui("{file}: '{field}' is not 1.0, 1.25 or 1.5; using {default}", **v))
        return float(value)
    if not 0.0 <= value <= 1.0:  # volumes
        raise _Wrong(lambda **v: later.ui("{file}: '{field}' is not between 0 and 1; using {default}", **v))
    return float(value)


def _values(data: dict, name: str) -> dict:
    values = data.get("settings")
    if not isinstance(values, dict):
        raise DamagedFile(later.ui("{file} has no settings", file=name))
    return values


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The saved settings (defaults where missing or wrong) and one-line notes on what was wrong.

    The notes are `game.notice.Notice`s: English here, the player's language on screen."""
    try:
        path = path or settings_path()
    except OSError as exc:  # no usable data folder: play with the defaults
        return Settings(), [later.ui("{reason}; using the default settings", reason=exc.strerror or str(exc))]
    backup = path.with_name(path.name + ".bak")
    try:
        values = _values(read_json(path, KIND, VERSION), path.name)
    except FileNotFoundError:
        return Settings(), []
    except DamagedFile as exc:
        damage = exc.notice
        try:  # the last good copy, if there is one
            values = _values(read_json(backup, KIND, VERSION), backup.name)
        except (FileNotFoundError, DamagedFile):
            return Settings(), [later.ui("{reason}; using the default settings", reason=damage)]
        settings, notes = _apply(values, backup.name)
        return settings, [later.ui("{reason}; using the backup ({file})", reason=damage, file=backup.name), *notes]
    return _apply(values, path.name)


def _apply(values: dict, name: str) -> tuple[Settings, list[str]]:
    settings = Settings()
    notes = []
    for f in fields(Settings):
        if f.name not in values:
            continue
        default = getattr(settings, f.name)
        try:
            setattr(settings, f.name, _check(f.name, values[f.name], default))
        except _Wrong as wrong:
            notes.append(wrong.why(file=name, field=f.name, default=repr(default)))
    return settings, notes


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    write_json(path, envelope(KIND, VERSION, VERSION, settings=asdict(settings)), validate=lambda d: _values(d, path.name))
