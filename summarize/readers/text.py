"""Plain text: decoded, kept as it is (offsets index it unchanged), one block per line."""

from __future__ import annotations

from .document import PARAGRAPH, Block, Document, ReadError

UTF8 = ("utf-8", "utf8")


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """``data`` as text: ``encoding`` if given, else UTF-8 (a BOM is dropped; UTF-16 is
    recognised by its BOM). Undecodable bytes raise :class:`ReadError` naming the byte offset."""
    codec = encoding or "utf-8"
    if encoding is None and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        codec = "utf-16"
    if codec.lower().replace("_", "-") in UTF8:
        codec = "utf-8-sig"
    try:
        return data.decode(codec)
    except LookupError:
        raise ReadError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        # utf-8-sig counts from after the BOM it strips; the offset names a byte of the input.
        offset = exc.start + (3 if codec == "utf-8-sig" and data[:3] == b"\xef\xbb\xbf" else 0)
        raise ReadError(
            f"{source}: not valid {encoding or 'utf-8'} at byte offset {offset}; "
            "name the right encoding (--encoding)"
        ) from None


def read_text(text: str, source: str) -> Document:
    """``text`` unchanged (so offsets index exactly what was read), a block per non-blank line."""
    blocks: list[Block] = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        end = start + len(line)
        if line.strip():
            blocks.append(Block(start, end, PARAGRAPH, f"line {number}"))
        start = end + 1
    return Document(text, None, "text", source, tuple(blocks))
