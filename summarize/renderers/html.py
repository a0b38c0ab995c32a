"""HTML: one self-contained page that shows why each sentence was chosen, and a notebook view.

:func:`render_html` writes a whole page. On top: the title, the summary and the three sections.
Below: the whole document, paragraphs kept, every sentence in a ``<span>`` carrying
``data-index``, ``data-score``, ``data-section``, ``data-noise`` and ``data-chosen``; chosen
sentences are highlighted, each sentence's section is underlined in its colour (and line style,
so the page survives a black-and-white printer and colour blindness), page furniture is greyed,
and hovering a sentence shows its score and the reason for its section or its noise label
(the ``title`` attribute, so no script is needed).

The page loads nothing: the CSS is inline, there is no script at all, every link is an
in-page anchor, and a Content-Security-Policy of ``default-src 'none'`` says so to the browser.
Every piece of the input is escaped, so a sentence reading ``<script>`` is shown as text.

:func:`render_html_fragment` is the compact view of ``Summary._repr_html_``: the summary and
the sections, without the document, styled by a ``<style>`` whose rules are all scoped to it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from ._labels import HEADINGS, NOISE_WORDS, WORDS, item, source

if TYPE_CHECKING:
    from ..summary import Sentence, Summary

SECTION_NAMES = ("results", "limitations", "next_tasks")

# Okabe-Ito hues darkened to at least 4.5:1 on white, told apart by line style as well.
_CSS_SHARED = """
.smz { --results: #00745a; --limitations: #a64200; --next_tasks: #005c99; --chosen: #ffe97a;
  --muted: #5f5f5f; --rule: #d4d4d4; color: #1b1b1b; background: #fff;
  font: 16px/1.6 system-ui, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.smz h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 .3rem; }
