"""Property-based fuzzing of normalisation, segmentation, the selector, HTML and summarize().

The text is Vietnamese-like (generated syllables with tone marks) shot through with what breaks
parsers: control characters, zero-width characters, every line break, quotes, abbreviations,
numbers, URLs, HTML, emoji, other scripts, combining marks, lone surrogates, and arbitrary
Unicode. The profile (conftest.py) sets the number of examples: "ci" by default, "deep" for
the long run of docs/reliability.md::

    HYPOTHESIS_PROFILE=deep pytest tests/test_fuzz.py -q --hypothesis-show-statistics
"""

from __future__ import annotations

import html
import json
import math
import unicodedata

import numpy as np
import scipy.sparse as sp
from _contract import check_summary
from _optional import require
from hypothesis import given
from hypothesis import strategies as st

from summarize import Summarizer
from summarize.normalize import normalize
from summarize.readers.html import read_html
from summarize.readers.stdlib_html import visible_text
from summarize.segment import segment
from summarize.select import Budget, select

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph",
          "qu", "s", "t", "th", "tr", "v", "x", "B", "Đ", "H", "N", "T"]  # fmt: skip
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ia", "ươ", "uô", "oa"]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
CODAS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u"]
NASTY = [
    # separators and line breaks
    " ", " ", " ", " ", "\t", "\n", "\n\n", "\r\n", "\r", "\f", "\x0b", "\x85", "\u2028",
    "\u2029", "\x1c", "\u00a0", "\u3000",
    # punctuation, quotes, brackets
    ".", ".", ". ", "! ", "? ", "?!", "…", "...", ",", ";", ":", "“", "”", '"', "'", "‘", "’",
    "«", "»", "(", ")", "[", "]", "-", " - ", "–", "—",
    # guarded spans
    "PGS.TS.", "TP.", "ThS.", "Q.", "V.", "5.000", "2,5", "1.234.567,89", "12/3",
    "https://vi-du.vn/a.b?c=1.", "www.vi-du.com.vn", "ban@vi-du.vn", "tinhuy.gov.vn",
    # page furniture
    "TTO -", "(Ảnh: Minh Anh)", "-0", "Quang cảnh hội nghị.", "Kết quả đạt được:",
    # markup
    "<p>", "</p>", "<br>", "<script>var x = 1;</script>", "<!--", "-->", "&amp;", "&#7879;",
    "<a href='x'>", "<", "<![", "<![CDATA[", "]]>", "<![if !x]>", "<![endif]>", "<!", "</",
    "<?", ">",
    # invisible, control and odd characters
    "\x00", "\x01", "\x1b[0m", "\x7f", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
    "\u202e", "\u200f", "\ufffd", "\udcff", "\ud800", "\ue000", "\uffff", "\u0301", "\u0323",
    # other scripts and emoji
    "中文。", "Русский.", "مرحبا.", "שלום", "한국어", "𝐀𝐁", "Ｈà", "😀", "👨‍👩‍👧‍👦", "🇻🇳", "👍🏽",
]  # fmt: skip


@st.composite
def syllables(draw: st.DrawFn) -> str:
    vowel = draw(st.sampled_from(VOWELS))
    syllable = draw(st.sampled_from(ONSETS)) + vowel[0] + draw(st.sampled_from(TONES))
    syllable += vowel[1:] + draw(st.sampled_from(CODAS))
    form = draw(st.sampled_from(["NFC", "NFC", "NFC", "NFD"]))
    return unicodedata.normalize(form, syllable)


PIECES = st.one_of(
    syllables(),
    syllables(),
    syllables(),
    st.sampled_from(NASTY),
    st.text(max_size=4),  # anything at all (surrogates excepted: NASTY has some)
)
LINE_BREAKS = st.sampled_from(["\n", "\n", "\n\n", "\r\n", "\r", "\u2028", "\f"])
_lines = st.lists(st.lists(PIECES, max_size=25).map("".join), min_size=2, max_size=12)
nasty_texts = st.one_of(
    st.lists(PIECES, max_size=80).map("".join),  # anything, mostly one line
    st.tuples(_lines, LINE_BREAKS).map(lambda parts: parts[1].join(parts[0])),  # a page
)
BUDGETS = st.one_of(
    st.just({}),
    st.builds(dict, sentences=st.integers(1, 8)),
    st.builds(dict, ratio=st.floats(0.01, 1.0)),
    st.builds(dict, words=st.integers(1, 120)),
)
WORD = Summarizer()
FAST = Summarizer(tokenizer="syllable", sections=False)
FAST_HTML = Summarizer(tokenizer="syllable", sections=False, html=True)
LINES = Summarizer(split="lines", sections=False)
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _blank(char: str) -> bool:
    """What segmentation strips from the ends of lines and sentences."""
    return char.isspace() or not char.isprintable()


