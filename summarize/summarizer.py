"""The pipeline: normalise → segment → noise → tokenize → vectorize → rank → select → sections.

:class:`Summarizer` holds validated options; language resources (the word segmenter, stop words,
section cues) are loaded once per process on first use and shared, so a summarizer is cheap to
build, safe to share between threads and picklable (it pickles as its options).
"""

from __future__ import annotations

import itertools
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validate, cues, rank, sections, tokenize, worth
from .noise import detect_noise, syllables_of
from .normalize import normalize
from .segment import SPLITS, segment
from .select import COVERAGE, DIVERSITY, MAX_SIMILARITY, Budget, select_rows
from .summary import Sections, Sentence, Summary
from .vectorize import Rows, split_query_rows, tfidf_rows, weigh

DEFAULT_SECTION_SENTENCES = 3
# How much a sentence's summary-worthiness (its expected reader grade in [0, 2], see
# :mod:`summarize.worth`) adds to its ranking score in [0, 1], in a news article and in a
# document that reads like a report (one with sections). Chosen on the graded development set
# against the ROUGE tables (docs/algorithm.md#7-the-readers-view-worthpy): every step up buys
# nDCG and costs ROUGE, most on the raw-text table; in news the readers and the reference leads
# disagree most, so news keeps the ranking alone.
WORTH_WEIGHT = 0.0
REPORT_WORTH_WEIGHT = 1.2
# A sentence whose expected reader grade is below the floor ranks after every other one, in
# news too: the model's surest "a reader would drop it" (quotations out of context,
# scene-setting, a line of dialogue). A report's floor is higher: more of its sentences are
# procedure, and its readers and the news leads disagree less.
WORTH_FLOOR = 0.4
REPORT_WORTH_FLOOR = 0.6
# How far below every other sentence the demoted ones rank (scores are in [0, 1]).
DEMOTION = 10.0
# In a report, how much an overall statement ("... đạt nhiều kết quả quan trọng", "từ nay đến
# cuối năm ... tập trung ...") is lifted in the ranking, so that it, not one of its items,
# stands for its section in the summary (worth.OVERALL_BONUS orders the sections themselves).
OVERALL_LIFT = 0.2
# Longest input accepted by default, in characters (code points): about 5,000 news articles,
# summarized in about three minutes and 1 GB (docs/reliability.md). ``max_chars=None`` or 0
# lifts the limit.
DEFAULT_MAX_CHARS = 10_000_000