.smz h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
.smz .meta { color: var(--muted); margin: 0 0 1rem; font-size: .9rem; }
.smz ol.summary { margin: 0; padding: .6rem 1rem .6rem 2.4rem; background: #fffbe0;
  border-left: 4px solid #e0b800; }
.smz ol.summary li { margin: .25rem 0; }
.smz .sections { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
  gap: 0 1.25rem; }
.smz .section h2 { border-bottom: 3px solid var(--c); padding-bottom: .15rem; color: var(--c); }
.smz .section ul { margin: 0; padding-left: 1.2rem; }
.smz .section li { margin: .3rem 0; }
.smz .none { color: var(--muted); font-style: italic; margin: 0; }
.smz a.ref { color: var(--muted); font-size: .8rem; text-decoration: none; margin-left: .3rem;
  white-space: nowrap; }
.smz a.ref:hover, .smz a.ref:focus { text-decoration: underline; }
.smz .results { --c: var(--results); --line: solid; }
.smz .limitations { --c: var(--limitations); --line: dashed; }
.smz .next_tasks { --c: var(--next_tasks); --line: dotted; }
"""

_CSS_PAGE = """
html { background: #fff; }
body { margin: 0; }
.smz { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
.smz .legend { display: flex; flex-wrap: wrap; gap: .35rem 1.2rem; padding: .6rem .8rem;
  margin: 1.2rem 0 0; border: 1px solid var(--rule); border-radius: 4px; font-size: .9rem;
  list-style: none; }
.smz .legend li { margin: 0; }
.smz .legend .hint { flex-basis: 100%; color: var(--muted); }
.smz .document { border-top: 1px solid var(--rule); margin-top: 1.5rem; }
.smz .document p { white-space: pre-line; margin: 0 0 .9rem; }
.smz .s { text-decoration-line: underline; text-decoration-color: transparent;
  text-decoration-thickness: 2px; text-underline-offset: .28em; border-radius: 2px; }
.smz .s.results, .smz .s.limitations, .smz .s.next_tasks {
  text-decoration-color: var(--c); text-decoration-style: var(--line); }
.smz .s.chosen { background: var(--chosen); font-weight: 600; box-decoration-break: clone;
  -webkit-box-decoration-break: clone; padding: .05em .1em; }
.smz .s.noise { color: var(--muted); font-style: italic; }
.smz .s:hover, .smz .s:target { outline: 2px solid #1b1b1b; outline-offset: 1px; cursor: help; }
@media print {
  .smz { max-width: none; padding: 0; font-size: 11pt; }
  .smz a.ref { display: none; }
  .smz .legend .hint { display: none; }
}
"""

_PARAGRAPH_BREAK = re.compile(r"[ \t\f\v\r]*\n[ \t\f\v\r]*\n\s*")


def render_html(
    summary: Summary, *, labels: str = "vi", sections: bool = True, text: str | None = None
) -> str:
    """The whole page (see the module docstring); ``text`` is what the offsets index.

    The document shown is ``summary.source_text`` when the input was converted, else ``text``;
    when neither holds every sentence at its offsets, the sentences are shown one per line.
    """
    words = WORDS[labels]
    title = summary.title or HEADINGS[labels]["summary"]
    chosen = {s.index for s in summary.sentences}
    body = [
        _top(summary, labels=labels, sections=sections),
        _legend(labels, sections),
        f'<section class="document" aria-labelledby="smz-document">'
        f'<h2 id="smz-document">{escape(words["document"])}</h2>',
        _document(summary.all_sentences, _indexed_text(summary, text), chosen, labels, sections),
        "</section>",
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="vi">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="summarize">',
            f"<title>{escape(title)}</title>",
            f"<style>{_CSS_SHARED}{_CSS_PAGE}</style>",
            "</head>",
            '<body><main class="smz">',
            *body,
            "</main></body>",
            "</html>",
        ]
    )


def render_html_fragment(summary: Summary, *, labels: str = "vi", sections: bool = True) -> str:
    """The compact view: title, summary and sections in one ``<div>``, for notebooks."""
    top = _top(summary, labels=labels, sections=sections, links=False)
    return f'<div class="smz"><style>{_CSS_SHARED}</style>{top}</div>'


def _top(summary: Summary, *, labels: str, sections: bool, links: bool = True) -> str:
    words, heading = WORDS[labels], HEADINGS[labels]
    noise = sum(s.noise is not None for s in summary.all_sentences)
    several = summary.documents > 1  # each sentence says which article it is from
    count = words["count"].format(
        chosen=len(summary.sentences), total=len(summary.all_sentences), noise=noise
    )
    parts = [f"<header><h1>{escape(summary.title)}</h1>"] if summary.title else ["<header>"]
    parts.append(f'<p class="meta">{escape(count)}</p></header>')
    parts.append(
        f'<section aria-labelledby="smz-summary"><h2 id="smz-summary">'
        f"{escape(heading['summary'])}</h2>"
    )
    if summary.sentences:
        items = (_list_item(source(s, several) + s.text, s, links) for s in summary.sentences)
        parts.append(f'<ol class="summary">{"".join(items)}</ol>')
    else:
        parts.append(f'<p class="none">{escape(words["empty"])}</p>')
    parts.append("</section>")
    if sections:
        parts.append('<div class="sections">')
        for name, group in summary.sections.items():
            parts.append(
                f'<section class="section {name}" aria-labelledby="smz-{name}">'
                f'<h2 id="smz-{name}">{escape(heading[name])}</h2>'
            )
            if group:
                items = (_list_item(source(s, several) + item(s.text), s, links) for s in group)
                parts.append(f"<ul>{''.join(items)}</ul>")
            else:
                parts.append(f'<p class="none">{escape(words["none"])}</p>')
            parts.append("</section>")
        parts.append("</div>")
    return "\n".join(parts)


def _list_item(shown: str, sentence: Sentence, links: bool) -> str:
    ref = f' <a class="ref" href="#s-{sentence.index}">#{sentence.index}</a>' if links else ""
    return f"<li>{escape(shown)}{ref}</li>"


def _legend(labels: str, sections: bool) -> str:
    words, heading = WORDS[labels], HEADINGS[labels]
    entries = [f'<li><span class="s chosen">{escape(words["chosen"])}</span></li>']
    if sections:
        entries += [
            f'<li><span class="s {name}">{escape(heading[name])}</span></li>'
            for name in SECTION_NAMES
        ]
    entries.append(f'<li><span class="s noise">{escape(words["noise"])}</span></li>')
    entries.append(f'<li class="hint">{escape(words["hover"])}</li>')
    return f'<ul class="legend" aria-label="{escape(words["legend"])}">{"".join(entries)}</ul>'


def _indexed_text(summary: Summary, text: str | None) -> str | None:
    """The first of ``source_text`` and ``text`` that holds every sentence at its offsets."""
    for candidate in (summary.source_text, text):
        if candidate is not None and all(
            candidate[s.start : s.end] == s.text for s in summary.all_sentences
        ):
            return candidate
    return None


def _document(
    sentences: Sequence[Sentence],
    text: str | None,
    chosen: set[int],
    labels: str,
    sections: bool,
) -> str:
    """The text as paragraphs, each sentence in its annotated span, the gaps as they are.

    Without ``sections`` the section labels stay in the data attributes but are neither
    coloured nor explained, as the page shows no sections to match them.
    """
    ordered = sorted(sentences, key=lambda s: (s.start, s.index))
    overlapping = any(a.end > b.start for a, b in itertools.pairwise(ordered))
    if text is None or overlapping:  # no text the offsets index: one sentence per line
        ordered = sorted(sentences, key=lambda s: s.index)
        text = "".join(s.text + "\n" for s in ordered)
        spans, start = [], 0
        for s in ordered:
            spans.append((start, s))
            start += len(s.text) + 1
    else:
        spans = [(s.start, s) for s in ordered]
    parts, position = ["<p>"], 0
    for start, s in spans:
        parts.append(_gap(text[position:start]))
        parts.append(_sentence(s, s.index in chosen, labels, sections))
        position = start + len(s.text)
    parts.append(_gap(text[position:]))
    parts.append("</p>")
    return re.sub(r"<p>\s*</p>\n?", "", "".join(parts))


def _gap(gap: str) -> str:
    """Text between sentences: a blank line ends the paragraph, a line break stays one."""
    pieces = _PARAGRAPH_BREAK.split(gap)
    return "</p>\n<p>".join(escape(piece) for piece in pieces)


def _sentence(s: Sentence, is_chosen: bool, labels: str, sections: bool) -> str:
    classes = ["s"]
    if sections and s.section in SECTION_NAMES:
        classes.append(s.section)
    if s.noise is not None:
        classes.append("noise")
    if is_chosen:
        classes.append("chosen")
    attributes = {
        "class": " ".join(classes),
        "id": f"s-{s.index}",
        "data-index": str(s.index),
        "data-score": f"{s.score:.4f}",
        "data-section": s.section or "",
        "data-noise": s.noise or "",
        "data-chosen": "true" if is_chosen else "false",
        "title": _tooltip(s, is_chosen, labels, sections),
    }
    rendered = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    return f"<span {rendered}>{escape(s.text)}</span>"


def _tooltip(s: Sentence, is_chosen: bool, labels: str, sections: bool) -> str:
    """What hovering shows: the sentence's number and score, then why it is labelled so."""
    words = WORDS[labels]
    first = f"{words['sentence']} {s.index} · {words['score']} {s.score:.3f}"
    if is_chosen:
        first += f" · {words['picked']}"
    lines = [first]
    if s.noise is not None:
        lines.append(f"{words['furniture']}: {NOISE_WORDS[labels].get(s.noise, s.noise)}")
    if sections and s.section in SECTION_NAMES:
        reason = f" ({s.section_reason})" if s.section_reason else ""
        lines.append(f"{HEADINGS[labels][s.section]}{reason}")
    return "\n".join(lines)
