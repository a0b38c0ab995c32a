"""The extractive contract, on generated Vietnamese-like text (hypothesis).

Text is built from syllables (onset + vowel with a tone mark + coda), numbers, abbreviations,
quotes, punctuation and every kind of line break, so it reaches the segmenter's guards and the
noise rules. The profile ("ci" by default, see conftest.py) is chosen by HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import json
import math
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from summarize import Summarizer, Summary
from summarize.select import REPORT_SENTENCES
from summarize.tokenize import word_count

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph",
          "qu", "s", "t", "th", "tr", "v", "x"]  # fmt: skip
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ia", "ươ", "uô", "oa"]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền sắc hỏi ngã nặng
CODAS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u"]
SPECIAL = ["5.000", "2,5", "1.234.567,89", "2024", "TP.", "PGS.TS.", "ThS.", "www.sonha.gov.vn"]
ENDINGS = [".", ".", ".", "!", "?", "…", "", ":"]
BREAKS = [" ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\n \n"]


@st.composite
def syllables(draw) -> str:
    vowel = draw(st.sampled_from(VOWELS))
    tone = draw(st.sampled_from(TONES))
    # The tone goes on the first vowel letter; NFC composes it where Unicode can.
    syllable = draw(st.sampled_from(ONSETS)) + vowel[0] + tone + vowel[1:]
    syllable += draw(st.sampled_from(CODAS))
    return unicodedata.normalize("NFC", syllable)


@st.composite
def sentences(draw) -> str:
    word = st.one_of(syllables(), syllables(), syllables(), syllables(), st.sampled_from(SPECIAL))
    words = draw(st.lists(word, min_size=1, max_size=14))
    if draw(st.booleans()):
        words[0] = words[0][:1].upper() + words[0][1:]
    body = " ".join(words)
    if draw(st.integers(0, 9)) == 0:
        body = f"“{body}.”"
    elif draw(st.integers(0, 9)) == 0:
        body = f'"{body}"'
    return body + draw(st.sampled_from(ENDINGS))


@st.composite
def documents(draw) -> str:
    parts = draw(st.lists(sentences(), min_size=1, max_size=14))
    if draw(st.integers(0, 3)) == 0:  # a caption printed twice
        parts.insert(draw(st.integers(0, len(parts))), parts[0])
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(BREAKS)) + part
    return draw(st.sampled_from(["", " ", "\n"])) + text + draw(st.sampled_from(["", "\n"]))


BUDGETS = st.one_of(
    st.builds(dict, sentences=st.integers(1, 6)),
    st.builds(dict, ratio=st.floats(0.01, 1.0)),
    st.builds(dict, words=st.integers(1, 80)),
    st.just({}),
)
FAST = Summarizer(sections=False)  # the word tokenizer, without the sections stage


def has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def check_contract(text: str, summary: Summary) -> None:
    previous_end = 0
    for position, sentence in enumerate(summary.all_sentences):
        assert sentence.index == position
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert previous_end <= sentence.start < sentence.end
        previous_end = sentence.end
    chosen = [s.index for s in summary.sentences]
    assert chosen == sorted(set(chosen))  # document order, no repeats
    for sentence in summary.sentences:
        assert summary.all_sentences[sentence.index] == sentence
    if any(s.noise is None for s in summary.all_sentences):
        assert all(s.noise is None for s in summary.sentences)
    if has_letter(text):
        assert summary.sentences


@given(documents(), BUDGETS)
def test_extractive_contract(text, budget):
    summary = FAST.summarize(text, **budget)
    check_contract(text, summary)
    eligible = sum(s.noise is None for s in summary.all_sentences) or len(summary.all_sentences)
    if "sentences" in budget:
        assert len(summary) <= budget["sentences"]
    elif "ratio" in budget:
        assert len(summary) <= max(1, math.ceil(budget["ratio"] * eligible + 1e-9))
    elif "words" in budget and len(summary) > 1:
        assert sum(word_count(s.text) for s in summary.sentences) <= budget["words"]
    else:
        assert len(summary) <= REPORT_SENTENCES


@given(documents())
def test_syllable_tokenizer_and_line_split_keep_the_contract(text):
    check_contract(text, Summarizer(tokenizer="syllable", sections=False).summarize(text))
    check_contract(text, Summarizer(split="lines", sections=False).summarize(text))


@given(documents(), BUDGETS)
def test_deterministic(text, budget):
    first = json.dumps(Summarizer().summarize(text, **budget).to_dict(), ensure_ascii=False)
    second = json.dumps(Summarizer().summarize(text, **budget).to_dict(), ensure_ascii=False)
    assert first.encode() == second.encode()


@given(documents())
def test_nfc_and_nfd_input_give_the_same_summary(text):
    decomposed = unicodedata.normalize("NFD", text)
    composed = Summarizer().summarize(text)
    from_nfd = Summarizer().summarize(decomposed)
    check_contract(decomposed, from_nfd)
    assert [s.index for s in from_nfd.sentences] == [s.index for s in composed.sentences]
    assert len(from_nfd.all_sentences) == len(composed.all_sentences)
    for a, b in zip(composed.all_sentences, from_nfd.all_sentences, strict=True):
        assert a.score == b.score
        assert (a.noise, a.section) == (b.noise, b.section)
        assert unicodedata.normalize("NFC", b.text) == a.text
    assert from_nfd.sections.items() == tuple(
        (name, tuple(from_nfd.all_sentences[s.index] for s in group))
        for name, group in composed.sections.items()
    )
    title = from_nfd.title and unicodedata.normalize("NFC", from_nfd.title)
    assert title == composed.title
