"""The benchmarked systems: baselines, peers (sumy, summa) and the library's presets.

Every system maps a document's sentence list and a budget ``k`` to the indices of the chosen
sentences (document order); all of them receive the same list (see ``corpus.py``). Only the
oracle also sees the reference summaries. Peers are imported and their models loaded on their
first call, so the benchmark's warm-up call measures that load time.
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from rouge import ngram_counts, ngram_f1, tokenize_syllables

Selector = Callable[[Sequence[str], int], list[int]]
# Every row is called with the document's sentences, k, the references and the title. Only the
# oracle reads the references; only the library rows read the title (the peers have no way to use
# one, and LEAD-k needs none).
ReferenceSelector = Callable[[Sequence[str], int, Sequence[str], str | None], list[int]]

# The library rows: one preset of `Summarizer` options per row; adding a row is one line here.
# The ablation rows add one signal at a time: plain TextRank (the core issue's ranker), directed
# centrality, + lead prior, + length prior (= no title), + title (= the default). Sections are off
# in the ablation rows: they never change which sentences are chosen.
_PLAIN = {"position_weight": 0.0, "length_weight": 0.0, "title_weight": 0.0, "sections": False}
LIBRARY_PRESETS: dict[str, dict[str, Any]] = {
    "summarize": {},
    # The previous default, underthesea's word segmentation (the default is syllable n-grams).
    "summarize-word": {"tokenizer": "word"},
    "summarize-syllable": {"tokenizer": "syllable"},
    # The library doing what the peers do (a summary, no sections): a like-for-like speed row.
    "summarize-syllable-nosections": {"tokenizer": "syllable", "sections": False},
    "summarize-notitle": {"title_weight": 0.0},
    "summarize-word-notitle": {"tokenizer": "word", "title_weight": 0.0},
    # The reader's view off (summary-worthiness, coherence, section coverage): what it costs.
    "summarize-noreader": {"worth": 0.0, "report_worth": 0.0, "coherence": False, "coverage": 0.0},
    "summarize-textrank": {"ranker": "textrank", **_PLAIN},
    "summarize-pacsum": {**_PLAIN},
    "summarize-pacsum+lead": {**_PLAIN, "position_weight": 0.8},
}

_SUMY_CLASSES: dict[str, tuple[str, str]] = {
    "sumy-lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "sumy-textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "sumy-lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "sumy-luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
    "sumy-sumbasic": ("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
    "sumy-kl": ("sumy.summarizers.kl", "KLSummarizer"),
}


@dataclass(frozen=True)
class System:
    """A benchmark row: its name, what it means (for the docs) and how it selects sentences."""

    name: str
    description: str
    select: ReferenceSelector


def _blind(selector: Selector) -> ReferenceSelector:
    """Adapt a selector that must not see the references."""

    def select(
        sentences: Sequence[str], k: int, references: Sequence[str], title: str | None
    ) -> list[int]:
        return selector(sentences, k)

    return select


# --- baselines ---------------------------------------------------------------------------------


def _lead(count: int) -> Selector:
    def select(sentences: Sequence[str], k: int) -> list[int]:
        return list(range(min(count, len(sentences))))

    return select


def _random(seed: int) -> Selector:
    def select(sentences: Sequence[str], k: int) -> list[int]:
        # Seeded by the document's content, so a document gets the same draw in every run,
        # whatever documents come before it.
        digest = hashlib.sha256(f"{seed}\n".encode() + "\n".join(sentences).encode()).digest()
        rng = random.Random(int.from_bytes(digest[:8], "big"))
        return sorted(rng.sample(range(len(sentences)), min(k, len(sentences))))

    return select


def greedy_oracle(
    sentences: Sequence[str], k: int, references: Sequence[str], title: str | None = None
) -> list[int]:
    """Greedily add the sentence that most raises ROUGE-1 F1 + ROUGE-2 F1 (mean over references).

    Stops at ``k`` sentences or when no sentence raises the score; ties go to the earlier
    sentence. The candidate is scored in document order, as the benchmark scores it.
    """
    tokens = [tokenize_syllables(s) for s in sentences]
    refs = [tokenize_syllables(r) for r in references]
    ref_counts = [(ngram_counts(r, 1), ngram_counts(r, 2)) for r in refs]

    def objective(chosen: list[int]) -> float:
        candidate = [t for i in sorted(chosen) for t in tokens[i]]
        unigrams, bigrams = ngram_counts(candidate, 1), ngram_counts(candidate, 2)
        total = sum(ngram_f1(unigrams, r1) + ngram_f1(bigrams, r2) for r1, r2 in ref_counts)
        return total / len(ref_counts)

    chosen: list[int] = []
    best = 0.0
    while len(chosen) < k:
        gains = [(objective([*chosen, i]), -i) for i in range(len(sentences)) if i not in chosen]
        if not gains:
            break
        score, negative_index = max(gains)
        if score <= best:
            break
        best = score
        chosen.append(-negative_index)
    return sorted(chosen)


# --- peers -------------------------------------------------------------------------------------


@cache
def stopwords() -> frozenset[str]:
    """The library's stop words (``summarize/data/stopwords.txt``), lowercase NFC; empty if absent.

    Multi-syllable entries are kept with spaces between syllables ("_" in the file becomes " "),
    the form underthesea's ``word_tokenize`` produces.
    """
    try:
        text = resources.files("summarize").joinpath("data/stopwords.txt").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()
    entries = (unicodedata.normalize("NFC", line).strip().lower() for line in text.splitlines())
    return frozenset(" ".join(e.replace("_", " ").split()) for e in entries if e and e[0] != "#")


class UndertheseaWords:
    """sumy's tokenizer protocol (``to_words``) over underthesea's word segmentation.

    Words are lowercased and tokens without a letter (punctuation, numbers) are dropped, as
    sumy's own tokenizers do.
    """

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Return the words of one sentence."""
        from underthesea import word_tokenize

        words = (w.lower() for w in word_tokenize(sentence))
        return tuple(w for w in words if any(c.isalpha() for c in w))


