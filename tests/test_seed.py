"""The issue's acceptance check on the pasted news seed (read at run time, never copied).

``../shared/seed/hoi-nghi-giao-ban.txt`` is real pasted news with a title, a byline, captions,
alt-text and a caption printed twice. The furniture is recognised here from the raw lines, by
rules independent of summarize.noise, so the test does not grade the detector by itself.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from summarize import Summarizer

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "hoi-nghi-giao-ban.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"{SEED} is absent")


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def furniture_lines(text: str) -> set[str]:
    """Title, bylines, alt-text, short captions and repeated lines, straight from the file."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    counts = Counter(lines)
    found = {lines[0]}
    for line in lines:
        if (
            counts[line] > 1
            or re.fullmatch(r"[A-ZĐ]{2,10}\s*-", line)
            or line.endswith("-0")
            or len(line.split()) <= 6
        ):
            found.add(line)
    return found


@pytest.fixture(scope="module")
def summaries(seed):
    summarizer = Summarizer()
    return {n: summarizer.summarize(seed, sentences=n) for n in range(1, 11)}


def test_the_seed_has_the_furniture_this_test_is_about(seed):
    furniture = furniture_lines(seed)
    assert len(furniture) >= 5  # title, byline, alt-text lines, a short caption, a repeat


@pytest.mark.parametrize("n", range(1, 11))
def test_no_furniture_is_ever_selected(seed, summaries, n):
    summary = summaries[n]
    assert len(summary.sentences) == n
    furniture = furniture_lines(seed)
    for sentence in summary.sentences:
        assert seed[sentence.start : sentence.end] == sentence.text
        assert sentence.noise is None
        line_start = seed.rfind("\n", 0, sentence.start) + 1
        line_end = seed.find("\n", sentence.end)
        line = seed[line_start : line_end if line_end >= 0 else len(seed)].strip()
        assert line not in furniture, sentence.text


def test_the_title_is_detected(seed, summaries):
    title = seed.strip().splitlines()[0].strip()
    for summary in summaries.values():
        assert summary.title == title
        assert summary.all_sentences[0].noise == "title"


def test_every_furniture_line_is_noise(seed, summaries):
    summary = summaries[10]
    furniture = furniture_lines(seed)
    for sentence in summary.all_sentences:
        if sentence.text in furniture:
            assert sentence.noise is not None, sentence.text
