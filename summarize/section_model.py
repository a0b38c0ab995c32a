"""The learned half of the section labeller: which section a sentence's words point to.

The cue lexicon (:mod:`summarize.cues`) knows the words a report uses to announce a result, a
shortcoming or a task, and the passage state of :mod:`summarize.sections` carries them through a
passage. What cues miss is the rest of the sentence: "đã chỉ đạo" is an act already done, "cần có
thời gian" a difficulty, "Thủ tướng yêu cầu" a task whatever the noun after it. This module adds
that as a linear model over a sentence's words, its cues and its neighbours' cues, giving each
section a log-odds against "no section"; :func:`summarize.sections.label` adds them to the cue
evidence before its Viterbi search, so passages, headings and the report gate work as before.

The model is plain text, ``data/section_model.tsv``: one feature a line with its weight for each
section (log-odds against none), written by ``benchmarks/sections_train.py`` (scikit-learn's
logistic regression on every labelled split of ``benchmarks/sections/`` but the held-out one)
and read here with no dependency. Features (see :func:`document_features`):

========================  =================================================================
``w:<word>``              a word of the sentence (casefolded; names and punctuation left out)
``p:<word> <word>``       two words in a row
``f:<word>``, ``f2:...``  one of the first two words, and the two together
``c:<kind>:<cue>``        a cue of the lexicon found in the sentence
``e:<kind>``              the sentence's cue evidence for a section (or ``other``)
``carry``, ``opener``     its continuation weight; whether it has a list-opening colon
``pc:``, ``pe:``, ...     the cues and evidence of the sentence before (``p``) and after (``n``)
========================  =================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from operator import methodcaller
from typing import NamedTuple

from .cues import NAME_MARK, NUMBER, SECTION_KINDS, Cue
from .tokenize import stopwords

FORMAT = "summarize-section-model/1"
BIAS = "<bias>"
EVIDENCE_KINDS = (*SECTION_KINDS, "other")
EXPLAIN_WEIGHT = 0.1  # the least a word must add to be named in an explanation
# The value of a transition feature. They are trained on the gold label before, and gold
# passages are long, so at full value they learn "keep the label before" on top of the
# labeller's own passage state (label bias): with 776 training documents a delegates'
# "Đồng thời, ..." after a task became a task. A small value is a stronger L2 penalty on them
# alone (measured on a fifth of the labelled documents: macro-F1 0.675 against 0.672 at 1).
TRANSITION_SCALE = 0.3


class SentenceView(NamedTuple):
    """What the model sees of one sentence: its tokens (:func:`summarize.cues.tokens` with
    names marked), the cues found in it, its evidence per :data:`EVIDENCE_KINDS`, its
    continuation weight and whether it opens a list with a colon."""

    tokens: tuple[str, ...]
    cues: tuple[Cue, ...]
    evidence: tuple[float, ...]
    carry: float
    opener: bool


def _own(view: SentenceView, cues_and_evidence: dict[str, float]) -> dict[str, float]:
    words = [t for t in view.tokens if t == NUMBER or (t[0].isalnum() and t[0] != NAME_MARK)]
    features: dict[str, float] = {}
    for word in words:
        features["w:" + word] = 1.0
    for first, second in pairwise(words):
        features[f"p:{first} {second}"] = 1.0
    for word in words[:2]:
        features["f:" + word] = 1.0
    if len(words) > 1:
        features[f"f2:{words[0]} {words[1]}"] = 1.0
    features.update(cues_and_evidence)
    if view.carry:
        features["carry"] = view.carry
    if view.opener:
        features["opener"] = 1.0
    return features


def _cues_and_evidence(view: SentenceView) -> dict[str, float]:
    features = {f"c:{cue.kind}:{cue}": 1.0 for cue in view.cues}
    for kind, value in zip(EVIDENCE_KINDS, view.evidence, strict=True):
        if value:
            features["e:" + kind] = value
    return features


def document_features(views: Sequence[SentenceView]) -> list[dict[str, float]]:
    """The features of every sentence of a document (the labelled chain, in order)."""
    context = [_cues_and_evidence(view) for view in views]
    out = [_own(view, own) for view, own in zip(views, context, strict=True)]
    for i in range(len(views)):
        if i > 0:
            out[i].update({"p" + name: value for name, value in context[i - 1].items()})
        if i + 1 < len(views):
            out[i].update({"n" + name: value for name, value in context[i + 1].items()})
    return out


def transition_features(previous: str, view: SentenceView) -> dict[str, float]:
    """The features that depend on the label of the sentence before (``previous``: a section,
    ``"none"`` or ``"start"``): the label, with the sentence's first word and with its
    continuation weight, so that "Tiếp tục ..." can learn to follow whatever passage it is in.
    Their value is ``TRANSITION_SCALE`` (times the continuation weight), see there."""
    features: dict[str, float] = {}
    first = first_word(view)
    if first is not None:
        features[f"prev:{previous}&f:{first}"] = TRANSITION_SCALE
    if view.carry:
        features[f"prev:{previous}&carry"] = TRANSITION_SCALE * view.carry
    return features


def first_word(view: SentenceView) -> str | None:
    """The sentence's first word (not a name, not punctuation), if any."""
    return next((t for t in view.tokens if t[0].isalnum() and t[0] != NAME_MARK), None)


