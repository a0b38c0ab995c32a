"""The pipeline: normalise → segment → noise → tokenize → vectorize → rank → select → sections.

:class:`Summarizer` holds validated options; language resources (the word segmenter, stop words,
section cues) are loaded once per process on first use and shared, so a summarizer is cheap to
build, safe to share between threads and picklable (it pickles as its options).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import _validate, rank, sections, tokenize
from .noise import detect_noise, syllable_count
from .normalize import normalize
from .segment import SPLITS, segment
from .select import DIVERSITY, MAX_SIMILARITY, Budget, select
from .summary import Sections, Sentence, Summary
from .vectorize import tfidf

DEFAULT_SECTION_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class Options:
    """Every knob of the pipeline, validated once by :class:`Summarizer`."""

    tokenizer: str = "word"
    split: str = "auto"
    ranker: str = "pacsum"
    backward_weight: float = rank.BACKWARD_WEIGHT
    position_weight: float = rank.POSITION_WEIGHT
    length_weight: float = rank.LENGTH_WEIGHT
    damping: float = rank.DAMPING
    tol: float = rank.TOLERANCE
    max_iter: int = rank.MAX_ITER
    similarity_threshold: float = 0.0
    diversity: float = DIVERSITY
    max_similarity: float = MAX_SIMILARITY
    sections: bool = True
    section_sentences: int = DEFAULT_SECTION_SENTENCES

    def __post_init__(self) -> None:
        _validate.check_choice("tokenizer", self.tokenizer, tokenize.TOKENIZERS)
        _validate.check_choice("split", self.split, SPLITS)
        _validate.check_choice("ranker", self.ranker, rank.RANKERS)
        _validate.check_float("backward_weight", self.backward_weight, low=-10.0, high=10.0)
        _validate.check_float("position_weight", self.position_weight, low=-10.0, high=10.0)
        _validate.check_float("length_weight", self.length_weight, low=-10.0, high=10.0)
        _validate.check_float(
            "damping", self.damping, low=0.0, high=1.0, low_open=True, high_open=True
        )
        _validate.check_float("tol", self.tol, low=0.0, high=1.0, low_open=True)
        _validate.check_int("max_iter", self.max_iter, minimum=1)
        _validate.check_float(
            "similarity_threshold", self.similarity_threshold, low=0.0, high=1.0, high_open=True
        )
        _validate.check_float("diversity", self.diversity, low=0.0, high=1.0)
        _validate.check_float(
            "max_similarity", self.max_similarity, low=0.0, high=1.0, low_open=True
        )
        _validate.check_bool("sections", self.sections)
        _validate.check_int("section_sentences", self.section_sentences, minimum=0)


OPTION_NAMES = tuple(Options.__dataclass_fields__)


class Summarizer:
    """A configured summarizer; :func:`summarize` is its one-call form.

    >>> summarizer = Summarizer(tokenizer="syllable")
    >>> summary = summarizer.summarize("Hôm nay trời đẹp. Chúng tôi đi dạo.", sentences=1)
    >>> len(summary.sentences)
    1
    """

    __slots__ = ("options",)

    def __init__(self, **options: Any) -> None:
        unknown = sorted(set(options) - set(OPTION_NAMES))
        if unknown:
            raise TypeError(
                f"unknown option(s) {', '.join(map(repr, unknown))}; "
                f"options are {', '.join(OPTION_NAMES)}"
            )
        self.options = Options(**options)

    def __repr__(self) -> str:
        changed = {
            name: getattr(self.options, name)
            for name in OPTION_NAMES
            if getattr(self.options, name) != Options.__dataclass_fields__[name].default
        }
        return f"Summarizer({', '.join(f'{k}={v!r}' for k, v in changed.items())})"

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self.options, name) for name in OPTION_NAMES}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.options = Options(**state)

    def summarize(
        self,
        text: str,
        *,
        sentences: int | None = None,
        ratio: float | None = None,
        words: int | None = None,
    ) -> Summary:
        """Summarize ``text``; give at most one of ``sentences`` (default 3), ``ratio``, ``words``.

        Raises ``TypeError`` if ``text`` is not a ``str`` and ``ValueError`` for a bad budget.
        Empty or whitespace-only text gives an empty :class:`Summary`.
        """
        _validate.check_text(text)
        budget = Budget.from_options(sentences, ratio, words)
        opts = self.options
        norm = normalize(text)
        seg = segment(norm.text, split=opts.split)
        if not seg.sentences:
            return Summary()
        noise = detect_noise(norm.text, seg)
        spans = noise.sentences
        analysed = [norm.text[s.start : s.end] for s in spans]
        content = [reason is None for reason in noise.reasons]
        if not any(content):
            # Nothing but furniture (a lone title, one line repeated): rather than an empty
            # summary, rank what is there, repeats excepted.
            content = [reason not in ("duplicate", "empty") for reason in noise.reasons]
        lengths = [syllable_count(s) for s in analysed]
        scores, similarity = self._rank(analysed, content, lengths)
        chosen = set(
            select(
                scores,
                similarity,
                content,
                lengths,
                budget,
                diversity=opts.diversity,
                max_similarity=opts.max_similarity,
            )
        )
        labels = (
            sections.label(analysed, noise.reasons)
            if opts.sections
            else [sections.Label(None, None)] * len(spans)
        )
        all_sentences = []
        for index, span in enumerate(spans):
            start, end = norm.to_original(span.start, span.end)
            all_sentences.append(
                Sentence(
                    index=index,
                    text=text[start:end],
                    start=start,
                    end=end,
                    score=float(scores[index]),
                    section=labels[index].section,
                    noise=noise.reasons[index],
                    section_reason=labels[index].reason,
                )
            )
        title = None
        if noise.title is not None:
            title = all_sentences[noise.title].text
        return Summary(
            sentences=tuple(all_sentences[i] for i in sorted(chosen)),
            all_sentences=tuple(all_sentences),
            sections=self._sections(all_sentences, content),
            title=title,
        )

    def _rank(
        self, analysed: list[str], content: list[bool], lengths: list[int]
    ) -> tuple[np.ndarray, Any]:
        """Scores in [0, 1] of the content sentences (0 elsewhere) and their similarities."""
        opts = self.options
        n = len(analysed)
        keep = [i for i in range(n) if content[i]]
        terms = tokenize.tokenize([analysed[i] for i in keep], opts.tokenizer)
        vectors = tfidf(terms)
        graph = rank.similarity_graph(vectors, threshold=opts.similarity_threshold)
        if opts.ranker == "textrank":
            centrality = rank.pagerank(
                graph, damping=opts.damping, tol=opts.tol, max_iter=opts.max_iter
            )
        else:
            centrality = rank.directed_centrality(graph, backward=opts.backward_weight)
        local = rank.with_priors(
            centrality,
            np.array([lengths[i] for i in keep], dtype=np.float64),
            position_weight=opts.position_weight,
            length_weight=opts.length_weight,
        )
        scores = np.zeros(n)
        scores[keep] = local
        # Lift the content-only graph back to document indices for the selector: relabel
        # rows and columns (no sparse products; rows of non-content sentences stay empty).
        row_lengths = np.zeros(n, dtype=np.int64)
        row_lengths[keep] = np.diff(graph.indptr)
        indptr = np.concatenate(([0], np.cumsum(row_lengths)))
        columns = np.asarray(keep, dtype=np.int64)[graph.indices]
        return scores, sp.csr_matrix((graph.data, columns, indptr), shape=(n, n))

    def _sections(self, all_sentences: list[Sentence], content: list[bool]) -> Sections:
        k = self.options.section_sentences
        if not self.options.sections or k == 0:
            return Sections()
        groups = {}
        for name in ("results", "limitations", "next_tasks"):
            members = [
                s
                for s in all_sentences
                if s.section == name and content[s.index] and s.noise is None
            ]
            best = sorted(members, key=lambda s: (-s.score, s.index))[:k]
            groups[name] = tuple(sorted(best, key=lambda s: s.index))
        return Sections(**groups)


def summarize(
    text: str,
    *,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    **options: Any,
) -> Summary:
    """Summarize Vietnamese ``text``: the best sentences, in document order, plus sections.

    ``options`` are those of :class:`Summarizer` (``tokenizer``, ``split``, ``damping``, ...).
    """
    return Summarizer(**options).summarize(text, sentences=sentences, ratio=ratio, words=words)
