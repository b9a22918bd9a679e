"""The `packaging` marker: builds and installs the real wheel (a few seconds; deselect with -m 'not packaging')."""


def pytest_configure(config):
    config.addinivalue_line("markers", "packaging: builds the wheel and runs the installed game (runs by default, ~10 s)")
