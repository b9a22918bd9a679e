"""What replaying is built on: the route map's layout, the letters book, and the record of routes.

Pure Python (no pygame), read by the window's map and book screens and by the tests.
"""
