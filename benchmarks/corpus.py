"""Benchmark data: reading the JSONL formats, deduplicating, and the shared sentence list.

Every system is given exactly the same sentence list for a document, built here once:

* line mode (VietNews only): the non-empty lines of the body, which stores one sentence per line;
* raw mode: the text is split by ONE shared splitter, the library's
  ``summarize.segment.sentence_spans``. A VietNews body first has its lines joined by single
  spaces (so the splitter cannot lean on the line breaks); ViMs and AbMuSu clusters are raw text
  already: their documents' texts joined by blank lines.

Whitespace inside a sentence is collapsed to single spaces, so a sentence never holds a line
break: the library rows receive the sentences joined by ``"\\n"`` with ``split="lines"``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

FORMATS: tuple[str, ...] = ("vietnews", "vims", "abmusu")

SentenceSpans = Callable[[str], list[tuple[int, int]]]


@dataclass(frozen=True)
class Example:
    """One document (or multi-document cluster) and its reference summaries.

    ``one_sentence_per_line`` is true for VietNews bodies, false for raw text.
    """

    id: str
    text: str
    references: tuple[str, ...]
    one_sentence_per_line: bool
    title: str | None = None


def _vietnews(record: dict[str, Any], number: int) -> Example:
    return Example(
        str(record.get("id", number)),
        record["text"],
        (record["summary"],),
        True,
        record.get("title") or None,
    )


def _vims(record: dict[str, Any], number: int) -> Example:
    text = "\n\n".join(doc["text"] for doc in record["docs"])
    references = tuple(s["summary"] for s in record["summaries"])
    return Example(str(record.get("id", number)), text, references, False)


def _abmusu(record: dict[str, Any], number: int) -> Example:
    # raw_text only: anchor_text is the article's sapo, which the task distributes apart.
    text = "\n\n".join(doc["raw_text"] for doc in record["single_documents"])
    return Example(str(number), text, (record["summary"],), False)


_READERS: dict[str, Callable[[dict[str, Any], int], Example]] = {
    "vietnews": _vietnews,
    "vims": _vims,
    "abmusu": _abmusu,
}


def read_examples(path: Path, data_format: str) -> Iterator[Example]:
    """Yield the examples of a JSONL file in ``data_format`` (one of ``FORMATS``), in file order.

    Examples with a blank text are dropped, and so are blank references (an example left with
    none is dropped too). An example without an id gets its 0-based line number.
    """
    if data_format not in _READERS:
        raise ValueError(f"`format` = {data_format!r} is invalid; must be one of {FORMATS}")
    reader = _READERS[data_format]
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if not line.strip():
                continue
            example = reader(json.loads(line), number)
            references = tuple(r for r in example.references if r.strip())
            if example.text.strip() and references:
                yield replace(example, references=references)


def dedupe(examples: Iterable[Example]) -> Iterator[Example]:
    """Yield the examples whose text was not seen before (the first occurrence wins)."""
    seen: set[str] = set()
    for example in examples:
        if example.text not in seen:
            seen.add(example.text)
            yield example


def select(examples: Iterable[Example], offset: int, limit: int | None) -> list[Example]:
    """Return ``limit`` examples (all when ``None``) after skipping the first ``offset``."""
    if offset < 0:
        raise ValueError(f"`offset` = {offset!r} is invalid; must be >= 0")
    if limit is not None and limit < 0:
        raise ValueError(f"`limit` = {limit!r} is invalid; must be >= 0")
    return list(islice(examples, offset, None if limit is None else offset + limit))


def _collapse(sentence: str) -> str:
    return " ".join(sentence.split())


def line_sentences(text: str) -> tuple[str, ...]:
    """Return the non-empty lines of ``text``, whitespace collapsed."""
    return tuple(cleaned for line in text.splitlines() if (cleaned := _collapse(line)))


def raw_sentences(text: str, sentence_spans: SentenceSpans) -> tuple[str, ...]:
    """Return the non-empty sentences of ``text`` at the offsets given by ``sentence_spans``."""
    spans = sentence_spans(text)
    return tuple(cleaned for start, end in spans if (cleaned := _collapse(text[start:end])))


def sentences_for(
    example: Example, *, raw: bool, sentence_spans: SentenceSpans | None
) -> tuple[str, ...]:
    """Return the sentence list that every system receives for ``example``."""
    if not raw:
        if not example.one_sentence_per_line:
            raise ValueError(f"example {example.id!r} is raw text; it needs raw mode")
        return line_sentences(example.text)
    if sentence_spans is None:
        raise ValueError("raw mode needs a sentence splitter")
    text = " ".join(line_sentences(example.text)) if example.one_sentence_per_line else example.text
    return raw_sentences(text, sentence_spans)


def library_sentence_spans() -> SentenceSpans:
    """Return the library's sentence splitter: the one splitter shared by every system."""
    from summarize.segment import sentence_spans

    return sentence_spans
