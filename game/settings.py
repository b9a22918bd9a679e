"""The player's preferences, kept in the data folder and applied by the window at once.

Plain data with defaults; every field is checked on load, so a hand-edited or damaged
settings file costs the player only the values that are wrong (each named in one line),
never the game. Written through `game.storage` (atomic, versioned JSON).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game.paths import user_data_dir
from game.storage import DamagedFile, envelope, read_json, write_json

KIND = "her-settings"
VERSION = 1
TEXT_SCALES = (1.0, 1.25, 1.5)
INSTANT = 0  # text_speed meaning "show the whole line at once"
TEXT_SPEED_RANGE = (10, 150)  # characters per second
AUTO_DELAY_RANGE = (0.5, 6.0)  # seconds after a line is complete (plus reading time)


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

    def copy(self) -> Settings:
        return Settings(**asdict(self))


def settings_path() -> Path:
    return user_data_dir() / "settings.json"


def _check(name: str, value, default):
    """The value if it is valid for this field, else raise ValueError with a reason."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError("is not true/false")
        return value
    if name == "language":
        if not isinstance(value, str) or not value or len(value) > 20 or not value.replace("_", "").replace("-", "").isalnum():
            raise ValueError("is not a language code")
        return value
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise ValueError("is not a number")
    if name == "text_speed":
        lo, hi = TEXT_SPEED_RANGE
        if value != INSTANT and not lo <= value <= hi:
            raise ValueError(f"is not 0 (instant) or between {lo} and {hi}")
        return int(value)
    if name == "auto_delay":
        lo, hi = AUTO_DELAY_RANGE
        if not lo <= value <= hi:
            raise ValueError(f"is not between {lo} and {hi} seconds")
        return float(value)
    if name == "text_scale":
        if value not in TEXT_SCALES:
            raise ValueError("is not 1.0, 1.25 or 1.5")
        return float(value)
    if not 0.0 <= value <= 1.0:  # volumes
        raise ValueError("is not between 0 and 1")
    return float(value)


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The saved settings (defaults where missing or wrong) and one-line notes on what was wrong."""
    path = path or settings_path()
    settings = Settings()
    try:
        data = read_json(path, KIND, VERSION)
    except FileNotFoundError:
        return settings, []
    except DamagedFile as exc:
        return settings, [f"{exc}; using the default settings"]
    values = data.get("settings")
    if not isinstance(values, dict):
        return settings, [f"{path.name} has no settings; using the defaults"]
    notes = []
    for f in fields(Settings):
        if f.name not in values:
            continue
        default = getattr(settings, f.name)
        try:
            setattr(settings, f.name, _check(f.name, values[f.name], default))
        except ValueError as reason:
            notes.append(f"{path.name}: '{f.name}' {reason}; using {default!r}")
    return settings, notes


def save_settings(settings: Settings, path: Path | None = None) -> None:
    write_json(path or settings_path(), envelope(KIND, VERSION, VERSION, settings=asdict(settings)))
