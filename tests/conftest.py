"""Shared test configuration: the hypothesis profile and the ``--update-golden`` switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = ROOT.parent / "shared" / "seed" / "hoi-nghi-giao-ban.txt"

# "ci" keeps the suite fast on two cores; "dev" digs deeper when asked for
# (HYPOTHESIS_PROFILE=dev pytest tests/test_properties.py).
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=500, deadline=None)
# "deep" is the long fuzzing run of docs/reliability.md: 2,500 examples per test, so at least
# 20,000 over tests/test_fuzz.py (HYPOTHESIS_PROFILE=deep pytest tests/test_fuzz.py).
settings.register_profile(
    "deep",
    max_examples=2_500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json from the current output (also: UPDATE_GOLDEN=1)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when golden files should be rewritten instead of compared."""
    flag = bool(request.config.getoption("--update-golden"))
    return flag or os.environ.get("UPDATE_GOLDEN", "") not in ("", "0")
