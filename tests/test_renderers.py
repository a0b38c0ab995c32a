"""The renderers package: the import direction, ``repr``, and the HTML page without a browser.

Hand-built summaries keep these tests free of underthesea; ``tests/test_html_chromium.py``
renders a real example in a real browser.
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from _dom import external_references, read

from summarize import Sections, Sentence, Summary
from summarize.cli import main
from summarize.renderers import FORMATS, HEADINGS, LANGUAGES, render, render_html_fragment
from summarize.renderers._labels import NOISE_WORDS, WORDS

PACKAGE = Path(__file__).resolve().parent.parent / "summarize"
RENDERERS = sorted(p.stem for p in (PACKAGE / "renderers").glob("*.py") if p.stem != "__init__")

TEXT = (
    "Báo cáo <script>alert('x')</script> & \"sơ kết\"\n"
    "BSH -\n"
    "\n"
    "Huyện đã hoàn thành 12 km đường. Thu nhập đạt 52 triệu đồng.\n"
    "\n"
    "Tuy nhiên, vốn còn hạn chế <b>rõ</b>. Thời gian tới cần xử lý rác thải.\n"
)


def build(text: str = TEXT) -> Summary:
    """A summary of TEXT as the pipeline would label it, built by hand."""
    rows = [
        ("Báo cáo <script>alert('x')</script> & \"sơ kết\"", 0.0, None, "title", None),
        ("BSH -", 0.0, None, "byline", None),
        ("Huyện đã hoàn thành 12 km đường.", 1.0, "results", None, 'cue "đã"'),
        ("Thu nhập đạt 52 triệu đồng.", 0.5, "results", None, 'cue "đạt <số>"'),
        ("Tuy nhiên, vốn còn hạn chế <b>rõ</b>.", 0.75, "limitations", None, 'cue "hạn chế"'),
        ("Thời gian tới cần xử lý rác thải.", 0.25, "next_tasks", None, 'cue "thời gian tới"'),
    ]
    sentences, position = [], 0
    for index, (sentence, score, section, noise, reason) in enumerate(rows):
        start = text.index(sentence, position)
        position = start + len(sentence)
        sentences.append(Sentence(index, sentence, start, position, score, section, noise, reason))
    every = tuple(sentences)
    return Summary(
        sentences=(every[2], every[4]),
        all_sentences=every,
        sections=Sections(results=(every[2], every[3]), limitations=(every[4],)),
        title=every[0].text,
    )


# --- the import direction -------------------------------------------------------------------


def runtime_imports(path: Path, package: str) -> set[str]:
    """The modules ``path`` imports when it runs: relative imports resolved, imports under
    ``if TYPE_CHECKING:`` left out, imports inside functions counted."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # drop the bodies of `if TYPE_CHECKING:`
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.add(module)
            # `from . import text` imports the submodule text
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "summarize" or name.startswith("summarize.")}


def test_renderers_never_import_the_data_model_or_the_package_at_run_time():
    for stem in ["__init__", *RENDERERS]:
        imports = runtime_imports(PACKAGE / "renderers" / f"{stem}.py", "summarize.renderers")
        outside = {m for m in imports if not m.startswith("summarize.renderers")}
        assert not outside, f"renderers/{stem}.py imports {outside} at run time"


def test_summary_and_the_renderers_form_no_import_cycle():
    modules = {"summarize.summary": PACKAGE / "summary.py"}
    modules["summarize.renderers"] = PACKAGE / "renderers" / "__init__.py"
    for stem in RENDERERS:
        modules[f"summarize.renderers.{stem}"] = PACKAGE / "renderers" / f"{stem}.py"
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = {m for m in runtime_imports(path, package) if m in modules and m != name}
        # importing a.b.c from outside a.b runs a.b's __init__ first
        graph[name] |= {
            m.rpartition(".")[0]
            for m in graph[name]
            if m.count(".") == 2 and not name.startswith(m.rpartition(".")[0])
        }
    assert "summarize.renderers.text" in graph["summarize.summary"]  # the one-way edge
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            assert state.get(nxt) != "open", " -> ".join([*path, node, nxt])
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


