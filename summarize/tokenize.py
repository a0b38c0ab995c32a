"""Sentence -> index terms: syllable n-grams (the default) or Vietnamese words (underthesea).

Vietnamese writes a word as space-separated syllables (``hội nghị``, ``xây dựng``); a syllable
alone is often ambiguous. The default ``"syllable"`` tokenizer uses syllable unigrams and
bigrams: a two-syllable word is one bigram, and the bigrams across word boundaries are the
phrases ROUGE-2 counts. The ``"word"`` tokenizer uses ``underthesea.word_tokenize`` (a CRF word
segmenter) instead; on VietNews it ranks no better, and its terms cost about 70 times the
syllable terms, the whole summary 5-6 times as much (docs/performance.md, issue 17).

Terms are lowercased NFC strings; punctuation and pure-symbol tokens are dropped, numbers kept,
stop words (``data/stopwords.txt``, in the word segmenter's format) removed.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray

from . import _validate

TOKENIZERS = ("syllable", "word")

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
    n = len(per_sentence)
    counts = np.fromiter(map(len, per_sentence), dtype=np.int64, count=n)
    size = int(counts.sum())
    if not size:
        return np.zeros(0, np.int64), np.zeros(n, np.int64), 0
    # Any one-to-one numbering of the syllables will do (terms are renumbered by first
    # occurrence below): the process-wide one, whose ids also tell the stop words.
    table = _syllable_ids()
    coded = np.fromiter(
        map(table.__getitem__, itertools.chain.from_iterable(per_sentence)),
        dtype=np.int64,
        count=size,
    )
    is_stop = (coded & 1).astype(bool)
    span = int(coded.max()) + 1
    if span > _MAX_SPAN:  # bigram keys below would overflow: number this document's alone
        coded = np.unique(coded, return_inverse=True)[1].reshape(-1)
        span = size
    sentence_of = np.repeat(np.arange(n), counts)
    unigram = np.flatnonzero(~is_stop)
    # A bigram at position p pairs syllables p and p + 1 of one sentence, not both stop words.
    bigram = np.flatnonzero((sentence_of[:-1] == sentence_of[1:]) & ~(is_stop[:-1] & is_stop[1:]))
    # Bigram keys above every syllable id: a bigram never equals a unigram.
    bigram_keys = span + coded[bigram] * span + coded[bigram + 1]
    keys = np.concatenate((coded[unigram], bigram_keys))
    # Each sentence's unigrams, then its bigrams, as syllable_terms lists them: a stable sort
    # by (sentence, kind) of the unigrams followed by the bigrams.
    group = np.concatenate((sentence_of[unigram] * 2, sentence_of[bigram] * 2 + 1))
    keys = keys[np.argsort(_narrow(group, 2 * n), kind="stable")]
    lengths = np.bincount(group >> 1, minlength=n)
    number, distinct = _first_occurrence_numbers(keys)
    return number, lengths, distinct


def _first_occurrence_numbers(keys: NDArray[np.int64]) -> tuple[NDArray[np.int64], int]:
    """Each (non-negative) key's number among the distinct keys in order of first occurrence,
    and how many distinct keys there are.

    What ``np.unique(keys, return_index=True, return_inverse=True)`` followed by an argsort of
    the first indices gives, in one stable sort and a few linear passes.
    """
    total = len(keys)
    if not total:
        return np.zeros(0, np.int64), 0
    ordered, perm = _stable_sort(keys)
    starts = np.empty(total, dtype=bool)  # the sorted position opens a run of equal keys
    starts[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    first = perm[starts]  # stable: each run opens at its key's first occurrence
    is_first = np.zeros(total, dtype=bool)
    is_first[first] = True
    rank = np.cumsum(is_first) - 1  # at a first occurrence, the number of its key
    number = np.empty(total, dtype=np.int64)
    number[perm] = rank[first][np.cumsum(starts) - 1]
    return number, len(first)


def _stable_sort(keys: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """``keys`` (non-negative) sorted, and the stable sorting permutation.

    Each key is packed with its position (``key * len + position``: all distinct, so any sort
    orders them as a stable sort orders the keys) and sorted by value, not by index: numpy's
    vectorised ``sort`` is several times faster than a stable ``argsort`` (timsort) of int64.
    """
    total = len(keys)
    if total and int(keys.max()) >= (np.iinfo(np.int64).max - total) // total:
        perm = np.argsort(keys, kind="stable")  # packing would overflow
        return keys[perm], perm
    packed = np.sort(keys * total + np.arange(total))
    ordered, perm = np.divmod(packed, total)
    return ordered, perm


def _narrow(values: NDArray[np.int64], bound: int) -> NDArray[np.integer[Any]]:
    """``values`` (all below ``bound``) as 16-bit integers when they fit: numpy's stable sort
    of 16-bit keys is a radix sort, several times faster than its timsort of wider ones, and
    a stable order is the same whatever the algorithm."""
    return values.astype(np.int16) if bound <= _INT16_LIMIT else values


class _SyllableIds(dict[str, int]):
    """Syllable -> id, numbered on first sight, process-wide: ``2 k + 1`` for a stop word
    (syllables are lowercase, as stop words are), ``2 k`` otherwise."""

    def __init__(self) -> None:
        super().__init__()
        self._counter = itertools.count()

    def __missing__(self, syllable: str) -> int:
        # ``next`` and ``setdefault`` are atomic: threads racing on a new syllable agree on
        # its id, and two syllables never share one.
        code = 2 * next(self._counter) + (syllable in stopwords())
        return self.setdefault(syllable, code)


_syllable_table = _SyllableIds()
# Beyond this many syllables the table is started afresh (a call holds on to the table it
# began with, so its ids stay one-to-one): about 10 MB, against Vietnamese's ~7,000 syllables.
_MAX_SYLLABLES = 1 << 17
# Bigram keys reach ``span ** 2 + span``: the largest span whose keys fit in int64.
_MAX_SPAN = 1 << 31
_INT16_LIMIT = int(np.iinfo(np.int16).max) + 1


def _syllable_ids() -> _SyllableIds:
    global _syllable_table
    if len(_syllable_table) > _MAX_SYLLABLES:
        _syllable_table = _SyllableIds()
    return _syllable_table


def get_tokenizer(name: str) -> Callable[[str], list[str]]:
    """The term function registered under ``name`` (one of :data:`TOKENIZERS`)."""
    _validate.check_choice("tokenizer", name, TOKENIZERS)
    return word_terms if name == "word" else syllable_terms


def tokenize(sentences: Sequence[str], tokenizer: str = "syllable") -> list[list[str]]:
    """Terms of every sentence."""
    terms_of = get_tokenizer(tokenizer)
    return [terms_of(s) for s in sentences]


def word_count(sentence: str) -> int:
    """Length of a sentence for the ``words=`` budget: its syllables (written words)."""
    return len(_SYLLABLE.findall(sentence))


# underthesea publishes its CRF model in a global before loading it: a thread calling
# word_tokenize during another's first call finds a model without weights and fails
# ("'NoneType' object has no attribute 'process'"). The first call is made under this lock.
_LOAD_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _word_tokenize() -> Callable[[str], list[str]]:
    # Imported lazily: underthesea loads its CRF model on first use, and `import summarize`
    # must stay cheap.
    with _LOAD_LOCK:
        from underthesea import word_tokenize

        word_tokenize("Khởi động.")  # loads the model now, while other threads wait
    return word_tokenize  # type: ignore[no-any-return]
