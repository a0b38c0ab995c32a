"""Fuzzing the batch path: generated JSON Lines through :func:`summarize.jsonl.summarize_jsonl`.

Each example is a file of lines, each drawn from a kind the test knows the fate of: a good
record (ids of every JSON type, lone surrogates as escapes, a BOM before it, CRLF, a title or
none, a number out of range in a field nobody reads, a list of articles summarized as one
cluster), or a bad one (JSON cut short, invalid
UTF-8, raw surrogate bytes, a BOM inside, 1,000 to 20,000 nested brackets, NaN and Infinity, a
huge line, a text or title that is not a string, a record that is not an object), with blank
lines between. The oracle is the generator's own label, never the code under test:

- every good record is written exactly once, as a summary with its id; every bad record gets
  exactly one error line; blank lines are not records; numbers run 0, 1, 2 ... in order;
- every output line is strict JSON (no NaN) in valid UTF-8;
- the same file arriving in two pieces (cut at any byte: a growing file), summarized and then
  resumed, gives exactly the lines of one run over the whole file.

The profile (conftest.py) sets the number of examples: "ci" by default, "deep" for the long
run of docs/reliability.md (``HYPOTHESIS_PROFILE=deep pytest tests/test_fuzz_jsonl.py``),
which prints how many lines it generated.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz import nasty_texts

from summarize.jsonl import line_limit, summarize_jsonl

MAX_CHARS = 2_000  # good texts stay under it; a huge line is far over its byte bound
LINE_LIMIT = line_limit(MAX_CHARS)
OPTIONS = {"tokenizer": "syllable", "sections": False, "max_chars": MAX_CHARS}
GOOD, BAD, BLANK, UNPARSED = "good", "bad", "blank", "unparsed"

lines_seen = {"lines": 0, "examples": 0}


def _dump(value: object) -> bytes:
    """JSON with letters as UTF-8; a lone surrogate (which UTF-8 cannot hold) as an escape."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _escaped(value)


def _escaped(value: object) -> bytes:
    return json.dumps(value).encode("ascii")  # surrogates as \\udcff escapes: valid JSON


IDS = st.one_of(
    st.none(), st.text(max_size=12), st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.integers(1, 200).map(lambda depth: json.loads("[" * depth + "]" * depth)),  # nested
    st.just("\udcff"), st.just("\ud800x"),
)  # fmt: skip
TEXTS = nasty_texts.filter(lambda text: len(text) < MAX_CHARS // 2)


@st.composite
def good_line(draw: st.DrawFn) -> bytes:
    record: dict[str, object] = {"text": draw(TEXTS)}
    if draw(st.booleans()):
        record["id"] = draw(IDS)
    title = draw(st.sampled_from(["absent", "null", "text"]))
    if title != "absent":
        record["title"] = None if title == "null" else draw(st.text(max_size=30))
    if draw(st.integers(0, 7)) == 0:  # a cluster: a list of articles, one summary of them
        articles = draw(  # max_chars caps the articles' total length
            st.lists(TEXTS, max_size=3).filter(lambda texts: sum(map(len, texts)) < MAX_CHARS)
        )
        record["text"] = articles
        if title == "text":
            record["title"] = draw(
                st.lists(st.none() | st.text(max_size=20), min_size=len(articles),
                         max_size=len(articles))
            )  # fmt: skip
    if draw(st.booleans()):
        record["meta"] = draw(st.sampled_from([{"n": 1}, [1, 2], "x", 7]))
    items = list(record.items())
    ordered = dict(draw(st.permutations(items)))
    line = draw(st.sampled_from([_dump, _escaped]))(ordered)
    if draw(st.integers(0, 9)) == 0:
        line = line[:-1] + b', "score": 1e400}'  # parses to inf, but nobody writes it back
    prefix = draw(st.sampled_from([b"", b"", b"\xef\xbb\xbf", b"  "]))
    return prefix + line + draw(st.sampled_from([b"", b"", b"\r", b" "]))


@st.composite
def bad_line(draw: st.DrawFn) -> tuple[bytes, str]:
    """A bad line and whether it parses as JSON at all (``bad``) or not (``unparsed``)."""
    kind = draw(st.sampled_from([
        "cut", "utf8", "surrogate_bytes", "inner_bom", "deep", "constant", "big_id", "huge",
        "text_type", "no_text", "title_type", "not_object",
    ]))  # fmt: skip
    whole = _dump({"id": draw(st.integers(0, 99)), "text": draw(TEXTS)})
    if kind == "cut":
        return whole[: draw(st.integers(1, len(whole) - 1))], UNPARSED
    if kind == "utf8":
        at = draw(st.integers(0, len(whole)))
        return whole[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\x80\x80"])) + whole[at:], (
            UNPARSED
        )
    if kind == "surrogate_bytes":
        return b'{"text": "c\xed\xb3\xbf"}', UNPARSED
    if kind == "inner_bom":
        return b'{"text":\xef\xbb\xbf "x"}', UNPARSED
    if kind == "deep":
        line = draw(st.sampled_from([b"[", b'{"a":'])) * draw(st.integers(1_000, 20_000))
        return line, BAD if len(line) > LINE_LIMIT else UNPARSED  # too long: not even parsed
    if kind == "constant":
        constant = draw(st.sampled_from([b"NaN", b"Infinity", b"-Infinity"]))
        return b'{"id": 1, "text": "x", "w": ' + constant + b"}", BAD
    if kind == "big_id":
        return b'{"id": 1e400, "text": "C\xc3\xa2u."}', BAD
    if kind == "huge":
        return _dump({"text": "chữ " * draw(st.integers(3_500, 9_000))}), BAD
    if kind == "text_type":
        # (A list of strings is a cluster of articles, a good record: summarize_documents.)
        value = draw(st.sampled_from([5, 2.5, None, True, ["a", 5], [None], {"a": "b"}]))
        return _dump({"id": 3, "text": value}), BAD
    if kind == "no_text":
        return _dump({"id": 4, "body": "Văn bản ở trường khác."}), BAD
    if kind == "title_type":
        value = draw(st.sampled_from([5, ["Tựa"], {"a": 1}, False]))
        return _dump({"text": "Câu một. Câu hai.", "title": value}), BAD
    value = draw(st.sampled_from([[1, 2], "chuỗi", 42, True, None, []]))
    return _dump(value), BAD


@st.composite
def jsonl_files(draw: st.DrawFn) -> list[tuple[bytes, str]]:
    lines: list[tuple[bytes, str]] = []
    for _ in range(draw(st.integers(0, 14))):
        choice = draw(st.integers(0, 9))
        if choice < 5:
            lines.append((draw(good_line()), GOOD))
        elif choice < 9:
            lines.append(draw(bad_line()))
        else:
            lines.append((draw(st.sampled_from([b"", b"   ", b"\t", b"\xef\xbb\xbf"])), BLANK))
    return lines


def expected_fates(lines: list[tuple[bytes, str]], terminated: bool) -> tuple[list[str], bool]:
    """The fate of each record (good or bad) and whether the run leaves the last line."""
    fates = []
    for position, (_, label) in enumerate(lines):
        if label == BLANK:
            continue
        last = position == len(lines) - 1
        if label == UNPARSED and last and not terminated:
            return fates, True  # a line still being written
        fates.append(GOOD if label == GOOD else BAD)
    return fates, False


def output_lines(path: Path) -> list[dict[str, object]]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n")

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} written")

    return [json.loads(line, parse_constant=refuse) for line in raw.decode("utf-8").splitlines()]


