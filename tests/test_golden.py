"""Golden outputs of the example texts: any change to a summary must be deliberate.

Each ``examples/NAME.txt`` has ``tests/golden/NAME.json`` holding ``summarize(text, **budget)
.to_dict()`` for a few budgets and the underthesea version that produced it (its models decide
the words and hence the scores). Regenerate after an intended change, and review the diff:

    pytest tests/test_golden.py --update-golden
    UPDATE_GOLDEN=1 pytest tests/test_golden.py          # the same
"""

from __future__ import annotations

import json
import math
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

from summarize import summarize

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
BUDGETS: dict[str, dict[str, Any]] = {
    "default": {},
    "sentences=1": {"sentences": 1},
    "ratio=0.3": {"ratio": 0.3},
    "words=60": {"words": 60},
}
REGENERATE = "pytest tests/test_golden.py --update-golden (or UPDATE_GOLDEN=1)"


def example_names() -> list[str]:
    return sorted(path.stem for path in EXAMPLES.glob("*.txt"))


def current_output(name: str) -> dict[str, Any]:
    """The golden record; ``all_sentences`` is stored once, under the default budget."""
    text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    outputs = {label: summarize(text, **budget).to_dict() for label, budget in BUDGETS.items()}
    every = outputs["default"]["all_sentences"]
    for label, output in outputs.items():
        if label != "default":
            # The budget picks sentences; it must not change the document model.
            assert output.pop("all_sentences") == every, f"{name}: {label} changed all_sentences"
    return {"example": f"examples/{name}.txt", "underthesea": version("underthesea"), **outputs}


def first_difference(expected: Any, actual: Any, path: str = "") -> str | None:
    """Where ``actual`` departs from ``expected``; floats may differ in their last bits."""
    if isinstance(expected, float) and isinstance(actual, float):
        if math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-12):
            return None
    elif isinstance(expected, dict) and isinstance(actual, dict):
        if list(expected) != list(actual):
            return f"{path or '/'}: keys {list(expected)} != {list(actual)}"
        for key in expected:
            found = first_difference(expected[key], actual[key], f"{path}/{key}")
            if found:
                return found
        return None
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{path}: {len(expected)} items expected, got {len(actual)}: {actual!r:.300}"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            found = first_difference(e, a, f"{path}/{i}")
            if found:
                return found
        return None
    elif type(expected) is type(actual) and expected == actual:
        return None
    return f"{path}: expected {expected!r:.200}, got {actual!r:.200}"


def test_there_are_examples():
    assert example_names(), f"no example texts in {EXAMPLES}"


def test_every_golden_file_has_its_example(update_golden):
    stale = sorted({p.stem for p in GOLDEN.glob("*.json")} - set(example_names()))
    if update_golden:
        for name in stale:
            (GOLDEN / f"{name}.json").unlink()
        return
    assert not stale, f"golden files without an example: {stale}; remove them or run {REGENERATE}"


@pytest.mark.parametrize("name", example_names())
def test_golden(name, update_golden):
    path = GOLDEN / f"{name}.json"
    actual = current_output(name)
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file for examples/{name}.txt; create it with {REGENERATE}")
    expected = json.loads(path.read_text(encoding="utf-8"))
    if expected.get("underthesea") != actual["underthesea"]:
        pytest.fail(
            f"{path.name} was recorded with underthesea {expected.get('underthesea')}, but "
            f"{actual['underthesea']} is installed; its word segmentation changes the scores. "
            f"Regenerate the golden files with {REGENERATE} and review the diff."
        )
    difference = first_difference(expected, actual)
    assert difference is None, (
        f"examples/{name}.txt no longer gives its golden output at {difference}. If the change "
        f"is intended, run {REGENERATE} and review the diff."
    )
