"""What a file under ``docs/`` may be: what a blog needs, and nothing that runs.

MkDocs publishes every file of ``docs/`` that is not Markdown as it is, on the
blog's own address. A pull request or an import could add a script
(``evil.js``, which ``script-src 'self'`` trusts, so a post's
``<script src="evil.js">`` would run), or a page that brings its own scripts
and no policy (``x.html``; ``x.svg`` opened directly is such a page too). So
only these may be added, named explicitly:

* Markdown (``.md``), anywhere: the posts and pages, which the build turns into
  pages under the site's policy;
* pictures (``.jpg``, ``.jpeg``, ``.png``, ``.gif``, ``.webp``, ``.avif``),
  anywhere: a browser shows them, never runs them;
* the blog's look: stylesheets (``.css``) directly in ``docs/stylesheets/``, and
  SVG pictures (the favicon, the avatar) directly in ``docs/assets/``. An SVG
  can hold script that runs when it is opened on its own, so it is refused
  unless plainly a drawing (:func:`svg_problem`); kept to ``assets/``, where the
  blog's look lives, so that a post's folder holds no SVG at all;
* ``views.json`` (``make snapshot-views``), data a browser never runs.

Files and folders whose name starts with a dot (the authors file,
``blog/.authors.yml``) are not published (MkDocs leaves them out), so any is
allowed. Everything else is refused by ``make check``, and therefore the
build, with a message naming the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

MARKDOWN = ".md"
PICTURES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})
# Folder below docs/ -> the suffixes allowed directly in it, beside the above.
LOOK = {"stylesheets": frozenset({".css"}), "assets": frozenset({".svg"})}
DATA_FILES = frozenset({"views.json"})  # at the top of docs/

# What in an SVG can run script or bring in another document, when the SVG is
# opened on its own: script elements, event attributes (onload=), javascript:
# addresses, foreign HTML, embedded documents, and XML entities.
_SVG_ACTIVE = re.compile(
    r"<\s*(?:[\w-]+:)?(?:script|foreignobject|iframe|embed|object|handler|listener)\b"
    r"|\son[a-z]+\s*="
    r"|javascript\s*:"
    r"|<!\s*(?:doctype|entity)"
    # A link or use of anything but a part of the drawing itself, or an embedded picture.
    r"|\bhref\s*=\s*(?![\"']?\s*(?:#|data:image/(?:png|jpe?g|gif|webp)[;,]))",
    re.IGNORECASE,
)


def file_problem(relative: Path) -> str | None:
    """Why the file at ``relative`` (below docs/) may not be published, or None."""
    suffix = relative.suffix.lower()
    if suffix == MARKDOWN or suffix in PICTURES:
        return None
    folder = relative.parent.as_posix()
    if suffix in LOOK.get(folder, ()):
        return None
    if relative.as_posix() in DATA_FILES:
        return None
    where = [f"{kind} in docs/{name}/" for name, kinds in LOOK.items() for kind in sorted(kinds)]
    kind = f"a {suffix} file" if suffix else "a file without a suffix"
    return (
        f"{kind} here would be published as it is, and could run script on the blog's "
        "address; docs/ takes Markdown (.md) and pictures ("
        + ", ".join(sorted(PICTURES))
        + "), and "
        + " and ".join(where)
        + " only: remove it"
    )


def svg_problem(text: str) -> str | None:
    """Why an SVG is not plainly a drawing, or None."""
    found = _SVG_ACTIVE.search(text)
    if found is None:
        return None
    return (
        f"this SVG holds '{' '.join(found.group(0).split())}', which could run script or "
        "load a document when the SVG is opened on its own; keep only the drawing (shapes, "
        "paths, text, colours), or use a PNG"
    )


def docs_file_problems(docs: Path) -> Iterator[tuple[Path, str]]:
    """Every published file of ``docs/`` that may not be there, with why."""
    for folder, subfolders, names in os.walk(docs):
        # Not published: MkDocs leaves out names starting with a dot.
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            relative = path.relative_to(docs)
            problem = file_problem(relative)
            if problem is None and relative.suffix.lower() == ".svg":
                problem = svg_problem(path.read_text(encoding="utf-8", errors="replace"))
            if problem is not None:
                yield path, problem
