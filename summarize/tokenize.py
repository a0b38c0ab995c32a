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

import numpy as np
from numpy.typing import NDArray

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


def syllable_term_ids(
    per_sentence: Sequence[list[str]],
) -> tuple[NDArray[np.int64], NDArray[np.int64], int]:
    """The terms :func:`syllable_terms` gives every sentence, as ids, without building them.

    ``per_sentence`` holds each sentence's syllables as ``syllable_terms`` finds them (those
    of the lowercased sentence, stop words included). Returns the ids of all sentences' terms
    concatenated, each sentence's number of terms and the number of distinct terms. Ids number
    the distinct terms in order of first occurrence, exactly as
    :func:`summarize.vectorize.tfidf_rows` numbers the strings: a bigram is known by its two
    syllables' ids (a bigram string splits back into its syllables one way only), and the
    per-sentence order (unigrams, then bigrams) is rebuilt with numpy, so an article's
    thousand-odd term strings and their hashing are skipped.
    """
    stop = stopwords()
    n = len(per_sentence)
    flat = list(itertools.chain.from_iterable(per_sentence))
    if not flat:
        return np.zeros(0, np.int64), np.zeros(n, np.int64), 0
    # Any one-to-one numbering of the syllables will do (terms are renumbered by first
    # occurrence below): a syllable's last position is the one a single dict build gives.
    size = len(flat)
    last = dict(zip(flat, itertools.count()))
    syllable = np.fromiter(map(last.__getitem__, flat), dtype=np.int64, count=size)
    is_stop = np.fromiter(map(stop.__contains__, flat), dtype=bool, count=size)
    counts = np.fromiter(map(len, per_sentence), dtype=np.int64, count=n)
    sentence_of = np.repeat(np.arange(n), counts)
    unigram = np.flatnonzero(~is_stop)
    # A bigram at position p pairs syllables p and p + 1 of one sentence, not both stop words.
    bigram = np.flatnonzero((sentence_of[:-1] == sentence_of[1:]) & ~(is_stop[:-1] & is_stop[1:]))
    # Bigram keys above every syllable id: a bigram never equals a unigram.
    bigram_keys = size + syllable[bigram] * size + syllable[bigram + 1]
    keys = np.concatenate((syllable[unigram], bigram_keys))
    # Each sentence's unigrams, then its bigrams, as syllable_terms lists them: a stable sort
    # by (sentence, kind) of the unigrams followed by the bigrams.
    group = np.concatenate((sentence_of[unigram] * 2, sentence_of[bigram] * 2 + 1))
    keys = keys[np.argsort(group, kind="stable")]
    lengths = np.bincount(group // 2, minlength=n)
    distinct, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    number = np.empty(len(distinct), dtype=np.int64)
    number[np.argsort(first)] = np.arange(len(distinct))
    return number[inverse], lengths, len(distinct)


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
