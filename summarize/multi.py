"""Multi-document summaries: one summary of a cluster of articles about the same event.

Joining the articles into one text throws away what matters most in news: where each sentence
sits in *its own* article (the lead of every paper tells the event), and which facts several
papers report. :func:`summarize_documents` keeps both. Every document goes through the
single-document stages on its own (normalise, segment, page furniture, sections, the reader's
view); the cluster shares one TF-IDF space and one similarity graph, and each content sentence
``i`` of article ``d`` (counted from 0) at content position ``p`` scores

``s_i = w_in · in_i / max|in| + w_x · across_i / max across + w_p / (p + 1)
+ w_l · ln(1 + len_i) + w_t · mean_t cos(title_t, i) + w_d / (d + 1)``

* ``in_i``: PacSum's directed centrality (Zheng & Lapata, 2019) over the edges inside article
  ``d`` only, as :mod:`summarize.rank` computes it for one article;
* ``across_i = Σ_{d' ≠ d} max_{j ∈ d'} cos(i, j)``: how strongly each *other* article echoes the
  sentence, one vote per article (its best match), so what several papers report outranks what
  one paper repeats (in the spirit of MEAD's centroid and LexRank's cluster graphs, Radev et
  al. 2004, Erkan & Radev 2004, with per-article votes instead of a centroid);
* the lead prior ``1 / (p + 1)`` counts positions per article: every article has a lead;
* the titles of all articles are queries (each one a row of the TF-IDF statistics, never a
  candidate), as :func:`summarize.summarize` uses one article's title;
* the article prior ``1 / (d + 1)``: the caller's first article (the first report, the main
  source) weighs a little more.

The selection is :mod:`summarize.cover`: the sentences that together cover the most of the
cluster's concepts (syllable bigrams; one said by several articles, or early in one, weighs
more) plus the most of these scores, within the budget. A concept counts once, so the same
fact is not taken from a second paper; and the hard cap ``max_similarity`` (0.5 here) keeps
near-duplicates out whatever the weights. What a reader would drop (the reader's view of
:mod:`summarize.worth`, article by article) is left out, and a sentence that leans on the one
before is taken only after it. The summary is in document order: by article, as given, then
by position within it (the caller knows the order of the articles, for instance by date; the
library has no dates to sort by). The weights and the default budget were tuned on the 200
AbMuSu training clusters and ViMs draft clusters 0-149 (``benchmarks/multi.py --tune``;
docs/algorithm.md, docs/benchmarks.md).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from . import _validate, cover, rank, sections, tokenize, worth
from .noise import Noise, detect_noise, syllables_of
from .normalize import normalize
from .segment import segment
from .select import MAX_SIMILARITY, Budget
from .summarizer import (
    REPORT_WORTH_WEIGHT,
    WORTH_FLOOR,
    Options,
    Summarizer,
    _rescaled,
)
from .summary import Sentence, Summary
from .vectorize import Rows, tfidf_rows, weigh

# The default budget of a cluster, in syllables (a "word" of the ``words`` budget): human
# summaries of clusters run to about 200 syllables (AbMuSu 205, ViMs draft 228); on the
# tuning clusters R-2 peaks at 250 (docs/algorithm.md, section 10); the summary passes over a
# sentence that would overflow for a shorter one, and ends a few syllables short.
CLUSTER_WORDS = 250
# ... and never more than this share of the cluster's content syllables: three short items of
# news are summarized, not returned whole. Clusters of full articles are far above 250 / 0.3
# (median content: 1,943 syllables on AbMuSu train); on the 14 of its 200 below, the cap
# raises R-2 from 48.0 to 51.9 (docs/algorithm.md, section 10).
CLUSTER_SHARE = 0.3
# Near-duplicates across papers: a candidate more similar than this to a chosen sentence is
# never taken (``max_similarity``; 0.7 for one document). Coverage already gives a retold fact
# little gain (on the tuning clusters any cap from 0.4 to none scores within 0.1 R-2); the
# cap makes sure that two papers' versions of one sentence never both reach a reader.
CLUSTER_MAX_SIMILARITY = 0.5
# A report's expected reader grade (``report_worth``) is not added in a cluster by default: the
# section labeller marks sentences of about half of all news articles, which then weigh as
# reports, and the grade cost 1.2 R-2 at 190 syllables and 0.8 at 250 on the tuning clusters
# (docs/algorithm.md, section 10). Labels, sections and the reader's demotions are unchanged.
CLUSTER_REPORT_WORTH = 0.0


@dataclass(frozen=True, slots=True)
class ClusterWeights:
    """The weights of the cluster score (see the module docstring); tuned by
    ``benchmarks/multi.py --tune``."""

    within: float = 0.25
    across: float = 0.5
    position: float = 0.25
    length: float = -0.15
    title: float = 3.0
    document: float = 0.75


WEIGHTS = ClusterWeights()


@dataclass(frozen=True, slots=True)
class _Document:
    """One document after the single-document stages, before the cluster is scored."""

    text: str
    starts: tuple[int, ...]  # offsets into the caller's string
    ends: tuple[int, ...]
    analysed: tuple[str, ...]  # NFC sentence texts
    syllables: tuple[list[str], ...]
    lengths: tuple[int, ...]
    reasons: tuple[str | None, ...]
    content: tuple[bool, ...]
    title: str | None  # the query: the given title or the detected title line
    title_syllables: tuple[str, ...]


def summarize_documents(
    documents: Sequence[str],
    *,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    titles: Sequence[str | None] | None = None,
    **options: Any,
) -> Summary:
    """Summarize a cluster of Vietnamese articles about one event in one :class:`Summary`.

    ``documents`` are the articles' texts, in the order the summary follows (for instance by
    date). ``titles``, when given, holds each article's headline (``None`` for one without),
    kept apart from its text; otherwise the title line detected at the top of each text is
    used. Titles are queries, never candidates. Give at most one of ``sentences``, ``ratio``
    (of the cluster's content sentences) and ``words``; by default the summary is what fits in
    ``CLUSTER_WORDS`` syllables, or in ``CLUSTER_SHARE`` of the cluster's content syllables if
    that is less. ``options`` are those of :class:`summarize.Summarizer`;
    ``max_similarity`` left at its default is ``CLUSTER_MAX_SIMILARITY`` here, and
    ``report_worth`` ``CLUSTER_REPORT_WORTH``; ``diversity`` (the single-document MMR trade-off)
    has no effect in a cluster, where coverage (:mod:`summarize.cover`) keeps repeats out.

    Each :class:`Sentence` carries ``document``, the index of its article, and offsets into
    that article: ``documents[s.document][s.start:s.end] == s.text``. ``index`` counts across
    the cluster: ``summary.all_sentences[s.index] is s``. The chosen sentences come by
    document, then by position in it.

    Raises ``TypeError`` if ``documents`` is not a list or tuple of ``str`` or a title is
    not a ``str`` or ``None``, and ``ValueError`` for a bad budget, option, or number of
    titles. No document with text gives an empty :class:`Summary`.
    """
    return summarize_with(
        Summarizer(**options), documents, titles, Budget.from_options(sentences, ratio, words)
    )


def summarize_with(
    summarizer: Summarizer,
    documents: Sequence[str],
    titles: Sequence[str | None] | None,
    budget: Budget,
) -> Summary:
    """:func:`summarize_documents` with a configured :class:`Summarizer` (``--jsonl`` and
    :func:`summarize.summarize_many` use it for a record holding a list of texts). Its
    ``max_similarity`` and ``report_worth``, when left at the single-document defaults, become
    ``CLUSTER_MAX_SIMILARITY`` and ``CLUSTER_REPORT_WORTH``."""
    texts = _checked_documents(documents)
    heads = _checked_titles(titles, len(texts))
    opts = summarizer.options
    if opts.max_similarity == MAX_SIMILARITY:
        opts = replace(opts, max_similarity=CLUSTER_MAX_SIMILARITY)
    if opts.report_worth == REPORT_WORTH_WEIGHT:
        opts = replace(opts, report_worth=CLUSTER_REPORT_WORTH)
    if opts.html:
        raise _validate.invalid(
            "html", True, "False for summarize_documents (read pages with summarize.read first)"
        )
    total = sum(map(len, texts))
    if opts.max_chars and total > opts.max_chars:
        raise ValueError(
            f"`documents` have {total:,} characters, more than `max_chars` = "
            f"{opts.max_chars:,}; pass a larger `max_chars` (None: no limit) to accept them"
        )
    return summarize_cluster(texts, heads, budget, opts, WEIGHTS)


@dataclass(frozen=True, slots=True)
class Cluster:
    """A cluster after every stage that does not depend on the weights or the budget: its
    documents, their sentences joined in order, the cluster graph, each content sentence's
    signals (arrays over the content sentences, ``keep`` their cluster indices) and every
    sentence's concepts (:func:`summarize.cover.concepts`, numbered with the titles')."""

    docs: tuple[_Document, ...]
    doc_of: NDArray[np.int64]
    content: tuple[bool, ...]
    lengths: tuple[int, ...]
    labels: tuple[sections.Label, ...]
    graph: Rows
    keep: NDArray[np.int64]
    within: NDArray[np.float64]
    across: NDArray[np.float64]
    position: NDArray[np.float64]
    log_length: NDArray[np.float64]
    title_similarity: NDArray[np.float64]
    concepts: tuple[NDArray[np.int64], ...]
    title_concepts: NDArray[np.int64]
    concept_count: int


def summarize_cluster(
    texts: Sequence[str],
    titles: Sequence[str | None],
    budget: Budget,
    opts: Options,
    weights: ClusterWeights = WEIGHTS,
) -> Summary:
    """:func:`summarize_documents` on validated arguments."""
    return choose(analyse(texts, titles, opts), budget, opts, weights)


def analyse(texts: Sequence[str], titles: Sequence[str | None], opts: Options) -> Cluster:
    """Every document through the single-document stages, then the cluster's graph and the
    signals of each content sentence."""
    docs = tuple(_prepare(text, title, opts) for text, title in zip(texts, titles, strict=True))
    doc_of = np.repeat(np.arange(len(docs)), [len(d.reasons) for d in docs]).astype(np.int64)
    content = tuple(c for d in docs for c in d.content)
    lengths = tuple(x for d in docs for x in d.lengths)
    labels: list[sections.Label] = []
    for d in docs:
        if opts.sections or opts.report_worth:  # labels show, and weigh a report
            labels += sections.label(list(d.analysed), list(d.reasons), cues=opts.section_cues)
        else:
            labels += [sections.Label(None, None)] * len(d.reasons)
    n = len(content)
    keep = np.flatnonzero(content).astype(np.int64)
    queries = [d for d in docs if d.title]
    if opts.tokenizer == "syllable":
        syllables = [row for d in docs for row in d.syllables]
        rows = [syllables[i] for i in keep] + [list(d.title_syllables) for d in queries]
        vectors = weigh(*tokenize.syllable_term_ids(rows))
    else:
        analysed = [a for d in docs for a in d.analysed]
        texts_kept = [analysed[i] for i in keep] + [d.title or "" for d in queries]
        vectors = tfidf_rows(tokenize.tokenize(texts_kept, opts.tokenizer))
    m = len(keep)
    sentence_rows = Rows(vectors.data, vectors.indices, vectors.indptr[: m + 1], vectors.n_columns)
    graph = rank.similarity_rows(sentence_rows, threshold=opts.similarity_threshold)
    docs_kept = doc_of[keep]
    row_of = np.repeat(np.arange(m), np.diff(graph.indptr))
    same = docs_kept[row_of] == docs_kept[graph.indices]
    # Lift the content-only graph to cluster indices (rows of non-content sentences empty).
    counts = np.zeros(n, dtype=np.int64)
    counts[keep] = np.diff(graph.indptr)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    heads = [list(d.title_syllables) for d in docs if d.title_syllables]
    concepts, concept_count = cover.concepts([s for d in docs for s in d.syllables] + heads)
    return Cluster(
        docs=docs,
        doc_of=doc_of,
        content=content,
        lengths=lengths,
        labels=tuple(labels),
        graph=Rows(graph.data, keep[graph.indices], indptr, n),
        keep=keep,
        within=rank.directed_rows(_subgraph(graph, same, row_of), backward=opts.backward_weight),
        across=_votes(graph, ~same, row_of, docs_kept, len(docs)),
        position=_positions(docs_kept),
        log_length=np.log1p(np.asarray([lengths[i] for i in keep], dtype=np.float64)),
        title_similarity=_title_similarity(vectors, m, len(queries)),
        concepts=tuple(concepts[:n]),
        title_concepts=np.unique(np.concatenate([np.zeros(0, dtype=np.int64), *concepts[n:]])),
        concept_count=concept_count,
    )


def scores_of(cluster: Cluster, weights: ClusterWeights) -> NDArray[np.float64]:
    """The cluster score of every sentence (the module docstring), min-max scaled to [0, 1]
    over the content sentences, 0 elsewhere."""
    local = (
        weights.within * _unit(cluster.within)
        + weights.across * _unit(cluster.across)
        + weights.position / (cluster.position + 1.0)
        + weights.length * cluster.log_length
        + weights.title * cluster.title_similarity
        + weights.document / (cluster.doc_of[cluster.keep] + 1.0)
    )
    scores = np.zeros(len(cluster.content))
    if len(local):
        low, high = local.min(), local.max()
        scores[cluster.keep] = (local - low) / (high - low) if high > low else 1.0
    return scores


def choose(
    cluster: Cluster,
    budget: Budget,
    opts: Options,
    weights: ClusterWeights,
    cover_weights: cover.CoverWeights = cover.WEIGHTS,
) -> Summary:
    """The summary of an analysed cluster: scores, the reader's view, coverage, sections."""
    n = len(cluster.content)
    if not n:
        return Summary()
    content = list(cluster.content)
    labels = list(cluster.labels)
    scores = scores_of(cluster, weights)
    needs_previous: list[bool] | None = None
    assessment = None
    demoted = [0] * n
    if opts.worth or opts.report_worth or opts.coherence:
        assessment, scores, needs_previous, demoted = _reader_view(
            cluster.docs, cluster.doc_of, scores, labels, opts
        )
    if budget.is_default:
        budget = Budget(words=default_words(cluster))
    chosen = _cover(cluster, scores, demoted, needs_previous, budget, opts, cover_weights)
    if not opts.sections:
        labels = [sections.Label(None, None)] * n
    all_sentences: list[Sentence] = []
    for number, d in enumerate(cluster.docs):
        for k in range(len(d.reasons)):
            i = len(all_sentences)
            start, end = d.starts[k], d.ends[k]
            label = labels[i]
            all_sentences.append(
                Sentence(i, d.text[start:end], start, end, float(scores[i]), label.section,
                         d.reasons[k], label.reason, number)
            )  # fmt: skip
    # Sections across the cluster: each section's most representative sentences of any
    # document, ranked as for one document.
    shaper = Summarizer()
    shaper.options = opts
    return Summary(
        sentences=tuple(all_sentences[i] for i in chosen),
        all_sentences=tuple(all_sentences),
        sections=shaper._sections(all_sentences, content, assessment),
    )


