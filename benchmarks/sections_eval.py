"""Section labelling benchmark: results / limitations / next_tasks, sentence level.

    python benchmarks/sections_eval.py [--split heldout|dev|a|b|broad|extra|all] [--data DIR]
    python benchmarks/sections_eval.py --agreement
    python benchmarks/sections_eval.py --nonreport 50

The labelled set lives in ``benchmarks/sections/`` (labels only; the text is read from the shared
data), one file per annotator or group of annotators:

* ``a``: annotator A (``labels_a.jsonl``, ``labels_raw_a.jsonl``), on which every cue weight and
  constant of the labeller was tuned;
* ``b``: annotator B, the first held-out half, scored seven times while the rules were built;
* ``broad``: 107 more articles by annotators C-K, chosen by report words alone;
* ``dev`` = a + b + broad: what ``sections_train.py`` trains the word model on;
* ``heldout`` (the default): 27 report-style documents by annotators L-O, labelled after the
  development data was frozen; nothing was tuned or trained on it;
* ``extra``: 86 more documents by annotators R-W, labelled after the held-out score (picked by
  report words in the body, so mixed in genre); the shipped model was not trained on them.

``--agreement`` scores the second annotations (``labels_b_second.jsonl``: B's VietNews articles
again, by G; ``labels_fresh_second.jsonl``: the held-out documents again, by P and Q) against
the first, beside the labeller.

Sentences: a VietNews body is one sentence per line; the library's own line-mode segmentation and
noise detection run on it, as :func:`summarize.summarize` would (so a caption line gets no label,
and a sub-heading gets ``noise="heading"``). ViMs and AbMuSu documents are raw text; their
sentences are the annotator's gold offsets (for the held-out documents: the library's own
sentence split, which the annotators labelled), given to the labeller with ``noise=None``.

Scores: per class (results, limitations, next_tasks) precision / recall / F1 with ``other`` as
the negative class, and their macro average; the keyword baseline (the guideline's cue words,
the first one found in the sentence wins, no context) is measured in the same run.

``--nonreport N`` instead runs the full ``summarize()`` on the first N VietNews articles that
contain none of ``REPORT_WORDS`` (crime, court, sports, ...) and counts the sentences that get a
label and those that land in the summary's sections (``--show`` lists them).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from summarize import sections, summarize
from summarize.noise import detect_noise
from summarize.segment import segment

HERE = Path(__file__).resolve().parent
LABEL_DIR = HERE / "sections"
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"
CLASSES = sections.LABELS
SPLITS: dict[str, tuple[str, ...]] = {
    # Annotator A: the cue weights and constants were tuned on it.
    "a": ("labels_a.jsonl", "labels_raw_a.jsonl"),
    # Annotator B: the first held-out half, scored seven times while the rules were developed;
    # development data since the word model (it is trained on it).
    "b": ("labels_b.jsonl", "labels_raw_b.jsonl"),
    # 107 more articles by eight more annotators (C-K), chosen by report words alone, so it
    # also holds interviews, analyses and foreign news.
    "broad": tuple(f"labels_{annotator}.jsonl" for annotator in "cdefhijk"),
    # Annotators L-O: 27 report-style documents labelled after the development data was
    # frozen, from VietNews, AbMuSu and ViMs; nothing was tuned or trained on it.
    "heldout": ("labels_fresh.jsonl", "labels_raw_fresh.jsonl"),
    # Annotators R-W: 86 more documents labelled after the held-out score, picked by report
    # words in the body (VietNews, AbMuSu, ViMs), for training.
    "extra": ("labels_extra.jsonl", "labels_raw_extra.jsonl"),
    # Report articles of the VietNews *training* split (train_reports.jsonl), labelled for the
    # second round by annotators T1-T8, one file each (labels_train_1.jsonl, ...).
    "train": tuple(
        path.name
        for path in sorted(LABEL_DIR.glob("labels_train_*.jsonl"), key=lambda p: p.stem)
        if path.stem.removeprefix("labels_train_").isdigit()
    ),
}
SPLITS["dev"] = SPLITS["a"] + SPLITS["b"] + SPLITS["broad"]
# Everything but the held-out set: what the word model is trained on.
SPLITS["labelled"] = SPLITS["dev"] + SPLITS["extra"] + SPLITS["train"]
SPLITS["all"] = SPLITS["labelled"] + SPLITS["heldout"]
TRAIN_SOURCE = "vietnews-train"
REPORT_WORDS = ("hội nghị", "báo cáo", "hạn chế", "nhiệm vụ", "kết quả", "thời gian tới")

# The keyword baseline: the guideline's cue words, nothing else.
BASELINE_CUES = {
    "results": ("đạt được", "kết quả", "hoàn thành", "đã", "tăng", "thành tựu",
                "chuyển biến tích cực"),
    "limitations": ("hạn chế", "khuyết điểm", "tồn tại", "yếu kém", "khó khăn", "vướng mắc",
                    "bất cập", "chưa", "còn chậm", "tuy nhiên", "thách thức", "vi phạm",
                    "sai phạm"),
    "next_tasks": ("thời gian tới", "năm tới", "nhiệm kỳ tới", "cần", "phải", "đề nghị",
                   "yêu cầu", "chỉ đạo", "kiến nghị", "phương hướng", "sẽ", "tập trung"),
}  # fmt: skip


@dataclass(frozen=True)
class Document:
    id: str
    sentences: tuple[str, ...]
    noise: tuple[str | None, ...]
    gold: tuple[str | None, ...]  # None: other


Labeller = Callable[[Document], list[str | None]]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _records(path: Path) -> list[dict[str, Any]]:
    """A label file's records; a file still being appended to (the ``train`` split) may lack
    its last line's end, or be absent, and the last record of an id wins."""
    if not path.exists():
        return []
    out: dict[tuple[str, str], dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                if line.endswith("\n"):
                    raise
                continue  # a line being written
            out[(record["source"], record["id"])] = record
    return list(out.values())


def key(source: str, ident: str) -> str:
    """A document's key: VietNews validation ids as they are, training-split ids prefixed (the
    two splits reuse ids), raw documents by their ``part/line/doc`` path."""
    return f"train:{ident}" if source == TRAIN_SOURCE else ident


def _gold(label: str) -> str | None:
    return None if label == "other" else label


def _line_noise(text: str) -> list[str | None]:
    """Noise reason of every line of ``text.split("\\n")``, by the library's line mode."""
    lines = text.split("\n")
    seg = segment(text, split="lines")
    noise = detect_noise(text, seg)
    reasons: list[str | None] = ["empty"] * len(lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for span, reason in zip(noise.sentences, noise.reasons, strict=True):
        reasons[max(i for i, s in enumerate(starts) if s <= span.start)] = reason
    return reasons


def load(split: str, data: Path) -> list[Document]:
    return documents([r for name in SPLITS[split] for r in _records(LABEL_DIR / name)], data)


def documents(records: Sequence[dict[str, Any]], data: Path) -> list[Document]:
    """The labelled documents of ``records`` (label file lines), text read from ``data``."""
    texts: dict[str, str] = {}
    for source, name in (("vietnews", "val.jsonl"), (TRAIN_SOURCE, "train_reports.jsonl")):
        wanted = {r["id"] for r in records if r["source"] == source}
        if wanted:
            texts.update(
                (key(source, r["id"]), _nfc(r["text"]))
                for r in _jsonl(data / "vietnews" / name)
                if r["id"] in wanted
            )
    vims: dict[str, str] = {}
    if any(r["source"] == "vims" for r in records):
        for cluster in _jsonl(data / "vims-draft" / "vims_draft_clusters.jsonl"):
            for doc in cluster["docs"]:
                vims[f"{cluster['id']}/{doc['id']}"] = doc["text"]
    abmusu: dict[str, list[dict[str, Any]]] = {}
    for part in sorted({r["id"].split("/")[0] for r in records if r["source"] == "abmusu"}):
        abmusu[part] = list(_jsonl(data / "abmusu" / f"{part}.jsonl"))
    out = []
    for record in records:
        if record["source"] in ("vietnews", TRAIN_SOURCE):
            ident = key(record["source"], record["id"])
            text = texts[ident]
            lines = text.split("\n")
            if len(lines) != len(record["labels"]):
                count = len(record["labels"])
                raise ValueError(f"{ident}: {count} labels for {len(lines)} lines")
            out.append(
                Document(ident, tuple(lines), tuple(_line_noise(text)),
                         tuple(_gold(x) for x in record["labels"]))
            )  # fmt: skip
            continue
        if record["source"] == "vims":
            raw = vims[record["id"]]
        else:
            part, line, doc = record["id"].split("/")
            raw = abmusu[part][int(line)]["single_documents"][int(doc)]["raw_text"]
        spans = record["sentences"]
        out.append(
            Document(record["id"], tuple(_nfc(raw[s["start"] : s["end"]]) for s in spans),
                     (None,) * len(spans), tuple(_gold(s["label"]) for s in spans))
        )  # fmt: skip
    return out


@cache
def _baseline_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"(?<!\w){re.escape(cue)}(?!\w)"), label)
        for label, words in BASELINE_CUES.items()
        for cue in words
    )


