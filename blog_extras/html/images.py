"""Images in posts load lazily and keep their place while loading.

A Markdown tree processor gives each ``<img>`` ``loading="lazy"``,
``decoding="async"`` and, when the picture is a file of the site, its ``width``
and ``height``, read by ``imagesize`` from the file's header (nothing is
decoded), so the browser reserves its space and the text does not jump when
it arrives. It runs wherever Markdown is converted: post pages, other pages,
and the excerpts on the blog's listing pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import imagesize
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from selectolax.lexbor import LexborHTMLParser

# Finds the file an image's src names, for the document being converted; None
# when it is not a file of the site (another site, a missing file).
Locate = Callable[[Markdown, str], Path | None]


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height of an image file, or None when unknown."""
    try:
        width, height = imagesize.get(path)
    except (OSError, ValueError):
        return None
    return (width, height) if width > 0 and height > 0 else None


class _SizeImages(Treeprocessor):
    def __init__(self, md: Markdown, locate: Locate) -> None:
        super().__init__(md)
        self._locate = locate

    def run(self, root: Element) -> None:
        for image in root.iter("img"):
            image.attrib.setdefault("loading", "lazy")
            image.attrib.setdefault("decoding", "async")
            src = image.get("src")
            if not src or "width" in image.attrib or "height" in image.attrib:
                continue
            path = self._locate(self.md, src)
            size = image_size(path) if path else None
            if size:
                image.set("width", str(size[0]))
                image.set("height", str(size[1]))


class LazyImages(Extension):
    """The Markdown extension that sizes images (``locate`` finds their files)."""

    def __init__(self, locate: Locate, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._locate = locate

    def extendMarkdown(self, md: Markdown) -> None:
        # Before MkDocs rewrites the addresses (its "relpath" processor, priority
        # 0), while src is still the path written in the Markdown.
        md.treeprocessors.register(_SizeImages(md, self._locate), "blog_lazy_images", 5)


def first_image(html: str) -> str | None:
    """The src of the first image in ``html``, for link previews; None without one."""
    if "<img" not in html:
        return None
    image = LexborHTMLParser(html).css_first("img[src]")
    return image.attributes.get("src") if image is not None else None
