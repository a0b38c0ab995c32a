"""Sentence segmentation: NFC text -> lines and sentence spans with character offsets.

Line breaks are hard boundaries (pasted news puts titles, bylines and captions on lines of their
own, and ``underthesea.sent_tokenize`` never splits on a line break). Inside a line,
``underthesea.sent_tokenize`` proposes boundaries and our guards veto the wrong ones: after an
abbreviation (``PGS.TS.``, ``TP.``, ``ThS.``), inside a number (``5.000``, ``2,5``), a URL, an
e-mail address, a domain name, or an open quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import _validate

SPLITS = ("auto", "lines")

# Everything str.splitlines() treats as a line break, with \r\n as one break.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")

# Abbreviations after which a full stop does not end a sentence (checked case-sensitively on the
# last whitespace-delimited token before a proposed boundary, dots included).
_ABBREVIATIONS = frozenset(
    """GS PGS TS TSKH ThS Ths KS BS BSCKI BSCKII CKI CKII DS DSCKI CN NCS NGƯT NGND NSƯT NSND
    TP Tp TT Q P X H KP ĐC Đ/c đ/c St Mr Mrs Ms Dr Prof Th.S Nxb NXB tr Tr TS.BS ThS.BS
    Lt Co Inc Ltd Corp vs No""".split()
)
# One or more dotted parts, each an abbreviation or a single capital (an initial: "Nguyễn V. A.").
_ABBREVIATION_TOKEN = re.compile(r"^[(\[\"“]?((?:[^\s.]+\.)+)$")

# Spans that must never contain a boundary.
_PROTECTED = re.compile(
    r"""(?:https?://|ftp://|www\.)[^\s<>"“”]+[^\s<>"“”.,;:!?)\]]"""  # URLs
    r"""|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"""  # e-mail addresses
    r"""|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|gov|edu|info|io)\b(?:/[^\s<>"“”]*[^\s<>"“”.,;:!?)\]])?"""
    r"""|\d+(?:[.,]\d+)+""",  # numbers: 5.000, 2,5, 1.234.567,89
    re.IGNORECASE,
)

_CLOSING = "\"'”’»)]"
# A terminator, optional closing quotes, space, then an upper-case letter (after optional opening
# quotes): boundaries underthesea misses next to the URLs and numbers it mis-splits.
_TERMINATOR = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"“'‘«(\[]?[^\W\d_])")
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence: ``text[start:end]`` of the analysis text, inside line number ``line``."""

    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class Segmentation:
    """The lines (non-blank, stripped) and sentences of a text, both as offsets."""

    lines: tuple[tuple[int, int], ...]
    sentences: tuple[Span, ...]


def segment(text: str, *, split: str = "auto") -> Segmentation:
    """Split ``text`` into lines, then (``split="auto"``) each line into sentences.

    With ``split="lines"`` every non-blank line is exactly one sentence: for callers that have
    already segmented their text (one sentence per line, as in the VietNews corpus).
    """
    _validate.check_choice("split", split, SPLITS)
    lines: list[tuple[int, int]] = []
    sentences: list[Span] = []
    for match in _LINE.finditer(text):
        start, end = _strip(text, match.start(), match.end())
        if start == end:
            continue
        line_no = len(lines)
        lines.append((start, end))
        if split == "lines":
            sentences.append(Span(start, end, line_no))
            continue
        for s, e in _split_line(text[start:end]):
            sentences.append(Span(start + s, start + e, line_no))
    return Segmentation(tuple(lines), tuple(sentences))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence offsets of ``text`` (any normalisation form), as ``(start, end)`` pairs.

    The shared splitter of the benchmark: every system there gets these same sentences.
    """
    from .normalize import normalize

    norm = normalize(_validate.check_text(text))
    return [norm.to_original(s.start, s.end) for s in segment(norm.text).sentences]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or not text[start].isprintable()):
        start += 1
    while end > start and (text[end - 1].isspace() or not text[end - 1].isprintable()):
        end -= 1
    return start, end


def _split_line(line: str) -> list[tuple[int, int]]:
    """Sentence spans inside one stripped line."""
    boundaries = [b for b in _proposed_boundaries(line) if _is_valid_boundary(line, b)]
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*boundaries, len(line)]:
        s, e = _strip(line, start, cut)
        if s < e:
            if spans and not _WORD_CHAR.search(line, s, e):
                # A piece with no word ("…", a lone quote) belongs to the sentence before it.
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
        start = cut
    return spans


def _proposed_boundaries(line: str) -> list[int]:
    """Offsets where ``underthesea.sent_tokenize`` ends a sentence, closing quotes moved left."""
    pieces = _sent_tokenize(line)
    boundaries: list[int] = []
    cursor = 0
    for piece in pieces[:-1]:
        cursor = _locate_end(line, piece, cursor)
        if cursor < 0:
            break  # the tokenizer rewrote the text: keep the boundaries found so far
        # underthesea leaves a closing quote at the start of the next sentence.
        cut = cursor
        while cut < len(line) and line[cut].isspace():
            cut += 1
        if cut < len(line) and line[cut] in _CLOSING:
            while cut < len(line) and line[cut] in _CLOSING:
                cut += 1
            boundaries.append(cut)
        else:
            boundaries.append(cursor)
    for match in _TERMINATOR.finditer(line):
        following = line[match.end() :].lstrip(" \t\"“'‘«([")
        if following[:1].isupper():
            boundaries.append(match.end())
    return sorted(set(boundaries))


def _locate_end(line: str, piece: str, cursor: int) -> int:
    """End offset in ``line`` of ``piece`` found at or after ``cursor``, ignoring whitespace."""
    position = line.find(piece, cursor)
    if position >= 0:
        return position + len(piece)
    i = cursor
    for char in piece:
        if char.isspace():
            continue
        while i < len(line) and line[i].isspace():
            i += 1
        if i >= len(line) or line[i] != char:
            return -1
        i += 1
    return i


def _is_valid_boundary(line: str, cut: int) -> bool:
    if cut <= 0 or cut >= len(line):
        return False
    for match in _PROTECTED.finditer(line):
        if match.start() < cut < match.end():
            return False
        if match.start() >= cut:
            break
    left = line[:cut].rstrip()
    last = left.rsplit(None, 1)[-1] if left else ""
    if _is_abbreviation(last):
        return False
    return not _inside_quote(left)


def _is_abbreviation(token: str) -> bool:
    match = _ABBREVIATION_TOKEN.match(token)
    if not match:
        return False
    parts = match.group(1).rstrip(".").split(".")
    return all(p in _ABBREVIATIONS or (len(p) == 1 and p.isupper()) for p in parts)


def _inside_quote(left: str) -> bool:
    """True when ``left`` ends inside an open quotation."""
    curly = left.count("“") - left.count("”")
    return curly > 0 or left.count('"') % 2 == 1


@lru_cache(maxsize=1)
def _tokenizer() -> object:
    from underthesea import sent_tokenize

    return sent_tokenize


def _sent_tokenize(line: str) -> list[str]:
    tokenize = _tokenizer()
    result = tokenize(line)  # type: ignore[operator]
    return [str(piece) for piece in result]
