"""Benchmark output: the Markdown table, the machine description, the plot and the docs page.

The docs page is generated, never typed: each run writes one section (its command, date, machine,
data and table) between markers, and the explanatory text around the sections is rewritten from
this module on every run. ``--section TITLE`` replaces that section or appends it, keeping the
sections of other runs, so one page can hold several tables, each with the command that
regenerates it.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGES: tuple[str, ...] = (
    "underthesea", "sumy", "summa", "rouge-score", "numpy", "scipy", "scikit-learn", "networkx",
)
_SECTION = re.compile(r"<!-- section: (.*?) -->\n(.*?)<!-- end section -->\n", re.DOTALL)


# --- the table -----------------------------------------------------------------------------------


def _with_ci(result: Mapping[str, Any], key: str) -> str:
    low, high = result[f"{key}_ci"]
    return f"{result[key]:.2f} ± {(high - low) / 2:.2f}"


def _rate(docs_per_s: float) -> str:
    return f"{docs_per_s:,.0f}" if docs_per_s >= 100 else f"{docs_per_s:.3g}"


def markdown_table(systems: Mapping[str, Mapping[str, Any]]) -> str:
    """Return the results as a Markdown table: ROUGE F1 ×100 as "mean ± half the 95% CI"."""
    lines = [
        "| system | R-1 | R-2 | R-Lsum | sentences | docs/s | load s | peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in systems.items():
        lines.append(
            f"| {name} | {_with_ci(r, 'rouge1')} | {_with_ci(r, 'rouge2')} | "
            f"{_with_ci(r, 'rougeLsum')} | {r['avg_sentences']:.2f} | {_rate(r['docs_per_s'])} | "
            f"{r['load_s']:.2f} | {r['peak_mb']:.1f} |"
        )
    return "\n".join(lines)


def problems(payload: Mapping[str, Any]) -> list[str]:
    """Return one line per skipped system and per system that failed on some documents."""
    lines = [f"- skipped `{name}`: {reason}" for name, reason in payload["skipped"].items()]
    lines += [
        f"- `{name}` failed on {r['failures']} of {payload['n']} documents "
        "(scored as empty summaries)"
        for name, r in payload["systems"].items()
        if r["failures"]
    ]
    return lines


# --- the machine ---------------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or platform.machine()
    match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    return match.group(1).strip() if match else platform.machine()


def _git_commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True,
                              check=True)
        return done.stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        return commit + (" + uncommitted changes" if git("status", "--porcelain") else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    """Describe the machine and the software the numbers were measured with."""
    import psutil  # type: ignore[import-untyped]

    try:
        import summarize

        library = getattr(summarize, "__version__", "unknown")
    except ImportError:
        library = "not importable"
    return {
        "cpu": _cpu_model(),
        "logical_cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        # Speeds are only comparable within a run: a busy machine slows every row.
        "load_average": round(os.getloadavg()[0], 2),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in PACKAGES},
        "summarize": library,
        "commit": _git_commit(),
    }


# --- the plot ------------------------------------------------------------------------------------


def plot(systems: Mapping[str, Mapping[str, Any]], path: Path, title: str) -> None:
    """Save a scatter of ROUGE-2 F1 (with its 95% CI) against documents per second (log x)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(8, 5.5), dpi=120)
    for name, r in systems.items():
        low, high = r["rouge2_ci"]
        error = [[r["rouge2"] - low], [high - r["rouge2"]]]
        color = "tab:red" if name.startswith("summarize") else "tab:blue"
        axes.errorbar(r["docs_per_s"], r["rouge2"], yerr=error, fmt="o", capsize=3, color=color)
    axes.set_xscale("log")
    axes.margins(x=0.12)
    axes.set_xlabel("documents per second (log scale)")
    axes.set_ylabel("ROUGE-2 F1 ×100 (95% bootstrap CI)")
    axes.set_title(title, fontsize=10)
    axes.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    _label_points(axes, {name: (r["docs_per_s"], r["rouge2"]) for name, r in systems.items()})
    figure.savefig(path, dpi=120)
    plt.close(figure)


