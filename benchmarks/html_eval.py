"""Main-content extraction from news pages: the candidates and the final pipeline, measured.

Real articles (title, sapo, body) from a VietNews JSONL file are wrapped in web pages built here,
in four layouts that news sites use — semantic HTML5 tags, ``<div>`` soup, a table layout, and
``<div>``s whose generated class names (``css-x7k2qa``) say nothing — with the furniture real
pages carry: a masthead and menu, a date line and a byline, a share bar, related links (the
titles of other real articles), a comment box ("Chưa có bình luận nào."), a cookie banner
("Đồng ý"), a newsletter form and a footer with the newsroom's phone number and "© Bản quyền
...". The div-soup pages also have a "Xem thêm: <link>" paragraph inside the body. The pages
are generated at run time and never written to disk.

For each extractor the table gives, over all pages:

* ``furniture``: the share of extracted content sentences that are not from the article;
* ``body kept``: the share of the article's sentences (sapo and body) found in the extracted
  text;
* ``outside``: for the final pipeline, the share of chosen summary sentences (3 per page) that
  are not from the article.

A sentence "is from the article" when, with whitespace collapsed, it occurs in the article's
title + sapo + body. Candidates: trafilatura (``extract``, precision and recall presets),
readability-lxml, jusText (its Vietnamese stop list), the standard-library tag stripper the
library used before, and the final pipeline (:func:`summarize.read` then ``summarize``).
A candidate whose package is not installed is skipped with a note.

Usage (from the repository root, with ``pip install -e '.[html,bench]'``)::

    python benchmarks/html_eval.py --data ../shared/data/vietnews/val.jsonl --limit 60
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import random
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

LAYOUTS = ("semantic", "divsoup", "table", "hashed")
SUMMARY_SENTENCES = 3

_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]”])")
_SPACE_AFTER = re.compile(r"([(\[“])\s+")
_WS = re.compile(r"\s+")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    sapo: str
    body: tuple[str, ...]  # paragraphs

    @property
    def haystack(self) -> str:
        return _squash(" ".join((self.title, self.sapo, *self.body)))


def detokenize(text: str) -> str:
    """VietNews stores "word , word ( x )"; pages print "word, word (x)"."""
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text)).strip()


def _squash(text: str) -> str:
    """Whitespace collapsed, zero-width characters dropped, NFC: some VietNews articles are
    NFD or hold U+200B, and the extractors give NFC without it."""
    return unicodedata.normalize("NFC", _WS.sub(" ", _ZERO_WIDTH.sub("", text)).strip())


def load_articles(path: Path, limit: int, offset: int = 0) -> list[Article]:
    articles: list[Article] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number < offset or not line.strip():
                continue
            record = json.loads(line)
            body = tuple(detokenize(p) for p in record["text"].split("\n") if p.strip())
            if len(body) < 3:
                continue
            title, sapo = detokenize(record["title"]), detokenize(record["summary"])
            articles.append(Article(str(record.get("id", number)), title, sapo, body))
            if len(articles) == limit:
                break
    return articles


# --- the furniture -------------------------------------------------------------------------

SITE = "Báo Tin Mới"
MENU = ("Trang chủ", "Thời sự", "Kinh tế", "Xã hội", "Pháp luật", "Thế giới", "Thể thao")
AUTHORS = ("Minh Anh", "Thu Hà", "Quốc Bảo", "Lan Phương", "Đức Tài")


def _esc(text: str) -> str:
    return html_lib.escape(text, quote=True)


def _furniture(article: Article, others: list[Article], rng: random.Random) -> dict[str, str]:
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    related = "".join(
        f'<li><a href="/tin/{o.id}.html">{_esc(o.title)}</a></li>' for o in others
    )
    return {
        "title": _esc(article.title),
        "head": (
            f"<title>{_esc(article.title)} | {SITE}</title>"
            f'<meta property="og:title" content="{_esc(article.title)}">'
            f'<meta property="og:site_name" content="{SITE}">'
            '<meta charset="utf-8">'
        ),
        "menu": "".join(f'<a href="/{i}">{item}</a>' for i, item in enumerate(MENU)),
        "date": f"Thứ hai, {day:02d}/{month:02d}/2023 08:{rng.randint(10, 59)} (GMT+7)",
        "byline": f"{rng.choice(AUTHORS)} - {SITE}",
        "share": "Chia sẻ Facebook Zalo Twitter Sao chép liên kết",
        "related": related,
        "comments": (
            "Chưa có bình luận nào. Hãy là người đầu tiên bình luận về bài viết này!"
        ),
        "cookie": (
            "Chúng tôi sử dụng cookie để cải thiện trải nghiệm của bạn trên trang web này."
        ),
        "newsletter": "Đăng ký nhận bản tin hằng ngày của chúng tôi qua email.",
        "footer": (
            f"Cơ quan chủ quản: {SITE}. Tòa soạn: 12 Lê Lợi, Hà Nội. "
            "Điện thoại: 024 3825 1234 - Email: toasoan@baotinmoi.vn. "
            "Giấy phép số 123/GP-BTTTT cấp ngày 01/02/2020. "
            f"© Bản quyền thuộc về {SITE}. Cấm sao chép dưới mọi hình thức."
        ),
    }


def build_page(article: Article, layout: str, others: list[Article], rng: random.Random) -> str:
    """A whole HTML page around ``article`` in ``layout`` (one of :data:`LAYOUTS`)."""
    f = _furniture(article, others, rng)
    body = "".join(f"<p>{_esc(p)}</p>" for p in article.body)
    sapo = _esc(article.sapo)
    if layout == "semantic":
        return (
            f"<!DOCTYPE html><html lang='vi'><head>{f['head']}</head><body>"
            f"<header><div class='logo'>{SITE}</div><nav>{f['menu']}</nav></header>"
            "<main><article>"
            f"<h1>{f['title']}</h1>"
            f"<div class='meta'><time>{f['date']}</time> <span class='author'>{f['byline']}"
            "</span></div>"
            f"<div class='share-bar'>{f['share']}</div>"
            f"<p class='sapo'><strong>{sapo}</strong></p>{body}"
            "</article>"
            f"<aside class='related'><h3>Tin liên quan</h3><ul>{f['related']}</ul></aside>"
            f"<section id='comments'><h3>Bình luận</h3><p>{f['comments']}</p>"
            "<form><textarea placeholder='Viết bình luận...'></textarea>"
            "<button>Gửi bình luận</button></form></section></main>"
            f"<div class='newsletter'><form><p>{f['newsletter']}</p>"
            "<input type='email' placeholder='Email của bạn'><button>Đăng ký</button></form></div>"
            f"<footer><p>{f['footer']}</p></footer>"
            f"<div id='cookie-banner'><p>{f['cookie']}</p><button>Đồng ý</button></div>"
            "<script>window.dataLayer=[];</script></body></html>"
        )
    if layout == "divsoup":
        return (
            f"<html><head>{f['head']}</head><body><div id='wrapper'>"
            f"<div class='top-header'><div class='site-name'>{SITE}</div>"
            f"<div class='main-menu'>{f['menu']}</div></div>"
            "<div class='container'><div class='col-left'><div class='detail'>"
            f"<div class='detail-title'>{f['title']}</div>"
            f"<div class='detail-time'>{f['date']}</div>"
            f"<div class='social-share'>{f['share']}</div>"
            f"<div class='detail-sapo'>{sapo}</div>"
            f"<div class='detail-content'>{_with_read_more(article, others)}</div>"
            f"<div class='detail-author'>{f['byline']}</div>"
            "</div>"
            f"<div class='box-related'><div class='box-title'>Tin liên quan</div><ul>"
            f"{f['related']}</ul></div>"
            f"<div class='box-comment'><div class='box-title'>Ý kiến bạn đọc</div>"
            f"<div class='comment-empty'>{f['comments']}</div>"
            "<form><textarea></textarea><input type='submit' value='Gửi'></form></div>"
            "</div><div class='col-right'>"
            f"<div class='box-newsletter'>{f['newsletter']}<input type='email'></div>"
            "</div></div>"
            f"<div class='footer'>{f['footer']}</div>"
            f"<div class='cookie-consent'>{f['cookie']} <a class='btn'>Đồng ý</a></div>"
            "</div></body></html>"
        )
    if layout == "table":
        return (
            f"<html><head>{f['head']}</head><body>"
            "<table width='980' border='0'><tr><td colspan='2' class='masthead'>"
            f"<b>{SITE}</b><br>{f['menu']}</td></tr><tr>"
            "<td width='680' valign='top'>"
            f"<font size='5'><b>{f['title']}</b></font><br>"
            f"<font size='1'>{f['date']} | {f['byline']}</font><br>"
            f"<font size='1'>{f['share']}</font><br>"
            f"<b>{sapo}</b>{body}"
            f"<table><tr><td><b>Tin liên quan</b><ul>{f['related']}</ul></td></tr></table>"
            f"<table><tr><td><b>Bình luận</b><br>{f['comments']}</td></tr></table>"
            "</td><td width='300' valign='top'>"
            f"<form>{f['newsletter']}<input type='text'><input type='submit' value='Gửi'></form>"
            "</td></tr>"
            f"<tr><td colspan='2' class='footer'>{f['footer']}</td></tr></table>"
            f"<div class='cookie'>{f['cookie']} <button>Đồng ý</button></div>"
            "</body></html>"
        )
    if layout == "hashed":
        # Generated class names (CSS modules, CSS-in-JS) that say nothing, no semantic tags:
        # only the structure, the text and the box headings are left to tell furniture apart.
        h = _hasher(rng)
        return (
            f"<html><head>{f['head']}</head><body><div class='{h()}'>"
            f"<div class='{h()}'><div class='{h()}'>{SITE}</div><div class='{h()}'>{f['menu']}"
            f"</div></div><div class='{h()}'><div class='{h()}'>"
            f"<h1 class='{h()}'>{f['title']}</h1>"
            f"<div class='{h()}'><span class='{h()}'>{f['date']}</span>"
            f"<span class='{h()}'>{f['byline']}</span></div>"
            f"<div class='{h()}'>{f['share']}</div>"
            f"<h2 class='{h()}'>{sapo}</h2><div class='{h()}'>{body}</div></div>"
            f"<div class='{h()}'><h3 class='{h()}'>Tin liên quan</h3>"
            f"<div class='{h()}'>{f['related'].replace('<li>', '<div>').replace('</li>', '</div>')}"
            f"</div></div><div class='{h()}'><div class='{h()}'>Bình luận</div>"
            f"<div class='{h()}'>{f['comments']}</div></div></div>"
            f"<div class='{h()}'>{f['newsletter']}</div>"
            f"<div class='{h()}'>{f['footer']}</div>"
            f"<div class='{h()}'>{f['cookie']} <span class='{h()}'>Đồng ý</span></div>"
            "</div></body></html>"
        )
    raise ValueError(f"`layout` = {layout!r} is invalid; must be one of {', '.join(LAYOUTS)}")


def _hasher(rng: random.Random) -> Callable[[], str]:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return lambda: "css-" + "".join(rng.choice(alphabet) for _ in range(6))


def _with_read_more(article: Article, others: list[Article]) -> str:
    """The body with a "Xem thêm: <link>" paragraph after its second paragraph, as sites put
    related articles inside the text."""
    paragraphs = [f"<p>{_esc(p)}</p>" for p in article.body]
    if others:
        other = others[0]
        link = f"<a href='/tin/{other.id}.html'>{_esc(other.title)}</a>"
        paragraphs.insert(2, f"<p><strong>Xem thêm:</strong> {link}</p>")
    return "".join(paragraphs)


def pages(articles: list[Article], seed: int = 0) -> Iterator[tuple[Article, str, str]]:
    """(article, layout, page) for every article, the layouts taken in turn."""
    rng = random.Random(seed)
    for number, article in enumerate(articles):
        layout = LAYOUTS[number % len(LAYOUTS)]
        others = [a for a in rng.sample(articles, min(5, len(articles))) if a is not article][:4]
        yield article, layout, build_page(article, layout, others, rng)


# --- the candidates ------------------------------------------------------------------------


def _trafilatura(**options: object) -> Callable[[str], str]:
    import trafilatura

    def run(page: str) -> str:
        return trafilatura.extract(page, include_comments=False, **options) or ""  # type: ignore[arg-type]

    return run


def _readability() -> Callable[[str], str]:
    import lxml.html
    from readability import Document

    def run(page: str) -> str:
        tree = lxml.html.fromstring(Document(page).summary(html_partial=True))
        blocks = tree.xpath("//p|//li|//h1|//h2|//h3|//td|//div[not(.//p|.//div)]")
        return "\n".join(_squash(b.text_content()) for b in blocks) or _squash(tree.text_content())

    return run


def _justext() -> Callable[[str], str]:
    import justext

    stoplist = justext.get_stoplist("Vietnamese")

    def run(page: str) -> str:
        paragraphs = justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8")
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _stdlib() -> Callable[[str], str]:
    from summarize.readers.stdlib_html import visible_text

    return visible_text


def _pipeline() -> Callable[[str], str]:
    from summarize import read

    return lambda page: read(page.encode("utf-8"), kind="html").text


CANDIDATES: dict[str, Callable[[], Callable[[str], str]]] = {
    "trafilatura": _trafilatura,
    "trafilatura precision": lambda: _trafilatura(favor_precision=True),
    "trafilatura recall": lambda: _trafilatura(favor_recall=True),
    "readability-lxml": _readability,
    "jusText": _justext,
    "tag stripper (stdlib, before)": _stdlib,
    "summarize.read (final)": _pipeline,
}


# --- the measures --------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    from summarize.segment import segment

    seg = segment(text)
    return [_squash(text[s.start : s.end]) for s in seg.sentences if text[s.start : s.end].strip()]


@dataclass
class Score:
    content: int = 0
    furniture: int = 0
    body: int = 0
    body_kept: int = 0
    chosen: int = 0
    outside: int = 0
    seconds: float = 0.0
    pages: int = 0

    def row(self, name: str) -> str:
        def share(part: int, whole: int) -> str:
            return f"{100 * part / whole:.1f}%" if whole else "–"

        outside = share(self.outside, self.chosen) if self.chosen else "–"
        per_page = 1000 * self.seconds / self.pages if self.pages else 0.0
        return (
            f"| {name} | {self.pages} | {share(self.furniture, self.content)} "
            f"| {share(self.body_kept, self.body)} | {outside} | {per_page:.1f} |"
        )


def measure(
    extract: Callable[[str], str], items: list[tuple[Article, str, str]], summarize_too: bool
) -> Score:
    from summarize import summarize

    score = Score()
    for article, _layout, page in items:
        started = time.perf_counter()
        text = extract(page)
        score.seconds += time.perf_counter() - started
        score.pages += 1
        haystack = article.haystack
        extracted = _squash(text)
        for sentence in _sentences(text):
            score.content += 1
            score.furniture += sentence not in haystack
        for paragraph in (article.sapo, *article.body):
            for sentence in _sentences(paragraph):
                score.body += 1
                score.body_kept += sentence in extracted
        if summarize_too:
            summary = summarize(text, sentences=SUMMARY_SENTENCES, tokenizer="syllable")
            for chosen in summary.sentences:
                score.chosen += 1
                score.outside += _squash(chosen.text) not in haystack
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="VietNews JSONL (val.jsonl)")
    parser.add_argument("--limit", type=int, default=60, help="articles (pages) to build")
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--candidates", help="comma-separated names (default: all)")
    parser.add_argument(
        "--by-layout", action="store_true", help="a row per layout too, after each total"
    )
    args = parser.parse_args(argv)
    items = list(pages(load_articles(args.data, args.limit, args.offset), args.seed))
    names = args.candidates.split(",") if args.candidates else list(CANDIDATES)
    print(
        f"{len(items)} pages ({', '.join(LAYOUTS)} in turn), {SUMMARY_SENTENCES} summary "
        "sentences per page (syllable tokenizer)\n"
    )
    print("| extractor | pages | furniture | body kept | summary outside | ms/page |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in names:
        try:
            extract = CANDIDATES[name]()
        except ImportError as exc:
            print(f"| {name} | – | not installed ({exc.name}) | | | |")
            continue
        print(measure(extract, items, summarize_too=True).row(name), flush=True)
        if args.by_layout:
            for layout in LAYOUTS:
                some = [item for item in items if item[1] == layout]
                print(measure(extract, some, summarize_too=True).row(f"{name}: {layout}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