@dataclass(frozen=True, slots=True)
class Options:
    """Every knob of the pipeline, validated once by :class:`Summarizer`."""

    # Syllable n-grams: the same ROUGE as word segmentation on VietNews at a fraction of its
    # time (docs/performance.md, issue 17); "word" remains an option.
    tokenizer: str = "syllable"
    split: str = "auto"
    ranker: str = "pacsum"
    backward_weight: float = rank.BACKWARD_WEIGHT
    position_weight: float = rank.POSITION_WEIGHT
    length_weight: float = rank.LENGTH_WEIGHT
    title_weight: float = rank.TITLE_WEIGHT
    damping: float = rank.DAMPING
    tol: float = rank.TOLERANCE
    max_iter: int = rank.MAX_ITER
    similarity_threshold: float = 0.0
    diversity: float = DIVERSITY
    max_similarity: float = MAX_SIMILARITY
    worth: float = WORTH_WEIGHT
    report_worth: float = REPORT_WORTH_WEIGHT
    coherence: bool = True
    coverage: float = COVERAGE
    sections: bool = True
    section_sentences: int = DEFAULT_SECTION_SENTENCES
    # Extra section cues: a TSV path or (kind, weight, cue) triples, merged over the shipped ones.
    section_cues: str | os.PathLike[str] | tuple[tuple[str, float, str], ...] | None = None
    html: bool = False
    max_chars: int | None = DEFAULT_MAX_CHARS

    def __post_init__(self) -> None:
        _validate.check_choice("tokenizer", self.tokenizer, tokenize.TOKENIZERS)
        _validate.check_choice("split", self.split, SPLITS)
        _validate.check_choice("ranker", self.ranker, rank.RANKERS)
        _validate.check_float("backward_weight", self.backward_weight, low=-10.0, high=10.0)
        _validate.check_float("position_weight", self.position_weight, low=-10.0, high=10.0)
        _validate.check_float("length_weight", self.length_weight, low=-10.0, high=10.0)
        _validate.check_float("title_weight", self.title_weight, low=-10.0, high=10.0)
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
        _validate.check_float("worth", self.worth, low=0.0, high=10.0)
        _validate.check_float("report_worth", self.report_worth, low=0.0, high=10.0)
        _validate.check_bool("coherence", self.coherence)
        _validate.check_float("coverage", self.coverage, low=0.0, high=1.0)
        _validate.check_bool("sections", self.sections)
        _validate.check_int("section_sentences", self.section_sentences, minimum=0)
        if self.section_cues is not None:
            if not isinstance(self.section_cues, (str, os.PathLike, list, tuple)):
                raise _validate.invalid(
                    "section_cues", self.section_cues, "a path or (kind, weight, cue) triples"
                )
            if not isinstance(self.section_cues, (str, os.PathLike)):
                # Triples arrive as any iterable; keep them as a tuple so options stay hashable.
                object.__setattr__(self, "section_cues", cues.as_triples(self.section_cues))
            try:  # a bad file or entry fails here, not mid-summary
                cues.lexicon(self.section_cues)
            except (OSError, UnicodeDecodeError) as exc:  # a directory, bytes that are not UTF-8
                raise _validate.invalid(
                    "section_cues", self.section_cues, f"a readable UTF-8 TSV file ({exc})"
                ) from None
        _validate.check_bool("html", self.html)
        max_chars = self.max_chars
        if max_chars is not None and (
            not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 0
        ):
            raise _validate.invalid("max_chars", max_chars, "an int >= 0 or None (no limit)")


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
        title: str | None = None,
    ) -> Summary:
        """Summarize ``text``; give at most one of ``sentences``, ``ratio``, ``words``.

        With none, the default budget: 4 sentences for a report (the event, the main result,
        the main shortcoming, the main next task), and for other text the best sentences that
        fit in 90 syllables (two or three sentences of news; see ``docs/usage.md``).

        ``title`` is the document's headline when the caller has it apart from the text; by
        default the title line detected at the top of ``text`` is used. Either way the title is
        a query: sentences close to it rank higher (``title_weight``), and it is never chosen.

        Raises ``TypeError`` if ``text`` or ``title`` is not a ``str`` and ``ValueError`` for a
        bad budget. Empty or whitespace-only text gives an empty :class:`Summary`.
        """
        _validate.check_text(text)
        if title is not None and not isinstance(title, str):
            raise TypeError(f"`title` must be str or None, not {type(title).__name__}")
        budget = Budget.from_options(sentences, ratio, words)
        opts = self.options
        if opts.max_chars and len(text) > opts.max_chars:
            raise ValueError(
                f"`text` has {len(text):,} characters, more than `max_chars` = "
                f"{opts.max_chars:,}; pass a larger `max_chars` (None: no limit) to accept it"
            )
        source_text = None
        if opts.html:
            # Offsets then index the converted text (readers/html.py), which the summary carries.
            from .readers.html import read_html

            text = source_text = read_html(text, "<str>").text
        norm = normalize(text)
        seg = segment(norm.text, split=opts.split)
        if not seg.sentences:  # the caller's title is kept: it describes the document
            return Summary(title=title, source_text=source_text)
        noise = detect_noise(norm.text, seg, title=title or None)
        spans = noise.sentences
        # The sentences' texts are wanted by the word tokenizer, the sections stage and the
        # reader's view (worth, coherence, coverage) only.
        reader_view = bool(opts.worth or opts.report_worth or opts.coherence or opts.coverage)
        analysed = (
            [norm.text[s.start : s.end] for s in spans]
            if opts.tokenizer != "syllable" or opts.sections or reader_view
            else []
        )
        content = [reason is None for reason in noise.reasons]
        if not any(content):
            # Nothing but furniture (a lone title, one line repeated): rather than an empty
            # summary, rank what is there, repeats excepted.
            content = [reason not in ("duplicate", "empty") for reason in noise.reasons]
        lengths = noise.lengths
        query: str | None = None
        query_syllables: list[str] = []
        if title:
            query = unicodedata.normalize("NFC", title)
            query_syllables = syllables_of(query.lower())
        elif title is None and noise.title is not None:
            title_span = spans[noise.title]
            query = norm.text[title_span.start : title_span.end]
            query_syllables = noise.syllables[noise.title]
        # A short line of its own between the headline and the lead is a photo caption or a
        # sub-title (worth.py's short_first); the short first sentence of a paragraph is not.
        first = next((i for i, c in enumerate(content) if c), -1)
        after_title = (
            (bool(title) or noise.title is not None)
            and first >= 0
            and all(
                spans[j].line != spans[first].line
                for j in (first - 1, first + 1)
                if 0 <= j < len(spans)
            )
        )
        scores, similarity = self._rank(
            analysed, content, lengths, query, noise.syllables, query_syllables
        )
        labels = (
            sections.label(analysed, noise.reasons, cues=opts.section_cues)
            # Labels steer the choice in a report (coverage, the report weight), so they are
            # found whether or not the sections are shown: --no-sections shows the same summary.
            if opts.sections or opts.coverage or opts.report_worth
            else [sections.Label(None, None)] * len(spans)
        )
        report = any(label.section is not None for label in labels)
        needs_previous: list[bool] | None = None
        assessment = None
        ranking = scores
        if opts.worth or opts.report_worth or opts.coherence:
            assessment = worth.assess(
                analysed, content, scores.tolist(), [label.section for label in labels],
                after_title=after_title, lengths=lengths,
            )
            grades = assessment.grades
            weight = opts.report_worth if report else opts.worth
            if weight:
                scores = ranking = _rescaled(scores + weight * np.asarray(grades), content)
            if opts.coherence:
                needs_previous = assessment.dangling
                # Lead-ins, attendance lists, greetings, captions and what the model expects a
                # reader to drop rank after every other sentence: chosen only when nothing else
                # is left, and a budget of k sentences still gets k.
                floor = REPORT_WORTH_FLOOR if report else WORTH_FLOOR
                demoted = np.asarray(assessment.demoted(content, floor), dtype=np.float64)
                if demoted.any():
                    ranking = ranking - DEMOTION * demoted
            if report and weight and OVERALL_LIFT:
                lifted = np.asarray(assessment.overall) > 0
                if lifted.any():
                    ranking = ranking + OVERALL_LIFT * lifted
        chosen = set(
            select_rows(
                ranking,
                similarity,
                content,
                lengths,
                budget.resolve(report),
                diversity=opts.diversity,
                max_similarity=opts.max_similarity,
                needs_previous=needs_previous,
                groups=[_GROUP.get(label.section or "", -1) for label in labels],
                coverage=opts.coverage,
            )
        )
        if not opts.sections:
            labels = [sections.Label(None, None)] * len(spans)
        all_sentences = []
        mapped = bool(norm.chunks)  # offsets differ from the caller's only where NFC changed
        for index, span, score, label, reason in zip(
            range(len(spans)), spans, scores.tolist(), labels, noise.reasons, strict=True
        ):
            start, end = span.start, span.end
            if mapped:
                start, end = norm.to_original(start, end)
            # Positional: a frozen dataclass's keyword call costs a quarter more.
            all_sentences.append(
                Sentence(
                    index, text[start:end], start, end, score, label.section, reason, label.reason
                )
            )
        if title is None and noise.title is not None:
            title = all_sentences[noise.title].text
        return Summary(
            sentences=tuple(all_sentences[i] for i in sorted(chosen)),
            all_sentences=tuple(all_sentences),
            sections=self._sections(all_sentences, content, assessment),
            title=title,
            source_text=source_text,
        )

    def _rank(
        self,
        analysed: list[str],
        content: list[bool],
        lengths: Sequence[int],
        query: str | None,
        syllables: Sequence[list[str]],
        query_syllables: list[str],
    ) -> tuple[np.ndarray, Rows]:
        """Scores in [0, 1] of the content sentences (0 elsewhere) and their similarities.

        ``syllables`` are those of the lowercased sentences (``query_syllables`` the title's),
        from which the syllable tokenizer's terms are numbered directly; ``analysed`` (the
        sentences' texts) is read by the word tokenizer only.
        """
        opts = self.options
        n = len(content)
        keep = [i for i in range(n) if content[i]]
        # The title joins the IDF statistics as one more row, then leaves the graph.
        with_query = bool(query and opts.title_weight)
        # Columns in order of first occurrence: column order does not change cosines.
        if opts.tokenizer == "syllable":
            rows = [syllables[i] for i in keep]
            if with_query:
                rows.append(query_syllables)
            vectors = weigh(*tokenize.syllable_term_ids(rows))
        else:
            sentences = [analysed[i] for i in keep]
            if with_query:
                sentences.append(query)  # type: ignore[arg-type]
            vectors = tfidf_rows(tokenize.tokenize(sentences, opts.tokenizer))
        query_similarity = None
        if with_query:
            vectors, query_similarity = split_query_rows(vectors)
        graph = rank.similarity_rows(vectors, threshold=opts.similarity_threshold)
        if opts.ranker == "textrank":
            centrality = rank.pagerank(
                graph.to_csr(), damping=opts.damping, tol=opts.tol, max_iter=opts.max_iter
            )
        else:
            centrality = rank.directed_rows(graph, backward=opts.backward_weight)
        local = rank.with_priors(
            centrality,
            np.array([lengths[i] for i in keep], dtype=np.float64),
            position_weight=opts.position_weight,
            length_weight=opts.length_weight,
            query_similarity=query_similarity,
            query_weight=opts.title_weight,
        )
        # Lift the content-only graph back to document indices for the selector: relabel
        # rows and columns (no sparse products; rows of non-content sentences stay empty).
        # Document row i starts where content row "content sentences before i" does.
        keep_index = np.asarray(keep, dtype=np.int64)
        scores = np.zeros(n)
        scores[keep_index] = local
        indptr = graph.indptr[list(itertools.accumulate(content, initial=0))]
        return scores, Rows(graph.data, keep_index[graph.indices], indptr, n)

    def _sections(
        self,
        all_sentences: list[Sentence],
        content: list[bool],
        assessment: worth.Assessment | None,
    ) -> Sections:
        """Each section's most representative sentences, the most representative first: by
        ranking score (which includes the expected reader grade), lifted for an overall
        statement ("... đạt nhiều kết quả quan trọng"), so it leads its items. Sentences that
        lean on the one before, appraisals and connective openers (:mod:`summarize.worth`)
        come only after every other member: a section lists them without their antecedent."""
        k = self.options.section_sentences
        if not self.options.sections or k == 0:
            return Sections()
        groups = {}
        for name in sections.LABELS:
            members = [
                s
                for s in all_sentences
                if s.section == name and content[s.index] and s.noise is None
            ]
            if assessment is None:
                ranked = sorted(members, key=lambda s: (-s.score, s.index))
            else:
                a = assessment
                ranked = sorted(
                    members,
                    key=lambda s: (
                        a.dangling[s.index] or a.aside[s.index],
                        -(s.score + a.overall[s.index]),
                        s.index,
                    ),
                )
            groups[name] = tuple(ranked[:k])
        return Sections(**groups)