def _label_points(axes: Any, points: Mapping[str, tuple[float, float]]) -> None:
    """Label each point at the nearest height where its label overlaps no label placed before.

    Peers often sit on top of each other (similar speed and score); a thin line then joins a
    moved label to its point. Sizes are in pixels at 120 dpi, for 8-point text.
    """
    line_px, char_px = 13.0, 6.5
    boxes: list[tuple[float, float, float, float]] = []

    def free(box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        return not any(x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1 for a0, b0, a1, b1 in boxes)

    for name, (x, y) in sorted(points.items(), key=lambda item: -item[1][1]):
        x_px, y_px = axes.transData.transform((x, y))
        left, right = x_px + 8, x_px + 8 + char_px * len(name)
        for step in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
            label_y = y_px - 4 + step * line_px
            box = (left, label_y, right, label_y + line_px)
            if free(box):
                break
        boxes.append(box)
        axes.annotate(name, (x, y), xytext=(left, label_y), textcoords="figure pixels",
                      fontsize=8, arrowprops={"arrowstyle": "-", "lw": 0.4} if step else None)


# --- the docs page -------------------------------------------------------------------------------


def section(title: str, payload: Mapping[str, Any], plot_link: str | None) -> str:
    """Return the Markdown of one run: command, date, data, machine, table, problems, plot."""
    m = payload["machine"]
    packages = ", ".join(f"{name} {version}" for name, version in m["packages"].items())
    mode = ("raw text, re-split by `summarize.segment.sentence_spans`" if payload["raw"]
            else "one sentence per line, as stored")
    skipped = f" after skipping the first {payload['offset']}" if payload["offset"] else ""
    lines = [
        f"## {title}",
        "",
        "Regenerate (from the repository root):",
        "",
        "```sh",
        payload["command"],
        "```",
        "",
        f"- Date: {payload['date']}; wall time {payload['wall_s']:.0f} s.",
        f"- Data: `{payload['data']}` ({payload['format']}), deduplicated{skipped}: "
        f"n = {payload['n']} documents, k = {payload['k']}; sentences: {mode}.",
        f"- Machine: {m['cpu']}, {m['physical_cores']} physical / {m['logical_cores']} logical "
        f"cores, {m['memory_gb']} GB RAM, {m['os']}, Python {m['python']}; load average "
        f"{m['load_average']} when the run ended.",
        f"- Software: summarize {m['summarize']} (commit {m['commit']}); {packages}.",
        "",
        markdown_table(payload["systems"]),
    ]
    notes = problems(payload)
    if notes:
        lines += ["", *notes]
    if plot_link:
        lines += ["", f"![ROUGE-2 against documents per second]({plot_link})"]
    return "\n".join(lines) + "\n"


def _read_sections(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return dict(_SECTION.findall(path.read_text(encoding="utf-8")))


def write_doc(
    path: Path, title: str, body: str, descriptions: Mapping[str, str], *, keep_others: bool
) -> None:
    """Write the docs page with section ``title`` set to ``body``.

    With ``keep_others`` the sections already in the page are kept (in place, the new one
    appended if its title is new); otherwise the page holds this run only.
    """
    sections = _read_sections(path) if keep_others else {}
    sections[title] = body
    parts = [_HEADER]
    parts += [f"<!-- section: {name} -->\n{text}<!-- end section -->\n"
              for name, text in sections.items()]
    parts.append(_rows_explained(descriptions))
    parts.append(_METHOD)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts), encoding="utf-8")


def _rows_explained(descriptions: Mapping[str, str]) -> str:
    rows = "\n".join(f"| `{name}` | {text} |" for name, text in descriptions.items())
    return f"## What each row is\n\n| row | meaning |\n|---|---|\n{rows}\n"


_HEADER = """\
# Benchmarks

<!-- Generated by benchmarks/run.py: do not edit by hand. Each section states the command that
regenerates it; the text outside the sections is rewritten by every run. -->

The library against the baselines and the peers a user would pick instead, on real Vietnamese
news. Every system gets exactly the same sentences for a document and picks `k` of them (a
system may pick fewer: LEAD-1, the oracle when nothing more helps); the summary is the chosen
sentences in document order. ROUGE F1 is ×100, as "mean ± half the 95% bootstrap confidence
interval"; "sentences" is the mean number chosen.
"""