def keyword_baseline(doc: Document) -> list[str | None]:
    """The first guideline cue word in the sentence decides; no context, no noise handling."""
    labels: list[str | None] = []
    for sentence in doc.sentences:
        text = " ".join(sentence.casefold().split())
        hits = [
            (m.start(), -len(m.group()), label)
            for pattern, label in _baseline_patterns()
            if (m := pattern.search(text))
        ]
        labels.append(min(hits)[2] if hits else None)
    return labels


def ours(doc: Document) -> list[str | None]:
    return [lab.section for lab in sections.label(doc.sentences, doc.noise)]


def scores(docs: Sequence[Document], labeller: Labeller) -> dict[str, tuple[float, float, float]]:
    """Per-class (precision, recall, F1) and ``macro`` (mean P, mean R, mean F1)."""
    tp = dict.fromkeys(CLASSES, 0)
    fp = dict.fromkeys(CLASSES, 0)
    fn = dict.fromkeys(CLASSES, 0)
    for doc in docs:
        for gold, pred in zip(doc.gold, labeller(doc), strict=True):
            if pred is not None and pred == gold:
                tp[pred] += 1
            else:
                if pred is not None:
                    fp[pred] += 1
                if gold is not None:
                    fn[gold] += 1
    table = {}
    for c in CLASSES:
        p = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 0.0
        r = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 0.0
        table[c] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    p, r, f = (sum(table[c][k] for c in CLASSES) / len(CLASSES) for k in range(3))
    table["macro"] = (p, r, f)
    return table