def default_words(cluster: Cluster) -> int:
    """The default budget of a cluster: ``CLUSTER_WORDS`` syllables, or ``CLUSTER_SHARE`` of
    its content syllables if that is less (the best sentence is taken whatever its length)."""
    content = sum(cluster.lengths[int(i)] for i in cluster.keep)
    return min(CLUSTER_WORDS, max(1, math.ceil(CLUSTER_SHARE * content)))


def _cover(
    cluster: Cluster,
    scores: NDArray[np.float64],
    demoted: Sequence[int],
    needs_previous: list[bool] | None,
    budget: Budget,
    opts: Options,
    cover_weights: cover.CoverWeights,
) -> tuple[int, ...]:
    """The coverage selection (:mod:`summarize.cover`) over the content sentences a reader
    would keep (all content sentences if the reader's view drops every one); a sentence that
    leans on the one before is taken only after it, unless that leaves nothing to take."""
    content = [i for i, ok in enumerate(cluster.content) if ok]
    candidates = [i for i in content if not demoted[i]] or content
    rows = cluster.concepts
    positions = np.zeros(len(cluster.content))
    positions[cluster.keep] = cluster.position
    weights = cover.concept_weights(
        rows, cluster.concept_count, candidates, cluster.doc_of.tolist(), positions.tolist(),
        cluster.title_concepts, cover_weights,
    )
    chosen = cover.cover(
        rows, weights, scores, candidates, cluster.lengths, budget, cluster.graph,
        max_similarity=opts.max_similarity, needs_previous=needs_previous, weights=cover_weights,
    )  # fmt: skip
    if not chosen and needs_previous is not None:
        chosen = cover.cover(
            rows, weights, scores, candidates, cluster.lengths, budget, cluster.graph,
            max_similarity=opts.max_similarity, needs_previous=None, weights=cover_weights,
        )  # fmt: skip
    return chosen


