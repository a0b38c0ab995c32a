"""The benchmark's ROUGE tokenizer: Vietnamese syllables with their diacritics."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from _optional import require

rouge_scorer = require("rouge_score.rouge_scorer")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from rouge import (  # noqa: E402
    VietnameseTokenizer,
    bootstrap_ci,
    make_scorer,
    score_summary,
    tokenize_syllables,
)

CONFERENCE = "Hội nghị giao ban công tác xây dựng Đảng sáu tháng đầu năm đã diễn ra tại Hà Nội."
FOOTBALL = "Đội tuyển bóng đá nữ Việt Nam thắng Thái Lan trong trận chung kết SEA Games."


def test_keeps_diacritics() -> None:
    assert VietnameseTokenizer().tokenize("Hội nghị") == ["hội", "nghị"]


def test_splits_punctuation_and_underscores() -> None:
    tokens = tokenize_syllables("TP. Đà_Nẵng , ngày 25/2 .")
    assert tokens == ["tp", "đà", "nẵng", "ngày", "25", "2"]


def test_nfd_input_tokenizes_like_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", CONFERENCE)
    assert decomposed != CONFERENCE
    assert tokenize_syllables(decomposed) == tokenize_syllables(CONFERENCE)


def test_unrelated_sentences_score_near_zero() -> None:
    ours = score_summary(make_scorer(), [CONFERENCE], [FOOTBALL])["rouge1"]
    default = rouge_scorer.RougeScorer(["rouge1"]).score(FOOTBALL, CONFERENCE)["rouge1"].fmeasure
    assert ours < 0.1
    assert default > ours + 0.15  # the ASCII-only default tokenizer shreds the syllables


def test_identical_texts_score_one() -> None:
    scores = score_summary(make_scorer(), [CONFERENCE, FOOTBALL], [f"{CONFERENCE} {FOOTBALL}"])
    assert scores == pytest.approx({"rouge1": 1.0, "rouge2": 1.0, "rougeLsum": 1.0})


def test_several_references_average() -> None:
    scores = score_summary(make_scorer(), [CONFERENCE], [CONFERENCE, FOOTBALL])
    assert scores["rouge1"] == pytest.approx(0.5)


def test_bootstrap_ci_is_seeded_and_brackets_the_mean() -> None:
    values = [float(v % 7) for v in range(200)]
    low, high = bootstrap_ci(values, seed=3)
    assert (low, high) == bootstrap_ci(values, seed=3)
    assert low < sum(values) / len(values) < high
