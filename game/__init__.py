"""Her: a narrative game after Spike Jonze's film, with its story engine and tools."""

__version__ = "0.1.0"  # the one place the version is written: pyproject.toml reads it from here


def version() -> str:
    """The installed distribution's version (its metadata), else the one written above."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("her-game")
    except PackageNotFoundError:
        return __version__
