"""Sentence segmentation: NFC text -> lines and sentence spans with character offsets.

Line breaks are hard boundaries (pasted news puts titles, bylines and captions on lines of their
own, and ``underthesea.sent_tokenize`` never splits on a line break). Inside a line,
``underthesea.sent_tokenize`` proposes boundaries and our guards veto the wrong ones: after an
abbreviation (``PGS.TS.``, ``TP.``, ``ThS.``), inside a number (``5.000``, ``2,5``), a URL, an
e-mail address, a domain name, or an open quotation.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, partial

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
# The initials of Vietnamese given names that are written with two or three letters ("Phạm
# Minh Ch.", "Nguyễn Th. Hà"): as common as the one-letter ones, and never a word of their own.
_INITIALS = frozenset("Ch Gh Gi Kh Ng Ngh Nh Ph Qu Th Tr".split())
# One or more dotted parts, each an abbreviation or an initial ("Nguyễn V. A.", "Lê Kh.").
_ABBREVIATION_TOKEN = re.compile(r"^[(\[\"“]?((?:[^\s.]+\.)+)$")

# Spans that must never contain a boundary. Every alternative is linear on any line: the
# lookbehinds start an e-mail or a number only where its run of characters starts, and the
# bounded repeats (a DNS label is at most 63 characters) stop a domain name from rescanning a
# long run of "a.a.a…" or "a-a-a…" from each of its letters (quadratic before: minutes on 40 KB).
_PROTECTED = re.compile(
    r"""(?:https?://|ftp://|www\.)[^\s<>"“”]+[^\s<>"“”.,;:!?)\]]"""  # URLs
    r"""|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"""  # e-mail addresses
    r"""|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,9}\.(?:vn|com|net|org|gov|edu|info|io)\b"""
    r"""(?:/[^\s<>"“”]*[^\s<>"“”.,;:!?)\]])?"""
    r"""|(?<!\d)\d+(?:[.,]\d+)+""",  # numbers: 5.000, 2,5, 1.234.567,89
    re.IGNORECASE,
)

_CLOSING = "\"'”’»)]"
_LINE_END = ".?!…" + _CLOSING + " \t"  # what may trail the last sentence of a line
# A terminator, optional closing quotes, space, then an upper-case letter (after optional opening
# quotes): boundaries underthesea misses next to the URLs and numbers it mis-splits.
# (The lookbehind starts a match only at the head of a run of terminators: "?!?!…" stays linear.)
_TERMINATOR = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’»)\]]*(?=\s+[\"“'‘«(\[]?[^\W\d_])")
_OPENERS = re.compile(r"[ \t\"“'‘«(\[]*")
_STOP = re.compile(r"[.?!]")
# Runs of letters, digits and dots longer than this are hidden from underthesea, which scans
# back over the whole run at every dot (quadratic: a minute for 40 KB of "a.a.a…"). No
# abbreviation, number or word is that long; a sentence cannot end inside such a run.
_MAX_RUN = 64
_LONG_RUN = re.compile(rf"(?<![^\W_])(?<!\.)(?:[^\W_]|\.){{{_MAX_RUN + 1},}}")
_WORD_CHAR = re.compile(r"\w")
# A list marker opening a line ("1.", "a)", "IV."): never a sentence of its own.
_LIST_MARKER = re.compile(r"[(\[]?(?:\d{1,3}|[a-zđ]|[IVXLC]{1,6})[.)]")


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
    body = line.rstrip(_LINE_END)
    if not ("." in body or "?" in body or "!" in body or "…" in body):
        # Its only terminators close the line (most lines of a news text): nothing could cut
        # it, since underthesea ends sentences only at . ? ! and _TERMINATOR needs a word after.
        return [(0, len(line))]
    if _valid_boundaries(line, _stop_cuts(line)):
        boundaries = _valid_boundaries(line, _proposed_boundaries(line))
    else:
        # No cut after a . ? or ! survives the guards, so none of underthesea's can (they are
        # among those): skip it (nine lines in ten that reach here: numbers, abbreviations).
        boundaries = _valid_boundaries(line, _terminator_cuts(line))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*sorted(set(map(partial(_past_marks, line), boundaries))), len(line)]:
        s, e = _strip(line, start, cut)
        if s < e:
            if spans and not _WORD_CHAR.search(line, s, e):
                # A piece with no word ("…", a lone quote) belongs to the sentence before it.
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
        start = cut
    return spans


def _past_marks(line: str, cut: int) -> int:
    """``cut`` moved past the combining marks at it: a mark belongs to the character before
    it, and a cut between them would split what NFC composes (the NFC and NFD spellings of a
    text would get different sentences, and offsets mapped back to NFD would overlap)."""
    while cut < len(line) and unicodedata.category(line[cut]).startswith("M"):
        cut += 1
    return cut


def _proposed_boundaries(line: str) -> list[int]:
    """Offsets where ``underthesea.sent_tokenize`` ends a sentence, closing quotes moved left,
    and those of :func:`_terminator_cuts`."""
    masked = _mask_long_runs(line)  # same length and offsets as ``line``
    pieces = _sent_tokenize(masked)
    boundaries: list[int] = []
    cursor = 0
    for piece in pieces[:-1]:
        cursor = _locate_end(masked, piece, cursor)
        if cursor < 0:
            break  # the tokenizer rewrote the text: keep the boundaries found so far
        boundaries.append(_cut_after(line, cursor))
    boundaries.extend(_terminator_cuts(line))
    return sorted(set(boundaries))


