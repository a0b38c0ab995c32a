"""Safety: no network at run time, nothing unpickled or evaluated, package data read-only."""

from __future__ import annotations

import ast
import io
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from _optional import available

import summarize
from summarize import Summarizer
from summarize.cli import main

PACKAGE = Path(summarize.__file__).resolve().parent
PROSE = (
    "Sáng nay, Ủy ban nhân dân huyện tổ chức hội nghị tổng kết công tác năm. "
    "Các đại biểu đã thảo luận về kế hoạch phát triển kinh tế địa phương. "
    "Tuy nhiên, việc giải ngân vốn đầu tư công vẫn còn chậm so với yêu cầu."
)
# Modules that deserialise code, reach the network or run programs: none belongs in the package.
FORBIDDEN_MODULES = {
    "pickle", "_pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle", "joblib",
    "socket", "ssl", "urllib", "http", "requests", "httpx", "ftplib", "smtplib", "xmlrpc",
    "subprocess", "ctypes", "yaml",
}  # fmt: skip
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint", "input"}
FORBIDDEN_ATTRIBUTES = {"system", "popen", "execv", "execve", "execvp", "spawnv", "startfile"}


def _forbid(*args: object, **kwargs: object) -> None:
    raise OSError("network access is forbidden in this test")


class _NoSocket(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        _forbid()


def test_summarizing_opens_no_socket(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(socket, "socket", _NoSocket)
    monkeypatch.setattr(socket, "create_connection", _forbid)
    monkeypatch.setattr(socket, "getaddrinfo", _forbid)
    html = [{"html": True}] if available("trafilatura") else []
    for options in ({}, {"tokenizer": "syllable"}, *html):
        assert Summarizer(**options).summarize(PROSE).sentences
    path = tmp_path / "vb.txt"
    path.write_text(PROSE, encoding="utf-8")
    out = io.StringIO()
    assert main([str(path)], stdout=out, stderr=io.StringIO()) == 0 and out.getvalue()


# A fresh interpreter: sockets forbidden and network events watched *before* `import summarize`,
# so the first import of underthesea, scikit-learn and the models happens under the ban.
FRESH = textwrap.dedent(
    """
    import io, os, socket, sys, tempfile

    NETWORK = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto",
               "socket.sendmsg", "urllib.Request", "http.client.connect", "ftplib.connect"}
    seen, writes = [], []

    def watch(event, args):
        if event in NETWORK:
            seen.append(event)
        elif event == "open" and isinstance(args[0], str):
            mode, flags = args[1], args[2] or 0
            writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC)
            if (mode and any(c in mode for c in "wax+")) or writing:
                writes.append(args[0])

    def forbid(*args, **kwargs):
        raise OSError("network access is forbidden in this test")

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            forbid()

    socket.socket, socket.create_connection, socket.getaddrinfo = NoSocket, forbid, forbid
    sys.addaudithook(watch)

    import summarize
    from summarize.cli import main

    package = os.path.dirname(summarize.__file__)
    text = sys.argv[1]
    assert summarize.summarize(text).sentences
    assert summarize.summarize(text, tokenizer="syllable").sentences
    if sys.argv[2] == "html":  # the HTML extra is installed
        assert summarize.summarize("<p>" + text + "</p>", html=True).source_text
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "vb.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        writes.clear()  # the test's own file
        out = io.StringIO()
        assert main([path, "--format", "json"], stdout=out, stderr=io.StringIO()) == 0
    assert not seen, seen
    inside = [path for path in writes if os.path.abspath(path).startswith(package)]
    assert not inside, inside
    print("ok", len(writes))
    """
)


def test_fresh_import_and_summary_need_no_network() -> None:
    done = subprocess.run(
        [sys.executable, "-B", "-c", FRESH, PROSE, "html" if available("trafilatura") else "-"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok")


# The one module that may reach the network, and what it may import for it: the URL reader,
# used only when the caller passes a URL (summarize.read, summarize_source, the CLI).
NETWORK_ALLOWED = {"readers/url.py": {"socket", "urllib"}}


def _package_sources() -> list[Path]:
    sources = sorted(PACKAGE.rglob("*.py"))  # subpackages too: readers/, renderers/
    assert len(sources) > 10
    return sources


@pytest.mark.parametrize(
    "path", _package_sources(), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_no_pickle_eval_exec_network_or_subprocess_in_the_package(path: Path) -> None:
    allowed = NETWORK_ALLOWED.get(path.relative_to(PACKAGE).as_posix(), set())
    forbidden = FORBIDDEN_MODULES - allowed
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        for name in names:
            assert name.split(".")[0] not in forbidden, f"{path.name} imports {name}"
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, f"{path.name} calls {node.func.id}"
            if isinstance(node.func, ast.Attribute):
                attribute = node.func.attr
                assert attribute not in FORBIDDEN_ATTRIBUTES, f"{path.name} calls .{attribute}"


def test_package_data_is_read_through_importlib_resources() -> None:
    """Every "data/..." path in the package is a ``resources.files("summarize").joinpath``
    argument (a read-only resource, wherever the package is installed), never ``open``'s."""
    reads = 0
    for path in _package_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            literals = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if not any(isinstance(v, str) and v.startswith("data/") for v in literals):
                continue
            assert isinstance(node.func, ast.Attribute) and node.func.attr == "joinpath"
            receiver = node.func.value
            assert isinstance(receiver, ast.Call), path.name
            assert ast.unparse(receiver.func) == "resources.files", path.name
            reads += 1
    assert reads >= 2  # the stop words and the section cues
