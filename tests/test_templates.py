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

from blog_extras.plugin import RecentPostsBlock
from blog_extras.posts import CategoryLink, PostFacts

OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"
MATERIAL = Path(material.__file__).parent / "templates"
HOSTILE = '<img src=x onerror="alert(1)">"\'&amp;'


class Lang:
    def t(self, key: str) -> str:
        return {"readtime.other": "# min read", "blog.continue": "Continue reading"}.get(key, key)


# Stands in for Material's Excerpt, as far as the card template reads it.
EXCERPT = SimpleNamespace(
    content="<p>Opening.</p>", more=True, url="post/",
    file=SimpleNamespace(src_uri="blog/posts/post.md"),
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
    env.globals["blog_post_facts"] = lambda key: facts()
    html = env.get_template(template).render(lang=Lang(), **context)
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize(
    ("template", "context"),
    [
        ("partials/post-header.html", {"post_facts": facts()}),
        ("partials/recent-posts.html", {"recent_posts": RecentPostsBlock("./", [facts()])}),
        ("partials/post.html", {"post": EXCERPT}),
    ],
    ids=["post header", "recent posts", "index card"],
)
def test_hostile_front_matter_is_shown_as_text(template: str, context: dict):
    soup = render(template, **context)
    assert soup.select("img") == []
    assert soup.select("[onerror]") == []
    assert HOSTILE in soup.get_text()
