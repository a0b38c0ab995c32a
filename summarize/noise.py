"""Lines that are never summary material: title, bylines, credits, captions, headings, repeats.

Text pasted from news sites carries page furniture: the title line, a byline fragment (``NDO -``),
image alt-text (a line ending ``-0``), photo captions (``Quang cảnh hội nghị.``), credits
(``(Ảnh: ...)``) and captions printed twice. They stay in the document model with a reason and are
excluded from ranking and selection. Headings (``Kết quả đạt được``) are noise for the summary
but carry meaning for the sections stage, so they keep their own reason.

The rules look at lines, because that is how page furniture arrives; they never cut a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .segment import Segmentation, Span

TITLE = "title"
BYLINE = "byline"
CREDIT = "credit"
IMAGE_ALT = "image_alt"
CAPTION = "caption"
HEADING = "heading"
DUPLICATE = "duplicate"
EMPTY = "empty"
LINK = "link"
REASONS = (TITLE, BYLINE, CREDIT, IMAGE_ALT, CAPTION, HEADING, DUPLICATE, EMPTY, LINK)

_SYLLABLE = re.compile(r"[^\W_]+")
# "NDO -", "TTO -", "VOV.VN -", "(Dân trí) -": an outlet code alone on its line.
_BYLINE_LINE = re.compile(r"^(?:[A-ZĐ][A-ZĐ0-9.]{1,9}|\([^()]{2,30}\))\s*[-–—:]?\s*$")
# The same fragment at the head of the first paragraph: "TTO - Sáng 12/3, ...". No "^": it is
# used with ``match(text, pos)``, which anchors at ``pos``, where "^" would only match at 0.
BYLINE_PREFIX = re.compile(r"(?:[A-ZĐ][A-ZĐ0-9.]{1,9}|\([^()]{2,30}\))\s*[-–—]\s+(?=\S)")
# A credit names who made a picture, a clip or the text: "Ảnh: Lê Anh", "(Nguồn: TTXVN)".
# What follows the keyword must be short (a name or an outlet, six words at most) unless
# the whole credit is in brackets: "Video : Bị cáo ... tại phiên toà" is the news of a clip,
# not a credit, and stays content.
_CREDIT = re.compile(
    r"^(?:[(\[]\s*(?:Ảnh|Nguồn|Theo|Video|Clip|Đồ họa|Đồ hoạ|Bài và ảnh|Bài, ảnh|Photo)\s*[:-]"
    r"[^.!?()\[\]]{0,80}[)\]]\.?"
    r"|(?:Ảnh|Nguồn|Theo|Video|Clip|Đồ họa|Đồ hoạ|Bài và ảnh|Bài, ảnh|Photo)\s*[:-]\s*"
    r"(?:[^\W_]+[\s,.&/-]*){1,6})$",
    re.IGNORECASE,
)
_CLIP = re.compile(r"^(?:Video|Clip)\s*:\s*\S", re.IGNORECASE)
# Links to other articles: "Xem thêm >>> ...", "Xem video:", "Đọc thêm: ...", "Tin liên quan".
_LINK = re.compile(
    r"^[(\[]?\s*(?:Xem thêm|Xem tiếp|Xem video|Xem clip|Đọc thêm|Đọc tiếp|Tin liên quan|"
    r"Bài liên quan|Mời (?:bạn đọc|độc giả) (?:xem|đón đọc))\b|^>>|>\s*>\s*>",
    re.IGNORECASE,
)
# Lines are stripped (they end in a printable non-space), so alt-text (" -0", "- 0" after a
# space) and terminal punctuation are tests of their last characters: see _is_image_alt; a
# regex search would try every position of the line.
_CAPTION_OPENER = re.compile(
    r"^(?:Quang cảnh|Toàn cảnh|Ảnh minh họa|Ảnh minh hoạ|Ảnh:|Hình:|Hình ảnh|Các đại biểu dự|"
    r"Đại biểu dự|Đại biểu tham dự)",
    re.IGNORECASE,
)
_TERMINAL = '.!?…:;"”’»)'  # a line ending in one of these is punctuated
_LIST_ITEM = re.compile(r"^(?:[-+•*–]|\d{1,2}[.)]|[a-zđ][.)])\s")

# A report's own headings ("I. Kết quả đạt được", "2. Nhiệm vụ thời gian tới") stay headings:
# the sections stage reads them.
_SECTION_HEADING = re.compile(
    r"^(?:[IVX]{1,4}|\d{1,2}|[a-zđ])[.)/-]\s|kết quả|hạn chế|tồn tại|nhiệm vụ|giải pháp|"
    r"phương hướng|kiến nghị|đề xuất|khó khăn|mục tiêu",
    re.IGNORECASE,
)

TITLE_MAX_SYLLABLES = 40
HEADING_MAX_SYLLABLES = 12
CAPTION_MAX_SYLLABLES = 30
# A document with this many subheadings of at least DIGEST_SYLLABLES is a digest ("điểm tin"):
# each subheading tells one item's news, so it stays a candidate.
DIGEST_HEADINGS = 3
DIGEST_SYLLABLES = 7


@dataclass(frozen=True, slots=True)
class Noise:
    """Why each sentence is excluded (``None``: content), and the title's sentence index.

    ``sentences`` are the input spans, except that a byline fragment heading a paragraph
    (``TTO - Sáng 12/3, ...``) is cut off the front of its sentence. The syllables of those
    spans come along, as the later stages want them: ``syllables[i]`` is the lowercased
    sentence's (``syllables_of(sentence.lower())``), ``lengths[i]`` the sentence's
    :func:`syllable_count`.
    """

    sentences: tuple[Span, ...]
    reasons: tuple[str | None, ...]
    title: int | None
    syllables: tuple[list[str], ...] = ()
    lengths: tuple[int, ...] = ()


def syllable_count(text: str) -> int:
    return len(_SYLLABLE.findall(text))


def syllables_of(text: str) -> list[str]:
    """The syllables (maximal runs of letters and digits) of ``text``."""
    return _SYLLABLE.findall(text)


def detect_noise(text: str, seg: Segmentation, *, title: str | None = None) -> Noise:
    """Classify every sentence of ``seg`` (offsets into ``text``) as content or noise.

    ``title`` is the headline when the caller gives it apart from the text: the first line is
    then the title only if it repeats that headline; otherwise it is the article's lead.
    """
    by_line: list[list[int]] = [[] for _ in seg.lines]
    for index, span in enumerate(seg.sentences):
        by_line[span.line].append(index)
    # Syllables are scanned once, on the lowercased text, for keys, lengths and terms alike:
    # lowercasing then maps every character to one character, a letter or digit to a letter
    # or digit (Unicode's case pairs), so the runs are the same and each is the lowercase of
    # the original run. Two exceptions: "İ" lowercases to two characters (the length test
    # catches it), and "Σ" to "σ" or "ς" depending on what follows, which may lie beyond a
    # sentence's end; a text with either is scanned sentence by sentence instead.
    lowered = text.lower()
    same_runs = len(lowered) == len(text) and "Σ" not in text
    scanned = lowered if same_runs else text
    line_words = [_SYLLABLE.findall(scanned, start, end) for start, end in seg.lines]
    title_key = None if title is None else " ".join(syllables_of(title.lower())).casefold()
    line_reason, line_keys = _line_reasons(text, seg, by_line, line_words, title_key)

    reasons: list[str | None] = [None] * len(seg.sentences)
    for line_no, indices in enumerate(by_line):
        for index in indices:
            reasons[index] = line_reason[line_no]
    spans = _trim_bylines(text, seg)
    syllables: list[list[str]] = []
    lengths: list[int] = []
    seen: set[str] = set()
    for index, span in enumerate(seg.sentences):
        # A sentence that is its whole line (one sentence a line) has the line's syllables.
        whole = seg.lines[span.line] == (span.start, span.end)
        words = line_words[span.line] if whole else None
        if reasons[index] is None:
            if words is None:
                words = _SYLLABLE.findall(scanned, span.start, span.end)
            key = line_keys[span.line] if whole else " ".join(words).casefold()
            if not key:
                reasons[index] = EMPTY
            elif key in seen:
                reasons[index] = DUPLICATE
            # A whole line of content already failed the credit test as a line.
            elif not whole and _CREDIT.match(text[span.start : span.end]):  # not pos: "^"
                reasons[index] = CREDIT
            seen.add(key)
        trimmed = spans[index]
        if not same_runs:
            syllables.append(_SYLLABLE.findall(text[trimmed.start : trimmed.end].lower()))
            lengths.append(len(_SYLLABLE.findall(text, trimmed.start, trimmed.end)))
            continue
        if words is None or trimmed is not span:
            words = _SYLLABLE.findall(lowered, trimmed.start, trimmed.end)
        syllables.append(words)
        lengths.append(len(words))
    title_index = next((i for i, r in enumerate(reasons) if r == TITLE), None)
    return Noise(spans, tuple(reasons), title_index, tuple(syllables), tuple(lengths))


def _trim_bylines(text: str, seg: Segmentation) -> tuple[Span, ...]:
    spans = list(seg.sentences)
    for index, span in enumerate(spans):
        if index and spans[index - 1].line == span.line:
            continue  # only the head of a paragraph carries a byline
        match = BYLINE_PREFIX.match(text, span.start, span.end)
        if match and match.end() < span.end:
            spans[index] = Span(match.end(), span.end, span.line)
    return tuple(spans)


def _is_image_alt(line: str) -> bool:
    """Whether a stripped line ends like image alt-text: in ``-0``, or ``- 0`` after a space
    (what ``\\s-\\s?0\\s*$|-0\\s*$`` finds in a line without trailing space)."""
    if line.endswith("-0"):
        # "... Tây Nguyên -0", "...Nguyên-0"; not a score: "Việt Nam thắng Lào 2-0".
        return len(line) < 3 or not line[-3].isdigit()
    return (
        len(line) >= 4
        and line[-1] == "0"
        and line[-3] == "-"
        and line[-2].isspace()
        and line[-4].isspace()
    )


def _line_reasons(
    text: str,
    seg: Segmentation,
    by_line: list[list[int]],
    words: list[list[str]],
    title_key: str | None = None,
) -> tuple[list[str | None], list[str]]:
    """The reason of every line, and every line's key, from its syllables ``words``;
    ``title_key`` is the given headline's key (``None``: no headline was given)."""
    lines = [text[s:e] for s, e in seg.lines]
    keys = [" ".join(w).casefold() for w in words]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    reasons: list[str | None] = [None] * len(lines)
    first_seen: set[str] = set()
    for i, line in enumerate(lines):
        syllables = len(words[i])
        one_sentence = len(by_line[i]) == 1
        unpunctuated = line[-1] not in _TERMINAL
        if not keys[i]:
            reasons[i] = EMPTY
        elif keys[i] in first_seen:
            reasons[i] = DUPLICATE
        elif _CREDIT.match(line):  # before bylines: "(Ảnh: ...)" also looks like "(Dân trí)"
            reasons[i] = CREDIT
        elif _LINK.search(line):
            reasons[i] = LINK
        elif _BYLINE_LINE.match(line):
            reasons[i] = BYLINE
        elif _is_image_alt(line):
            reasons[i] = IMAGE_ALT
        elif i == 0 and title_key is not None:
            # A headline was given: the first line is the title only if it repeats it.
            reasons[i] = TITLE if keys[i] == title_key else None
        elif i == 0 and len(lines) > 1 and unpunctuated and syllables <= TITLE_MAX_SYLLABLES:
            reasons[i] = TITLE
        elif _LIST_ITEM.match(line) and syllables > 2:
            reasons[i] = None  # list items are content however short
        elif _CLIP.match(line):
            reasons[i] = None  # "Video : Bị cáo ... tại phiên toà": the news a clip shows
        elif (unpunctuated and syllables <= HEADING_MAX_SYLLABLES and i + 1 < len(lines)) or (
            line.endswith(":") and one_sentence and syllables <= HEADING_MAX_SYLLABLES
        ):
            reasons[i] = HEADING
        elif (
            one_sentence
            and syllables <= CAPTION_MAX_SYLLABLES
            and (
                unpunctuated
                or counts[keys[i]] > 1  # a caption printed twice
                or _CAPTION_OPENER.match(line)
                or (i > 0 and _is_image_alt(lines[i - 1]))  # under an image
            )
        ):
            reasons[i] = CAPTION
        first_seen.add(keys[i])
    digest = [
        i
        for i, r in enumerate(reasons)
        if r == HEADING
        and len(words[i]) >= DIGEST_SYLLABLES
        and not _SECTION_HEADING.search(lines[i])
    ]
    if len(digest) >= DIGEST_HEADINGS:
        for i in digest:
            reasons[i] = None
    return reasons, keys
