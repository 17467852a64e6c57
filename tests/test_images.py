"""Images in posts are lazy and sized, so the page does not jump while they load."""

from __future__ import annotations

import struct
import zlib
from datetime import date
from pathlib import Path

from blog_extras.html.images import image_size, lazy_images
from tests.conftest import BlogBuilder


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x10\x20\x30" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + (chunk(b"IEND", b""))
    )


def test_sizes_of_png_gif_and_jpeg(tmp_path: Path):
    (tmp_path / "a.png").write_bytes(png(40, 30))
    (tmp_path / "b.gif").write_bytes(b"GIF89a" + struct.pack("<HH", 12, 7) + b"\x00" * 10)
    jpeg = (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"\x00" * 14
            + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 480, 640) + b"\x00" * 12)  # fmt: skip
    (tmp_path / "c.jpg").write_bytes(jpeg)
    (tmp_path / "d.txt").write_text("not an image")
    assert image_size(tmp_path / "a.png") == (40, 30)
    assert image_size(tmp_path / "b.gif") == (12, 7)
    assert image_size(tmp_path / "c.jpg") == (640, 480)
    assert image_size(tmp_path / "d.txt") is None
    assert image_size(tmp_path / "missing.png") is None


def test_unknown_images_are_lazy_but_unsized():
    html = lazy_images('<p><img alt="x" src="https://example.org/a.png" /></p>', lambda src: None)
    assert (
        html
        == '<p><img alt="x" src="https://example.org/a.png" loading="lazy" decoding="async" /></p>'
    )


def test_post_images_are_lazy_and_sized_in_the_built_page(blog: BlogBuilder):
    site = blog(
        {
            "a.md": ({"title": "Pictures", "date": date(2021, 1, 1)},
                     "Text.\n\n![A red square](pictures/red.png)\n"),
            "b.md": ({"title": "Other", "date": date(2021, 1, 2)}, "Text.\n"),
        },
        files={"blog/posts/pictures/red.png": png(320, 200)},
    )  # fmt: skip
    image = site.soup("pictures").select_one("article img")
    assert image["alt"] == "A red square"
    assert (image["loading"], image["decoding"]) == ("lazy", "async")
    assert (image["width"], image["height"]) == ("320", "200")
    assert (site.root / "pictures" / image["src"]).resolve().is_file()
