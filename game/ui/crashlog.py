"""When something goes wrong: the log in the data folder, and quitting cleanly on a signal."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

import pygame

from game.paths import user_data_dir

log = logging.getLogger("her.ui")
LOG_NAME = "her-errors.log"


def quit_on_terminate() -> None:
    """A logout or `kill` closes the game as the window's close button does: autosaved."""
    import signal

    try:
        signal.signal(signal.SIGTERM, lambda signum, frame: pygame.event.post(pygame.event.Event(pygame.QUIT)))
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM here
        pass


def setup_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="her: %(message)s")


def build_line() -> str:
    """What ran: the game's version, Python's, pygame's and the system (a crash report's first question)."""
    from game import __version__

    frozen = " (standalone)" if getattr(sys, "frozen", False) else ""
    return (f"her {__version__}{frozen}, Python {platform.python_version()}, pygame-ce {pygame.version.ver}, "
            f"{platform.system()} {platform.release()} {platform.machine()}")


def log_exception(exc: BaseException) -> Path:
    """Append the traceback to her-errors.log in the data folder; return its path."""
    path = Path(LOG_NAME)
    try:
        path = user_data_dir() / LOG_NAME  # an unusable data folder must not break the crash handler
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} · {build_line()}\n")
            handle.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    except OSError:
        pass
    log.error("unexpected error: %s (details in %s)", exc, path)
    return path


