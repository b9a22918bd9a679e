"""Her: a narrative game after Spike Jonze's film, with its story engine and tools."""

__version__ = "0.1.0"
