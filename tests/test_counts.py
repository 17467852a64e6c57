"""How counts are worded (blog_extras/content/counts.py), and that the built pages
word every count exactly so. The live counts are checked in the browser
(tests/browser/test_services.py), the fallback for other engines in
tests/test_templates.py and tests/test_engines.py."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import Tag

from blog_extras.content.counts import comments_phrase, views_phrase
from tests.conftest import BlogBuilder
from tests.sites import text_of

# The counts the wording must get right: none, one, the plurals, and the numbers on
# either side of each thousands separator.
COUNTS = (0, 1, 2, 999, 1000, 1234, 1_000_000)

WORDED = [
    (0, "0 views", "0 comments"),
    (1, "1 view", "1 comment"),
    (2, "2 views", "2 comments"),
    (999, "999 views", "999 comments"),
    (1000, "1,000 views", "1,000 comments"),
    (1234, "1,234 views", "1,234 comments"),
    (1_000_000, "1,000,000 views", "1,000,000 comments"),
]


def figure(container: Tag, selector: str) -> str:
    element = container.select_one(selector)
    return "" if element is None else text_of(element)


def shown(container: Tag) -> tuple[str, str]:
    """The views and comments a reader sees in ``container`` ("" for none)."""
    return figure(container, ".blog-counts__views"), figure(container, ".blog-counts__comments")


@pytest.mark.parametrize(("count", "views", "comments"), WORDED)
def test_counts_read_as_on_the_old_wix_page(count: int, views: str, comments: str):
    assert views_phrase(count) == views
    assert comments_phrase(count) == comments


def test_a_count_nobody_counted_has_no_words():
    assert views_phrase(None) == ""
    assert comments_phrase(None) == ""


def counted_post(count: int, day: date) -> tuple[dict, str]:
    meta = {"title": f"Counted {count}", "date": day, "views": count, "comments": count}
    return meta, "Text."


def test_built_pages_word_every_count_as_counts_py_does(blog: BlogBuilder):
    """Each post's header, its Recent Posts entry and its index card."""
    posts = {f"p{count}.md": counted_post(count, date(2021, 1, 1 + at))
             for at, count in enumerate(COUNTS)}  # fmt: skip
    posts["uncounted.md"] = ({"title": "Uncounted", "date": date(2020, 1, 1)}, "Text.")
    site = blog(posts, blog_extras={"recent_posts": len(COUNTS)})
    expected = {f"Counted {count}": (views_phrase(count), comments_phrase(count))
                for count in COUNTS}  # fmt: skip

    for count in COUNTS:
        header = site.soup(f"counted-{count}").select_one("header.blog-post-header")
        assert shown(header) == expected[f"Counted {count}"], count
    recent = site.soup("uncounted").select("nav.blog-recent .blog-recent__item")
    listed = {text_of(item.select_one(".blog-recent__title")): shown(item) for item in recent}
    assert listed == expected
    cards = site.soup("").select("article.md-post--excerpt")
    on_index = {text_of(card.select_one("h2")): shown(card) for card in cards}
    assert on_index == expected | {"Uncounted": ("", "")}
    # No line at all for a post nobody counted.
    assert site.soup("uncounted").select_one("header.blog-post-header .blog-counts") is None
