"""The feed is well-formed XML whatever text reaches it: a control character in a
post's text, a category, an author's name or the site's name would otherwise make
every feed reader reject the whole feed."""

from __future__ import annotations

import dataclasses
from xml.etree import ElementTree

from blog_extras.content.feed import rss, xml_text
from blog_extras.content.posts import CategoryLink
from tests.test_posts import facts

CONTROLS = "\x01\x07\x1b\x0b\x0c\ufffe"


def test_characters_xml_cannot_hold_are_dropped_and_the_text_kept():
    assert xml_text(f"Bell{CONTROLS} and tab\tand\nline") == "Bell and tab\tand\nline"


def test_a_feed_of_values_with_control_characters_parses_and_keeps_their_text():
    post = dataclasses.replace(
        facts("hostile", 3, title=f"Title{CONTROLS} here"),
        excerpt=f"Hello \x01 and \x1b[31m red.{CONTROLS}",
        categories=(CategoryLink(f"Movies{CONTROLS}", "category/movies/"),),
    )
    feed = rss(
        [post], title=f"Blog{CONTROLS}", description="", site_url="https://blog.example.org/",
        author=f"Jane{CONTROLS}", language="en",
    )  # fmt: skip
    channel = ElementTree.fromstring(feed).find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Blog"
    item = channel.find("item")
    assert item is not None
    assert item.findtext("title") == "Title here"
    assert item.findtext("description") == "Hello  and [31m red."
    assert item.findtext("category") == "Movies"
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Jane"
