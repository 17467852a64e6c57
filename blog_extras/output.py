"""The files the build adds to site/ beside MkDocs' pages (the feed, robots.txt,
the pages at old Wix addresses: ``content/site.py`` makes their text), written
only where their text changed."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from blog_extras.content.paths import site_file_problem


class OutsideSite(ValueError):
    """A file would be written outside the site's folder, or over one of its pages."""


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` (and its folder) unless the file holds it already;
    whether it was written.

    Under `make serve` (a dirty build) these files are there from the last build,
    and most are the same: rewriting a file costs far more than reading it
    (Linux's ext4 writes a file emptied and rewritten out to disk when it is
    closed)."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def write_site_files(site: Path, files: Mapping[str, str], taken: Collection[str] = ()) -> None:
    """Write ``files`` (their text by path below ``site``) where it changed. Raises
    :class:`OutsideSite`, before writing any, when a path leaves ``site`` or lands
    on one of ``taken`` (what MkDocs writes there): the post checks refuse the old
    addresses that would, so this is the last guard."""
    for path in files:
        problem = site_file_problem(path, taken)
        if problem:
            raise OutsideSite(f"{path}: cannot be written: {problem}; nothing written there")
    for path, text in files.items():
        write_if_changed(site / path, text)