_METHOD = """\
## How the peers were run

- **sumy** cannot segment Vietnamese: its document is built directly from our sentence list
  (`ObjectDocumentModel` of one `Paragraph` of `Sentence` objects) with a tokenizer adapter that
  gives it underthesea `word_tokenize` words, lowercased, tokens without a letter dropped. No
  stemming (`null_stemmer`); stop words: the library's list (`summarize/data/stopwords.txt`,
  none if it is absent). Chosen sentences are mapped back by object identity, not text.
- **summa** always splits its input itself, at `.!?` followed by a space and at line breaks. It is
  given our sentences joined by blank lines (a single line break can be swallowed by its
  abbreviation rule), so each of its units lies inside one of our sentences. It runs with
  `ratio=1.0, scores=True`, which returns every unit with its TextRank score in document order; each
  unit is located in our sentences by a forward, whitespace-normalised search and credited to the
  sentence containing it (an unlocatable unit would be ignored; none occurred in the first 500
  VietNews validation articles, lines or raw); a sentence scores its best unit and the `k` best
  sentences are chosen (ties to the earlier, so an unrankable text gets its first sentences). summa
  has no Vietnamese resources: `language="english"` (its Snowball stemmer barely touches Vietnamese
  syllables) plus the library's one-syllable stop words as `additional_stopwords`, since summa's
  words are whitespace-separated syllables.
- **The library** rows call `Summarizer(split="lines", **preset).summarize("\\n".join(sentences),
  sentences=k)`: with `split="lines"` every line is one sentence, and the chosen sentences'
  `index` values are the positions in our list.
- Reproducibility: sumy's LSA numbers its vocabulary in the iteration order of a Python set,
  which string hashing randomises per process, so its near-ties break differently from run to
  run (about ±0.3 ROUGE-2 on 100 articles) unless `PYTHONHASHSEED` is fixed, as in the commands
  above. The random baseline and the bootstrap are seeded by `--seed`.

## ROUGE

rouge-score with a Vietnamese tokenizer (`benchmarks/rouge.py`): NFC, lowercase, split on
anything that is not a Unicode letter or digit, so tokens are syllables with their diacritics.
rouge-score's default tokenizer keeps only `[a-z0-9]`, which shreds Vietnamese into ASCII
fragments: two unrelated Vietnamese sentences score ROUGE-1 ≈ 0.26 with it and 0 with ours.
ROUGE-Lsum takes sentence boundaries from line breaks: the candidate is its chosen sentences one
per line; the reference is split by `underthesea.sent_tokenize` (a fixed splitter, so the
metric does not move when the library's splitter does). With several reference summaries (ViMs)
each score is the mean over the references (rouge-score's `score_multi` takes the maximum).
Confidence intervals: percentile bootstrap over documents, 1,000 resamples, seeded by `--seed`;
every system gets the same resamples.

## Speed and memory

- Documents per second: the time of the system call only (sentence splitting and scoring are
  shared and excluded), summed over all documents; documents are run one at a time, all systems
  on a document before the next document, in one process.
- Load: before timing, each system is called once on the first document; that first call
  (imports, model loading) is reported as "load s". Dependencies shared by several systems
  (underthesea's word segmentation model) are loaded by the first system that needs them, in
  table order, so the library rows pay for it and the sumy rows do not.
- Peak memory: a separate, untimed pass over up to 50 documents per system under `tracemalloc`:
  the peak of Python-heap allocations (numpy arrays included) above the level before the pass,
  after loading; memory held by C extensions that bypass Python's allocator is not seen.

## Data

- VietNews / VNDS: Nguyen et al., "VNDS: A Vietnamese Dataset for Summarization", NICS 2019
  (validation split, GitHub `ThanhChinhBK/vietnews`). The body stores one sentence per
  line; its lead paragraph (written by the journalist, not part of the body) is the reference.
  Bodies are deduplicated (first occurrence kept) before `--offset`/`--limit` apply.
- ViMs: Tran et al., "ViMs: a high-quality Vietnamese dataset for abstractive multi-document
  summarization", Language Resources and Evaluation 54(4), 2020 (draft release): a cluster's
  documents are joined by blank lines; 2-4 human summaries per cluster.
- AbMuSu: VLSP 2022 shared task on abstractive multi-document summarization: the documents'
  `raw_text` joined by blank lines; one human summary per cluster.
"""
