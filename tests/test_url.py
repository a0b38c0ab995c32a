"""URLs, against a local http.server on 127.0.0.1 that the test starts (never the internet)."""

from __future__ import annotations

import gzip
import io
import threading
import time
import unicodedata
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from _documents import TITLE, report_docx, report_pdf
from _optional import require
from test_readers_html import BODY, SAPO, news_page, to_cp1258

from summarize import read, summarize_source
from summarize.cli import main
from summarize.readers import UrlError

require("trafilatura")

PAGE = news_page()
SMALL = f"<html><head><title>Tin</title></head><body><p>{BODY[0]}</p></body></html>"


def _routes() -> dict[str, tuple[int, dict[str, str], bytes]]:
    meta_1258 = SMALL.replace("<head>", "<head><meta charset='windows-1258'>")
    return {
        "/bai-viet": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode()),
        "/chuyen": (302, {"Location": "/bai-viet"}, b""),
        "/chuyen-2": (301, {"Location": "/chuyen"}, b""),
        "/vong": (302, {"Location": "/vong"}, b""),
        "/sang-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/meta-1258": (200, {"Content-Type": "text/html"}, to_cp1258(meta_1258)),
        "/header-utf16": (
            200, {"Content-Type": "text/html; charset=utf-16"}, SMALL.encode("utf-16")
        ),
        # The header names the charset; a wrong <meta> does not override it.
        "/header-over-meta": (
            200,
            {"Content-Type": "text/html; charset=windows-1258"},
            to_cp1258(SMALL.replace("<head>", "<head><meta charset='utf-8'>")),
        ),
        "/lon": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000 + b"</p>"),
        "/nen": (
            200,
            {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
            gzip.compress(PAGE.encode()),
        ),
        "/bom-nen": (  # 10 MB of spaces in a few kilobytes
            200, {"Content-Type": "text/html", "Content-Encoding": "gzip"},
            gzip.compress(b" " * 10_000_000),
        ),
        "/bao-cao.pdf": (200, {"Content-Type": "application/pdf"}, report_pdf()),
        "/bao-cao": (200, {"Content-Type": "application/octet-stream"}, report_docx()),
        "/ghi-chu": (200, {"Content-Type": "text/plain; charset=utf-8"}, BODY[1].encode()),
    }


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/cham":
            time.sleep(2)
        if self.path == "/nho-giot":  # a body that trickles: each read is quick, the whole slow
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"<p>x</p>")
                self.wfile.flush()
                time.sleep(0.1)
            return
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that stops reading (a size limit, a timeout) is what the tests do


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _Handler.routes = _routes()
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_page_is_fetched_and_read_as_html(server: str) -> None:
    document = read(f"{server}/bai-viet")
    assert (document.kind, document.source) == ("url", f"{server}/bai-viet")
    assert document.title == "Khánh thành cầu mới qua sông Lam"
    assert SAPO in document.text and "Chưa có bình luận" not in document.text


def test_offsets_index_the_converted_text(server: str) -> None:
    summary = summarize_source(f"{server}/bai-viet", ratio=1.0, tokenizer="syllable")
    assert summary.source_text == read(f"{server}/bai-viet").text
    for sentence in summary.all_sentences:
        assert summary.source_text[sentence.start : sentence.end] == sentence.text


def test_redirects_are_followed_up_to_the_limit(server: str) -> None:
    document = read(f"{server}/chuyen-2")
    assert document.source == f"{server}/bai-viet" and SAPO in document.text
    with pytest.raises(UrlError, match="more than 1 redirects"):
        read(f"{server}/chuyen-2", max_redirects=1)
    with pytest.raises(UrlError, match=r"/vong: more than 5 redirects"):
        read(f"{server}/vong")


def test_only_http_and_https(server: str) -> None:
    for url in ("ftp://127.0.0.1/a.txt", "file:///etc/passwd", "javascript://x"):
        with pytest.raises(UrlError, match="only http and https URLs are read") as info:
            read(url)
        assert str(info.value).startswith(url)
    with pytest.raises(UrlError, match="only http and https"):
        read(f"{server}/sang-file")  # nor through a redirect


def test_size_limit_timeout_and_http_errors(server: str) -> None:
    with pytest.raises(UrlError, match="larger than the limit of 1,000 bytes"):
        read(f"{server}/lon", max_bytes=1000)
    started = time.monotonic()
    with pytest.raises(UrlError, match=r"/cham: timed out after 0.5 s"):
        read(f"{server}/cham", timeout=0.5)
    with pytest.raises(UrlError, match="timed out after 1 s"):
        read(f"{server}/nho-giot", timeout=1)
    assert time.monotonic() - started < 10
    with pytest.raises(UrlError, match=r"/khong-co: HTTP 404 Not Found") as info:
        read(f"{server}/khong-co")
    assert isinstance(info.value, ValueError) and "\n" not in str(info.value)
    with pytest.raises(UrlError, match=r"127\.0\.0\.1:9/"):
        read("http://127.0.0.1:9/", timeout=2)  # nothing listens on the discard port


def test_a_compressed_body_is_decompressed_within_the_size_limit(server: str) -> None:
    assert SAPO in read(f"{server}/nen").text
    with pytest.raises(UrlError, match="once decompressed"):
        read(f"{server}/bom-nen", max_bytes=1_000_000)


def test_charset_from_the_header_or_the_meta(server: str) -> None:
    for path in ("/meta-1258", "/header-utf16", "/header-over-meta"):
        document = read(f"{server}{path}")
        assert unicodedata.normalize("NFC", BODY[0]) in document.text, path


def test_other_content_types(server: str) -> None:
    assert read(f"{server}/bao-cao.pdf").title is None
    assert "II. Hạn chế, tồn tại" in read(f"{server}/bao-cao.pdf").text
    docx = read(f"{server}/bao-cao")  # sniffed: a ZIP is a .docx
    assert docx.kind == "url" and docx.title == TITLE
    assert read(f"{server}/ghi-chu").text == BODY[1]
    page = read(f"{server}/bai-viet", kind="text")  # the caller's kind wins over the header
    assert page.kind == "url" and page.text.startswith("<!DOCTYPE html>")


def test_the_cli_reads_a_url_and_fails_in_one_line(server: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main([f"{server}/bai-viet", "-n", "2", "--tokenizer", "syllable"], stdout=out) == 0
    assert out.getvalue().startswith("Khánh thành cầu mới qua sông Lam\n")
    out = io.StringIO()
    code = main([f"{server}/khong-co"], stdout=out, stderr=err)
    assert code == 2 and out.getvalue() == ""
    assert err.getvalue() == f"summarize: error: {server}/khong-co: HTTP 404 Not Found\n"
    err = io.StringIO()
    assert main([f"{server}/cham", "--timeout", "0.3"], stdout=out, stderr=err) == 2
    assert err.getvalue().count("\n") == 1 and "timed out" in err.getvalue()