@pytest.mark.parametrize(
    "first",
    ["summarize.summary", "summarize.renderers", "summarize.cli"]
    + [f"summarize.renderers.{s}" for s in RENDERERS],
)
def test_every_module_imports_first_in_a_fresh_interpreter(first):
    others = ["summarize.renderers", *(f"summarize.renderers.{s}" for s in RENDERERS)]
    others += ["summarize.summary", "summarize.cli", "summarize"]
    code = (
        "import importlib, sys\n"
        f"for name in {[first, *others, *reversed(others)]!r}:\n"
        "    importlib.import_module(name)\n"
        "from summarize import Summary\n"
        "assert str(Summary()) == '' and Summary()._repr_html_().startswith('<div')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# --- the dispatcher, repr and str -----------------------------------------------------------


def test_formats_and_languages():
    assert FORMATS == ("text", "json", "markdown", "html")
    assert LANGUAGES == ("vi", "en")
    summary = build()
    for fmt in FORMATS:
        assert render(summary, fmt, text=TEXT)
    with pytest.raises(ValueError, match="`fmt` = 'pdf' is invalid"):
        render(summary, "pdf")
    with pytest.raises(ValueError, match="`labels` = 'fr' is invalid"):
        render(summary, labels="fr")


def test_str_is_the_text_rendering():
    summary = build()
    assert str(summary) == render(summary, "text")
    assert str(summary).splitlines()[:4] == [summary.title, "", *(s.text for s in summary)]


def test_repr_is_short_and_says_what_was_chosen():
    summary = build()
    assert repr(summary) == (
        "<Summary 2 of 6 sentences, title='Báo cáo <script>alert(\\'x\\')</script> & \"sơ kết\"', "
        "sections: results=2, limitations=1, next_tasks=0>"
    )
    many = tuple(Sentence(i, "Câu rất dài. " * 50, 0, 650, 0.5) for i in range(2000))
    long = Summary(sentences=many[:40], all_sentences=many, title="Tiêu đề " * 100)
    assert len(repr(long)) <= 300
    assert "40 of 2000 sentences" in repr(long) and "…" in repr(long)
    assert len(repr(Summary(source_text="x" * 10_000))) < 120


# --- the HTML page --------------------------------------------------------------------------


def test_every_sentence_is_one_span_with_its_data_attributes():
    summary = build()
    dom = read(render(summary, "html", text=TEXT))
    assert [span.index for span in dom.spans] == [s.index for s in summary.all_sentences]
    for span, sentence in zip(dom.spans, summary.all_sentences, strict=True):
        assert span.text == sentence.text  # escaped in the page, the same text in the DOM
        assert span.attributes["id"] == f"s-{sentence.index}"
        assert float(span.attributes["data-score"]) == pytest.approx(sentence.score, abs=1e-4)
        assert span.attributes["data-section"] == (sentence.section or "")
        assert span.attributes["data-noise"] == (sentence.noise or "")
        assert span.chosen == (sentence in summary.sentences)
        classes = span.attributes["class"].split()
        assert ("chosen" in classes) == span.chosen
        assert ("noise" in classes) == (sentence.noise is not None)
        if sentence.section:
            assert sentence.section in classes
    assert [span.index for span in dom.spans if span.chosen] == [2, 4]


def test_hovering_shows_the_score_and_the_reasons():
    spans = {span.index: span for span in read(render(build(), "html", text=TEXT)).spans}
    assert spans[2].attributes["title"] == 'Câu 2 · điểm 1.000 · được chọn\nKết quả (cue "đã")'
    assert spans[1].attributes["title"] == "Câu 1 · điểm 0.000\nphần trang: dòng tác giả"
    english = {s.index: s for s in read(render(build(), "html", labels="en", text=TEXT)).spans}
    assert english[5].attributes["title"] == (
        'Sentence 5 · score 0.250\nNext tasks (cue "thời gian tới")'
    )
    assert english[0].attributes["title"] == "Sentence 0 · score 0.000\npage furniture: title"


def test_everything_is_escaped():
    page = render(build(), "html", text=TEXT)
    dom = read(page)
    assert [tag for tag, _ in dom.tags if tag in ("script", "b")] == []
    assert "<script>alert('x')</script>" in dom.text  # shown as text
    assert "&lt;script&gt;" in page and "<b>" not in page
    assert "<title>Báo cáo &lt;script&gt;" in page
    attribute = build()
    odd = Sentence(0, 'a" onmouseover="x', 0, 17, 0.5, None, None, None)
    odd_page = render(Summary((odd,), (odd,), attribute.sections), "html", text=odd.text)
    (span,) = read(odd_page).spans
    assert "onmouseover" not in span.attributes and span.text == odd.text


def test_the_page_loads_nothing_and_runs_nothing():
    page = render(build(), "html", text=TEXT)
    dom = read(page)
    assert external_references(dom) == []
    assert [tag for tag, _ in dom.tags if tag == "script"] == []
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style and "url(" not in style.group(1) and "@import" not in style.group(1)
    assert "default-src 'none'" in page
    assert not re.search(r"\son[a-z]+=", page)  # no event handler attributes


@pytest.mark.parametrize("labels", LANGUAGES)
def test_all_sections_and_the_legend_are_shown_in_both_languages(labels):
    page = render(build(), "html", labels=labels, text=TEXT)
    dom = read(page)
    for name in ("summary", "results", "limitations", "next_tasks"):
        assert f">{HEADINGS[labels][name]}</h2>" in page
    assert WORDS[labels]["none"] in dom.text  # next_tasks is empty and says so
    assert WORDS[labels]["chosen"] in dom.text and WORDS[labels]["noise"] in dom.text
    assert f">{WORDS[labels]['document']}</h2>" in page
    other = "en" if labels == "vi" else "vi"
    assert f">{HEADINGS[other]['results']}</h2>" not in page


def test_without_sections_the_page_has_no_section_lists():
    page = render(build(), "html", sections=False, text=TEXT)
    assert 'class="sections"' not in page
    assert f">{HEADINGS['vi']['results']}</h2>" not in page
    spans = read(page).spans  # the document is still there, its sections not coloured
    assert [span.attributes["data-section"] for span in spans][2:4] == ["results", "results"]
    assert not any("results" in span.attributes["class"].split() for span in spans)
    assert all(HEADINGS["vi"]["results"] not in span.attributes["title"] for span in spans)


def test_paragraphs_and_line_breaks_are_kept():
    dom = read(render(build(), "html", text=TEXT))
    assert dom.paragraphs == [
        "Báo cáo <script>alert('x')</script> & \"sơ kết\"\nBSH -",
        "Huyện đã hoàn thành 12 km đường. Thu nhập đạt 52 triệu đồng.",
        "Tuy nhiên, vốn còn hạn chế <b>rõ</b>. Thời gian tới cần xử lý rác thải.\n",
    ]


def test_the_document_is_source_text_then_text_then_the_sentences_alone():
    summary = build()
    converted = Summary(
        summary.sentences, summary.all_sentences, summary.sections, summary.title, TEXT
    )
    # the caller's text is the raw input (here: not what the offsets index); source_text wins
    assert read(render(converted, "html", text="<html>…</html>")).paragraphs[1] == (
        "Huyện đã hoàn thành 12 km đường. Thu nhập đạt 52 triệu đồng."
    )
    alone = read(render(summary, "html")).paragraphs  # no text: one sentence per line
    assert alone == ["\n".join(s.text for s in summary.all_sentences) + "\n"]
    wrong = read(render(summary, "html", text=TEXT.upper())).paragraphs
    assert wrong == alone


def test_the_notebook_view_is_the_top_of_the_page_without_the_document():
    summary = build()
    fragment = summary._repr_html_()
    assert fragment == render_html_fragment(summary)
    assert fragment.startswith('<div class="smz">') and fragment.endswith("</div>")
    dom = read(fragment)
    assert dom.spans == [] and "<section class=\"document\"" not in fragment
    assert 'href="#' not in fragment  # no anchors into a document that is not there
    assert [tag for tag, _ in dom.tags if tag == "script"] == []
    for sentence in summary.sentences:
        assert sentence.text in dom.text
    for name in ("results", "limitations", "next_tasks"):
        assert f">{HEADINGS['vi'][name]}</h2>" in fragment
    assert all(rule.strip().startswith(".smz") for rule in _css_rules(fragment))


def _css_rules(fragment: str) -> list[str]:
    """The selectors of the fragment's style sheet: they must all be scoped to it."""
    style = re.search(r"<style>(.*?)</style>", fragment, re.S)
    assert style
    return [m.group(1) for m in re.finditer(r"(?:^|})\s*([^{}]+)\{", style.group(1))]


def test_an_empty_summary_renders():
    page = render(Summary(), "html", text="")
    assert WORDS["vi"]["empty"] in read(page).text
    assert read(render(Summary(), "html", labels="en")).spans == []


def test_noise_reasons_have_words_in_both_languages():
    from summarize.noise import REASONS

    for labels in LANGUAGES:
        assert set(REASONS) <= set(NOISE_WORDS[labels])


def test_the_cli_writes_the_page(tmp_path, monkeypatch):
    path = tmp_path / "bai.txt"
    path.write_text(TEXT, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    argv = [str(path), "--format", "html", "--tokenizer", "syllable"]
    status = main(argv, stdout=out, stderr=err)
    assert status == 0, err.getvalue()
    page = out.getvalue()
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    dom = read(page)
    # the whole input is shown: every character, in order, outside the tags
    shown = "".join(dom.paragraphs)
    assert "".join(shown.split()) == "".join(TEXT.split())


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_colours_are_readable_on_white_and_on_the_highlight():
    page = render(build(), "html", text=TEXT)
    colours = dict(re.findall(r"--([a-z_]+): (#[0-9a-f]{6})", page))
    assert set(colours) >= {"results", "limitations", "next_tasks", "muted", "chosen"}
    for name in ("results", "limitations", "next_tasks", "muted"):
        assert contrast(colours[name], "#ffffff") >= 4.5, name  # WCAG AA for text
        assert contrast(colours[name], colours["chosen"]) >= 4.5, name
    assert contrast("#1b1b1b", colours["chosen"]) >= 7  # chosen sentences, AAA
