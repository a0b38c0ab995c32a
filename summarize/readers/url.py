"""Fetching a URL with the standard library (``urllib``), within limits.

Only ``http`` and ``https`` are fetched, redirects included (no ``file:``, ``ftp:``, ``data:``).
Redirects are followed here, one at a time, at most ``max_redirects``; the body is read in
chunks and refused beyond ``max_bytes`` (a gzip or deflate body too, once decompressed);
``timeout`` bounds every network operation and the whole download. Every failure is a
:class:`UrlError` whose message is one line naming the URL and the cause:
``https://x.vn/a: HTTP 404 Not Found``.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from typing import Any

from .document import UrlError

SCHEMES = ("http", "https")
CHUNK = 65_536
USER_AGENT = "summarize (+https://pypi.org/project/summarize/) Python-urllib"
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    body: bytes
    content_type: str  # "text/html", lowercased, without parameters; "" if absent
    charset: str | None  # from the Content-Type header


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand every redirect back to :func:`fetch`, which checks and counts it."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects())


def check_scheme(url: str) -> None:
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise UrlError(url, f"only http and https URLs are read, not {scheme or 'no scheme'}:")
    if not urllib.parse.urlsplit(url).hostname:
        raise UrlError(url, "no host name")


def fetch(url: str, *, timeout: float, max_bytes: int, max_redirects: int) -> Response:
    """GET ``url`` (see the module doc); raises :class:`UrlError`."""
    original = url
    deadline = time.monotonic() + timeout
    for _ in range(max_redirects + 1):
        check_scheme(url)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return _response(response, url, max_bytes, deadline, timeout)
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.code in _REDIRECTS else None
            exc.close()
            if location is None:
                raise UrlError(url, f"HTTP {exc.code} {exc.reason}") from None
            url = urllib.parse.urljoin(url, location)
        except urllib.error.URLError as exc:
            raise UrlError(url, _cause(exc.reason, timeout)) from None
        except TimeoutError:
            raise UrlError(url, f"timed out after {timeout:g} s") from None
        except (OSError, ValueError) as exc:  # a reset connection, a malformed URL
            raise UrlError(url, _cause(exc, timeout)) from None
    raise UrlError(original, f"more than {max_redirects} redirects (last to {url})")


def _response(response: Any, url: str, max_bytes: int, deadline: float, timeout: float) -> Response:
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise UrlError(url, f"larger than the limit of {max_bytes:,} bytes ({int(length):,})")
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise UrlError(url, f"timed out after {timeout:g} s")
        chunk = response.read(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise UrlError(url, f"larger than the limit of {max_bytes:,} bytes")
        chunks.append(chunk)
    body = b"".join(chunks)
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        body = _decompress(body, encoding, url, max_bytes)
    elif encoding != "identity":
        raise UrlError(url, f"unsupported Content-Encoding {encoding!r}")
    content_type = response.headers.get_content_type() if "Content-Type" in response.headers else ""
    charset = response.headers.get_content_charset()
    return Response(response.geturl() or url, body, content_type.lower(), charset)


def _decompress(body: bytes, encoding: str, url: str, max_bytes: int) -> bytes:
    """A gzip or deflate body, refused beyond ``max_bytes`` once decompressed (a small body can
    expand a thousandfold). We ask for none (no Accept-Encoding); some servers send it anyway."""
    wbits = 16 + zlib.MAX_WBITS if encoding != "deflate" else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        data = inflater.decompress(body, max_bytes + 1)
    except zlib.error:
        try:  # "deflate" is sent raw (without the zlib header) by some servers
            data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(body, max_bytes + 1)
        except zlib.error as exc:
            raise UrlError(url, f"corrupt {encoding} body ({exc})") from None
    if len(data) > max_bytes:
        raise UrlError(url, f"larger than the limit of {max_bytes:,} bytes once decompressed")
    return data


def _cause(reason: object, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower() if reason.strerror[0].isupper() else reason.strerror
    return " ".join(str(reason).split()) or type(reason).__name__
