"""Which engine runs the build: MkDocs 1.6, or ProperDocs, its continuation, which
answers ``import mkdocs...`` with its own modules. Their loggers are named after
the engine ("mkdocs", "properdocs"), so a logger is found by its module, never by
a name written here."""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.commands import build as build_module


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
