"""The section-cue lexicon: ``data/section_cues.tsv``, optionally extended by the user.

Each line is ``kind<TAB>weight<TAB>cue``. ``kind`` is a section (``results``, ``limitations``,
``next_tasks``: evidence for it), ``other`` (the sentence is about the event itself),
``nonreport`` (vocabulary of crime, court and sports stories), ``continue`` (the sentence carries
on the passage before it) or a modifier: ``remedy`` and ``done`` discount the limitation and
task cues that follow them in the clause ("khắc phục *tình trạng lãng phí*", "đã ban hành nghị
quyết về *tăng cường* ..."), ``contrast`` the section cues before it ("A, nhưng B": B is the
point). ``cue`` is a phrase matched on whole words, case-insensitively, ``^`` anchoring it to
the start of the sentence and ``<số>`` standing for any number.

The lexicon is compiled into a word trie and matched leftmost-longest, in time linear in the
sentence, so where cues overlap the longest wins: ``hạn chế tối đa`` (a task) overrides ``hạn
chế`` (a shortcoming), and a weight-0 phrase (``ban chỉ đạo``) keeps its words from counting.
It is read on first use and cached, never at import time.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Union

from . import _validate

SECTION_KINDS = ("results", "limitations", "next_tasks")
# Scope cues: the cues of the shielded kind that follow in the same clause, within the scope's
# number of words, count less. What follows "khắc phục" is the problem to fix (its object: a few
# words); whatever the rest of the clause after "đã" names was done already.
SHIELDS = {"remedy": "limitations", "done": "next_tasks"}
SCOPES = {"remedy": 8, "done": 30}  # "done": in practice, the rest of the clause
KINDS = (*SECTION_KINDS, "other", "nonreport", "continue", "contrast", *SHIELDS)

# What ``cues=`` / ``Summarizer(section_cues=...)`` accepts: a TSV file in the shipped format, or
# (kind, weight, cue) triples. Either is merged over the shipped lexicon.
CueSource = Union[str, "os.PathLike[str]", Iterable[tuple[str, float, str]]]

# A number ("4", "4,2", "1.600.000") is one token, NUMBER, so cues can say "đạt <số>".
_TOKEN = re.compile(r"<số>|\d+(?:[.,]\d+)*(?!\w)|\w+|[^\w\s]")
_WHOLE_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$", re.MULTILINE)
# Between the sentences of a document tokenized at once: a private-use character, a token of its
# own (neither a word character nor a space), that no text is expected to hold.
_BREAK = "\ue000"
_SEPARATOR = f" {_BREAK} "
NUMBER = "<số>"
NAME_MARK = "@"  # prefix of a word taken for part of a name; no cue starts with it
_OPENERS = frozenset(":;!?\"“”‘’'«»([-–—•*+")  # not "." (TP. Cần Thơ)
_CLAUSE_END = frozenset(";:.!?")
_LIST_MARK = frozenset("-–—•*+")
_LEAD_PUNCT = frozenset("\"“”'‘’«»([-–—•*+.…")


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry; ``anchored`` cues match only at the start of a sentence."""

    kind: str
    weight: float
    phrase: str
    anchored: bool

    def __str__(self) -> str:
        return ("^" if self.anchored else "") + self.phrase


def tokens(text: str, *, names: bool = False) -> list[str]:
    """Casefolded NFC words and punctuation marks, every number as :data:`NUMBER`: ``Tuy nhiên ,
    x`` and ``Tuy nhiên, x`` give the same tokens, so VietNews-style spaced text and raw text
    match the same cues.

    With ``names=True`` a run of two or more capitalised words inside a sentence (not after a
    colon, a quote or a bracket) is taken for a name and marked with :data:`NAME_MARK` so that
    no cue matches it: "Cần Thơ" is a city, not "cần" (need); "Ban Chỉ đạo" a committee.
    """
    found = _TOKEN.findall(unicodedata.normalize("NFC", text))
    if not found:
        return []
    out = _fold(found)
    if names:
        _mark_names(found, out)
    return out


def document_tokens(sentences: Sequence[str]) -> list[list[str]]:
    """:func:`tokens` of every sentence, with names marked, in a handful of regex calls for the
    whole document rather than per sentence (the sentences are tokenized as one text, a
    separator token between them)."""
    text = _SEPARATOR.join(sentences)
    if text.count(_BREAK) != len(sentences) - 1:  # a sentence holds the separator itself
        return [tokens(sentence, names=True) for sentence in sentences]
    found = _TOKEN.findall(unicodedata.normalize("NFC", text))
    folded = _fold(found) if found else []
    out = []
    start = 0
    for _ in range(len(sentences) - 1):
        end = found.index(_BREAK, start)
        out.append(_mark_names(found[start:end], folded[start:end]))
        start = end + 1
    out.append(_mark_names(found[start:], folded[start:]))
    return out


