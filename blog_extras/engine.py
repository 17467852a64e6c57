"""Which engine runs the build: MkDocs 1.6, or ProperDocs, its continuation, which
answers ``import mkdocs...`` with its own modules. Their loggers are named after
the engine ("mkdocs", "properdocs"), so a logger is found by its module, never by
a name written here. Also what the engine holds while it converts a page's
Markdown: the page, and the site's files its images name."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.commands import build as build_module

from blog_extras.content.paths import image_path_below_docs


def name() -> str:
    """The running engine's package: "mkdocs" or "properdocs"."""
    return build_module.__name__.partition(".")[0]


def logger(suffix: str = "") -> logging.Logger:
    """The engine's logger (its strict-mode counter sits there), or the one of its
    module ``suffix`` ("commands.build")."""
    return logging.getLogger(f"{name()}.{suffix}" if suffix else name())


def quiet() -> None:
    """Only errors from the engine: for the command-line tools, which load mkdocs.yml
    and print their own findings."""
    logger().setLevel(logging.ERROR)


def markdown_source(md: Any) -> tuple[Any, Any] | None:
    """The file a Markdown conversion is for, and the site's files: MkDocs' link
    processor ("relpath", which Material's excerpts register too) holds both."""
    if "relpath" not in md.treeprocessors:
        return None
    relpath = md.treeprocessors["relpath"]
    return relpath.file, relpath.files  # Internals: MkDocs' _RelativePathTreeprocessor


def site_image_file(md: Any, src: str) -> Path | None:
    """The file of the site that an image of the Markdown being converted shows:
    ``src`` as written, relative to the page's Markdown file. None for another
    site's picture or a missing file, and for a ``src`` starting with ``/``, which
    MkDocs leaves as written: the file it shows depends on where the site is served."""
    source = markdown_source(md)
    if source is None or src.startswith("/"):
        return None
    page, files = source
    path = image_path_below_docs(src, page.src_uri)
    found = files.get_file_from_path(path) if path is not None else None
    return Path(found.abs_src_path) if found is not None and found.abs_src_path else None


def rebuild_every_page(files: Any) -> None:
    """In a dirty build (`mkdocs serve --dirty`), MkDocs reads and writes a page
    only when its ``File.is_modified()`` says so; make every page say so, as a
    full build would have it. Every page, whatever its inclusion (Material keeps
    its views out of the navigation for a while); other files keep MkDocs' own
    answer."""
    for file in files:
        if file.is_documentation_page():
            file.is_modified = _modified  # Internals: MkDocs 1.6 asks this in dirty builds


def _modified() -> bool:
    return True
