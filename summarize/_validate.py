"""Argument checks with uniform messages (in the manner of textacy's ``errors`` helpers).

Every public entry point validates its arguments before doing any work, so a bad option fails
with a ``ValueError`` that names the option and what it accepts, never with a traceback from
inside numpy, scikit-learn or underthesea.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import Any


def invalid(name: str, value: Any, allowed: str) -> ValueError:
    """Build the error for option ``name`` holding ``value``; ``allowed`` says what would do."""
    return ValueError(f"`{name}` = {value!r} is invalid; must be {allowed}")


def check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"`text` must be str, not {type(text).__name__}")
    return text


def check_choice(name: str, value: Any, choices: Collection[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise invalid(name, value, "one of " + ", ".join(repr(c) for c in sorted(choices)))
    return value


def check_int(name: str, value: Any, *, minimum: int, maximum: int | None = None) -> int:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= minimum
    if ok and maximum is not None:
        ok = value <= maximum
    if not ok:
        bound = f"an int >= {minimum}" if maximum is None else f"an int in [{minimum}, {maximum}]"
        raise invalid(name, value, bound)
    return int(value)


def check_float(
    name: str,
    value: Any,
    *,
    low: float,
    high: float,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Accept a real number in the interval given by ``low``/``high`` and their openness."""
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if ok:
        above = value > low if low_open else value >= low
        below = value < high if high_open else value <= high
        ok = above and below
    if not ok:
        interval = f"{'(' if low_open else '['}{low}, {high}{')' if high_open else ']'}"
        raise invalid(name, value, f"a number in {interval}")
    return float(value)


def check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise invalid(name, value, "True or False")
    return value
