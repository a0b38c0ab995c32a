"""Tests that need an optional package: skipped without it, failed without it under CI.

The core tests need only pytest and hypothesis (``pip install -e ".[test]"``); the readers, Dask,
the benchmark and its peers live in other extras (``.[all]`` installs everything). On a
developer's machine a test module whose package is absent is skipped; with the ``CI`` variable
set (``.ci/run`` sets it and installs ``.[all]``) the import is a plain one, so a package that
CI failed to install fails the run instead of hiding as a skip.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from types import ModuleType

import pytest


def require(name: str) -> ModuleType:
    """The module ``name``; skip the calling test (or module) when it is not installed,
    unless ``CI`` is set, where its absence raises ``ModuleNotFoundError``."""
    if os.environ.get("CI"):
        return importlib.import_module(name)
    return pytest.importorskip(name)


def available(name: str) -> bool:
    """Whether the parts of a test that need ``name`` should run: it is installed, or ``CI``
    is set (where a missing package must fail the test, not shrink it)."""
    return bool(os.environ.get("CI")) or importlib.util.find_spec(name) is not None
