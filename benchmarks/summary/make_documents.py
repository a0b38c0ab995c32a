"""Pick the documents of the summary-worthiness sets by a fixed rule (run once; kept for record).

dev: the VietNews validation articles labelled for sections (development files, not the
held-out ones), 20 report articles of the training split (every 40th, from the first), the
project's own examples, and (added in a second round, for news) 30 news articles of the
validation split (every 50th deduplicated article from the 8,000th). heldout: 20 other
report articles (every 40th, from the 20th) and 20 news articles of the validation split
(every 50th deduplicated article from the 6,000th). extra (graded once, a third round, to
train the worth model on more than the dev set): report articles of the training split at
positions 10, 30, 50, ... (every 20th from the 10th, none of dev's or held-out's) and news
articles of the validation split (every 50th deduplicated article from the 14,000th, clear of
the ROUGE tables' first 2,000 and of the tuning slice at 10,000), 100 of each. fresh (a
second held-out set, graded twice in the third round after the extra set was in, because the
first had been scored three times): 24 report articles of the training split (every 40th
from the 5th, none the section model learned from) and 24 news articles of the validation
split (every 50th deduplicated article from the 20,000th).
Articles of more than 40 lines are passed over, to keep a grading pass readable.
"""

from __future__ import annotations

import glob
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
MAX_LINES = 40


def lines(text: str) -> list[str]:
    return [" ".join(x.split()) for x in text.splitlines() if x.strip()]


def main() -> None:
    held_sections = {"labels_fresh.jsonl", "labels_fresh_second.jsonl", "labels_raw_fresh.jsonl"}
    labelled: list[str] = []
    section_trained: set[str] = set()  # training-split reports the section model learned from
    for path in sorted(glob.glob(str(HERE.parent / "sections" / "labels_*.jsonl"))):
        if Path(path).name in held_sections:
            continue
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record.get("source") == "vietnews" and record["id"] not in labelled:
                    labelled.append(record["id"])
                elif record.get("source") == "vietnews-train":
                    section_trained.add(record["id"])
    val = {}
    order = []
    seen = set()
    with open(DATA / "vietnews" / "val.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["text"] in seen:
                continue
            seen.add(record["text"])
            order.append(record["id"])
            val[record["id"]] = record
    with open(DATA / "vietnews" / "train_reports.jsonl", encoding="utf-8") as handle:
        train = [json.loads(x) for x in handle]
    docs = []
    dev_val = [i for i in labelled if len(lines(val[i]["text"])) <= MAX_LINES][:40]
    docs += [{"id": i, "source": "vietnews-val", "split": "dev"} for i in dev_val]
    dev_train = [r for r in train[0::40] if len(lines(r["text"])) <= MAX_LINES][:20]
    docs += [{"id": r["id"], "source": "vietnews-train", "split": "dev"} for r in dev_train]
    for name in sorted(Path(HERE.parent.parent / "examples").glob("*.txt")):
        docs.append({"id": name.name, "source": "example", "split": "dev"})
    news_dev = [
        i
        for i in order[8000::50]
        if i not in set(labelled) and len(lines(val[i]["text"])) <= MAX_LINES
    ][:30]
    held_train = [r for r in train[20::40] if len(lines(r["text"])) <= MAX_LINES][:20]
    docs += [{"id": r["id"], "source": "vietnews-train", "split": "heldout"} for r in held_train]
    used = set(labelled)
    news = [i for i in order[6000::50] if i not in used and len(lines(val[i]["text"])) <= MAX_LINES]
    docs += [{"id": i, "source": "vietnews-val", "split": "heldout"} for i in news[:20]]
    # The second round's news is appended, so the first round's documents keep their order.
    docs += [{"id": i, "source": "vietnews-val", "split": "dev"} for i in news_dev]
    # The third round (extra) is appended after both, for the same reason.
    extra_train = [r for r in train[10::20] if len(lines(r["text"])) <= MAX_LINES][:100]
    docs += [{"id": r["id"], "source": "vietnews-train", "split": "extra"} for r in extra_train]
    # An id is unique in the whole list (the two files number their articles apart).
    taken = set(labelled) | {d["id"] for d in docs}
    extra_news = [
        i for i in order[14000::50] if i not in taken and len(lines(val[i]["text"])) <= MAX_LINES
    ][:100]
    docs += [{"id": i, "source": "vietnews-val", "split": "extra"} for i in extra_news]
    taken = set(labelled) | {d["id"] for d in docs} | section_trained
    fresh_train = [
        r for r in train[5::40] if r["id"] not in taken and len(lines(r["text"])) <= MAX_LINES
    ][:24]
    docs += [{"id": r["id"], "source": "vietnews-train", "split": "fresh"} for r in fresh_train]
    taken |= {r["id"] for r in fresh_train}
    fresh_news = [
        i for i in order[20000::50] if i not in taken and len(lines(val[i]["text"])) <= MAX_LINES
    ][:24]
    docs += [{"id": i, "source": "vietnews-val", "split": "fresh"} for i in fresh_news]
    with open(HERE / "documents.jsonl", "w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc) + "\n")
    print(len(docs), "documents")


if __name__ == "__main__":
    main()