@pytest.fixture(scope="module", autouse=True)
def _report(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    capture = request.config.pluginmanager.getplugin("capturemanager")
    if lines_seen["examples"] and capture is not None:
        with capture.global_and_fixture_disabled():  # the count of the deep run, on the terminal
            print(
                f"\ntest_fuzz_jsonl: {lines_seen['lines']:,} generated lines in "
                f"{lines_seen['examples']:,} files"
            )


@given(jsonl_files(), st.booleans(), st.integers(0, 10**9))
def test_every_record_gets_exactly_one_line(
    lines: list[tuple[bytes, str]], terminated: bool, cut_seed: int
) -> None:
    data = b"\n".join(line for line, _ in lines) + (b"\n" if terminated and lines else b"")
    fates, incomplete = expected_fates(lines, terminated or not lines)
    lines_seen["lines"] += len(lines)
    lines_seen["examples"] += 1
    with tempfile.TemporaryDirectory() as folder:
        source, whole, pieces = Path(folder, "in.jsonl"), Path(folder, "a"), Path(folder, "b")
        source.write_bytes(data)
        stats = summarize_jsonl(str(source), str(whole), **OPTIONS)
        written = output_lines(whole)
        assert [line["record"] for line in written] == list(range(len(fates)))
        assert ["error" not in line for line in written] == [f == GOOD for f in fates]
        for line in written:
            assert ("error" in line) != ("summary" in line)
        good_ids = [json.loads(raw.decode("utf-8").lstrip("\ufeff")).get("id", "-")
                    for raw, label in lines if label == GOOD]  # fmt: skip
        written_ids = [line.get("id", "-") for line in written if "error" not in line]
        assert written_ids == good_ids[: len(written_ids)]
        assert (stats.records, stats.summarized, stats.failed) == (
            len(fates), fates.count(GOOD), fates.count(BAD)
        )
        assert stats.incomplete == incomplete
        # The same bytes arriving in two pieces: a run on the first, a resume on the whole.
        cut = cut_seed % (len(data) + 1)
        source.write_bytes(data[:cut])
        summarize_jsonl(str(source), str(pieces), **OPTIONS)
        source.write_bytes(data)
        summarize_jsonl(str(source), str(pieces), resume=True, **OPTIONS)
        assert output_lines(pieces) == written
