"""The overrides escape every value that comes from front matter.

The post checks refuse titles with HTML before a build, so a built site cannot
show this; here the partials are rendered on their own with hostile values, as
they would be if a check were ever loosened.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import material
import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

from blog_extras.content.counts import comments_phrase, views_phrase
from blog_extras.content.posts import CategoryLink, PostFacts, RecentPostsBlock, template_values
from tests.test_counts import COUNTS

OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"
MATERIAL = Path(material.__file__).parent / "templates"
HOSTILE = '<img src=x onerror="alert(1)">"\'&amp;'


class Lang:
    def t(self, key: str) -> str:
        return {"readtime.other": "# min read", "blog.continue": "Continue reading"}.get(key, key)


# Stands in for Material's Excerpt, as far as the card template reads it.
EXCERPT = SimpleNamespace(
    content="<p>Opening.</p>", more=True, url="post/", title=HOSTILE,
    meta={"views": 1, "comments": 2},
)  # fmt: skip


def facts() -> PostFacts:
    return PostFacts(
        key="blog/posts/post.md", title=HOSTILE, url="post/",
        published=datetime(2021, 1, 1, tzinfo=UTC), updated=None, excerpt=HOSTILE,
        carried_views=1, views=1, comments=2, readtime=3,
        categories=(CategoryLink(HOSTILE, "category/x/"),),
        is_published=True, is_draft=True, title_in_body=False,
        old_path="",
        date_label=HOSTILE, date_text=HOSTILE,
    )  # fmt: skip


def render(template: str, **context) -> BeautifulSoup:
    env = Environment(loader=FileSystemLoader([OVERRIDES, MATERIAL]))
    env.filters["url"] = lambda value: value
    env.globals["blog_cards"] = {"post/": template_values(facts())}
    html = env.get_template(template).render(lang=Lang(), **context)
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize(
    ("template", "context"),
    [
        (
            "partials/post-header.html",
            {"post_facts": template_values(facts()), "page": SimpleNamespace(meta={})},
        ),
        (
            "partials/recent-posts.html",
            {"recent_posts": RecentPostsBlock("./", (facts(),)).template_values()},
        ),
        ("partials/post.html", {"post": EXCERPT}),
    ],
    ids=["post header", "recent posts", "index card"],
)
def test_hostile_front_matter_is_shown_as_text(template: str, context: dict):
    soup = render(template, **context)
    assert soup.select("img") == []
    assert soup.select("[onerror]") == []
    assert HOSTILE in soup.get_text()


@pytest.mark.parametrize(
    ("meta", "shown"),
    [
        ({"views": 43, "comments": 0}, "43 views · 0 comments"),
        ({"views": 1}, "1 view"),
        ({"comments": 1}, "1 comment"),
        ({"views": "many"}, ""),
        ({"views": True, "comments": 2.5}, ""),
        ({}, ""),
    ],
)
def test_counts_come_from_the_front_matter_alone_without_prepared_values(meta, shown):
    soup = render("partials/post-counts.html", meta=meta)
    assert " ".join(soup.get_text().split()) == shown
    assert (soup.select_one(".blog-counts") is not None) == bool(shown)


@pytest.mark.parametrize("count", COUNTS)
def test_without_prepared_values_counts_are_worded_as_counts_py_words_them(count: int):
    """The fallback for another engine (Zensical) repeats counts.py's rule in Jinja;
    this holds the copy to the original (counts.py's docstring points here)."""
    soup = render("partials/post-counts.html", meta={"views": count, "comments": count})
    assert soup.select_one(".blog-counts__views").get_text() == views_phrase(count)
    assert soup.select_one(".blog-counts__comments").get_text() == comments_phrase(count)


def test_a_post_header_without_prepared_values_shows_title_and_counts():
    page = SimpleNamespace(title="A <b>post</b>", meta={"views": 43, "comments": 0})
    soup = render("partials/post-header.html", page=page)
    assert soup.select_one("h1").get_text() == "A <b>post</b>"
    assert " ".join(soup.select_one(".blog-counts").get_text().split()) == "43 views · 0 comments"
