"""Sentence labels for the structured summary: results, limitations, next tasks.

Reports are written in passages: an opener ("Bên cạnh những mặt đạt được, ... những hạn chế,
khuyết điểm như:", a heading "Hạn chế, tồn tại", "Hội nghị xác định, từ nay đến cuối năm, ...")
and then sentences that belong to it whether or not they repeat a cue word. So a sentence's
label is decided by three things:

* **evidence**: the weighted cues it contains (:mod:`summarize.cues`, ``data/section_cues.tsv``);
* **words**: a linear model's log-odds for each section, from the sentence's words, its cues and
  its neighbours' (:mod:`summarize.section_model`, ``data/section_model.tsv``), clipped to
  ``[FLOOR, CEILING]``;
* **passage state**: keeping the label of the sentence before earns ``STAY``, more after an
  opener that announced this section (a sentence with a colon, a heading) or when the sentence
  announces a continuation ("Tiếp tục ...", "Cụ thể, ...", a list item); such a continuation
  also costs as much to leave the passage, so "Tiếp tục ..." inside a passage of results is a
  result and inside a passage of tasks a task.

The best label sequence under that score is found exactly by the Viterbi algorithm over four
states (the three sections and none; a hidden-Markov-style chain whose emissions are half the
cue sum plus the model's scaled log-odds). A document gets no labels at all unless it reads like
a report (see :func:`_reads_like_report`): a crime story's "đề nghị truy tố" opens nothing. Page
furniture other than headings is skipped: it gets no label and does not break a passage.

Everything is deterministic and linear in the document, and each label carries its reason: the
cue (``cue "hạn chế"``), the heading (``heading "Hạn chế, tồn tại"``), the passage it continues
(``passage after "hạn chế"``) or, when no cue supports it, the words that decided it. The cue
weights and constants were set on annotator A's labels (``benchmarks/sections/labels_a*``), the
model is trained on every labelled split but the held-out one; see ``docs/sections.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import cues as cue_lexicon
from . import section_model
from .cues import SECTION_KINDS, Cue, CueSource
from .section_model import SentenceView

LABELS = SECTION_KINDS
HEADING = "heading"

THRESHOLD = 1.5  # evidence a sentence needs to be labelled on its own (the score of "none")
# A section's emission: CUE_SHARE x the sentence's cue evidence + MODEL_SHARE x the word model's
# log-odds for it, kept within [FLOOR, CEILING]: the words can argue against a section, but a
# heading or a list opener above still carries the passage over a sentence the model knows
# nothing about; and they can argue for one, but "Tiếp tục triển khai các nhiệm vụ, giải
# pháp ..." inside a passage of what was done stays a result.
CUE_SHARE = 0.5
MODEL_SHARE = 1.0
FLOOR = -1.0
CEILING = 5.0

STAY = 1.0  # bonus for keeping the label of the sentence before
OPENER_BONUS = 2.0  # extra bonus after a sentence that announces a list (has a colon)
HEADING_BONUS = 2.0  # extra bonus for staying in the section a heading above announced
LIST_ITEM = 1.0  # continuation weight of a list item ("- ...", "1. ...")
REPORT_EVIDENCE = 2.0  # evidence of a sentence that is clearly report language
ONE_SECTION_SHARE = 0.3  # the same for a document of one section only (a directive)
REPORT_SHARE = 0.1  # share of such sentences a document needs to be given sections
STORY_SHARE = 0.3  # share of sentences with crime/court/sports words that makes it a story

_NONE = len(LABELS)  # the state index of "no section"
_SLOTS = {kind: k for k, kind in enumerate((*LABELS, "other", "nonreport"))}  # evidence sums
_PREVIOUS = (*LABELS, "none")  # the names of the states, as the word model knows them
_MAX_QUOTE = 60
_COLON = re.compile(r":(?!\d)")  # not a time of day (8:30)


@dataclass(frozen=True, slots=True)
class Label:
    """A sentence's section (``None``: none) and the cue or heading that decided it."""

    section: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class _Evidence:
    scores: tuple[float, ...]  # per section, then "other"
    against: float  # evidence that this is not report language ("other" and "nonreport")
    story: bool  # uses the vocabulary of crime, court or sports stories
    best: tuple[Cue | None, ...]  # the strongest cue per section
    carry: float  # continuation weight
    opener: bool
    tokens: list[str]  # for the word model, which only reports need
    cues: dict[Cue, float]


