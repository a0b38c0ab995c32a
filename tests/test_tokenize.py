"""tokenize: lowercase NFC terms, punctuation dropped, numbers kept, stop words removed."""

from __future__ import annotations

import unicodedata
from importlib import resources

import pytest

from summarize import tokenize
from summarize.tokenize import (
    MAX_WORD_SEGMENTED_CHARS,
    get_tokenizer,
    normalize_token,
    stopwords,
    syllable_terms,
    word_count,
    word_terms,
)


def stopword_entries() -> list[str]:
    source = resources.files("summarize").joinpath("data/stopwords.txt")
    lines = source.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture
def fake_segmenter(monkeypatch):
    """Replace underthesea's word segmenter by a fixed answer: tests our filtering alone."""
    answer: list[str] = []
    monkeypatch.setattr(tokenize, "_word_tokenize", lambda: lambda sentence: list(answer))
    return answer


def test_word_terms_filter_the_segmenters_tokens(fake_segmenter):
    fake_segmenter.extend(
        [
            "Hội nghị",
            "đã",
            "phát triển",
            "Nghị quyết",
            "và",
            "12",
            ",",
            "–",
            "5.000",
            "Ngân sách",
            "…",
        ]
    )
    assert {"đã", "và"} <= stopwords()
    assert word_terms("(ignored by the fake)") == [
        "hội nghị",
        "phát triển",
        "nghị quyết",
        "12",
        "5.000",
        "ngân sách",
    ]


def test_word_terms_with_underthesea_keep_multi_syllable_words():
    terms = word_terms("Hội nghị đã thông qua Nghị quyết về phát triển kinh tế năm 2024.")
    assert "hội nghị" in terms
    assert "nghị quyết" in terms
    assert "kinh tế" in terms
    assert "2024" in terms
    assert "đã" not in terms
    assert "." not in terms
    assert all(t == t.lower() and unicodedata.is_normalized("NFC", t) for t in terms)


def test_numbers_are_kept_and_symbols_dropped():
    terms = word_terms("Tăng trưởng đạt 6,5% so với 1.234 tỷ đồng năm 2023!")
    for number in ("6,5", "1.234", "2023"):
        assert number in terms
    assert not {"%", "!", ","} & set(terms)


def test_an_overlong_sentence_falls_back_to_syllables(fake_segmenter):
    fake_segmenter.append("never used")
    sentence = "Hội nghị " * (MAX_WORD_SEGMENTED_CHARS // 9 + 1)
    assert len(sentence) > MAX_WORD_SEGMENTED_CHARS
    assert set(word_terms(sentence)) == {"hội", "nghị"}


def test_syllable_terms_unigrams_and_bigrams():
    assert syllable_terms("Hội nghị đã Thông qua.") == [
        "hội",
        "nghị",
        "thông",
        "qua",
        "hội nghị",
        "nghị đã",
        "đã thông",
        "thông qua",
    ]
    assert syllable_terms("Hội nghị đã thông qua.", bigrams=False) == [
        "hội",
        "nghị",
        "thông",
        "qua",
    ]


def test_a_bigram_of_two_stop_words_is_dropped():
    assert {"và", "của"} <= stopwords()
    assert "và của" not in syllable_terms("nhà và của cải")
    assert syllable_terms("và của") == []


def test_normalize_token():
    assert normalize_token("  Xây   Dựng ") == "xây dựng"
    assert normalize_token("ĐẢNG") == "đảng"
    assert normalize_token("2,5") == "2,5"
    for symbol in ("...", "–", "%", "“", "-", ""):
        assert normalize_token(symbol) is None


def test_get_tokenizer_registry():
    assert get_tokenizer("word") is word_terms
    assert get_tokenizer("syllable") is syllable_terms
    with pytest.raises(ValueError, match=r"`tokenizer` = 'char'.*'syllable', 'word'"):
        get_tokenizer("char")
    assert tokenize.tokenize(["Hội nghị.", "…"], "syllable") == [["hội", "nghị", "hội nghị"], []]


def test_word_count_counts_written_syllables():
    assert word_count("Hội nghị đã thông qua 5.000 tỷ đồng!") == 9
    assert word_count("— …") == 0


def test_stopwords_are_loaded_once():
    assert stopwords() is stopwords()
    assert len(stopwords()) >= 100


def test_every_stopword_survives_our_normalisation():
    entries = stopword_entries()
    assert entries, "summarize/data/stopwords.txt has no entries"
    for entry in entries:
        assert normalize_token(entry) == entry, entry
        assert unicodedata.is_normalized("NFC", entry), entry
        assert entry == entry.lower(), entry
    assert set(entries) == stopwords()


def test_stopword_file_has_no_duplicates():
    entries = stopword_entries()
    assert len(entries) == len(set(entries))