def print_table(split: str, docs: Sequence[Document]) -> float:
    """Print both systems' scores on ``docs``; return our macro-F1."""
    n = sum(len(d.sentences) for d in docs)
    print(f"split={split}: {len(docs)} documents, {n} sentences")
    systems: dict[str, Labeller] = {"keyword": keyword_baseline, "summarize": ours}
    results = {name: scores(docs, fn) for name, fn in systems.items()}
    print(f"{'class':<12} " + " ".join(f"{name + ' P / R / F1':>24}" for name in systems))
    for c in (*CLASSES, "macro"):
        row = " ".join("{:>7.3f} {:>7.3f} {:>7.3f}".format(*results[s][c]) for s in systems)
        print(f"{c:<12} {row}")
    for source, part in (
        ("vietnews", [d for d in docs if "/" not in d.id]),
        ("raw", [d for d in docs if "/" in d.id]),
    ):
        if part:
            macro = {name: scores(part, fn)["macro"][2] for name, fn in systems.items()}
            line = "  ".join(f"{name} {value:.3f}" for name, value in macro.items())
            print(f"  macro-F1 on {source} ({len(part)} documents): {line}")
    return results["summarize"]["macro"][2]


def nonreport(data: Path, count: int, *, show: bool = False) -> tuple[int, int, int, int]:
    """Run ``summarize()`` on the first ``count`` VietNews articles with none of the report
    words; return (articles, sentences, sentences labelled, sentences in summary sections)."""
    articles = sentences_total = in_sections = labelled_total = 0
    label_time = total_time = 0.0
    for record in _jsonl(data / "vietnews" / "val.jsonl"):
        text = _nfc(record["text"])
        if any(word in text.casefold() for word in REPORT_WORDS):
            continue
        start = time.perf_counter()
        summary = summarize(text)
        total_time += time.perf_counter() - start
        start = time.perf_counter()
        sections.label([s.text for s in summary.all_sentences],
                       [s.noise for s in summary.all_sentences])  # fmt: skip
        label_time += time.perf_counter() - start
        labelled = [s for s in summary.all_sentences if s.section is not None]
        labelled_total += len(labelled)
        articles += 1
        sentences_total += len(summary.all_sentences)
        in_sections += sum(len(group) for _, group in summary.sections.items())
        if show:
            for s in labelled:
                print(f"  {record['id']} {s.section:<11} [{s.section_reason}] {s.text[:80]}")
        if articles == count:
            break
    print(
        f"non-report articles: {articles}; sentences: {sentences_total}; "
        f"labelled: {labelled_total}; in summary sections: {in_sections}"
    )
    print(f"labelling took {label_time:.3f}s of {total_time:.1f}s of summarize()")
    return articles, sentences_total, labelled_total, in_sections


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="heldout")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--nonreport", type=int, metavar="N", help="count labels on N non-reports")
    parser.add_argument("--show", action="store_true", help="with --nonreport: list the labels")
    parser.add_argument(
        "--agreement", action="store_true", help="score B's second annotation against B"
    )
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"sections_eval: no data directory {args.data}", file=sys.stderr)
        return 2
    if args.nonreport:
        nonreport(args.data, args.nonreport, show=args.show)
        return 0
    if args.agreement:
        agreement(args.data)
        return 0
    print_table(args.split, load(args.split, args.data))
    return 0