def label(
    sentences: Sequence[str],
    noise: Sequence[str | None],
    *,
    cues: CueSource | None = None,
    model: section_model.Model | None = None,
) -> list[Label]:
    """One :class:`Label` per sentence of a document (NFC sentences in document order).

    ``noise[i]`` is why sentence ``i`` is page furniture (``"title"``, ``"caption"``, ...) or
    ``None``; furniture gets no label, except headings, which are labelled by their own cues and
    carry their label to the passage under them. ``cues`` extends the shipped lexicon (a TSV
    path or ``(kind, weight, cue)`` triples, see :func:`summarize.cues.lexicon`); ``model``
    replaces the shipped word model (:mod:`summarize.section_model`).
    """
    if len(noise) != len(sentences):
        raise ValueError(
            f"`noise` has {len(noise)} entries for {len(sentences)} sentences; must match"
        )
    unlabelled = [Label(None, None)] * len(sentences)
    chain, evidence = _chain(sentences, noise, cues)
    if not chain or not _reads_like_report(evidence):
        return unlabelled
    headings = [noise[i] == HEADING for i in chain]
    if model is None:
        model = section_model.default_model()
    views = [_view(e) for e in evidence]
    features = section_model.document_features(views)
    odds = []
    for position, (view, own) in enumerate(zip(views, features, strict=True)):
        base = model.log_odds(own)
        before = ("start",) if position == 0 else _PREVIOUS
        first = section_model.first_word(view)
        odds.append([model.after(base, b, first, view.carry) for b in before])
    states = _viterbi(evidence, headings, odds)
    texts = [sentences[i] for i in chain]
    labels = list(unlabelled)
    for position, index in enumerate(chain):
        state = states[position]
        if state != _NONE:
            reason = _reason(position, states, evidence, headings, texts)
            if reason is None:
                words = model.strongest_words(features[position], state)
                reason = "words " + ", ".join(map(_quote, words)) if words else "passage continues"
            labels[index] = Label(LABELS[state], reason)
    return labels


def chain_views(
    sentences: Sequence[str], noise: Sequence[str | None], *, cues: CueSource | None = None
) -> tuple[list[int], list[SentenceView], bool]:
    """The indices of the sentences the labeller labels, what the model sees of each, and
    whether the document reads like a report (for ``benchmarks/sections_train.py``)."""
    chain, evidence = _chain(sentences, noise, cues)
    report = bool(evidence) and _reads_like_report(evidence)
    return chain, [_view(e) for e in evidence], report


def _chain(
    sentences: Sequence[str], noise: Sequence[str | None], cues: CueSource | None
) -> tuple[list[int], list[_Evidence]]:
    """The sentences the labeller labels (content and headings) and the evidence of each."""
    chain = [i for i, reason in enumerate(noise) if reason is None or reason == HEADING]
    if not chain:
        return chain, []
    lexicon = cue_lexicon.lexicon(cues)
    scans = lexicon.scan_document([sentences[i] for i in chain])
    return chain, [_evidence(found, listed, toks, sentences[i])
                   for (found, listed, toks), i in zip(scans, chain, strict=True)]  # fmt: skip


def _view(e: _Evidence) -> SentenceView:
    return SentenceView(tuple(e.tokens), tuple(e.cues), e.scores, e.carry, e.opener)


def _reads_like_report(evidence: list[_Evidence]) -> bool:
    """Whether the document has enough report language to be given sections at all.

    A sentence is *strong* when one section's evidence, net of the evidence against (``other``
    and ``nonreport`` cues), reaches ``REPORT_EVIDENCE``. Strong sentences must make up
    ``REPORT_SHARE`` of the document if they name two sections or more, ``ONE_SECTION_SHARE``
    if they all name one (a directive that only lists tasks); and fewer than ``STORY_SHARE`` of
    its sentences may use the vocabulary of crime, court or sports stories: a court story has a
    prosecutor's "đề nghị" and a "vẫn chưa", but it is a story.
    """
    strong = [
        [k for k in range(_NONE) if e.scores[k] - e.against >= REPORT_EVIDENCE] for e in evidence
    ]
    kinds = len({k for ks in strong for k in ks})
    share = sum(1 for ks in strong if ks) / len(evidence)
    story = sum(1 for e in evidence if e.story) / len(evidence)
    if kinds == 0 or story >= STORY_SHARE:
        return False
    return share >= (REPORT_SHARE if kinds >= 2 else ONE_SECTION_SHARE)


def _evidence(
    found: list[tuple[Cue, float]], listed: bool, toks: list[str], sentence: str
) -> _Evidence:
    counted: dict[Cue, float] = {}
    for cue, weight in found:  # a cue counts once (at its heaviest) however often it occurs
        counted[cue] = max(weight, counted.get(cue, 0.0))
    sums = [0.0] * len(_SLOTS)  # per section, then "other" and "nonreport"
    best: list[Cue | None] = [None] * len(LABELS)
    best_weight = [0.0] * len(LABELS)
    carry = LIST_ITEM if listed else 0.0
    for cue, weight in counted.items():
        slot = _SLOTS.get(cue.kind)
        if slot is None:
            if cue.kind == "continue":
                carry = max(carry, weight)
            continue
        sums[slot] += weight
        if slot < _NONE and weight > best_weight[slot]:
            best[slot], best_weight[slot] = cue, weight
    opener = _COLON.search(sentence) is not None  # "... những hạn chế, khuyết điểm như: ..."
    return _Evidence(
        scores=tuple(sums[: _NONE + 1]),
        against=sums[_NONE] + sums[_NONE + 1],
        story=sums[_NONE + 1] > 0,
        best=tuple(best),
        carry=carry,
        opener=opener,
        tokens=toks,
        cues=counted,
    )


