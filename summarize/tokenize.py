"""Sentence -> index terms: Vietnamese words (underthesea) or syllable n-grams.

Vietnamese writes a word as space-separated syllables (``hội nghị``, ``xây dựng``); a syllable
alone is often ambiguous, so the default tokenizer uses ``underthesea.word_tokenize`` (a CRF
word segmenter). The ``"syllable"`` tokenizer skips segmentation and uses syllable unigrams and
bigrams instead: most of the quality for a fraction of the time.

Terms are lowercased NFC strings; punctuation and pure-symbol tokens are dropped, numbers kept,
stop words (``data/stopwords.txt``, in the word segmenter's format) removed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources

from . import _validate

TOKENIZERS = ("word", "syllable")

_SYLLABLE = re.compile(r"[^\W_]+")
# Lone surrogates ("\udcff", from os.fsdecode or errors="surrogateescape") are legal in a str
# but underthesea's CRF encodes its input as UTF-8 and raises on them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Inputs longer than this are tokenized by syllables even in word mode: the CRF segmenter's
# cost and memory grow with the sentence, and a 500 KB "sentence" is not prose.
MAX_WORD_SEGMENTED_CHARS = 5000


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The shipped Vietnamese stop-word list (lowercase NFC, syllables joined by one space)."""
    source = resources.files("summarize").joinpath("data/stopwords.txt")
    words = (line.strip() for line in source.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def normalize_token(token: str) -> str | None:
    """Lowercase ``token``; ``None`` for punctuation or symbols (no letter or digit)."""
    token = " ".join(token.lower().split())
    return token if _SYLLABLE.search(token) else None


def word_terms(sentence: str) -> list[str]:
    """Words of ``sentence`` by underthesea's segmenter, normalised, stop words removed."""
    if len(sentence) > MAX_WORD_SEGMENTED_CHARS:
        return syllable_terms(sentence, bigrams=False)
    sentence = _SURROGATE.sub("\ufffd", sentence)  # for the segmenter only: offsets are not ours
    terms = map(_word_term, _word_tokenize()(sentence))
    return [term for term in terms if term is not None]


@lru_cache(maxsize=1 << 16)
def _word_term(token: str) -> str | None:
    # Cached: words recur (Zipf), and normalising plus the stop-word test cost a third as much
    # as segmenting. The cache is bounded, so a long batch cannot grow it without limit.
    term = normalize_token(str(token))
    return term if term is not None and term not in stopwords() else None


def syllable_terms(sentence: str, *, bigrams: bool = True) -> list[str]:
    """Syllable unigrams (stop words removed) and bigrams (unless both halves are stop words)."""
    stop = stopwords()
    syllables = _SYLLABLE.findall(sentence.lower())
    terms = [s for s in syllables if s not in stop]
    if bigrams:
        terms.extend(
            [f"{a} {b}" for a, b in itertools.pairwise(syllables) if a not in stop or b not in stop]
        )
    return terms


def get_tokenizer(name: str) -> Callable[[str], list[str]]:
    """The term function registered under ``name`` (one of :data:`TOKENIZERS`)."""
    _validate.check_choice("tokenizer", name, TOKENIZERS)
    return word_terms if name == "word" else syllable_terms


def tokenize(sentences: Sequence[str], tokenizer: str = "word") -> list[list[str]]:
    """Terms of every sentence."""
    terms_of = get_tokenizer(tokenizer)
    return [terms_of(s) for s in sentences]


def word_count(sentence: str) -> int:
    """Length of a sentence for the ``words=`` budget: its syllables (written words)."""
    return len(_SYLLABLE.findall(sentence))


@lru_cache(maxsize=1)
def _word_tokenize() -> Callable[[str], list[str]]:
    # Imported lazily: underthesea loads its CRF model on first use, and `import summarize`
    # must stay cheap.
    from underthesea import word_tokenize

    return word_tokenize  # type: ignore[no-any-return]