# A section's number for the selector's coverage (-1: none).
_GROUP = {name: number for number, name in enumerate(sections.LABELS)}


def _rescaled(scores: np.ndarray, content: list[bool]) -> np.ndarray:
    """``scores`` min-max scaled to [0, 1] over the content sentences (0 elsewhere)."""
    mask = np.asarray(content, dtype=bool)
    if not mask.any():
        return np.zeros_like(scores)
    low, high = scores[mask].min(), scores[mask].max()
    out = np.zeros_like(scores)
    out[mask] = (scores[mask] - low) / (high - low) if high > low else 1.0
    return out


def summarize(
    text: str,
    *,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    title: str | None = None,
    **options: Any,
) -> Summary:
    """Summarize Vietnamese ``text``: the best sentences, in document order, plus sections.

    ``options`` are those of :class:`Summarizer` (``tokenizer``, ``split``, ``damping``, ...).
    """
    return Summarizer(**options).summarize(
        text, sentences=sentences, ratio=ratio, words=words, title=title
    )


def _options_help() -> str:
    """Every option with its default, for ``help(summarize)`` and ``help(Summarizer)``: built
    from :class:`Options`, so the list is never out of date."""
    fields = Options.__dataclass_fields__.items()
    lines = [f"        {name}={field.default!r}" for name, field in fields]
    return (
        "\n\n    Options (what each accepts and does: docs/usage.md, ``Summarizer``)::\n\n"
        + "\n".join(lines)
        + "\n"
    )


if summarize.__doc__ is not None:  # (python -OO strips docstrings)
    summarize.__doc__ += _options_help()
    Summarizer.__doc__ = (Summarizer.__doc__ or "") + _options_help()
