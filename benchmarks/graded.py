"""The graded summary-worthiness sets: documents, their sentence lists and two gradings.

``benchmarks/summary/documents.jsonl`` names each document (``id``, ``source``, ``split``):
``vietnews-val`` and ``vietnews-train`` articles are read from the shared data (their body lines
are the sentences, their headline is given apart), ``example`` texts from ``examples/`` (split
by the library's splitter; the title line is a sentence, graded 0 as furniture). The grades
(``grades_<split>_first.jsonl``, ``grades_<split>_second.jsonl``) follow
``../shared/summary/GUIDELINE.md``: 0/1/2 per sentence, plus the sentences that cannot stand
alone (``dangling``). Every system receives the same sentence list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import corpus

HERE = Path(__file__).resolve().parent
SETS = HERE / "summary"
EXAMPLES = HERE.parent / "examples"
SPLITS = ("dev", "heldout", "extra", "fresh")
PASSES = ("first", "second")


@dataclass(frozen=True)
class GradedDocument:
    id: str
    source: str
    title: str | None
    sentences: tuple[str, ...]
    grades: tuple[tuple[int, ...], ...]  # one tuple per grading pass
    dangling: tuple[frozenset[int], ...]

    @property
    def relevance(self) -> list[float]:
        """The mean grade of each sentence over the passes."""
        passes = len(self.grades)
        return [sum(g[i] for g in self.grades) / passes for i in range(len(self.sentences))]


def _jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load(split: str, data: Path) -> list[GradedDocument]:
    """The graded documents of ``split`` (``dev``, ``heldout``, ``extra`` or ``fresh``) with
    the passes each has (``extra`` is graded once, with a second pass on a sample for
    agreement; ``fresh`` is a second held-out set)."""
    if split not in SPLITS:
        raise ValueError(f"`split` = {split!r} is invalid; must be one of {SPLITS}")
    docs = [d for d in _jsonl(SETS / "documents.jsonl") if d["split"] == split]
    passes = [
        {r["id"]: r for r in _jsonl(SETS / f"grades_{split}_{name}.jsonl")}
        for name in PASSES
        if (SETS / f"grades_{split}_{name}.jsonl").exists()
    ]
    wanted = {d["id"] for d in docs if d["source"].startswith("vietnews")}
    articles = {}
    for name in ("val.jsonl", "train_reports.jsonl"):
        with (data / "vietnews" / name).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["id"] in wanted:
                    articles.setdefault((name, record["id"]), record)
    splitter = corpus.library_sentence_spans()
    out = []
    for doc in docs:
        if doc["source"] == "example":
            text = (EXAMPLES / doc["id"]).read_text(encoding="utf-8")
            title = None
            sentences = corpus.raw_sentences(text, splitter)
        else:
            name = "val.jsonl" if doc["source"] == "vietnews-val" else "train_reports.jsonl"
            record = articles[(name, doc["id"])]
            title = record.get("title") or None
            sentences = corpus.line_sentences(record["text"])
        graded = [p[doc["id"]] for p in passes if doc["id"] in p]
        if not graded:
            continue
        for g in graded:
            if len(g["grades"]) != len(sentences):
                raise ValueError(
                    f"{doc['id']}: {len(g['grades'])} grades for {len(sentences)} sentences"
                )
        out.append(
            GradedDocument(
                doc["id"],
                doc["source"],
                title,
                sentences,
                tuple(tuple(g["grades"]) for g in graded),
                tuple(frozenset(g.get("dangling", ())) for g in graded),
            )
        )
    return out
