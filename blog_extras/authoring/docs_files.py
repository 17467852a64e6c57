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
  unless plainly a drawing (``svg_drawing.py``); kept to ``assets/``, where the
  blog's look lives, so that a post's folder holds no SVG at all;
* ``views.json`` (``make snapshot-views``), data a browser never runs.

Files and folders whose name starts with a dot (the authors file,
``blog/.authors.yml``) are not published (MkDocs leaves them out), so any is
allowed. Everything else is refused by ``make check``, and therefore the
build, with a message naming the file.

Two ways around these rules are closed as well:

* suffixes are compared as MkDocs compares them: ``.md`` exactly (MkDocs
  publishes ``evil.MD`` as it is, not as a page); a picture's suffix in any case;
* a symbolic link under ``docs/`` is refused, whatever it points to: MkDocs
  follows links, so a linked folder would publish files, and pages, that no
  check reads (a link to a folder whose name starts with a dot, say). No blog
  needs one: a file is copied in instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from blog_extras.authoring.svg_drawing import MAX_SVG_BYTES, svg_problem

MARKDOWN = ".md"
PICTURES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})
# Folder below docs/ -> the suffixes allowed directly in it, beside the above.
LOOK = {"stylesheets": frozenset({".css"}), "assets": frozenset({".svg"})}
DATA_FILES = frozenset({"views.json"})  # at the top of docs/
LINK_PROBLEM = (
    "a symbolic link: the build would publish what it points to, which the checks do "
    "not read; copy the file in instead, or remove the link"
)


def file_problem(relative: Path) -> str | None:
    """Why the file at ``relative`` (below docs/) may not be published, or None."""
    suffix = relative.suffix.lower()
    if relative.suffix == MARKDOWN or suffix in PICTURES:
        return None
    folder = relative.parent.as_posix()
    if suffix in LOOK.get(folder, ()):
        return None
    if relative.as_posix() in DATA_FILES:
        return None
    where = [f"{kind} in docs/{name}/" for name, kinds in LOOK.items() for kind in sorted(kinds)]
    kind = f"a {relative.suffix} file" if suffix else "a file without a suffix"
    return (
        f"{kind} here would be published as it is, and could run script on the blog's "
        "address; docs/ takes Markdown (.md) and pictures ("
        + ", ".join(sorted(PICTURES))
        + "), and "
        + " and ".join(where)
        + " only: remove it"
    )


def docs_file_problems(docs: Path) -> Iterator[tuple[Path, str, int | None]]:
    """Every published file of ``docs/`` that may not be there, with why and the line
    (an SVG's element or attribute), or None."""
    for folder, subfolders, names in os.walk(docs):
        # Not published: MkDocs leaves out names starting with a dot.
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in list(subfolders):
            if (Path(folder) / name).is_symlink():
                subfolders.remove(name)  # not walked: its files are published unread
                yield Path(folder) / name, LINK_PROBLEM, None
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            if path.is_symlink():
                yield path, LINK_PROBLEM, None
                continue
            relative = path.relative_to(docs)
            problem = file_problem(relative)
            if problem is not None:
                yield path, problem, None
            elif relative.suffix.lower() == ".svg":
                with path.open("rb") as file:  # no more than one byte over the limit
                    drawing = svg_problem(file.read(MAX_SVG_BYTES + 1))
                if drawing is not None:
                    yield path, drawing.message, drawing.line
