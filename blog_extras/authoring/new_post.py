"""``make post TITLE="..."``: start a new post with valid front matter and today's date.

The file is named after the post's address (its slug), never overwrites an
existing file, and must pass the same checks as every other post: when it
would not (an empty title, HTML in it, an address another page has), nothing
is left behind.

The post's author is the first author of Material's authors file
(``docs/blog/.authors.yml``), in the file's order: ``authors: [me]``. With
several authors, that first one is written and a comment below names the
others, to put in its place. With none (no file, an empty one, or Material's
authors turned off in mkdocs.yml) the post has no ``authors:`` line and shows
no author, like posts written before there was an authors file.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from blog_extras import engine
from blog_extras.authoring.checks import check_posts, display_path
from blog_extras.authoring.settings import SettingsError, check_settings, load_site_config
from blog_extras.content.paths import shorten_slug

TEMPLATE = """\
---
{title}{slug}date:
  created: {today}
{authors}# Optional settings: remove the "# " in front of a line to use it.
# One or more of the categories_allowed in mkdocs.yml:
# categories: [{category}]
# Keep the post unpublished while you work on it:
# draft: true
---

Write the opening of the post here: the text above the "more" line below is
what the blog's home page shows of the post.

<!-- more -->

Then the rest of the post.
"""


def authors_lines(authors: tuple[str, ...], authors_file: str) -> str:
    """The new post's ``authors:`` line: the first of ``authors`` (keys of the authors
    file ``authors_file``, in its order), and a comment naming the others."""
    if not authors:
        return ""
    line = yaml.safe_dump(
        {"authors": [authors[0]]}, default_flow_style=None, allow_unicode=True, width=1000
    )
    if len(authors) > 1:
        others = ", ".join(authors[1:])
        line += f"# The other authors of {authors_file}, to write in place of that one: {others}\n"
    return line


def new_post_text(
    title: str, today: date, category: str, authors: tuple[str, ...] = (), authors_file: str = "",
    slug: str = "",
) -> str:  # fmt: skip
    """``slug``: the post's address when it is not the one its title gives (a long
    title's, shortened), written out as ``slug:``."""
    title_line = yaml.safe_dump({"title": title}, allow_unicode=True, width=1000)
    slug_line = yaml.safe_dump({"slug": slug}, allow_unicode=True, width=1000) if slug else ""
    return TEMPLATE.format(
        title=title_line,
        slug=slug_line,
        today=today.isoformat(),
        category=category,
        authors=authors_lines(authors, authors_file),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start a new blog post.")
    # `make post` passes the title after "--", so that any title ("--help" too) is one.
    parser.add_argument("title", help="the post's title")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    engine.quiet()
    title = " ".join(args.title.split())
    if not title:
        print('error: give the post a title: make post TITLE="My new post"', file=sys.stderr)
        return 1
    try:
        settings = check_settings(load_site_config(args.config_file))
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    full = settings.slugify(title, settings.slug_separator) or "post"
    # A long title's address is cut after a word, as the importer cuts it.
    slug = shorten_slug(full)
    path = settings.docs_dir / settings.post_dir / f"{slug}.md"
    if path.exists():
        print(
            f"error: {display_path(path)} already exists; it was left as it is. "
            "Choose another title, or edit that file.",
            file=sys.stderr,
        )
        return 1
    today = datetime.now(UTC).date()
    category = settings.categories_allowed[0] if settings.categories_allowed else "Category"
    authors = settings.authors or ()
    authors_file = display_path(settings.authors_file) if settings.authors_file else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # "x": only a new file, never one that exists, nor through a link left there.
        with path.open("x", encoding="utf-8") as new_file:
            new_file.write(
                new_post_text(
                    title, today, category, authors, authors_file, slug if slug != full else ""
                )
            )
    except FileExistsError:
        print(f"error: {display_path(path)} already exists (or is a link); it was left as it is.",
              file=sys.stderr)  # fmt: skip
        return 1
    problems = [
        f for f in check_posts(settings, today).errors if Path(f.path).resolve() == path.resolve()
    ]
    if problems:
        path.unlink()
        for problem in problems:
            print(problem, file=sys.stderr)
        print("No post was written.", file=sys.stderr)
        return 1
    print(f"Wrote {display_path(path)}. Preview it with 'make serve'.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