def _checked_documents(documents: object) -> list[str]:
    if isinstance(documents, str) or not isinstance(documents, (list, tuple)):
        raise TypeError(
            f"`documents` must be a list or tuple of str, not {type(documents).__name__}"
        )
    for number, text in enumerate(documents):
        if not isinstance(text, str):
            raise TypeError(f"`documents[{number}]` must be str, not {type(text).__name__}")
    return list(documents)


def _checked_titles(titles: object, count: int) -> list[str | None]:
    if titles is None:
        return [None] * count
    if isinstance(titles, str) or not isinstance(titles, (list, tuple)):
        raise TypeError(
            f"`titles` must be a list or tuple of str or None, not {type(titles).__name__}"
        )
    if len(titles) != count:
        raise ValueError(
            f"`titles` has {len(titles)} entries for {count} documents; must be one per document"
        )
    for number, title in enumerate(titles):
        if title is not None and not isinstance(title, str):
            raise TypeError(f"`titles[{number}]` must be str or None, not {type(title).__name__}")
    return list(titles)


def _prepare(text: str, title: str | None, opts: Options) -> _Document:
    """One document through normalisation, segmentation and the page-furniture rules."""
    norm = normalize(text)
    seg = segment(norm.text, split=opts.split)
    if not seg.sentences:
        return _Document(text, (), (), (), (), (), (), (), None, ())
    noise = detect_noise(norm.text, seg, title=title or None)
    spans = noise.sentences
    content = [reason is None for reason in noise.reasons]
    if not any(content):  # nothing but furniture: rank what is there, repeats excepted
        content = [reason not in ("duplicate", "empty") for reason in noise.reasons]
    starts, ends = [], []
    for span in spans:
        start, end = span.start, span.end
        if norm.chunks:
            start, end = norm.to_original(start, end)
        starts.append(start)
        ends.append(end)
    query, query_syllables = _query(title, noise, norm.text)
    return _Document(
        text,
        tuple(starts),
        tuple(ends),
        tuple(norm.text[s.start : s.end] for s in spans),
        noise.syllables,
        noise.lengths,
        noise.reasons,
        tuple(content),
        query,
        query_syllables,
    )