def _fold(found: list[str]) -> list[str]:
    # One pass over the tokens joined by newlines (never inside a token) instead of a regex
    # call per token: a token that is a whole number becomes NUMBER, then everything is
    # casefolded (character by character, so the same as folding each token).
    return _WHOLE_NUMBER.sub(NUMBER, "\n".join(found)).casefold().split("\n")


def _mark_names(found: list[str], out: list[str]) -> list[str]:
    """Mark in ``out`` (the folded ``found``) the words that are part of a name; return it."""
    # A word is capitalised when its first letter is upper case (not an all-caps acronym) and
    # the nearest earlier word or opener is a word: a sentence's or a quote's first word is not.
    capitalised: set[int] = set()
    upper = compress(range(len(found)), map(str.isupper, map(itemgetter(0), found)))
    for i in upper:  # C-level filter: few words start upper case
        tok = found[i]
        if tok[0].isalnum() and not tok.isupper():
            j = i - 1
            while j >= 0 and not found[j][0].isalnum() and found[j] not in _OPENERS:
                j -= 1
            if j >= 0 and found[j][0].isalnum():
                capitalised.add(i)
    for i in capitalised:
        if i - 1 in capitalised or i + 1 in capitalised:
            out[i] = NAME_MARK + out[i]
    return out


def _body_start(toks: list[str]) -> tuple[int, bool]:
    """Index of the first word after leading quotes, bullets and list numbering ("1.", "a)"),
    and whether that lead marks a list item."""
    i, listed = 0, False
    while i < len(toks):
        tok = toks[i]
        if tok in _LEAD_PUNCT:
            listed = listed or tok in _LIST_MARK
        elif i + 1 < len(toks) and toks[i + 1] in ".)" and (tok.isdigit() or len(tok) == 1):
            i, listed = i + 1, True
        else:
            break
        i += 1
    return i, listed


class _Node:
    __slots__ = ("children", "cues")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.cues: tuple[Cue, ...] = ()


class Lexicon:
    """A compiled cue lexicon (a word trie): :meth:`find` lists the cues a sentence contains."""

    __slots__ = ("_anchored", "_free", "_starts", "cues")

    def __init__(self, cues: Iterable[Cue]) -> None:
        # Zero-weight cues stay in the trie: they count nothing but still block the shorter cues
        # they overlap ("trở nên" keeps "nên" from counting as a recommendation).
        self.cues = tuple(cues)
        self._free, self._anchored = _Node(), _Node()
        for cue in self.cues:
            node = self._anchored if cue.anchored else self._free
            for tok in tokens(cue.phrase):
                node = node.children.setdefault(tok, _Node())
            node.cues = (*node.cues, cue)
        self._starts = frozenset(self._free.children)  # the first words of the free cues

    def find(self, sentence: str) -> tuple[list[tuple[Cue, float]], bool]:
        """:meth:`scan` without the tokens."""
        hits, listed, _ = self.scan(sentence)
        return hits, listed

    def scan(self, sentence: str) -> tuple[list[tuple[Cue, float]], bool, list[str]]:
        """The cues in ``sentence`` with the weight each counts for, and whether the sentence is
        a list item (it begins with a dash, a bullet or ``1.``/``a)``), and the sentence's
        :func:`tokens` (with names marked).

        Matches are leftmost-longest and do not overlap. A limitation cue within eight words
        after a ``remedy`` cue, in the same clause, is the object of the remedy ("khắc phục
        tình trạng lãng phí") and counts ``1 - remedy weight`` of its weight; so does a
        next-tasks cue later in the clause of a ``done`` cue ("đã ban hành nghị quyết về tăng
        cường ..."). Section cues before a ``contrast`` cue inside the sentence ("..., nhưng
        ...") count ``1 - contrast weight``: the point of "A nhưng B" is B.
        """
        toks = tokens(sentence, names=True)
        hits, listed = self.match(toks)
        return hits, listed, toks

    def scan_document(
        self, sentences: Sequence[str]
    ) -> list[tuple[list[tuple[Cue, float]], bool, list[str]]]:
        """:meth:`scan` of every sentence of a document (tokenized at once, see
        :func:`document_tokens`)."""
        return [(*self.match(toks), toks) for toks in document_tokens(sentences)]

    def match(self, toks: list[str]) -> tuple[list[tuple[Cue, float]], bool]:
        """The cues in a sentence's :func:`tokens` and whether it is a list item (see
        :meth:`scan`)."""
        body, listed = _body_start(toks)
        placed: list[tuple[int, Cue, float]] = []  # (token index, cue, weight)
        anchored, _ = _longest(self._anchored, toks, body)
        placed.extend((body, cue, cue.weight) for cue in anchored)
        scopes: dict[str, tuple[int, int, float]] = {}  # shielded kind -> (start, words, share)
        turn, turn_share = -1, 0.0
        end = 0
        children = self._free.children
        size = len(toks)
        # Only the words a cue begins with can start a match (a C-level filter). The longest
        # phrase from each start is walked here, inline: this is the labeller's hot loop.
        for i in compress(range(size), map(self._starts.__contains__, toks)):
            if i < end:
                continue  # inside the last match
            node = children[toks[i]]
            found, end = node.cues, i + 1
            j = i + 1
            while j < size:
                child = node.children.get(toks[j])
                if child is None:
                    break
                node = child
                j += 1
                if node.cues:
                    found, end = node.cues, j
            if not found:
                end = i
                continue
            for cue in found:
                share = 0.0
                if cue.kind in scopes:
                    scope_start, words, shield = scopes[cue.kind]
                    if _same_clause(toks[scope_start:i], words):
                        share = shield
                placed.append((i, cue, cue.weight * (1.0 - share)))
                if cue.kind in SHIELDS:
                    scopes[SHIELDS[cue.kind]] = (end, SCOPES[cue.kind], cue.weight)
                elif cue.kind == "contrast" and i > body:
                    turn, turn_share = i, cue.weight
        # "A nhưng B": the point is B, so section cues before the last turn count less.
        if turn < 0:
            return [(cue, weight) for _, cue, weight in placed], listed
        hits = []
        for at, cue, weight in placed:
            before_turn = at < turn and cue.kind in SECTION_KINDS
            hits.append((cue, weight * (1.0 - turn_share) if before_turn else weight))
        return hits, listed