def _cut_after(line: str, cursor: int) -> int:
    """The cut for a sentence ending at ``cursor``: underthesea leaves a closing quote at the
    start of the next sentence, so the cut moves past (spaces and) closing quotes."""
    cut = cursor
    while cut < len(line) and line[cut].isspace():
        cut += 1
    if cut < len(line) and line[cut] in _CLOSING:
        while cut < len(line) and line[cut] in _CLOSING:
            cut += 1
        return cut
    return cursor


def _stop_cuts(line: str) -> list[int]:
    """The cut after every ``.``, ``?`` and ``!`` of ``line``, in increasing order: every cut
    underthesea can propose is among them (its sentences end in one of those characters).

    Increasing because a cut only moves past spaces and closing quotes, never past a stop.
    """
    return [_cut_after(line, match.end()) for match in _STOP.finditer(line)]


def _terminator_cuts(line: str) -> list[int]:
    """Cuts after a terminator followed by a capitalised word: those underthesea misses next
    to the URLs and numbers it mis-splits."""
    cuts = []
    for match in _TERMINATOR.finditer(line):
        following = _OPENERS.match(line, match.end()).end()  # type: ignore[union-attr]
        if line[following : following + 1].isupper():
            cuts.append(match.end())
    return cuts


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


def _valid_boundaries(line: str, cuts: list[int]) -> list[int]:
    """The ``cuts`` (sorted) that no guard vetoes.

    One pass over the line for all cuts, never a rescan or a copy of the line per cut: a line
    of 50,000 tiny sentences would otherwise be quadratic.
    """
    protected: list[tuple[int, int]] | None = None  # sorted, disjoint; scanned on demand
    next_protected = 0
    quotes = _QuoteState(line)
    valid = []
    for cut in cuts:
        if cut <= 0 or cut >= len(line):
            continue
        left_end = cut
        while left_end > 0 and line[left_end - 1].isspace():
            left_end -= 1
        if _LIST_MARKER.fullmatch(line, 0, left_end):
            continue
        token = _last_token(line, left_end)
        if token == "." and left_end > 1 and line[left_end - 2].isspace():
            # A full stop spaced off its word, as in tokenized text ("Nguyễn Văn T . ( 41
            # tuổi )", "Thanh tra TP . HCM"): judge the word before it with its stop.
            word_end = left_end - 1
            while word_end > 0 and line[word_end - 1].isspace():
                word_end -= 1
            token = _last_token(line, word_end) + "."
        if _is_abbreviation(token):
            continue
        if quotes.inside(cut):  # counts quotes up to ``cut``: skipped cuts cost nothing
            continue
        if _starts_lowercase(line, cut):
            continue  # '"...," ông nói.': a sentence never opens with a lower-case letter
        # Every guard is a veto, so their order is free: the costly scan for URLs, e-mails,
        # domains and numbers comes last, and only for a line with a cut left (one in ten).
        if protected is None:
            protected = [match.span() for match in _PROTECTED.finditer(line)]
        while next_protected < len(protected) and protected[next_protected][1] <= cut:
            next_protected += 1
        if next_protected < len(protected) and protected[next_protected][0] < cut:
            continue  # inside a URL, an e-mail, a domain or a number
        valid.append(cut)
    return valid


def _starts_lowercase(line: str, cut: int) -> bool:
    """True when the first letter after ``cut`` (past spaces and opening quotes) is lower-case."""
    match = _OPENERS.match(line, cut)
    following = match.end() if match else cut
    return line[following : following + 1].islower()


def _last_token(line: str, end: int) -> str:
    """The whitespace-free token ending at ``end``; ``""`` if longer than any abbreviation."""
    start = end
    while start > 0 and not line[start - 1].isspace():
        start -= 1
        if end - start > _MAX_RUN:
            return ""
    return line[start:end]


def _is_abbreviation(token: str) -> bool:
    match = _ABBREVIATION_TOKEN.match(token)
    if not match:
        return False
    parts = match.group(1).rstrip(".").split(".")
    return all(
        p in _ABBREVIATIONS or p in _INITIALS or (len(p) == 1 and p.isupper()) for p in parts
    )


class _QuoteState:
    """Whether a cut falls inside a quotation closed later on its line; cuts asked in order.

    A quote never closed on its line (a stray mark, a quotation running on into the next
    paragraph) guards nothing: otherwise it would glue the rest of the line into one sentence.
    The counts up to the previous cut are kept, so all the cuts of a line cost one pass.
    """

    def __init__(self, line: str) -> None:
        self.line = line
        self.position = 0
        self.open_curly = 0
        self.straight = 0
        self.last_close_curly = line.rfind("”")
        self.last_straight = line.rfind('"')

    def inside(self, cut: int) -> bool:
        line, position = self.line, self.position
        self.open_curly += line.count("“", position, cut) - line.count("”", position, cut)
        self.straight += line.count('"', position, cut)
        self.position = cut
        if self.open_curly > 0 and self.last_close_curly >= cut:
            return True
        return self.straight % 2 == 1 and self.last_straight >= cut


@lru_cache(maxsize=1)
def _tokenizer() -> object:
    # The first call loads underthesea's model into a global: made under a lock, so that
    # threads starting together never see it half set up (as word_tokenize's can be).
    with _LOAD_LOCK:
        from underthesea import sent_tokenize

        sent_tokenize("Khởi động. Xong.")
    return sent_tokenize


_LOAD_LOCK = threading.Lock()


def _sent_tokenize(line: str) -> list[str]:
    tokenize = _tokenizer()
    result = tokenize(line)  # type: ignore[operator]
    return [str(piece) for piece in result]


def _mask_long_runs(line: str) -> str:
    """``line`` with every run of letters, digits and dots over ``_MAX_RUN`` long made "x"s."""
    return _LONG_RUN.sub(lambda match: "x" * len(match.group()), line)
