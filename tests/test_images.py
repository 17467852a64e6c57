"""Images in posts are lazy and sized, so the page does not jump while they load."""

from __future__ import annotations

import struct
import zlib
from datetime import date
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from markdown.treeprocessors import Treeprocessor
from mkdocs.structure.files import File, Files

from blog_extras import engine
from blog_extras.html.images import LazyImages, first_image, image_size
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


def jpeg(width: int, height: int, exif_bytes: int = 0) -> bytes:
    """A JPEG header: an optional APP1 (EXIF) segment of about ``exif_bytes``, in
    segments of at most 64 KB as the format allows, then the frame with the size."""
    segments = b""
    while exif_bytes > 0:
        size = min(exif_bytes, 65533)
        segments += b"\xff\xe1" + struct.pack(">H", size + 2) + b"Exif\x00\x00".ljust(size, b"\x01")
        exif_bytes -= size
    frame = b"\xff\xc0" + struct.pack(">HBHH", 17, 8, height, width) + b"\x03" + b"\x00" * 9
    return b"\xff\xd8" + segments + frame + b"\xff\xd9"


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


def test_a_phone_photo_with_70_kb_of_exif_data_gets_its_size(tmp_path: Path):
    (tmp_path / "phone.jpg").write_bytes(jpeg(4032, 3024, exif_bytes=70 * 1024))
    assert image_size(tmp_path / "phone.jpg") == (4032, 3024)


def convert(text: str, files: dict[str, Path]) -> str:
    located = LazyImages(lambda md, src: files.get(src))
    return markdown.markdown(text, extensions=[located])


def test_images_are_lazy_and_sized_by_the_markdown_tree_processor(tmp_path: Path):
    (tmp_path / "red.png").write_bytes(png(40, 30))
    html = convert(
        "![Red](red.png)\n\n![Far](https://example.org/a.png)\n\n"
        '<img data-src="red.png" src="missing.png" alt="raw">\n',
        {"red.png": tmp_path / "red.png"},
    )
    assert (
        '<img alt="Red" decoding="async" height="30" loading="lazy" src="red.png" width="40"'
        in html
    )
    assert '<img alt="Far" decoding="async" loading="lazy" src="https://example.org/a.png"' in html
    # Raw HTML in a post is the author's: left as written, never read as src.
    assert '<img data-src="red.png" src="missing.png" alt="raw">' in html


class PageBeingConverted(Treeprocessor):
    """Where MkDocs' link processor ("relpath") keeps the page being converted and
    the site's files, which is what engine.site_image_file reads of it."""

    def __init__(self, md: markdown.Markdown, file: File, files: Files) -> None:
        super().__init__(md)
        self.file, self.files = file, files

    def run(self, root: object) -> None:
        return None


def test_the_build_sizes_the_site_images_a_page_shows_by_their_path_from_the_page(
    tmp_path: Path,
):
    docs = tmp_path / "docs"
    (docs / "blog" / "posts" / "pics").mkdir(parents=True)
    (docs / "blog" / "posts" / "pics" / "red.png").write_bytes(png(40, 30))
    (docs / "top.png").write_bytes(png(8, 8))
    names = ["blog/posts/a.md", "blog/posts/pics/red.png", "top.png"]
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])
    md = markdown.Markdown(extensions=[LazyImages(engine.site_image_file)])
    md.treeprocessors.register(
        PageBeingConverted(md, files.src_uris[names[0]], files), "relpath", 0
    )
    html = md.convert(
        "![a](pics/red.png) ![b](./pics/../pics/red.png) ![c](/top.png) "
        "![d](pics/gone.png) ![e](https://example.org/pics/red.png)"
    )
    widths = {img["alt"]: img.get("width") for img in BeautifulSoup(html, "html.parser")("img")}
    # A src from the site's root is left as MkDocs leaves it: which file it shows
    # depends on where the site is served, so its size is not read.
    assert widths == {"a": "40", "b": "40", "c": None, "d": None, "e": None}


def test_the_first_image_of_a_page_is_found_by_its_src():
    assert first_image('<p><img data-src="a.png" src="b.png"><img src="c.png"></p>') == "b.png"
    assert first_image("<p>No picture, only <code>&lt;img src=x&gt;</code></p>") is None


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
