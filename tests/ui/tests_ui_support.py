"""Paths shared by the window tests."""

from pathlib import Path

STORIES = Path(__file__).resolve().parent.parent / "stories"
BASIC = STORIES / "basic"
