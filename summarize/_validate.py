"""Argument checks with uniform messages (in the manner of textacy's ``errors`` helpers).

Every public entry point validates its arguments before doing any work, so a bad option fails
with a ``ValueError`` that names the option and what it accepts, never with a traceback from
inside numpy, scikit-learn or underthesea.
"""

from __future__ import annotations

import math
import numbers
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
    """Accept an integer (numpy's too: ``np.int64(3)``, what numpy arithmetic gives) that
    is not a bool, in ``[minimum, maximum]``; return it as a plain ``int``."""
    ok = isinstance(value, numbers.Integral) and not _is_bool(value) and int(value) >= minimum
    if ok and maximum is not None:
        ok = int(value) <= maximum
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
    """Accept a finite real number (numpy's too), not a bool, in the interval given by
    ``low``/``high`` and their openness; return it as a plain ``float``."""
    ok = isinstance(value, numbers.Real) and not _is_bool(value) and math.isfinite(value)
    if ok:
        above = value > low if low_open else value >= low
        below = value < high if high_open else value <= high
        ok = above and below
    if not ok:
        interval = f"{'(' if low_open else '['}{low}, {high}{')' if high_open else ']'}"
        raise invalid(name, value, f"a number in {interval}")
    return float(value)


def _is_bool(value: object) -> bool:
    """``True``/``False`` and numpy's booleans, which are not numbers here."""
    return isinstance(value, bool) or type(value).__name__ == "bool_"


def check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise invalid(name, value, "True or False")
    return value