def _sumy(module_name: str, class_name: str) -> Selector:
    @cache
    def summarizer() -> Any:
        import importlib

        from sumy.nlp.stemmers import null_stemmer  # type: ignore[import-untyped]

        instance = getattr(importlib.import_module(module_name), class_name)(null_stemmer)
        instance.stop_words = stopwords()
        return instance

    def select(sentences: Sequence[str], k: int) -> list[int]:
        from sumy.models.dom import (  # type: ignore[import-untyped]
            ObjectDocumentModel,
            Paragraph,
            Sentence,
        )

        # Our sentences become sumy's document directly: sumy never segments the text.
        words = UndertheseaWords()
        sumy_sentences = [Sentence(s, words) for s in sentences]
        document = ObjectDocumentModel([Paragraph(sumy_sentences)])
        # sumy returns the very Sentence objects it was given; identity, not text, maps them
        # back, because sumy keys its ratings by text and duplicate sentences would collide.
        position = {id(s): i for i, s in enumerate(sumy_sentences)}
        return sorted(position[id(s)] for s in summarizer()(document, k))

    return select


def summa_select(sentences: Sequence[str], k: int) -> list[int]:
    """summa's TextRank, mapped back to our sentences.

    summa always splits its input itself (at ``.!?`` + space and at line breaks). We feed it our
    sentences joined by blank lines, so each of its units lies inside one of our sentences (a single
    line break could be swallowed by its abbreviation rule "Mr.\\nX"). With ``ratio=1.0,
    scores=True`` it returns every unit that has words, with its score, in document order; each unit
    is located in our text by a forward search (whitespace-normalised) and credited to the sentence
    containing it (a unit that cannot be located is ignored: none in the first 500 VietNews
    validation articles, lines or raw). A sentence scores its best unit; the ``k`` best sentences
    are chosen, ties to the earlier one (so a text summa cannot rank at all, such as a single unit,
    falls back to its first sentences). summa has no Vietnamese resources: it runs with
    language="english" (its Snowball stemmer leaves Vietnamese syllables nearly unchanged) plus the
    library's one-syllable stop words, since summa's words are whitespace tokens.
    """
    from summa.summarizer import summarize  # type: ignore[import-untyped]

    text = "\n\n".join(sentences)
    extra = [w for w in stopwords() if " " not in w]
    units = summarize(text, ratio=1.0, scores=True, additional_stopwords=extra)
    best = [0.0] * len(sentences)
    located = _locate(sentences, [unit for unit, _ in units])
    for index, (_, score) in zip(located, units, strict=True):
        if index is not None:
            best[index] = max(best[index], float(score))
    ranked = sorted(range(len(sentences)), key=lambda i: (-best[i], i))
    return sorted(ranked[:k])


def _locate(sentences: Sequence[str], units: Sequence[str]) -> list[int | None]:
    """Map units that appear in order inside ``sentences`` to the index of their sentence."""
    located: list[int | None] = []
    current, cursor = 0, 0
    for unit in units:
        needle = " ".join(unit.split())
        index = current
        while index < len(sentences):
            start = sentences[index].find(needle, cursor if index == current else 0)
            if start >= 0:
                current, cursor = index, start + len(needle)
                break
            index += 1
        located.append(current if index < len(sentences) else None)
    return located


# --- the library -------------------------------------------------------------------------------


def _library(options: dict[str, Any]) -> ReferenceSelector:
    @cache
    def summarizer() -> Any:
        from summarize import Summarizer

        return Summarizer(split="lines", **options)

    def select(
        sentences: Sequence[str], k: int, references: Sequence[str], title: str | None
    ) -> list[int]:
        # With split="lines" each line is one sentence and `index` is its line position. The
        # title is passed as the library's `title=` argument: a query, never a candidate.
        summary = summarizer().summarize("\n".join(sentences), sentences=k, title=title)
        return [sentence.index for sentence in summary.sentences]

    return select


def _describe_options(options: dict[str, Any]) -> str:
    shown = ", ".join(f"{name}={value!r}" for name, value in options.items())
    return f"the library, `Summarizer({shown or 'default options'})`"


# --- the registry ------------------------------------------------------------------------------


def build_systems(seed: int) -> dict[str, System]:
    """Return every system by name, in table order; ``seed`` seeds the random baseline."""
    systems = [
        System("lead-1", "the first sentence", _blind(_lead(1))),
        System("lead-3", "the first three sentences (LEAD-3)", _blind(_lead(3))),
        System(
            "oracle",
            "greedy extractive oracle: adds the sentence that most raises ROUGE-1 + ROUGE-2 F1 "
            "against the reference, up to k, stopping when nothing helps (the extractive ceiling)",
            greedy_oracle,
        ),
        System("random", f"k sentences drawn at random (seeded by document and --seed {seed})",
               _blind(_random(seed))),
    ]
    systems += [
        System(name, _describe_options(options), _library(options))
        for name, options in LIBRARY_PRESETS.items()
    ]
    systems += [
        System(name, f"sumy {class_name} over underthesea words, no stemming, library stop words",
               _blind(_sumy(module, class_name)))
        for name, (module, class_name) in _SUMY_CLASSES.items()
    ]
    systems.append(System("summa", "summa's TextRank (Barrios et al. 2016), see below",
                          _blind(summa_select)))
    return {system.name: system for system in systems}