def _longest(root: _Node, toks: list[str], start: int) -> tuple[tuple[Cue, ...], int]:
    """The cues of the longest phrase in the trie starting at ``toks[start]``, and its end."""
    node, end = root, start
    found: tuple[Cue, ...] = ()
    for j in range(start, len(toks)):
        child = node.children.get(toks[j])
        if child is None:
            break
        node = child
        if node.cues:
            found, end = node.cues, j + 1
    return found, end


def _same_clause(between: list[str], words: int) -> bool:
    count = sum(1 for tok in between if tok[0].isalnum() or tok[0] == "_")
    return count <= words and not any(tok in _CLAUSE_END for tok in between)


def parse(lines: Iterable[str], origin: str) -> list[Cue]:
    """Cues from TSV lines; a malformed line raises ``ValueError`` naming ``origin`` and line."""
    cues = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 3:
            raise ValueError(f"{origin}:{number}: expected kind<TAB>weight<TAB>cue, got {raw!r}")
        kind, weight, phrase = fields
        try:
            cues.append(make_cue(kind, float(weight), phrase))
        except ValueError as exc:
            raise ValueError(f"{origin}:{number}: {exc}") from None
    return cues


def make_cue(kind: str, weight: float, phrase: str) -> Cue:
    """Validate one entry; ``phrase`` may start with ``^``."""
    _validate.check_choice("kind", kind, KINDS)
    _validate.check_float("weight", weight, low=0.0, high=100.0)
    anchored = phrase.startswith("^")
    words = " ".join(tokens(phrase[1:] if anchored else phrase))
    if not words:
        raise _validate.invalid("cue", phrase, "a phrase of one or more words")
    return Cue(kind, float(weight), words, anchored)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read and compiled on first use."""
    source = resources.files("summarize").joinpath("data/section_cues.tsv")
    return Lexicon(parse(source.read_text(encoding="utf-8").splitlines(), "section_cues.tsv"))


def lexicon(extra: CueSource | None = None) -> Lexicon:
    """The shipped lexicon, with ``extra`` entries added; an entry with the kind and cue of a
    shipped one replaces it (at weight 0 the cue counts nothing, and still stops the shorter
    cues inside it from counting). Raises ``ValueError`` for an unreadable file or a bad entry.
    """
    if extra is None:
        return default_lexicon()
    if isinstance(extra, (str, os.PathLike)):
        path = Path(extra)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError as exc:
            raise ValueError(f"section cues {str(path)!r}: cannot read ({exc.strerror})") from None
        return _extended_from_file(str(path), stamp)
    return _extended(tuple(make_cue(*t) for t in as_triples(extra)))


def as_triples(extra: Iterable[tuple[str, float, str]]) -> tuple[tuple[str, float, str], ...]:
    """``extra`` as a tuple of ``(kind, weight, cue)``; ``ValueError`` if an entry is not one."""
    triples = []
    for entry in extra:
        try:
            kind, weight, cue = entry
            triples.append((str(kind), float(weight), str(cue)))
        except (TypeError, ValueError):
            raise _validate.invalid("section cue", entry, "a (kind, weight, cue) triple") from None
    return tuple(triples)


@lru_cache(maxsize=8)
def _extended_from_file(path: str, stamp: int) -> Lexicon:
    text = Path(path).read_text(encoding="utf-8")
    return _extended(tuple(parse(text.splitlines(), path)))


@lru_cache(maxsize=8)
def _extended(extra: tuple[Cue, ...]) -> Lexicon:
    merged = {(c.kind, str(c)): c for c in default_lexicon().cues}
    merged.update({(c.kind, str(c)): c for c in extra})
    return Lexicon(merged.values())
