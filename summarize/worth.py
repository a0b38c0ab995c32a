"""Summary-worthiness: would a reader put this sentence in a short summary, and can it stand alone?

Centrality finds what a document talks about most; a reader also asks what a sentence is *for*.
Attendance lists ("Dự hội nghị còn có đồng chí: ..."), who chaired, greetings and thanks, list
lead-ins that end on a colon ("... còn một số hạn chế như:"), sentences that only point elsewhere
("Đó là ...", "Cụ thể như sau") and generic praise ("Nhiệm vụ ... là phức tạp, yêu cầu cao") are
central in a conference report and never in its summary; the overall statements ("... đạt nhiều
kết quả quan trọng", "từ nay đến cuối năm ... tập trung triển khai ...") are what it is for.

This module gives each sentence a few cheap, explainable features (:data:`FEATURES`, found by
regular expressions over its casefolded text) and scores them with a linear model: the
log-odds that a reader grades the sentence as summary material (grade ≥ 1 of
``../shared/summary/GUIDELINE.md``) plus the log-odds that it is a key sentence (grade 2). The
weights are plain text, ``data/worth_model.tsv``, written by ``benchmarks/worth_train.py``
(scikit-learn's logistic regression on the graded development set, ``benchmarks/summary/``).

:func:`needs_previous` is the coherence half: a sentence that opens on a reference whose
antecedent is the sentence before ("Tại đây, ...", "Điều này ...", a bare "Ông ..."), or that
is a fragment, cannot stand alone in a summary unless the sentence before it is there too; the
selector enforces that (:mod:`summarize.select`). A plain connective ("Tuy nhiên, ...",
"Theo đó, ...") is only a feature of the model: the sentence usually reads on its own.
:data:`NEVER` lists what a reader never puts in a summary (lead-ins, attendance, greetings,
pointers): those are candidates only when nothing else is left.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

FORMAT = "summarize-worth-model/1"
BIAS = "<bias>"

# Punctuation spacing varies ("Tuy nhiên , ..." in corpora, "Tuy nhiên, ..." in prose): patterns
# run on the casefolded sentence with runs of spaces before punctuation removed.
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,.:;!?…)\]”\"])")

_PATTERNS: dict[str, re.Pattern[str]] = {
    # Who attended, who chaired, who was welcomed: never summary material.
    "attendance": re.compile(
        r"^(?:về |đến |cùng |tới |có mặt |)(?:dự|tham dự)\b|"
        r"\b(?:dự|tham dự) (?:hội nghị|buổi|lễ|phiên|cuộc|đại hội|hội thảo|chương trình)"
        r"[^,.]{0,40}"
        r"(?:có|còn có|gồm)\b|\bcó sự tham dự\b|\bvới sự tham dự\b|\bcùng dự\b|"
        r"\bđại biểu tham dự\b|\btham dự (?:hội nghị|buổi|lễ) có\b|\b(?:tới|đến|về) dự\b|"
        r"\bdự và (?:phát biểu|chỉ đạo)\b|\bdự (?:hội nghị|buổi làm việc) (?:còn )?có\b|"
        r"\bđại biểu (?:gồm|là)\b"
    ),
    "chair": re.compile(
        r"\b(?:chủ trì|đồng chủ trì|điều hành) (?:các |)(?:hội nghị|buổi|phiên|cuộc)|"
        r"\bchủ trì\.?$|\bchủ trì hội nghị\b"
    ),
    "greeting": re.compile(
        r"\b(?:cảm ơn|chúc mừng|chào mừng|gửi lời chúc|lời chúc|trân trọng|tri ân|"
        r"chúc các|chúc toàn thể|xin gửi)\b"
    ),
    "format": re.compile(
        r"\b(?:hình thức trực tuyến|trực tuyến (?:với|đến|tới)|điểm cầu|"
        r"chương trình (?:hội nghị|làm việc)|khai mạc (?:hội nghị|kỳ họp)|bế mạc|nghị trình|"
        r"chương trình nghị sự)\b"
    ),
    "pointer": re.compile(
        r"^(?:đó là|cụ thể như sau|cụ thể là|cụ thể:|sau đây|như sau|dưới đây|trên đây là|"
        r"những (?:kết quả|hạn chế|nhiệm vụ) (?:đó|này) là|các (?:kết quả|nhiệm vụ) cụ thể)"
        r"|(?:như sau|sau đây)[:.]?$"
    ),
    "colon_end": re.compile(r":\s*$"),
    # What the meeting will do, not what it did: "Theo chương trình, ... sẽ có bài phát biểu".
    "agenda": re.compile(
        r"^theo chương trình\b|\bsẽ có bài phát biểu\b|"
        r"\b(?:hội nghị|kỳ họp|phiên họp|đại hội) sẽ (?:bàn|thảo luận|xem xét|nghe|cho ý kiến)\b|"
        r"\bphát biểu chỉ đạo[^.,]{0,50}(?:sáng|chiều|tối|ngày) [\d/]+\.?$"
    ),
    # A photo's caption left in the text: "Khoảnh khắc ...", "..., Ảnh: X", "(Ảnh: X)". Not
    # "Hình ảnh ..." or "Ảnh hưởng ...", which open sentences of news.
    "caption": re.compile(
        r"^khoảnh khắc\b|\bảnh\s*:(?:\s*[^\s:]+){1,4}\s*\)?\.?$|\(ảnh[^)]*\)\.?$|"
        r"\bảnh minh hoạ\b|"
        # Who stands where in the picture: "Ông A ( trái ) và ông B ...", "từ trái sang phải".
        r"\(\s*(?:trái|phải|giữa|đứng giữa|ngoài cùng bên (?:trái|phải)|"
        r"thứ (?:hai|ba|tư|\d+) từ (?:trái|phải)(?: sang)?)\s*\)|\btừ trái (?:sang|qua) phải\b"
    ),
    "praise": re.compile(
        r"\b(?:là phức tạp|yêu cầu cao|hết sức quan trọng|vô cùng quan trọng|"
        r"ý nghĩa (?:hết sức |rất |đặc biệt |)quan trọng|đánh giá cao|biểu dương|"
        r"ghi nhận (?:và|những|sự)|tinh thần trách nhiệm cao|nỗ lực, cố gắng)\b"
    ),
    "overall_result": re.compile(
        r"\b(?:đạt (?:được |)(?:nhiều |những |)kết quả (?:quan trọng|tích cực|khả quan|"
        r"đáng khích lệ|nổi bật|toàn diện|rõ nét|đáng ghi nhận)|hoàn thành (?:vượt mức|"
        r"xuất sắc|tốt|và vượt)|cơ bản hoàn thành|tăng trưởng|vượt (?:kế hoạch|chỉ tiêu))"
    ),
    "overall_task": re.compile(
        r"\b(?:từ nay đến cuối năm|thời gian tới|năm tới|giai đoạn tới|những tháng cuối năm|"
        r"6 tháng cuối năm|nhiệm kỳ tới|năm \d{4})\b[^.]{0,120}"
        r"\b(?:tập trung|đẩy mạnh|triển khai|thực hiện|tiếp tục|phấn đấu)\b"
    ),
    "shortcoming": re.compile(
        r"\b(?:hạn chế|tồn tại|khuyết điểm|yếu kém|bất cập|khó khăn|vướng mắc|chưa)\b"
    ),
    # A sentence that only announces what follows: "... nhìn nhận những hạn chế."
    "announces": re.compile(
        r"\b(?:những|một số|các|nhiều) (?:hạn chế|tồn tại|khuyết điểm|kết quả|nhiệm vụ|"
        r"giải pháp|khó khăn|vấn đề)(?:,? (?:khuyết điểm|tồn tại|hạn chế|nổi bật|chủ yếu|"
        r"trọng tâm|cụ thể))*(?: như| sau| như sau| sau đây)?[.:…]?$"
    ),
    # The tail of a quotation: '... cần phải xem lại", bà Hải nói.'
    "quote_tail": re.compile(r"[\"”'’»]\s*[,-–]\s*(?:ông|bà|anh|chị|em|cô)?[^,.\"”]{0,40}"
                             r"\b(?:nói|cho biết|chia sẻ|khẳng định|nhấn mạnh|kể|thông tin)\.?$"),
    "unpunctuated": re.compile(r"[^.!?…:;\"”’»)]$"),
    "figure": re.compile(r"\d"),
    "quote": re.compile(r"^[\"“'‘«]"),
    "interview": re.compile(r"^(?:\*|pv:|phóng viên:|hỏi:)"),
    "question": re.compile(r"\?\s*$"),
    # "em" as a speaker, not "trẻ em" (children), "anh em", "chị em" or "các em".
    "first_person": re.compile(
        r"\b(?:tôi|chúng tôi|chúng ta|mình|(?<!trẻ )(?<!anh )(?<!chị )(?<!các )em)\b"
    ),
    "report_speech": re.compile(
        r"\b(?:báo cáo|hội nghị|nhấn mạnh|đề nghị|yêu cầu|chỉ đạo|kết luận|xác định)\b"
    ),
}

# Words without which a pattern cannot match: a substring test per pattern spares most
# regular-expression searches (each feature's search runs only when one of its words is in
# the sentence; tests/test_worth.py checks that this never changes a feature).
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "attendance": ("dự", "đại biểu"),
    "chair": ("chủ trì", "điều hành"),
    "greeting": ("cảm ơn", "chúc", "chào mừng", "trân trọng", "tri ân", "xin gửi"),
    "format": ("trực tuyến", "điểm cầu", "chương trình", "khai mạc", "bế mạc", "nghị trình"),
    "pointer": ("đó là", "cụ thể", "sau đây", "như sau", "dưới đây", "trên đây", " là"),
    "colon_end": (":",),
    "agenda": ("chương trình", "phát biểu", "sẽ"),
    "caption": ("ảnh", "khoảnh khắc", "trái)", "phải)", "giữa)", "từ trái"),
    "praise": (
        "phức tạp", "yêu cầu cao", "quan trọng", "đánh giá cao", "biểu dương", "ghi nhận",
        "trách nhiệm cao", "nỗ lực",
    ),
    "overall_result": ("kết quả", "hoàn thành", "tăng trưởng", "vượt"),
    "overall_task": ("tới", "cuối năm", "năm "),
    "shortcoming": (
        "hạn chế", "tồn tại", "khuyết điểm", "yếu kém", "bất cập", "khó khăn", "vướng mắc", "chưa",
    ),
    "announces": (
        "hạn chế", "tồn tại", "khuyết điểm", "kết quả", "nhiệm vụ", "giải pháp", "khó khăn",
        "vấn đề",
    ),
    "quote_tail": ('"', "”", "'", "’", "»"),
    "quote": ('"', "“", "'", "‘", "«"),
    "interview": ("*", "pv:", "phóng viên:", "hỏi:"),
    "question": ("?",),
    "first_person": ("tôi", "chúng ta", "mình", "em"),
    "report_speech": (
        "báo cáo", "hội nghị", "nhấn mạnh", "đề nghị", "yêu cầu", "chỉ đạo", "kết luận",
        "xác định",
    ),
}

# The last word of a time ("năm này", "lần này", "thời điểm này"): "này" then points at now.
_THIS_TIME = r"(?:lúc|khi|hôm|năm|tháng|tuần|ngày|sáng|chiều|tối|đêm|dịp|đợt|lần|kỳ|điểm|đoạn|gian)"
# Openers whose antecedent is the sentence before: references a reader of the sentence alone
# cannot resolve ("Điều này ...", "Nhiệm vụ này ...", "Tại đây ...").
_NEEDS_PREVIOUS = re.compile(
    r"^(?:tại đây|cũng theo|cũng tại|"
    r"điều này|việc này|những việc này|những điều này|chính vì|còn|rồi|và|hay|hoặc|"
    r"cụ thể|trong đó|đó là|đây là|"
    r"người này|nạn nhân này|đối tượng này|vụ việc này|anh này|chị này|ông này|bà này|"
    r"hai người này|cả hai|họ|hắn|đây|giờ|nếu không|về (?:vấn đề|việc|nội dung|phía) (?:này|đó)|"
    r"trên cơ sở (?:đó|này)|thứ (?:nhất|hai|ba|tư|năm)|một là|hai là|ba là|"
    # "Kết quả trên ...", "Những hạn chế trên ...": what the sentences before listed.
    r"(?:kết quả|những kết quả|các kết quả|hạn chế|những hạn chế|các hạn chế|tồn tại|"
    r"những tồn tại|số liệu|con số|thông tin|nội dung|vấn đề|sự việc|vụ việc) "
    r"(?:nói trên|trên(?! (?:địa bàn|cả nước|toàn|thế giới|mạng|cơ sở|lĩnh vực|tuyến)))"
    r"(?= |,)|"
    # What the lead told, taken up by the next sentence: "Sự việc xảy ra vào ...", "Thông tin
    # được đưa ra tại ...", "Lý do được HNX công bố là ..." (the event is in the sentence before).
    r"(?:thông tin|nhận định|phát biểu|tuyên bố|đề xuất|con số|số liệu|lý do|sự việc|vụ việc|"
    r"sự cố|thông báo|quyết định|kết quả|động thái|chỉ đạo|yêu cầu|lời kêu gọi) "
    r"(?:này |trên |nói trên |)(?:được|xảy ra|diễn ra)|"
    # Connectives that add to what the sentence before said (readers marked them as leaning on
    # it, unlike "Tuy nhiên" or "Theo đó", after which the sentence usually reads on its own).
    r"mặt khác|bên cạnh đó|đồng thời|thậm chí|muốn vậy|ngoài ra|cùng với đó|thêm vào đó|"
    # "<noun> này" in the first words of the first clause, a noun phrase pointing back:
    # "Nhiệm vụ này ...", "Với khoản đầu tư này, ...", "Từ năm 2016 hai ngân hàng này ...";
    # not a time ("Hội nghị lần này", "trong năm này").
    r"(?:[^\s,]+ ){0,6}(?!" + _THIS_TIME + r" này)[^\W\d_]+ này(?= |,)"
    r")\b"
)
# Connectives: the sentence leans on the one before, but usually still reads on its own once
# the reader skips the connective ("Tuy nhiên, ...", "Theo đó, ..."). A feature of the worth
# model, not a constraint: blocking them cost half a point of ROUGE-2 on news leads.
_CONNECTIVE = re.compile(
    r"^(?:tuy nhiên|theo đó|sau đó|trước đó|do đó|do vậy|vì vậy|vì thế|bởi vậy|từ đó|qua đó|"
    r"như vậy|trong khi đó|ngoài ra|bên cạnh đó|cùng với đó|thêm vào đó|đồng thời|mặt khác|"
    r"đặc biệt là|nhưng|ngay sau đó|khi đó|lúc đó|lúc này|thời điểm này)\b"
)
# "... nhận xét như trên", "... đã nói như vậy": the sentence reports what came before it.
_POINTS_BACK = re.compile(r"\b(?:như trên|như vậy|nói trên|kể trên)\b")
# A bare pronoun or kinship title followed by a lower-case word: "Ông cho biết ...", not
# "Ông Nguyễn Văn A cho biết ...".
_BARE_PERSON = re.compile(
    r"^(?:ông|bà|anh|chị|cô|chú|em|cháu|đồng chí|thầy|bác|cụ|lão|nàng|chàng)\s+(?=[^\W\d_])"
)
# The rest of a quotation opened in a sentence before: a closing mark with no opening mark
# before it, then the speaker or the end ('Tôi thấy cần xem lại " , bà A nói .').
_CLOSING_QUOTE = re.compile(r'^[^"“”«»]*[^\s"“”«»]\s*["”»]\s*(?:[,.!?…]|$)')
_ABBREVIATION_END = re.compile(r"\b(?:TP|TS|GS|PGS|ThS|BS|Th|Q|P|TT|UBND|Tp)\s?\.$")
_LEADING = re.compile(r"^[\s\-–—•*+\"“'‘«(\[]+")
_SYLLABLE = re.compile(r"[^\W_]+")
FRAGMENT_SYLLABLES = 5
SHORT_FIRST_SYLLABLES = 16

FEATURES: tuple[str, ...] = (
    *_PATTERNS,
    "needs_previous",
    "connective",
    "fragment",
    "lower_start",
    "first",
    "short_first",
    "lead",
    "log_length",
    "score",
    "results",
    "limitations",
    "next_tasks",
    "report",
)


def _prepared(text: str) -> str:
    """``text`` (whitespace already collapsed) without spaces before punctuation, casefolded."""
    return _SPACE_BEFORE_PUNCT.sub("", text).casefold()


# Every keyword is looked for once per sentence (a substring test in C), then each pattern is
# searched only when one of its keywords is there: the prefilter of the reader's view, which
# was a third of the default mode's time, in a third less.
_ALL_KEYWORDS = tuple(sorted({key for keys in _KEYWORDS.values() for key in keys}))
_PATTERN_SEARCHES = tuple(
    (name, pattern.search, frozenset(_KEYWORDS[name]) if name in _KEYWORDS else None)
    for name, pattern in _PATTERNS.items()
)


def _pattern_flags(folded: str) -> dict[str, float]:
    """The :data:`_PATTERNS` found in a prepared sentence, each searched only when one of its
    :data:`_KEYWORDS` is there."""
    present = {key for key in _ALL_KEYWORDS if key in folded}
    found = {}
    for name, search, keys in _PATTERN_SEARCHES:
        if (keys is None or not keys.isdisjoint(present)) and search(folded):
            found[name] = 1.0
    return found


def needs_previous(sentence: str) -> bool:
    """Whether ``sentence`` cannot stand alone: it opens on a reference to the sentence before
    ("Tại đây", "Điều này", "Nhiệm vụ này"), on a bare pronoun, on a lower-case letter or a
    quotation's tail, reports what came before ("như trên"), or is a fragment. A plain
    connective ("Tuy nhiên, ...") is not enough: see ``_CONNECTIVE``."""
    text = " ".join(sentence.split())
    stripped = _LEADING.sub("", text)
    return _needs_previous(text, stripped, _prepared(stripped) if stripped else "")


def _needs_previous(text: str, stripped: str, folded: str, syllables: int | None = None) -> bool:
    """:func:`needs_previous` of a whitespace-collapsed ``text``, given its ``stripped`` form
    (leading quotes and list marks removed), that form prepared (``folded``) and, when known,
    the number of its syllables."""
    if not stripped or not (stripped[0].isalnum()):
        return True  # nothing, or a quote's tail: '" , ông A nói .'
    if text[-1:] == "." and _ABBREVIATION_END.search(text):
        return True  # split after an abbreviation: "Ngày 19/3 vừa qua , Thanh tra TP."
    if stripped[0].isalpha() and stripped[0].islower():
        return True  # a continuation ("bằng ...", the tail of a quote)
    if syllables is None:
        syllables = len(_SYLLABLE.findall(text))
    if syllables < FRAGMENT_SYLLABLES:
        return True  # "Đ .", "Sau đó , chị Nh ."
    if _NEEDS_PREVIOUS.match(folded) or _POINTS_BACK.search(folded):
        return True
    if len(stripped) == len(text) and _CLOSING_QUOTE.match(text):
        return True  # the rest of a quotation: 'Tôi thấy cần xem lại " , bà A nói .'
    match = _BARE_PERSON.match(folded)
    if match:
        # The word after the pronoun is lower-case in the original: no name follows.
        rest = stripped[match.end() :]
        return bool(rest) and rest[0].islower()
    return False


def features(
    sentence: str,
    *,
    position: int,
    score: float,
    section: str | None,
    report: bool,
    after_title: bool = False,
    syllables: int | None = None,
) -> dict[str, float]:
    """The features of one content sentence (``position``: its rank among the content
    sentences, 0 first; ``score``: its ranking score in [0, 1]; ``after_title``: whether the
    first content sentence is a line of its own right after a title, given or found;
    ``syllables``: its number of syllables, counted here when not given)."""
    text = " ".join(sentence.split())
    folded = _prepared(text)
    found = _pattern_flags(folded)
    if syllables is None:
        syllables = len(_SYLLABLE.findall(folded))
    stripped = _LEADING.sub("", text)
    # The prepared opening: the prepared sentence itself unless leading marks were stripped.
    opening = folded if len(stripped) == len(text) else _prepared(stripped) if stripped else ""
    if _needs_previous(text, stripped, opening, syllables):
        found["needs_previous"] = 1.0
    if _CONNECTIVE.match(opening):
        found["connective"] = 1.0
    if syllables < FRAGMENT_SYLLABLES:
        found["fragment"] = 1.0
    if stripped[:1].islower():
        found["lower_start"] = 1.0
    if position == 0:
        found["first"] = 1.0
        if after_title and syllables <= SHORT_FIRST_SYLLABLES:
            # A photo caption or a sub-title between the headline and the lead. Without a
            # headline a short first line is the lead itself.
            found["short_first"] = 1.0
    if position < 3:
        found["lead"] = 1.0
    found["log_length"] = math.log1p(syllables)
    found["score"] = score
    if section is not None:
        found[section] = 1.0
    if report:
        found["report"] = 1.0
    return found


class Model:
    """A linear model over :data:`FEATURES`: ``weights[name]`` for grade ≥ 1 and for grade 2."""

    __slots__ = ("bias", "weights")

    def __init__(
        self, weights: dict[str, tuple[float, float]], bias: tuple[float, float]
    ) -> None:
        unknown = sorted(set(weights) - set(FEATURES))
        if unknown:
            raise ValueError(f"worth model: unknown feature(s) {', '.join(unknown)}")
        self.weights = weights
        self.bias = bias

    def log_odds(self, found: dict[str, float]) -> tuple[float, float]:
        useful, key = self.bias
        for name, value in found.items():
            w = self.weights.get(name)
            if w is not None:
                useful += w[0] * value
                key += w[1] * value
        return useful, key

    def worth(self, found: dict[str, float]) -> float:
        """The expected grade in [0, 2]: P(grade ≥ 1) + P(grade = 2)."""
        useful, key = self.log_odds(found)
        return _sigmoid(useful) + _sigmoid(key)

    def to_tsv(self) -> str:
        lines = [
            f"# {FORMAT}",
            "feature\tuseful\tkey",
            f"{BIAS}\t{self.bias[0]:.4f}\t{self.bias[1]:.4f}",
        ]
        for name in FEATURES:
            if name in self.weights:
                a, b = self.weights[name]
                lines.append(f"{name}\t{a:.4f}\t{b:.4f}")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_tsv(cls, text: str) -> Model:
        lines = [line for line in text.splitlines() if line.strip()]
        if not lines or lines[0] != f"# {FORMAT}":
            raise ValueError(f"worth model: the first line must be '# {FORMAT}'")
        weights: dict[str, tuple[float, float]] = {}
        bias = (0.0, 0.0)
        for number, line in enumerate(lines[2:], start=3):
            parts = line.split("\t")
            if len(parts) != 3:
                raise ValueError(f"worth model: line {number} needs 3 tab-separated fields")
            name, a, b = parts[0], float(parts[1]), float(parts[2])
            if name == BIAS:
                bias = (a, b)
            else:
                weights[name] = (a, b)
        return cls(weights, bias)


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    """The model of ``data/worth_model.tsv``, read once."""
    text = resources.files("summarize").joinpath("data/worth_model.tsv").read_text("utf-8")
    return Model.from_tsv(text)


# Features that make a sentence one a reader never puts in a summary, whatever its centrality
# (../shared/summary/GUIDELINE.md, grade 0); such a sentence is chosen only when nothing else is
# left. Measured on the graded dev set, the model gives them the lowest grades anyway; as a rule
# they stay out of news too, where the model's weight is 0.
NEVER = frozenset({
    "colon_end", "attendance", "chair", "greeting", "pointer", "interview",
    # A short first line is a photo caption or a sub-title (29 of 32 graded 0 on the dev set),
    # a question is rhetorical or an interviewer's (26 of 28), a fragment is never whole.
    "short_first", "question", "fragment", "agenda", "caption",
})  # fmt: skip

# How much an overall statement ("... đạt nhiều kết quả quan trọng", "từ nay đến cuối năm ...
# tập trung ...") is lifted above its section's items, in ranking-score units.
OVERALL_BONUS = 0.3


class Assessment(NamedTuple):
    """Per sentence: the expected reader grade in [0, 2] (0 for non-content), whether it
    leans on the sentence before (:func:`needs_previous`), whether it is an aside in a
    section listing (an appraisal, "đánh giá cao", or a connective opener, "Từ đó, ..."),
    its lift as an overall statement, and whether it is what a reader never puts in a summary
    (:data:`NEVER`: a lead-in whose content is what follows, "... như sau:", an attendance
    list, who chaired, greetings and thanks, a pointer, a question, a fragment, an agenda, a
    photo caption, a short line between the headline and the lead)."""

    grades: list[float]
    dangling: list[bool]
    aside: list[bool]
    overall: list[float]
    never: list[bool]

    def demoted(self, content: Sequence[bool], floor: float) -> list[int]:
        """How far each content sentence ranks down: 1 when the model expects a reader to grade
        it below ``floor`` (after every other sentence), 2 when it is what a reader never puts
        in a summary (after those too: a list's lead-in comes after its weakest item), else 0."""
        return [
            (2 if never else 1 if grade < floor else 0) if c else 0
            for c, never, grade in zip(content, self.never, self.grades, strict=True)
        ]


def assess(
    sentences: Sequence[str],
    content: Sequence[bool],
    scores: Sequence[float],
    sections: Sequence[str | None],
    *,
    after_title: bool = False,
    lengths: Sequence[int] | None = None,
    model: Model | None = None,
) -> Assessment:
    """Assess every content sentence of a document (see :class:`Assessment`; ``after_title``:
    whether the first content sentence is a line of its own right after a title; ``lengths``:
    the sentences' syllable counts, when the caller has them)."""
    model = model or shipped_model()
    report = any(section is not None for section in sections)
    n = len(sentences)
    result = Assessment([0.0] * n, [False] * n, [False] * n, [0.0] * n, [False] * n)
    position = 0
    for i, sentence in enumerate(sentences):
        if not content[i]:
            continue
        found = features(
            sentence, position=position, score=scores[i], section=sections[i], report=report,
            after_title=after_title, syllables=lengths[i] if lengths is not None else None,
        )
        result.grades[i] = model.worth(found)
        result.dangling[i] = "needs_previous" in found
        if "overall_result" in found or "overall_task" in found:
            result.overall[i] = OVERALL_BONUS
        result.aside[i] = "praise" in found or "connective" in found
        result.never[i] = not NEVER.isdisjoint(found)
        position += 1
    return result
