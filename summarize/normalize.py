"""Unicode normalisation with a way back to the caller's offsets.

Vietnamese arrives both precomposed (NFC: ``ệ`` is one code point) and decomposed (NFD: ``e`` plus
two combining marks). Every later stage works on NFC text so that the two spellings are the same
words; every offset we return must still index the caller's string. :class:`NormalizedText` holds
the NFC text and maps analysis offsets back to original ones.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

# A starter followed by one or more combining marks: the only places where NFC changes length.
_COMBINING_RUN = re.compile(
    r".[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f"
    r"\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """``text`` is the NFC form of ``original``.

    ``chunks`` lists the places where the two differ, as ``(nfc_start, nfc_end, orig_start,
    orig_end)`` tuples in increasing order; everywhere else one character maps to one character.
    """

    original: str
    text: str
    chunks: tuple[tuple[int, int, int, int], ...] = ()
    chunk_ends: tuple[int, ...] = ()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the NFC span ``[start, end)`` to the smallest original span covering it."""
        if not self.chunks:
            return start, end
        return self._map(start, is_end=False), self._map(end, is_end=True)

    def _map(self, pos: int, *, is_end: bool) -> int:
        k = bisect.bisect_right(self.chunk_ends, pos)  # chunks that end at or before ``pos``
        if k < len(self.chunks) and self.chunks[k][0] < pos:
            # ``pos`` falls inside a recomposed chunk: widen to the whole chunk.
            return self.chunks[k][3] if is_end else self.chunks[k][2]
        if k == 0:
            return pos
        nfc_end, orig_end = self.chunks[k - 1][1], self.chunks[k - 1][3]
        return orig_end + (pos - nfc_end)


def normalize(text: str) -> NormalizedText:
    """Return the NFC analysis text of ``text`` with its offset map."""
    if unicodedata.is_normalized("NFC", text):
        return NormalizedText(text, text)
    parts: list[str] = []
    chunks: list[tuple[int, int, int, int]] = []
    nfc_pos = orig_pos = 0
    for match in _COMBINING_RUN.finditer(text):
        plain = text[orig_pos : match.start()]
        parts.append(plain)
        nfc_pos += len(plain)
        composed = unicodedata.normalize("NFC", match.group())
        if composed != match.group():
            chunks.append(_chunk(nfc_pos, composed, match.start(), match.group()))
        parts.append(composed)
        nfc_pos += len(composed)
        orig_pos = match.end()
    parts.append(text[orig_pos:])
    analysed = "".join(parts)
    if not unicodedata.is_normalized("NFC", analysed):
        # Decompositions outside the marks above (rare scripts, singletons): analyse the plain
        # NFC text of each character; offsets stay exact because chunks are per character.
        return _per_character(text)
    return _build(text, analysed, chunks)


def _per_character(text: str) -> NormalizedText:
    parts: list[str] = []
    chunks: list[tuple[int, int, int, int]] = []
    nfc_pos = 0
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and (unicodedata.combining(text[j]) or _composes(text[i:j], text[j])):
            j += 1
        piece = text[i:j]
        composed = unicodedata.normalize("NFC", piece)
        if composed != piece:
            chunks.append(_chunk(nfc_pos, composed, i, piece))
        parts.append(composed)
        nfc_pos += len(composed)
        i = j
    return _build(text, "".join(parts), chunks)


def _chunk(
    nfc_start: int, composed: str, orig_start: int, original: str
) -> tuple[int, int, int, int]:
    """The chunk where ``original`` (at ``orig_start``) became ``composed`` (at ``nfc_start``).

    A head that NFC leaves as it is stays out of the chunk, one character for one: in ``".´"``
    (a full stop, then a mark it does not compose with) the full stop keeps its own offset, so
    a sentence may end after it without its end being widened over the marks that follow.
    """
    same = 0
    while same < min(len(composed), len(original)) - 1 and composed[same] == original[same]:
        same += 1
    return (
        nfc_start + same,
        nfc_start + len(composed),
        orig_start + same,
        orig_start + len(original),
    )


def _composes(piece: str, char: str) -> bool:
    """True when ``char`` joins ``piece`` under NFC though it is not a combining mark.

    Hangul jamo and some Indic vowel signs have combining class 0 yet compose with the
    character before them; cutting there would leave the analysis text decomposed.
    """
    if char.isascii():
        return False  # no ASCII character composes with what precedes it
    nfc = unicodedata.normalize
    return nfc("NFC", piece + char) != nfc("NFC", piece) + nfc("NFC", char)


def _build(original: str, text: str, chunks: list[tuple[int, int, int, int]]) -> NormalizedText:
    return NormalizedText(original, text, tuple(chunks), tuple(c[1] for c in chunks))