# Second annotations, for agreement only: (split, file, which documents of the split it covers).
SECOND = (
    ("b", "labels_b_second.jsonl", "B's 25 VietNews articles, annotator G"),
    ("heldout", "labels_fresh_second.jsonl", "all 27 held-out documents, annotators P and Q"),
    ("train", "labels_train_second.jsonl", "training-split reports labelled twice"),
)


def agreement(data: Path) -> dict[str, float]:
    """Macro-F1 of each second annotation against the first (as gold), beside the labeller's
    (not on the held-out set: that is scored once, by ``--split heldout``)."""
    out = {}
    for split, name, what in SECOND:
        second = {key(r["source"], r["id"]): r["labels"] for r in _records(LABEL_DIR / name)}
        docs = [d for d in load(split, data) if d.id in second]
        if not docs:
            print(f"{name}: no documents yet")
            continue
        table = scores(docs, lambda d, second=second: [_gold(x) for x in second[d.id]])
        ours_table = scores(docs, ours) if split != "heldout" else None
        count = sum(len(d.sentences) for d in docs)
        same = sum(
            gold == _gold(x) for d in docs for gold, x in zip(d.gold, second[d.id], strict=True)
        )
        print(f"{name}: {what}; {len(docs)} documents, {count} sentences, "
              f"the same label on {same / count:.1%}")  # fmt: skip
        for c in (*CLASSES, "macro"):
            line = f"  {c:<12} second annotation F1 {table[c][2]:.3f}"
            if ours_table is not None:
                line += f"   summarize F1 {ours_table[c][2]:.3f}"
            print(line)
        out[split] = table["macro"][2]
    return out


if __name__ == "__main__":
    sys.exit(main())
