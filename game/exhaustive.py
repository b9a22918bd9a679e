"""`assert_never`: the last arm of a `match` over a closed set of types (Python 3.10 has none).

A type checker reports an arm left out (the value's type is not `NoReturn` there), and at
run time an unexpected value fails loudly instead of being skipped in silence.
"""

from __future__ import annotations

from typing import NoReturn


def assert_never(value: NoReturn) -> NoReturn:
    raise AssertionError(f"unhandled {type(value).__name__}: {value!r}")