class Model:
    """Weights per feature: the log-odds each adds for every section against none."""

    __slots__ = ("bias", "sections", "weights")

    def __init__(self, sections: Sequence[str], bias: Sequence[float],
                 weights: dict[str, tuple[float, ...]]) -> None:  # fmt: skip
        if tuple(sections) != SECTION_KINDS:
            raise ValueError(f"model sections must be {SECTION_KINDS}, got {tuple(sections)}")
        width = len(SECTION_KINDS)
        for name, row in (("bias", bias), *weights.items()):
            if len(row) != width:
                raise ValueError(f"model feature {name!r}: {len(row)} weights, expected {width}")
        self.sections = SECTION_KINDS
        self.bias = tuple(bias)
        self.weights = weights

    def log_odds(self, features: dict[str, float]) -> list[float]:
        """Per section, the log-odds of the sentence being in it against being in none."""
        return self.add(self.bias, features)

    def add(self, totals: Sequence[float], features: dict[str, float]) -> list[float]:
        """``totals`` plus the weights of ``features`` (no bias)."""
        first, second, third = totals  # the three sections, unrolled: this is the hot loop
        get = self.weights.get
        for name, value in features.items():
            row = get(name)
            if row is not None:
                first += row[0] * value
                second += row[1] * value
                third += row[2] * value
        return [first, second, third]

    def after(
        self, base: Sequence[float], previous: str, first: str | None, carry: float
    ) -> list[float]:
        """``base`` plus the weights of :func:`transition_features` for ``previous``: the same
        sums in the same order as :meth:`add`, without building the features."""
        first_sum, second_sum, third_sum = base
        get = self.weights.get
        if first is not None and (row := get(f"prev:{previous}&f:{first}")) is not None:
            first_sum += row[0] * TRANSITION_SCALE
            second_sum += row[1] * TRANSITION_SCALE
            third_sum += row[2] * TRANSITION_SCALE
        if carry and (row := get(f"prev:{previous}&carry")) is not None:
            value = TRANSITION_SCALE * carry
            first_sum += row[0] * value
            second_sum += row[1] * value
            third_sum += row[2] * value
        return [first_sum, second_sum, third_sum]

    def strongest_words(
        self, features: dict[str, float], section: int, count: int = 2
    ) -> list[str]:
        """Up to ``count`` phrases of the sentence whose words add most to ``section``'s log-odds
        (at least ``EXPLAIN_WEIGHT``; stop words left out): the explanation of a label that rests
        on the model alone. A single syllable is shown with the neighbour it forms its heaviest
        pair with ("huy" as "phát huy")."""
        stop = stopwords()
        weights = self.weights
        pairs = [
            (weights[name][section] if name in weights else 0.0, name[2:])
            for name in features
            if name.startswith("p:")
        ]
        ranked = sorted(
            (-weights[name][section], name[2:])
            for name in features
            if name[:2] in ("w:", "p:") and name in weights
        )
        chosen: list[str] = []
        for weight, words in ranked:
            if -weight < EXPLAIN_WEIGHT or len(chosen) == count:
                break
            if words in stop or all(w in stop or w == NUMBER for w in words.split()):
                continue
            if " " not in words:  # a syllable: show it in its heaviest pair
                around = [(-w, pair) for w, pair in pairs if words in pair.split()]
                if around:
                    words = min(around)[1]
            if any(w in c.split() for c in chosen for w in words.split()):
                continue
            chosen.append(words)
        return chosen

    def dumps(self) -> str:
        """The model in the shipped TSV format (see :func:`parse`)."""
        lines = [f"# {FORMAT}", "feature\t" + "\t".join(self.sections)]
        rows = [(BIAS, self.bias), *sorted(self.weights.items())]
        lines.extend(name + "\t" + "\t".join(f"{w:.3f}" for w in row) for name, row in rows)
        return "\n".join(lines) + "\n"


def parse(text: str, origin: str) -> Model:
    """A :class:`Model` from its TSV text; ``ValueError`` naming ``origin`` if malformed."""
    lines = text.splitlines()
    if not lines or lines[0] != f"# {FORMAT}":
        raise ValueError(f"{origin}: not a {FORMAT} file")
    header = lines[1].split("\t") if len(lines) > 1 else []
    if header[:1] != ["feature"] or tuple(header[1:]) != SECTION_KINDS:
        columns = "<TAB>".join(SECTION_KINDS)
        raise ValueError(f"{origin}:2: expected the header feature<TAB>{columns}")
    body = lines[2:]
    width = len(SECTION_KINDS) + 1
    weights = _fast_rows(body, width)
    if weights is None:  # malformed somewhere: find the line, slowly
        weights = {}
        for number, line in enumerate(lines[2:], start=3):
            fields = line.split("\t")
            try:
                if len(fields) != width:
                    raise ValueError
                weights[fields[0]] = tuple(float(w) for w in fields[1:])
            except ValueError:
                raise ValueError(f"{origin}:{number}: expected a feature and {width - 1} "
                                 f"weights, got {line!r}") from None  # fmt: skip
    bias = weights.pop(BIAS, (0.0,) * len(SECTION_KINDS))
    return Model(SECTION_KINDS, bias, weights)


def _fast_rows(body: list[str], width: int) -> dict[str, tuple[float, ...]] | None:
    """The rows of a well-formed model body, read column by column (the model has tens of
    thousands of lines, read on first use); ``None`` if any line is malformed."""
    if any(count != width - 1 for count in set(map(methodcaller("count", "\t"), body))):
        return None
    fields = "\t".join(body).split("\t")
    try:
        columns = [list(map(float, fields[k::width])) for k in range(1, width)]
    except ValueError:
        return None
    return dict(zip(fields[0::width], zip(*columns, strict=True), strict=True))


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped model, read on first use."""
    source = resources.files("summarize").joinpath("data/section_model.tsv")
    return parse(source.read_text(encoding="utf-8"), "section_model.tsv")