def _viterbi(
    evidence: list[_Evidence], headings: list[bool], odds: list[list[list[float]]]
) -> list[int]:
    """The best state sequence: Σ emission + Σ transition (ties: stay, then no section).

    A section's emission is ``CUE_SHARE`` times the sentence's cue evidence for it plus
    ``MODEL_SHARE`` times the model's log-odds for it given the state before
    (``odds[position][previous state]``; at position 0 one entry, for the start), at least
    ``FLOOR``; no section's is ``THRESHOLD`` plus the sentence's ``other`` evidence. Staying in
    a section earns ``STAY`` plus the sentence's continuation weight (plus the opener and
    heading bonuses); leaving a section costs the continuation weight.
    """
    n_states = _NONE + 1

    def emission(e: _Evidence, odd: list[float]) -> list[float]:
        sections = [
            CUE_SHARE * e.scores[k] + MODEL_SHARE * min(max(odd[k], FLOOR), CEILING)
            for k in range(_NONE)
        ]
        return [*sections, THRESHOLD + e.scores[_NONE]]

    # The section each sentence's nearest heading above announces, if it clearly names one.
    announced: list[int | None] = []
    current: int | None = None
    for e, heading in zip(evidence, headings, strict=True):
        announced.append(current)
        if heading:
            strongest = max(range(_NONE), key=lambda k: e.scores[k])
            clear = e.scores[strongest] >= REPORT_EVIDENCE
            current = strongest if clear else None
    score = emission(evidence[0], odds[0][0])
    back: list[list[int]] = []
    for position in range(1, len(evidence)):
        previous = position - 1
        before = evidence[previous]
        here = evidence[position]
        # Staying earns STAY plus the continuation weight, and more after a sentence that
        # announced this very section: a list opener ("những hạn chế như: ...") or a heading.
        # A sentence about the event itself ("other" cues: attendance, agenda, presentations)
        # does not carry a passage on.
        bonus = [max(0.0, STAY + here.carry - here.scores[_NONE])] * _NONE
        for state in range(_NONE):
            if before.opener and before.scores[state] - before.scores[_NONE] >= THRESHOLD:
                bonus[state] += OPENER_BONUS
            if announced[position] == state:
                bonus[state] += HEADING_BONUS  # under a section heading: "Hạn chế, tồn tại"
        emit = [emission(here, odd) for odd in odds[position]]  # per state before
        # A continuation ("Tiếp tục ...") also costs as much to leave the passage it continues.
        leave = here.carry
        new_score, pointers = [], []
        for state in range(n_states):
            stay = score[state] + (bonus[state] if state != _NONE else 0.0)
            best_prev, best = state, stay + emit[state][state]
            for prev in range(n_states):
                switch = score[prev] - (leave if prev != _NONE else 0.0) + emit[prev][state]
                if prev != state and switch > best:
                    best_prev, best = prev, switch
            new_score.append(best)
            pointers.append(best_prev)
        score = new_score
        back.append(pointers)
    state = max(range(n_states), key=lambda s: (score[s], s == _NONE, -s))
    states = [state]
    for pointers in reversed(back):
        state = pointers[state]
        states.append(state)
    return states[::-1]


def _reason(
    position: int,
    states: list[int],
    evidence: list[_Evidence],
    headings: list[bool],
    texts: list[str],
) -> str | None:
    """The heading, the sentence's own cue or the passage opener behind its label; ``None``
    when the label rests on the model's reading of the words alone."""
    state = states[position]
    if headings[position]:
        return f"heading {_quote(texts[position])}"
    own = evidence[position]
    cue = own.best[state]
    if cue is not None and own.scores[state] >= max(own.scores[:_NONE]):
        return f"cue {_quote(cue.phrase)}"
    for earlier in range(position - 1, -1, -1):
        if states[earlier] != state:
            break
        if headings[earlier]:
            return f"passage under heading {_quote(texts[earlier])}"
        opener = evidence[earlier].best[state]
        if opener is not None and evidence[earlier].scores[state] >= THRESHOLD:
            return f"passage after {_quote(opener.phrase)}"
    if cue is not None:
        return f"passage continues ({_quote(cue.phrase)})"
    if position > 0 and states[position - 1] == state:
        return "passage continues"
    return None


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _MAX_QUOTE:
        text = text[: _MAX_QUOTE - 1].rstrip() + "…"
    return f'"{text}"'