def _query(title: str | None, noise: Noise, text: str) -> tuple[str | None, tuple[str, ...]]:
    """The document's title query and its syllables, as :func:`summarize.summarize` takes
    them: the given title, else (unless it is ``""``) the detected title line."""
    if title:
        nfc = unicodedata.normalize("NFC", title)
        return nfc, tuple(syllables_of(nfc.lower()))
    if title is None and noise.title is not None:
        line = noise.sentences[noise.title]
        return text[line.start : line.end], tuple(noise.syllables[noise.title])
    return None, ()


def _title_similarity(vectors: Rows, m: int, queries: int) -> NDArray[np.float64]:
    """Each sentence row's mean cosine with the ``queries`` title rows that follow the ``m``
    sentence rows (zeros without titles)."""
    if not queries or not m:
        return np.zeros(m)
    matrix = vectors.to_csr()
    product = (matrix[:m] @ matrix[m:].T).toarray()
    return np.asarray(product.mean(axis=1), dtype=np.float64)


def _subgraph(graph: Rows, mask: NDArray[np.bool_], row_of: NDArray[np.int64]) -> Rows:
    """The entries of ``graph`` where ``mask`` holds, in their stored order."""
    indptr = np.zeros(graph.n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of[mask], minlength=graph.n_rows), out=indptr[1:])
    return Rows(graph.data[mask], graph.indices[mask], indptr, graph.n_columns)


