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


# The seed's passages by line number of the file (1-based), read from its structure: the six
# months' results (17-23, where "Tiếp tục ..." reports continued work), the shortcomings the
# report lists after "những hạn chế, khuyết điểm như:" (25-29), the tasks the meeting set
# (31-33) and the directions of the closing speech (42-44). Lines 38 and 40 report the
# delegates' discussion and the speaker's praise: they belong to no section's passage.
PASSAGES = {
    "results": range(17, 24),
    "limitations": range(25, 30),
    "next_tasks": range(31, 34),
}
SECTION_LINES = {**PASSAGES, "next_tasks": (*range(31, 34), *range(42, 45))}


def line_of(seed: str, offset: int) -> int:
    return seed.count("\n", 0, offset) + 1


def test_each_section_is_filled_from_its_own_passage(seed, summaries):
    """The issue's check: every sentence in a section truly belongs there, none is empty."""
    for name, group in summaries[3].sections.items():
        assert group, f"the {name} section is empty"
        for sentence in group:
            assert line_of(seed, sentence.start) in SECTION_LINES[name], (name, sentence.text)
            assert sentence.noise is None and sentence.section == name


def test_every_sentence_of_a_passage_gets_the_passage_label(seed, summaries):
    """Context, not keywords: "Tiếp tục ..." among the results is a result, every item of the
    list of shortcomings a limitation, the sentences after "từ nay đến cuối năm" tasks."""
    for sentence in summaries[3].all_sentences:
        line = line_of(seed, sentence.start)
        for name, lines in PASSAGES.items():
            if line in lines and sentence.noise is None:
                assert sentence.section == name, (line, sentence.section, sentence.text)
