"""``blog review-copy``: a copy of the built site that opens from disk, for the
reviewers of a pull request (``make review-copy``, after ``make build``).

The pull request check uploads it as the artifact ``review-copy``: a reviewer
downloads it, unzips it and double-clicks ``index.html``. The published site's
folder addresses (``miracle/``) would open folder listings from disk; in the
copy, links name ``miracle/index.html`` (``html/file_links.py``).

Why a copy of the built site rather than a second build with
``use_directory_urls: false`` (what Material's ``offline`` plugin does):

* the reviewer sees the pages that will be published, not pages of another
  build: the copy differs from ``site/`` only in its addresses, and ``site/``
  itself is not touched (it is what the check builds, link-checks and would
  publish);
* the addresses meant for the world stay the published ones: canonical links,
  link previews, share links, the feed and the sitemap (a second build would
  give them ``miracle.html`` addresses the published site does not have);
* it costs a copy and one parse of each page, not another build;
* the Content-Security-Policy of each page stays as published: its scripts are
  unchanged, so their hashes still hold, and ``'self'`` allows the site's own
  files from disk in Chromium. Material's offline plugin would also load a
  script from unpkg.com for search, which that policy refuses; search works
  here with ``file-search.js`` instead, from the copy itself.

``site/`` stays as it was; the copy is written to a fresh folder that replaces
the old copy only when it is complete.

Replacing a folder deletes what it held, so the command replaces only an earlier
copy: a folder holding the file ``.review-copy`` that every copy carries, an
empty folder, or none. It refuses, touching nothing, any other folder or file,
and the folders a copy must never be, even marked or empty: the project's own
(the current folder, and the one holding the site), ``docs/`` and
``overrides/`` and anything in them (the next build would publish a copy
there), and ``site/``, anything in it or holding it.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import shutil
import sys
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path

from blog_extras.authoring.built_site import served_prefix, site_address
from blog_extras.authoring.safe_build import replace_folder
from blog_extras.content.paths import stays_below
from blog_extras.html.file_links import INDEX, IsFolder, file_page, file_search_index

# Material's search index, and the script its bundle loads instead of it when the
# page is opened from disk (what Material's offline plugin writes: `var __index`).
SEARCH_INDEX = "search/search_index.json"
SEARCH_SCRIPT = "search/search_index.js"
# The review copy's own script, for search from disk (never in the published site).
SEARCH_SHIM = "assets/javascripts/review-copy-search.js"
# The file that marks a folder as a review copy, which the next copy may replace.
# Hidden, so the workflow's upload (actions/upload-artifact) leaves it out.
MARKER = ".review-copy"
MARKER_TEXT = "Written by 'blog review-copy': the next review copy replaces this folder whole.\n"
# The project's folders of sources, relative to the project.
SOURCE_FOLDERS = ("docs", "overrides")


def folder_test(site: Path) -> IsFolder:
    @cache
    def is_folder(target: str) -> bool:
        return stays_below(target or ".") and (site / target / INDEX).is_file()

    return is_folder


def page_dir(relative: str) -> str:
    """The folder of a file below the site, "" for the root."""
    return posixpath.dirname(relative)


def write_review_copy(site: Path, copy: Path) -> int:
    """Copy ``site`` to the new folder ``copy`` with every page's addresses working
    from disk; returns the number of pages whose addresses changed."""
    is_folder = folder_test(site)
    prefix = served_prefix(site_address(site))
    search = (site / SEARCH_INDEX).is_file()
    changed = 0
    for folder, _dirs, names in os.walk(site):
        here = Path(folder)
        below = here.relative_to(site)
        (copy / below).mkdir(parents=True, exist_ok=True)
        for name in names:
            source, target = here / name, copy / below / name
            if not name.endswith(".html"):
                shutil.copy2(source, target)
                continue
            relative = (below / name).as_posix()
            folder_of = page_dir(relative)
            shim = posixpath.relpath(SEARCH_SHIM, folder_of or ".") if search else None
            html = file_page(source.read_text(encoding="utf-8"), folder_of, prefix, is_folder, shim)
            if html is None:
                shutil.copy2(source, target)
            else:
                target.write_text(html, encoding="utf-8")
                changed += 1
    (copy / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    if search:
        index = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
        script = "var __index = " + json.dumps(file_search_index(index, is_folder))
        (copy / SEARCH_SCRIPT).write_text(script, encoding="utf-8")
        shim_source = files("blog_extras.authoring").joinpath("file-search.js")
        (copy / SEARCH_SHIM).parent.mkdir(parents=True, exist_ok=True)
        (copy / SEARCH_SHIM).write_text(shim_source.read_text(encoding="utf-8"), encoding="utf-8")
    return changed


_ELSEWHERE = "remove it yourself, or name another folder"


def destination_problem(site: Path, destination: Path) -> str | None:
    """Why the review copy of ``site`` must not replace ``destination``, or None."""
    built, target = site.resolve(), destination.resolve()
    if target.is_relative_to(built) or target in built.parents:
        return f"it is {site}/, or holds it, or lies in it"
    for project in {Path.cwd().resolve(), built.parent}:
        if target == project:
            return "it is the project's folder"
        for name in SOURCE_FOLDERS:
            if target.is_relative_to(project / name):
                return f"it is {name}/ or lies in it, and {name}/ holds the blog's sources"
    if target.is_dir():
        if (target / MARKER).is_file() or not any(target.iterdir()):
            return None
        return f"it holds files and no {MARKER} file, so it is no review copy; {_ELSEWHERE}"
    if target.exists() or destination.is_symlink():
        return f"it is a file, not a folder; {_ELSEWHERE}"
    return None


def review_copy(site: Path, destination: Path) -> int:
    """Make ``destination`` the review copy of ``site``; exit status."""
    if not (site / INDEX).is_file():
        print(f"error: {site} holds no built site; run 'make build' first", file=sys.stderr)
        return 1
    problem = destination_problem(site, destination)
    if problem:
        print(f"error: {destination} cannot be the review copy: {problem}", file=sys.stderr)
        return 1
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{destination.name}-new-", dir=destination.parent))
    try:
        fresh.chmod(0o755)
        changed = write_review_copy(site, fresh)
        replace_folder(fresh, destination)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
    print(
        f"Review copy of {site}/ in {destination.name}/ ({changed} pages with addresses "
        f"for opening from disk): open {destination.name}/index.html"
    )
    _tell_reviewers(destination.name)
    return 0


def reviewer_note(artifact: str) -> str:
    """How a reviewer opens the copy, for the summary of the workflow's run (the page
    where its artifacts are downloaded). The workflow uploads the copy under the
    name of its folder."""
    return (
        "### See the blog as this pull request would publish it\n\n"
        f"Download **{artifact}** under *Artifacts* below and unzip it (on Windows: "
        "right-click the file, *Extract All*). In the unzipped folder, double-click "
        "`index.html`: it opens in your browser, and every link works from there.\n"
    )


def _tell_reviewers(artifact: str) -> None:
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") != "true" or not summary:
        return
    try:
        with open(summary, "a", encoding="utf-8") as file:
            file.write(reviewer_note(artifact))
    except OSError as error:  # the note is a courtesy; the copy is made
        print(f"note: could not write the run's summary ({error})", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Copy the built site into a folder whose index.html opens from disk."
    )
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"), help="the built site")
    parser.add_argument(
        "destination", type=Path, nargs="?", default=Path("review-copy"), help="the copy to write"
    )
    args = parser.parse_args(argv)
    return review_copy(args.site, args.destination)


if __name__ == "__main__":
    sys.exit(main())
