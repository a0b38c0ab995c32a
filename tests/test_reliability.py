"""Defects of the second reliability round (issue 16), each pinned by an expectation of its own.

The batch path (``--jsonl``) has its own file, ``tests/test_jsonl_faults.py``; the fuzzing of
both is in ``tests/test_fuzz.py`` and ``tests/test_fuzz_jsonl.py``.
"""

from __future__ import annotations

import bisect
import itertools
import json
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from summarize import Summarizer, summarize
from summarize.readers import stdlib_html
from summarize.segment import segment


def spans(summary) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [(s.start, s.end) for s in summary.all_sentences]


def assert_disjoint(pairs: list[tuple[int, int]]) -> None:
    for (_, end), (start, _) in itertools.pairwise(pairs):
        assert end <= start, pairs


# --- 1. the cold start from threads ---------------------------------------------------------------


def test_first_calls_from_eight_threads_all_succeed_in_a_fresh_process() -> None:
    """underthesea publishes its word model before loading it; the first call is made under
    a lock, so threads starting together never see it half loaded."""
    script = textwrap.dedent(
        """
        import threading
        from summarize import Summarizer

        summarizer = Summarizer()
        barrier = threading.Barrier(8)
        errors = []

        def work():
            barrier.wait()
            try:
                summarizer.summarize("Sáng nay trời trong. Đoàn khách lên đường về Huế.")
            except Exception as exc:
                errors.append(repr(exc))

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(len(errors), errors[:1])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0 []"


# --- 7. NFD input and combining marks ----------------------------------------------------------


def test_a_mark_after_a_full_stop_stays_with_it() -> None:
    text = "Hôm nay trời đẹp.\u0301\u0323Chúng tôi đi dạo ven hồ."
    summary = summarize(text)
    assert [s.text for s in summary.all_sentences] == [
        "Hôm nay trời đẹp.\u0301\u0323",
        "Chúng tôi đi dạo ven hồ.",
    ]
    assert spans(summary) == [(0, 19), (19, 43)]
    assert "\u0301\u0323Chúng" not in summary.text  # the marks are not repeated


def test_a_singleton_mark_never_gives_overlapping_spans() -> None:
    """U+0341 becomes U+0301 under NFC (a one-to-one change): the full stop keeps its offset."""
    summary = summarize(".\u0341o")
    assert_disjoint(spans(summary))
    assert "".join(s.text for s in summary.all_sentences) == ".\u0341o"


@pytest.mark.parametrize(
    "text",
    [
        "Hôm nay trời đẹp.\u0301\u0323Chúng tôi đi dạo ven hồ.",
        "Ông về.\u0323\u0301 Bà ở lại. Chị ấy đi chợ.\u0300",
        "Trời mưa.\n\u0301\u0323Đường ngập. Xe chết máy.",
        "Câu một.\u0341\u0343 Câu hai.",
    ],
)
def test_nfc_and_nfd_spellings_give_the_same_sentences(text: str) -> None:
    """The text as written (marks out of canonical order), NFC and NFD: the same sentences."""
    reference = summarize(unicodedata.normalize("NFC", text))
    for spelling in (text, unicodedata.normalize("NFD", text)):
        summary = summarize(spelling)
        assert_disjoint(spans(summary))
        # Compared as texts, not as indices: wrong offsets garble the texts.
        assert [unicodedata.normalize("NFC", s.text) for s in summary.all_sentences] == [
            s.text for s in reference.all_sentences
        ]
        # Every character but blanks in exactly one sentence: none repeated, none lost.
        visible = "".join(s.text for s in summary.all_sentences)
        assert "".join(visible.split()) == "".join(spelling.split())


# --- 13. Vietnamese initials -------------------------------------------------------------------


@pytest.mark.parametrize("initial", ["Ch", "Kh", "Th", "Ng", "Nh", "Ph", "Tr", "Gi", "Qu", "H"])
def test_a_given_name_initial_does_not_end_the_sentence(initial: str) -> None:
    text = f"Ông Phạm Minh {initial}. (45 tuổi) đã khai nhận hành vi. Vụ việc đang được điều tra."
    sentences = [text[s.start : s.end] for s in segment(text).sentences]
    assert sentences == [
        f"Ông Phạm Minh {initial}. (45 tuổi) đã khai nhận hành vi.",
        "Vụ việc đang được điều tra.",
    ]


def test_initials_before_a_surname_and_a_given_name() -> None:
    text = "Bà Nguyễn Th. Hà và ông Lê Kh. Nam cùng dự. Sau đó họ về."
    assert len(segment(text).sentences) == 2


# --- 12. option errors -------------------------------------------------------------------------

TEXT = "Hôm nay trời đẹp. Chúng tôi đi dạo trong công viên. Buổi chiều trời đổ mưa to."


@pytest.mark.parametrize(
    "budget",
    [
        {"sentences": np.int64(2)},
        {"sentences": np.int32(1)},
        {"words": np.int64(9)},
        {"ratio": np.float64(0.5)},
        {"ratio": np.float32(1.0)},
    ],
)
def test_numpy_numbers_are_accepted_as_budgets(budget: dict[str, object]) -> None:
    plain = {name: value.item() for name, value in budget.items()}  # type: ignore[attr-defined]
    assert summarize(TEXT, **budget) == summarize(TEXT, **plain)  # type: ignore[arg-type]


def test_numpy_booleans_and_nan_are_still_refused() -> None:
    with pytest.raises(ValueError, match="`sentences`"):
        summarize(TEXT, sentences=np.bool_(True))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="`ratio`"):
        summarize(TEXT, ratio=np.float64("nan"))


def test_section_cues_naming_a_directory_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="`section_cues`") as caught:
        Summarizer(section_cues=tmp_path)
    assert not isinstance(caught.value, OSError)


def test_section_cues_not_in_utf8_is_a_value_error_naming_the_option(tmp_path: Path) -> None:
    path = tmp_path / "cues.tsv"
    path.write_bytes("results\t1\tđạt\n".encode("cp1258", errors="replace") + b"\xff\xfe\n")
    with pytest.raises(ValueError, match="`section_cues`") as caught:
        Summarizer(section_cues=str(path))
    assert not isinstance(caught.value, UnicodeDecodeError)


@pytest.mark.parametrize("text", ["", "   \n\t", "\x00"])
def test_the_title_is_kept_with_empty_text(text: str) -> None:
    summary = summarize(text, title="Hội nghị sơ kết sáu tháng")
    assert summary.title == "Hội nghị sơ kết sáu tháng"
    assert summary.sentences == ()
    assert summarize(text).title is None


# --- 8. end tags in the standard-library HTML path ----------------------------------------------


class _NoScan(list):  # type: ignore[type-arg]
    """A stack that may be pushed and popped but never searched."""

    def __contains__(self, item: object) -> bool:
        raise AssertionError("an end tag scanned the stack of open elements")

    def index(self, *args: object) -> int:  # type: ignore[override]
        raise AssertionError("an end tag scanned the stack of open elements")


def test_an_end_tag_never_scans_the_open_elements(monkeypatch: pytest.MonkeyPatch) -> None:
    """``"<svg>" * n + "</b>" * n`` was quadratic (99 s at n = 110,000): every ``</b>``
    searched the n open ``<svg>``s. Now each end tag costs O(1) amortised."""
    real_init = stdlib_html._Extractor.__init__

    def init(self: stdlib_html._Extractor) -> None:
        real_init(self)
        self._skipping = _NoScan()

    monkeypatch.setattr(stdlib_html._Extractor, "__init__", init)
    n = 2_000
    page = "<p>Mở đầu.</p>" + "<svg>" * n + "</b>" * n + "</svg>" * n + "<p>Kết thúc.</p>"
    assert stdlib_html.visible_text(page) == "Mở đầu.\nKết thúc."
    nested = "<p>a<svg><b>x<math>y</svg>b<script>c</script>d</p>"
    assert stdlib_html.visible_text(nested) == "abd"


# --- 15. the hand-made section labels of examples/ are read ------------------------------------


@pytest.mark.parametrize("name", ["bao-cao-so-ket", "bao-cao-co-tieu-de-muc"])
def test_sections_agree_with_the_hand_labels_of_the_examples(name: str) -> None:
    """``examples/*.labels.json`` give every body line the section a reader gave it; every
    sentence of that line gets it (``other``: none). Independent of the labeller's own cues."""
    folder = Path(__file__).resolve().parent.parent / "examples"
    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    hand = json.loads((folder / f"{name}.labels.json").read_text(encoding="utf-8"))["lines"]
    starts = list(itertools.accumulate((len(line) + 1 for line in text.split("\n")), initial=0))
    found: dict[int, list[str]] = {}
    for sentence in summarize(text).all_sentences:
        line = bisect.bisect_right(starts, sentence.start) - 1
        found.setdefault(line, []).append(sentence.section or "other")
    body = [entry for entry in hand if entry["role"] == "body"]
    assert len(body) >= 15
    for entry in body:
        assert found.get(entry["line"]), f"{name} line {entry['line']}: no sentence"
        assert set(found[entry["line"]]) == {entry["section"]}, f"{name} line {entry['line']}"


# --- 14. help(summarize) lists the options -------------------------------------------------------


def test_help_lists_every_option_with_its_default() -> None:
    import pydoc

    from summarize.summarizer import OPTION_NAMES, Options

    for target in (summarize, Summarizer):
        text = pydoc.render_doc(target, renderer=pydoc.plaintext)
        for name in OPTION_NAMES:
            default = Options.__dataclass_fields__[name].default
            assert f"{name}={default!r}" in text, (target, name)
