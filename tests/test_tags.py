"""Tags (Material's tags plugin): each post shows its tags, each a link to the
posts of that tag on the tags page; a name is shown as written (escaped once,
wherever Material prints it); a blog with no tags shows no empty tags page."""

from __future__ import annotations

import json
from datetime import date

from blog_extras.content.tags import any_tags, holds_tags_listing
from tests.conftest import BlogBuilder
from tests.sites import text_of

POSTS = {
    "seoul.md": (
        {"title": "Seoul Days", "date": date(2021, 5, 1), "tags": ["R&D", "Seoul", "3 > 2"]},
        "Coffee.\n\n<!-- more -->\n\nMore.\n",
    ),
    "busan.md": (
        {"title": "Busan Nights", "date": date(2021, 6, 1), "tags": ["Seoul"]},
        "The sea.\n\n<!-- more -->\n\nMore.\n",
    ),
    "plain.md": ({"title": "No Tags", "date": date(2021, 7, 1)}, "Text.\n"),
}


def test_a_post_links_each_of_its_tags_to_the_posts_of_that_tag(blog: BlogBuilder):
    site = blog(POSTS)
    post = site.soup("seoul-days")
    links = {text_of(a): a["href"] for a in post.select("nav.md-tags a.md-tag")}
    assert links == {"3 > 2": "../tags/#tag:3--2", "R&D": "../tags/#tag:rd",
                     "Seoul": "../tags/#tag:seoul"}  # fmt: skip
    assert site.soup("no-tags").select("nav.md-tags") == []
    tags = site.soup("tags")
    listed = {
        text_of(heading.select_one(".md-tag")): [
            text_of(a) for a in heading.find_next_sibling("ul").select("a")
        ]
        for heading in tags.select("article h2[id^='tag:']")
    }
    assert listed == {"3 > 2": ["Seoul Days"], "R&D": ["Seoul Days"],
                      "Seoul": ["Busan Nights", "Seoul Days"]}  # fmt: skip
    assert tags.select_one("h2#tag\\:rd") is not None  # the anchor the post links to
    # The table of contents names the tags as written too.
    assert "R&D" in [text_of(a) for a in tags.select("nav.md-nav--secondary a")]


def test_a_tags_markup_characters_are_text_in_every_place_material_prints_them(
    blog: BlogBuilder,
):
    site = blog(POSTS)
    for page in ("seoul-days", "tags"):
        html = site.page(page)
        assert "R&amp;D" in html and "3 &gt; 2" in html
        assert "R&D<" not in html and "3 > 2<" not in html
    # Material's search results insert tags as HTML: the index holds them escaped.
    index = json.loads((site.root / "search" / "search_index.json").read_text("utf-8"))
    entry = next(doc for doc in index["docs"] if doc["location"] == "seoul-days/")
    assert entry["tags"] == ["R&amp;D", "Seoul", "3 &gt; 2"]
    assert not (site.root / "tags.json").exists()


def test_a_blog_without_tags_has_no_empty_tags_page(blog: BlogBuilder):
    site = blog({"plain.md": POSTS["plain.md"]})
    assert not site.has_page("tags")
    home = site.soup("")
    assert [a for a in home.select("a") if a.get("href", "").startswith("tags/")] == []
    index = json.loads((site.root / "search" / "search_index.json").read_text("utf-8"))
    assert not any(doc["location"].startswith("tags/") for doc in index["docs"])


def test_the_tags_page_is_the_one_holding_the_listing_marker():
    assert holds_tags_listing("# Tags\n\n<!-- material/tags -->\n", "material/tags")
    assert holds_tags_listing("<!--material/tags { include: [Seoul] } -->", "material/tags")
    assert not holds_tags_listing("# About\n\nmaterial/tags\n", "material/tags")


def test_a_blog_has_tags_when_a_post_names_one():
    assert any_tags([{"title": "A"}, {"tags": ["Seoul"]}])
    assert not any_tags([{"title": "A"}, {"tags": []}, {"tags": None}])