def _votes(
    graph: Rows,
    mask: NDArray[np.bool_],
    row_of: NDArray[np.int64],
    docs_kept: NDArray[np.int64],
    count: int,
) -> NDArray[np.float64]:
    """``Σ_{d' ≠ d} max_{j ∈ d'} cos(i, j)``: one vote per other document, its best match."""
    best = np.zeros(graph.n_rows * max(count, 1))
    keys = row_of[mask] * count + docs_kept[graph.indices[mask]]
    np.maximum.at(best, keys, graph.data[mask])
    return np.asarray(best.reshape(graph.n_rows, max(count, 1)).sum(axis=1), dtype=np.float64)


def _positions(docs_kept: NDArray[np.int64]) -> NDArray[np.float64]:
    """Each content sentence's position among its document's content sentences."""
    if not len(docs_kept):
        return np.zeros(0)
    starts = np.flatnonzero(np.r_[True, docs_kept[1:] != docs_kept[:-1]])
    first = np.repeat(starts, np.diff(np.r_[starts, len(docs_kept)]))
    return np.asarray(np.arange(len(docs_kept)) - first, dtype=np.float64)


def _unit(values: NDArray[np.float64]) -> NDArray[np.float64]:
    top = np.abs(values).max() if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def _reader_view(
    docs: Sequence[_Document],
    doc_of: NDArray[np.int64],
    scores: NDArray[np.float64],
    labels: list[sections.Label],
    opts: Options,
) -> tuple[worth.Assessment, NDArray[np.float64], list[bool] | None, list[int]]:
    """The reader's view (:mod:`summarize.worth`) of each article, joined over the cluster,
    with the single-document policy: the assessment; the scores with each report's expected
    reader grade; which sentences need the one before them; and which a reader would drop
    (lead-ins, attendance, greetings, a grade below ``WORTH_FLOOR``: nonzero), which the
    selection leaves out."""
    parts = []
    offset = 0
    for d in docs:
        size = len(d.reasons)
        part = worth.assess(
            d.analysed,
            d.content,
            scores[offset : offset + size].tolist(),
            [label.section for label in labels[offset : offset + size]],
            after_title=d.title is not None,
        )
        parts.append(part)
        report = any(label.section is not None for label in labels[offset : offset + size])
        weight = opts.report_worth if report else opts.worth
        if weight:
            scores = scores.copy()
            scores[offset : offset + size] += weight * np.asarray(part.grades)
        offset += size
    joined = worth.Assessment(
        *([x for p in parts for x in getattr(p, field)] for field in worth.Assessment._fields)
    )
    content = [c for d in docs for c in d.content]
    if opts.worth or opts.report_worth:
        scores = _rescaled(scores, content)
    needs_previous = None
    demoted = [0] * len(content)
    if opts.coherence:
        needs_previous = list(joined.dangling)
        demoted = joined.demoted(content, WORTH_FLOOR)
        # A sentence that leans on the one before cannot open its article's candidates: it
        # is dropped with what a reader would drop.
        first = True
        for i in range(len(content)):
            first = first or (i > 0 and doc_of[i] != doc_of[i - 1])
            if content[i]:
                if first and needs_previous[i]:
                    needs_previous[i], demoted[i] = False, max(demoted[i], 1)
                first = False
    return joined, scores, needs_previous, demoted
