"""Images in posts load lazily and keep their place while loading.

Each ``<img>`` the Markdown produced gets ``loading="lazy"``, ``decoding="async"``
and, when the picture is a file of the site in a format read here (PNG, GIF,
JPEG, WebP), its ``width`` and ``height``, so the browser reserves its space and
the text does not jump when it arrives. The sizes come from the files' headers;
nothing is decoded.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path

_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\bsrc="([^"]*)"')


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP file, or None."""
    try:
        with path.open("rb") as stream:
            head = stream.read(64 * 1024)
    except OSError:
        return None
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", head[6:10])
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp_size(head)
    if head[:2] == b"\xff\xd8":
        return _jpeg_size(head)
    return None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 < len(head):
        if head[at] != 0xFF:
            return None
        marker = head[at + 1]
        length = struct.unpack(">H", head[at + 2 : at + 4])[0]
        # Start-of-frame markers hold the size; C4, C8 and CC are other tables.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", head[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def lazy_images(html: str, locate: Callable[[str], Path | None]) -> str:
    """``html`` with every image lazy, and sized when ``locate(src)`` finds its file."""

    def rewrite(match: re.Match[str]) -> str:
        tag = match[0]
        closing = "/>" if tag.endswith("/>") else ">"
        body = tag[: -len(closing)].rstrip()
        extra = []
        if " loading=" not in body:
            extra.append('loading="lazy"')
        if " decoding=" not in body:
            extra.append('decoding="async"')
        src = _SRC.search(body)
        if src and " width=" not in body and " height=" not in body:
            path = locate(src[1])
            size = image_size(path) if path else None
            if size:
                extra.append(f'width="{size[0]}" height="{size[1]}"')
        return " ".join([body, *extra]) + (" />" if closing == "/>" else ">")

    return _IMG.sub(rewrite, html)
