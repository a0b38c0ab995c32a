"""Time and peak memory of ``summarize()`` on pathological inputs (docs/reliability.md).

    python benchmarks/pathological.py                 # the table (a few minutes)
    python benchmarks/pathological.py --huge          # plus the 50 MB input, limit raised
    python benchmarks/pathological.py --only tiny     # cases whose name contains "tiny"

Each case runs in a fresh process: the models are loaded and warmed up on a short text first,
so the time is the summarize() call alone, and "peak MB" is that process's maximum resident set
size (models included; "base MB" is the same after the warm-up, before the case). Inputs are
generated here; no dataset text.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable

WORDS = "ngày mai chúng ta sẽ bàn tiếp về kế hoạch xây dựng cầu mới cho bà con trong xã"
SENTENCE = "Sáng nay, Ủy ban nhân dân huyện tổ chức hội nghị tổng kết công tác năm."


def _syllables(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    onsets = "_ b c ch d đ g h kh l m n ng nh ph s t th tr v x".split()
    vowels = "a ă â e ê i o ô ơ u ư ia ươ uô oa".split()
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    codas = "_ c m n ng nh p t i o u".split()
    found: dict[str, None] = {}
    while len(found) < count:
        vowel = rng.choice(vowels)
        raw = rng.choice(onsets) + vowel[0] + rng.choice(tones) + vowel[1:] + rng.choice(codas)
        found[unicodedata.normalize("NFC", raw.replace("_", ""))] = None
    return list(found)


def tiny_sentences(n: int = 50_000) -> str:
    rng = random.Random(n)
    vocabulary = _syllables(2_000, seed=1)
    return " ".join(
        f"{rng.choice(vocabulary).capitalize()} {rng.choice(vocabulary)}." for _ in range(n)
    )


def prose(chars: int, seed: int = 0) -> str:
    """News-like paragraphs: 8-30 syllables a sentence, Zipf-distributed over 3,000 syllables."""
    rng = random.Random(seed)
    vocabulary = _syllables(3_000, seed=2)
    weights = [1.0 / rank for rank in range(1, len(vocabulary) + 1)]
    paragraphs, size = [], 0
    while size < chars:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            words = rng.choices(vocabulary, weights, k=rng.randint(8, 30))
            sentences.append(" ".join(words).capitalize() + rng.choice(".....?!"))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(paragraphs)[:chars]


def html_page(chars: int) -> str:
    body = "".join(f"<p>{line}</p>\n<script>var x = '{line[:20]}';</script>" for line in
                   prose(chars, seed=3).split("\n"))  # fmt: skip
    return f"<!DOCTYPE html><html><head><title>Trang thử</title></head><body>{body}</body></html>"


CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "500kb_sentence": (
        "one 500 KB sentence (words and commas, one full stop)",
        lambda: ((WORDS + ", ") * 7000)[:499_999] + ".",
    ),
    "1mb_no_full_stop": (
        "1 MB of words without a full stop",
        lambda: ((WORDS + " ") * 13_000)[:1_000_000],
    ),
    "500kb_dotted_token": ("500 KB 'a.a.a…' without a space", lambda: "a." * 250_000),
    "500kb_unclosed_html": (
        "500 KB of '<a<a<a…' (html=True)",
        lambda: "<html>" + "<a" * 250_000,
    ),
    "tiny_50k": ("50,000 two-syllable sentences, one line", tiny_sentences),
    "tiny_50k_shared_word": (
        "50,000 sentences 'Câu 1.' … sharing one word (dense graph)",
        lambda: " ".join(f"Câu {i}." for i in range(50_000)),
    ),
    "same_sentence_5000": ("the same sentence 5,000 times", lambda: " ".join([SENTENCE] * 5000)),
    "prose_1mb": ("1 MB of news-like prose", lambda: prose(1_000_000)),
    "prose_10mb": ("10 MB of news-like prose (the default max_chars)", lambda: prose(10_000_000)),
    "html_5mb": ("5 MB HTML page with scripts", lambda: html_page(5_000_000)),
}
HUGE = {"prose_50mb": ("50 MB of news-like prose (max_chars=None)", lambda: prose(50_000_000))}
TOKENIZERS = ("word", "syllable")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def child(name: str, tokenizer: str) -> None:
    """Run one case in this (fresh) process and print its figures as JSON."""
    from summarize import Summarizer

    html = "html" in name
    summarizer = Summarizer(tokenizer=tokenizer, max_chars=None, html=html)
    summarizer.summarize("Hôm nay trời đẹp. Chúng tôi đi dạo trong công viên.")
    text = {**CASES, **HUGE}[name][1]()
    base = _peak_mb()
    start = time.perf_counter()
    summary = summarizer.summarize(text)
    seconds = time.perf_counter() - start
    figures = {
        "case": name,
        "tokenizer": tokenizer,
        "chars": len(text),
        "sentences": len(summary.all_sentences),
        "seconds": round(seconds, 2),
        "base_mb": round(base),
        "peak_mb": round(_peak_mb()),
    }
    print(json.dumps(figures))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--huge", action="store_true", help="also the 50 MB input")
    parser.add_argument("--only", default="", help="cases whose name contains this")
    parser.add_argument("--tokenizer", choices=TOKENIZERS, help="one tokenizer only")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per case")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "TOKENIZER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    cases = {**CASES, **(HUGE if args.huge else {})}
    print("| case | input | chars | tokenizer | sentences | seconds | base MB | peak MB |")
    print("|---|---|---:|---|---:|---:|---:|---:|")
    for name, (description, _) in cases.items():
        if args.only not in name:
            continue
        for tokenizer in [args.tokenizer] if args.tokenizer else TOKENIZERS:
            command = [sys.executable, __file__, "--child", name, tokenizer]
            try:
                done = subprocess.run(
                    command, capture_output=True, text=True, timeout=args.timeout, check=False
                )
            except subprocess.TimeoutExpired:
                print(f"| {name} | {description} | | {tokenizer} | | > {args.timeout:.0f} | | |")
                continue
            if done.returncode != 0:
                reason = (done.stderr.strip().splitlines() or ["?"])[-1]
                print(f"| {name} | {description} | | {tokenizer} | failed: {reason} | | | |")
                continue
            row = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"| {name} | {description} | {row['chars']:,} | {tokenizer} | "
                f"{row['sentences']:,} | {row['seconds']} | {row['base_mb']} | {row['peak_mb']} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
