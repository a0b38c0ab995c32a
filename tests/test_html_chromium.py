"""The HTML page in a real browser: Debian's headless Chromium renders the seed-like example.

From the DOM Chromium dumps we check that the highlighted sentences are exactly the chosen ones
(same indices, same text) and that the page refers to nothing outside itself; Chromium runs with
every request sent to a recording proxy on 127.0.0.1 and every host name unresolvable, so the
page cannot reach the network, and the proxy shows whether it tried. A screenshot shows the
inline style sheet was applied (the highlight colour is on screen).

Skipped only when no Chromium is installed and the ``CI`` variable is unset; in CI a missing
browser fails the test (``.ci/run`` installs Debian's ``chromium``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from _dom import external_references, read
from _optional import require

from summarize import summarize
from summarize.renderers import render

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bao-cao-so-ket.txt"
# Chromium's own background calls (component updates, sign-in), made whatever the page is;
# the page's requests would name other hosts.
BROWSER_SERVICES = ("update.googleapis.com", "accounts.google.com", "clients2.google.com")


@pytest.fixture(scope="module")
def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    message = "no chromium binary (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must run the browser test")
    pytest.skip(message)


class RecordingProxy:
    """A proxy on 127.0.0.1 that answers nothing and writes down the host of every request."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self.requests: list[str] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._server.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(5)
                try:
                    head = connection.recv(4096).decode("latin-1")
                except OSError:
                    continue
                self.requests.append(head.split("\r\n", 1)[0])

    def hosts(self) -> set[str]:
        """Hosts asked for, by ``GET http://host/...`` or ``CONNECT host:443``."""
        found = set()
        for line in self.requests:
            parts = line.split()
            if len(parts) >= 2:
                target = parts[1].split("://", 1)[-1]
                found.add(target.split("/", 1)[0].rsplit(":", 1)[0])
        return found

    def close(self) -> None:
        self._server.close()


@pytest.fixture
def proxy() -> Iterator[RecordingProxy]:
    recorder = RecordingProxy()
    yield recorder
    recorder.close()


def run_chromium(
    binary: str, page: Path, proxy: RecordingProxy, profile: Path, *action: str
) -> subprocess.CompletedProcess[str]:
    """Headless Chromium on ``page`` with the network cut off; ``action`` is --dump-dom or
    --screenshot=PATH."""
    argv = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        f"--proxy-server=http://127.0.0.1:{proxy.port}",
        "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--hide-scrollbars",
        "--window-size=1000,1400",
        *action,
        page.as_uri(),
    ]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def page_requests(proxy: RecordingProxy) -> set[str]:
    return {host for host in proxy.hosts() if host not in BROWSER_SERVICES}


def test_the_highlighted_sentences_are_exactly_the_chosen_ones(chromium, proxy, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    summary = summarize(text)
    assert summary.sentences and summary.sections
    page = tmp_path / "summary.html"
    page.write_text(render(summary, "html", text=text), encoding="utf-8")
    dom = read(run_chromium(chromium, page, proxy, tmp_path / "profile", "--dump-dom").stdout)

    highlighted = [(span.index, span.text) for span in dom.spans if span.chosen]
    assert highlighted == [(s.index, s.text) for s in summary.sentences]
    assert [(span.index, span.text) for span in dom.spans] == [
        (s.index, s.text) for s in summary.all_sentences
    ]
    for span, sentence in zip(dom.spans, summary.all_sentences, strict=True):
        classes = span.attributes["class"].split()
        assert ("chosen" in classes) == (sentence in summary.sentences)
        assert span.attributes["data-section"] == (sentence.section or "")
        assert ("noise" in classes) == (sentence.noise is not None)
    # the whole document is there, paragraph by paragraph
    shown = "\n\n".join(dom.paragraphs)
    assert "".join(shown.split()) == "".join(text.split())
    assert len(dom.paragraphs) == len([p for p in text.split("\n\n") if p.strip()])

    assert external_references(dom) == []
    assert [tag for tag, _ in dom.tags if tag == "script"] == []
    assert page_requests(proxy) == set()


def test_the_proxy_would_have_seen_an_outside_load(chromium, proxy, tmp_path):
    """The harness itself: a page that does load from outside is caught."""
    page = tmp_path / "leaky.html"
    page.write_text(
        '<!DOCTYPE html><link rel="stylesheet" href="http://styles.example/x.css">'
        '<img src="https://images.example/a.png"><p>x</p>',
        encoding="utf-8",
    )
    run_chromium(chromium, page, proxy, tmp_path / "profile", "--dump-dom")
    assert page_requests(proxy) == {"styles.example", "images.example"}


def test_markup_in_the_input_stays_text_in_the_browser(chromium, proxy, tmp_path):
    text = (
        "Hội nghị sơ kết <script>document.title='pwned'</script> công tác.\n\n"
        'Huyện đã hoàn thành <img src="http://evil.example/x.png" onerror="alert(1)"> 12 km '
        "đường giao thông nông thôn. Tuy nhiên, việc huy động vốn còn hạn chế."
    )
    summary = summarize(text, tokenizer="syllable")
    page = tmp_path / "markup.html"
    page.write_text(render(summary, "html", text=text), encoding="utf-8")
    dom = read(run_chromium(chromium, page, proxy, tmp_path / "profile", "--dump-dom").stdout)
    assert [tag for tag, _ in dom.tags if tag in ("script", "img")] == []
    assert "<script>document.title='pwned'</script>" in dom.text
    assert [span.text for span in dom.spans] == [s.text for s in summary.all_sentences]
    assert page_requests(proxy) == set()


def test_the_screenshot_shows_the_highlight_and_the_section_colours(chromium, proxy, tmp_path):
    image_module = require("PIL.Image")  # Pillow, with matplotlib (the `bench` extra)
    text = EXAMPLE.read_text(encoding="utf-8")
    page = tmp_path / "summary.html"
    page.write_text(render(summarize(text), "html", text=text), encoding="utf-8")
    shot = tmp_path / "shot.png"
    run_chromium(chromium, page, proxy, tmp_path / "profile", f"--screenshot={shot}")
    with image_module.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours
    present = {colour for _, colour in colours}
    # the chosen-sentence highlight and the results and limitations colours of the style sheet
    for rgb in ((0xFF, 0xE9, 0x7A), (0x00, 0x74, 0x5A), (0xA6, 0x42, 0x00)):
        assert rgb in present, f"#{bytes(rgb).hex()} not on screen: the style sheet did not apply"
    assert page_requests(proxy) == set()
