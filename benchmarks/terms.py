"""Which terms should the default ranking use? The candidates of issue 17, side by side.

    python benchmarks/terms.py --offset 10000 --limit 2000          # the quality table
    python benchmarks/terms.py --speed 300                         # term extraction, ms/article
    python benchmarks/terms.py --crf 300                           # where word_tokenize's time goes

Every candidate replaces only the terms (and, for corpus IDF, their weights) of the full
pipeline (``Summarizer(split="lines")``, reader's view and all): the same sentences, the same
ranking, selection and budget (k = 3). Quality is ROUGE-2 F1 ×100 (syllables, ``rouge.py``) on
the VietNews validation split, with the title (``lines``), without it (``notitle``:
``title_weight=0``) and on raw text re-split by the library (``raw``), each as a mean and as a
paired difference from the word mode with its 95% interval (normal approximation over
articles). Choose on tuning slices (10,000-11,999; 4,000-5,999), never on the reported 0-1,999.

The candidates: underthesea's CRF words (``word``); syllable unigrams + bigrams (``syllable``,
the default); the same with sublinear term frequency; bigrams only inside punctuation-free
phrases; added skip-bigrams; the document IDF multiplied by the square root of a corpus IDF
(article frequencies over the deduplicated validation articles from 12,000 on, neither reported
nor tuned on); longest-match words from underthesea's own lexicon (the 72,547 entries its CRF
reads as ``is_in_dict``), alone and with syllable bigrams.
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import corpus
import numpy as np
from rouge import ngram_counts, ngram_f1, tokenize_syllables

import summarize.summarizer as pipeline
import summarize.tokenize as tokenize
from summarize import Summarizer
from summarize.vectorize import Rows, tfidf_rows

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "vietnews" / "val.jsonl"
# Longest lexicon entry tried by the longest-match segmenter, in syllables: 98% of the
# lexicon's multi-syllable entries are 2-4 syllables long.
LONGEST_WORD = 4
_PHRASE = re.compile(r"[^\W_]+(?:\s+[^\W_]+)*")  # a run of syllables without punctuation
Terms = Callable[[str], list[str]]
Weigh = Callable[[Sequence[list[str]]], Rows]


@cache
def lexicon() -> frozenset[str]:
    """underthesea's word list, read from its CRF model's directory as underthesea reads it
    (its own file, in joblib's format: this benchmark only, never the package)."""
    import joblib  # type: ignore[import-untyped]
    import underthesea.pipeline.word_tokenize as word_tokenize  # type: ignore[import-untyped]

    folder = Path(word_tokenize.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"
    return frozenset(joblib.load(folder / "dictionary.bin"))


def longest_match(sentence: str) -> list[str]:
    """Words by greedy longest match against :func:`lexicon`, never across punctuation."""
    words = lexicon()
    out: list[str] = []
    for phrase in _PHRASE.findall(sentence.lower()):
        syllables = phrase.split()
        i, n = 0, len(syllables)
        while i < n:
            for size in range(min(LONGEST_WORD, n - i), 1, -1):
                word = " ".join(syllables[i : i + size])
                if word in words:
                    out.append(word)
                    i += size
                    break
            else:
                out.append(syllables[i])
                i += 1
    return out


def dictionary_terms(sentence: str) -> list[str]:
    stop = tokenize.stopwords()
    return [w for w in longest_match(sentence) if w not in stop]


def dictionary_and_bigrams(sentence: str) -> list[str]:
    bigrams = [t for t in tokenize.syllable_terms(sentence) if " " in t]
    return dictionary_terms(sentence) + bigrams


def phrase_terms(sentence: str) -> list[str]:
    """Syllable unigrams and bigrams, no bigram across punctuation."""
    stop = tokenize.stopwords()
    terms: list[str] = []
    for phrase in _PHRASE.findall(sentence.lower()):
        syllables = phrase.split()
        terms += [s for s in syllables if s not in stop]
        terms += [
            f"{a} {b}" for a, b in itertools.pairwise(syllables) if a not in stop or b not in stop
        ]
    return terms


def skip_terms(sentence: str) -> list[str]:
    stop = tokenize.stopwords()
    syllables = tokenize._SYLLABLE.findall(sentence.lower())
    skips = [
        f"{a} _ {c}"
        for a, c in zip(syllables, syllables[2:], strict=False)
        if a not in stop and c not in stop
    ]
    return tokenize.syllable_terms(sentence) + skips


def sublinear(terms: Sequence[list[str]]) -> Rows:
    return tfidf_rows(terms, sublinear_tf=True)


def corpus_idf_weigh(data: Path, offset: int) -> Weigh:
    """Document-IDF rows re-weighted by √(corpus IDF) and L2-normalised again."""
    examples = corpus.select(corpus.dedupe(corpus.read_examples(data, "vietnews")), offset, None)
    frequency: Counter[str] = Counter()
    for example in examples:
        frequency.update(
            {t for line in example.text.split("\n") for t in tokenize.syllable_terms(line)}
        )
    total = len(examples)

    def weigh(terms: Sequence[list[str]]) -> Rows:
        rows = tfidf_rows(terms)
        if not rows.n_columns:
            return rows
        columns = list(dict.fromkeys(itertools.chain.from_iterable(terms)))
        idf = np.array([math.log((1 + total) / (1 + frequency[t])) + 1 for t in columns])
        entry_rows = np.repeat(np.arange(rows.n_rows), np.diff(rows.indptr))
        data = rows.data * np.sqrt(idf[rows.indices])
        norms = np.sqrt(np.bincount(entry_rows, weights=data * data, minlength=rows.n_rows))
        norms[norms == 0.0] = 1.0
        return rows._replace(data=data / norms[entry_rows])

    return weigh


def candidates(data: Path) -> dict[str, tuple[Terms, Weigh]]:
    plain: Weigh = tfidf_rows
    return {
        "word (underthesea CRF)": (tokenize.word_terms, plain),
        "syllable (the default)": (tokenize.syllable_terms, plain),
        "syllable, sublinear tf": (tokenize.syllable_terms, sublinear),
        "syllable, bigrams inside phrases, sublinear tf": (phrase_terms, sublinear),
        "syllable + skip-bigrams": (skip_terms, plain),
        "syllable, × √(corpus IDF)": (tokenize.syllable_terms, corpus_idf_weigh(data, 12_000)),
        "longest-match lexicon words": (dictionary_terms, plain),
        "lexicon words + syllable bigrams": (dictionary_and_bigrams, plain),
    }


def quality(args: argparse.Namespace) -> None:
    examples = corpus.select(
        corpus.dedupe(corpus.read_examples(args.data, "vietnews")), args.offset, args.limit
    )
    spans = corpus.library_sentence_spans()
    documents = {
        "lines": [corpus.sentences_for(e, raw=False, sentence_spans=None) for e in examples],
        "raw": [corpus.sentences_for(e, raw=True, sentence_spans=spans) for e in examples],
    }
    references = [ngram_counts(tokenize_syllables(e.references[0]), 2) for e in examples]
    settings = ("lines", "notitle", "raw")
    word_cache: dict[str, list[str]] = {}
    word_terms = tokenize.word_terms

    def cached_words(sentence: str) -> list[str]:  # word mode is run once per setting
        if sentence not in word_cache:
            word_cache[sentence] = word_terms(sentence)
        return word_cache[sentence]

    def scores(terms: Terms, weigh: Weigh, setting: str) -> np.ndarray[Any, Any]:
        # Every candidate goes through the word tokenizer's hook: terms as strings.
        tokenize.word_terms = cached_words if terms is word_terms else terms  # type: ignore[assignment]
        pipeline.tfidf_rows = weigh  # type: ignore[assignment]
        options: dict[str, Any] = {"split": "lines", "tokenizer": "word"}
        if setting == "notitle":
            options["title_weight"] = 0.0
        summarizer = Summarizer(**options)
        out = []
        for example, sentences, reference in zip(
            examples, documents["raw" if setting == "raw" else "lines"], references, strict=True
        ):
            summary = summarizer.summarize("\n".join(sentences), sentences=3, title=example.title)
            chosen = "\n".join(sentences[s.index] for s in summary.sentences)
            out.append(100 * ngram_f1(ngram_counts(tokenize_syllables(chosen), 2), reference))
        return np.array(out)

    print(f"{len(examples)} articles from #{args.offset}; R-2, paired difference from word ±95%\n")
    print("| candidate | " + " | ".join(settings) + " |")
    print("|---|" + "---:|" * len(settings))
    base: dict[str, np.ndarray[Any, Any]] = {}
    for name, (terms, weigh) in candidates(args.data).items():
        cells = []
        for setting in settings:
            result = scores(terms, weigh, setting)
            base.setdefault(setting, result)
            diff = result - base[setting]
            half = 1.96 * diff.std() / math.sqrt(len(diff))
            cells.append(f"{result.mean():.2f} ({diff.mean():+.2f} ± {half:.2f})")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


def speed(args: argparse.Namespace) -> None:
    examples = corpus.select(
        corpus.dedupe(corpus.read_examples(args.data, "vietnews")), 0, args.speed
    )
    sentences = [corpus.line_sentences(e.text) for e in examples]
    functions = {name: terms for name, (terms, _) in candidates(args.data).items()}
    for terms in functions.values():
        terms(sentences[0][0])  # load models and word lists outside the timing
    totals = dict.fromkeys(functions, 0.0)
    for document in sentences:  # interleaved: a change in machine load hits every candidate
        for name, terms in functions.items():
            start = time.perf_counter()
            for sentence in document:
                terms(sentence)
            totals[name] += time.perf_counter() - start
    print(f"{len(examples)} articles: term extraction alone, ms per article\n")
    print("| candidate | ms/article | × syllable |")
    print("|---|---:|---:|")
    unit = totals["syllable (the default)"]
    for name, seconds in totals.items():
        print(f"| {name} | {1000 * seconds / len(examples):.2f} | {seconds / unit:.1f} |")


def crf(args: argparse.Namespace) -> None:
    """underthesea's word_tokenize in its three parts: its regex tokenizer (Python), the CRF
    features (underthesea_core, Rust: ~43 feature strings per syllable) and the tagger."""
    from underthesea import word_tokenize
    from underthesea.pipeline import word_tokenize as module  # type: ignore[import-untyped]
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize as regex_tokenize

    examples = corpus.select(
        corpus.dedupe(corpus.read_examples(args.data, "vietnews")), 0, args.crf
    )
    lines = [s for e in examples for s in corpus.line_sentences(e.text)]
    word_tokenize(lines[0])
    model = module.word_tokenize_model
    parts = {"regex tokenizer": 0.0, "features": 0.0, "tagger": 0.0}
    for line in lines:
        start = time.perf_counter()
        tokens = regex_tokenize(line)
        middle = time.perf_counter()
        features = model.featurizer.process([[[token] for token in tokens]])[0]
        end = time.perf_counter()
        model.estimator.tag(features)
        parts["regex tokenizer"] += middle - start
        parts["features"] += end - middle
        parts["tagger"] += time.perf_counter() - end
    print(f"{len(examples)} articles, {len(lines)} sentences: word_tokenize, ms per article\n")
    print("| part | ms/article |")
    print("|---|---:|")
    for name, seconds in parts.items():
        print(f"| {name} | {1000 * seconds / len(examples):.2f} |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--offset", type=int, default=10_000)
    parser.add_argument("--limit", type=int, default=2_000)
    parser.add_argument("--speed", type=int, help="time term extraction on this many articles")
    parser.add_argument("--crf", type=int, help="time word_tokenize's parts on this many")
    args = parser.parse_args(argv)
    if args.speed:
        speed(args)
    elif args.crf:
        crf(args)
    else:
        quality(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