@given(nasty_texts)
def test_normalize_gives_nfc_and_offsets_that_cover(text: str) -> None:
    norm = normalize(text)
    assert norm.text == unicodedata.normalize("NFC", text)
    n = len(norm.text)
    for start, end in [(0, n), (0, n // 2), (n // 3, n), (n // 4, 3 * n // 4)]:
        o_start, o_end = norm.to_original(start, end)
        assert 0 <= o_start <= o_end <= len(text)
        assert norm.text[start:end] in unicodedata.normalize("NFC", text[o_start:o_end])


@given(nasty_texts, st.sampled_from(["auto", "lines"]))
def test_segmentation_invariants(raw: str, split: str) -> None:
    text = unicodedata.normalize("NFC", raw)
    seg = segment(text, split=split)
    previous = 0
    for start, end in seg.lines:
        assert previous <= start < end <= len(text)
        line = text[start:end]
        assert not _blank(line[0]) and not _blank(line[-1])
        assert not any(c in _BREAKS for c in line)
        previous = end
    previous = 0
    covered = [False] * len(text)
    for span in seg.sentences:
        line_start, line_end = seg.lines[span.line]
        assert line_start <= span.start < span.end <= line_end
        assert previous <= span.start
        assert not _blank(text[span.start]) and not _blank(text[span.end - 1])
        covered[span.start : span.end] = [True] * (span.end - span.start)
        previous = span.end
    if split == "lines":
        assert [(s.start, s.end) for s in seg.sentences] == list(seg.lines)
    # Nothing visible is lost: every character outside a sentence is blank.
    assert all(covered[i] or _blank(c) for i, c in enumerate(text))
    assert segment(text, split=split) == seg  # deterministic


@given(nasty_texts, nasty_texts)
def test_lines_are_segmented_independently(first: str, second: str) -> None:
    a, b = unicodedata.normalize("NFC", first), unicodedata.normalize("NFC", second)
    joined = segment(a + "\n" + b).sentences
    alone = segment(a).sentences
    shift, lines = len(a) + 1, len(segment(a).lines)
    expected = [(s.start, s.end) for s in alone] + [
        (s.start + shift, s.end + shift) for s in segment(b).sentences
    ]
    assert [(s.start, s.end) for s in joined] == expected
    assert all(s.line < lines for s in joined[: len(alone)])


@st.composite
def selector_inputs(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(0, 25))
    scores = np.array(draw(st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n)))
    eligible = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    lengths = draw(st.lists(st.integers(0, 60), min_size=n, max_size=n))
    pairs = draw(
        st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, n)), max_size=3 * n)
    )
    values = draw(st.lists(st.floats(0.01, 1.0), min_size=len(pairs), max_size=len(pairs)))
    rows, cols, data = [], [], []
    for (i, j), v in zip(pairs, values, strict=True):
        if n and i != j and j < n:
            rows += [i, j]
            cols += [j, i]
            data += [v, v]
    similarity = sp.coo_matrix((data, (rows, cols)), shape=(n, n)).tocsr()
    similarity.sum_duplicates()
    similarity.data = np.minimum(similarity.data, 1.0)
    return scores, similarity, eligible, lengths


@given(
    selector_inputs(),
    BUDGETS,
    st.floats(0.0, 1.0),
    st.floats(0.05, 1.0),
)
def test_selector_invariants(
    inputs: tuple, budget_options: dict, diversity: float, cap: float
) -> None:
    scores, similarity, eligible, lengths = inputs
    budget = Budget.from_options(**budget_options)
    chosen = select(
        scores, similarity, eligible, lengths, budget, diversity=diversity, max_similarity=cap
    )
    assert list(chosen) == sorted(set(chosen))
    assert all(eligible[i] for i in chosen)
    n_eligible = sum(eligible)
    assert bool(chosen) == bool(n_eligible)
    if budget.sentences is not None:
        assert len(chosen) <= budget.sentences
    elif budget.ratio is not None:
        assert len(chosen) <= max(1, math.ceil(budget.ratio * n_eligible + 1e-9))
    elif budget.words is not None and len(chosen) > 1:
        assert sum(lengths[i] for i in chosen) <= budget.words
    dense = similarity.toarray()
    for a in chosen:
        for b in chosen:
            assert a == b or dense[a, b] <= cap, "two near-duplicates chosen"
    if n_eligible and diversity < 1.0:
        candidates = [i for i in range(len(scores)) if eligible[i]]
        best = max(candidates, key=lambda i: (scores[i], -i))
        assert best in chosen, "the best sentence must always be chosen"
    again = select(
        scores, similarity, eligible, lengths, budget, diversity=diversity, max_similarity=cap
    )
    assert again == chosen


@given(nasty_texts, BUDGETS)
def test_summarize_keeps_the_contract(text: str, budget: dict) -> None:
    check_summary(text, WORD.summarize(text, **budget), budget)


@given(nasty_texts)
def test_fast_mode_and_line_mode_keep_the_contract(text: str) -> None:
    check_summary(text, FAST.summarize(text))
    check_summary(text, LINES.summarize(text))


@given(nasty_texts)
def test_nfd_input_gives_the_nfc_summary(text: str) -> None:
    composed = FAST.summarize(unicodedata.normalize("NFC", text))
    decomposed_text = unicodedata.normalize("NFD", text)
    decomposed = FAST.summarize(decomposed_text)
    check_summary(decomposed_text, decomposed)
    assert [s.index for s in decomposed.sentences] == [s.index for s in composed.sentences]
    assert [unicodedata.normalize("NFC", s.text) for s in decomposed.all_sentences] == [
        s.text for s in composed.all_sentences
    ]


@given(nasty_texts)
def test_html_extraction_is_total_and_drops_scripts(text: str) -> None:
    require("trafilatura")
    page = f"<html><body><p>{text}</p><script>var bí_mật = 1;</script></body></html>"
    assert "bí_mật" not in visible_text(page)  # the fallback extractor
    visible_text(text)  # never raises, whatever the markup
    # An independent expectation: escaped text in a paragraph renders as the browser shows
    # it, whitespace collapsed (not the extractor compared with itself).
    assert visible_text(f"<p>{html.escape(text)}</p>") == " ".join(text.split())
    document = read_html(page, "<str>")
    assert "bí_mật" not in document.text
    summary = FAST_HTML.summarize(page)
    assert summary.source_text == document.text
    check_summary(page, summary)
    json.dumps(summary.to_dict(), ensure_ascii=False)
