"""The extractive contract, checked on any input: shared by the adversarial and fuzz tests."""

from __future__ import annotations

import json
import math
import unicodedata
from typing import Any

from summarize import Summary
from summarize.noise import syllable_count
from summarize.select import NEWS_WORDS, REPORT_SENTENCES


def has_word(text: str) -> bool:
    """True when ``text`` holds a letter or a digit: then a summary may not be empty."""
    return any(c.isalnum() for c in text)


def check_summary(text: str, summary: Summary, budget: dict[str, Any] | None = None) -> None:
    """Every promise of :class:`summarize.Summary` about ``text`` (the caller's input).

    Offsets index ``summary.source_text`` when the input was HTML, else ``text`` itself;
    sentences are exact slices, in document order, disjoint; the summary is a subset in
    document order without repeats, within ``budget``; ``to_dict`` is JSON-serialisable.
    """
    assert isinstance(summary, Summary)
    source = text if summary.source_text is None else summary.source_text
    previous_end = 0
    for position, sentence in enumerate(summary.all_sentences):
        assert sentence.index == position
        assert source[sentence.start : sentence.end] == sentence.text
        assert sentence.text, "empty sentence"
        assert previous_end <= sentence.start < sentence.end <= len(source)
        assert math.isfinite(sentence.score)
        previous_end = sentence.end
    # An expectation independent of the offsets: each sentence, in NFC, is found in the NFC
    # text, in order. Offsets that cut a letter from its marks (NFD input) garble the slice,
    # and ``source[start:end] == text`` alone cannot see it (both come from the offsets).
    analysed, cursor = unicodedata.normalize("NFC", source), 0
    for sentence in summary.all_sentences:
        piece = unicodedata.normalize("NFC", sentence.text)
        found = analysed.find(piece, cursor)
        assert found >= 0, f"sentence {sentence.index} is not a slice of the NFC text"
        cursor = found + len(piece)
    chosen = [s.index for s in summary.sentences]
    assert chosen == sorted(set(chosen)), "summary not in document order or repeated"
    for sentence in summary.sentences:
        assert summary.all_sentences[sentence.index] == sentence
    for _, group in summary.sections.items():
        assert len({s.index for s in group}) == len(group)  # most representative first
    if summary.title is not None:
        assert summary.title in source
    check_budget(summary, budget or {})
    if has_word(source) and any(has_word(s.text) for s in summary.all_sentences):
        assert summary.sentences, "a text with a word got an empty summary"
    json.dumps(summary.to_dict(), ensure_ascii=False)  # surrogates survive ensure_ascii=False


def check_budget(summary: Summary, budget: dict[str, Any]) -> None:
    count = len(summary.sentences)
    if "ratio" in budget:
        total = len(summary.all_sentences)
        assert count <= max(1, math.ceil(budget["ratio"] * total + 1e-9))
    elif "words" in budget:
        if count > 1:
            words = sum(
                syllable_count(unicodedata.normalize("NFC", s.text)) for s in summary.sentences
            )
            assert words <= budget["words"]
    elif "sentences" in budget:
        assert count <= budget["sentences"]
    else:  # the default: 4 sentences of a report, or what fits in 90 syllables
        assert count <= REPORT_SENTENCES
        report = any(s.section is not None for s in summary.all_sentences)
        if not report and count > 1:
            words = sum(
                syllable_count(unicodedata.normalize("NFC", s.text)) for s in summary.sentences
            )
            assert words <= NEWS_WORDS
