"""The blog's RSS 2.0 feed (``feed.xml``), from the posts' front matter alone.

Dates come from the posts (never from git), so the feed is the same wherever
and whenever it is built; ElementTree escapes every value. It does not remove
the characters XML 1.0 cannot hold at all (most control characters, which a
post's text, a name in the authors file or site_name may carry, and which the
post checks refuse only where they look): one of them makes the whole feed
ill-formed, and every feed reader rejects it. They are dropped here, from every
value, so the feed is well-formed whatever reaches it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from xml.etree import ElementTree

from blog_extras.content.posts import PostFacts
from blog_extras.content.seo import absolute_url

FEED_NAME = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
# What XML 1.0 does not allow in a document (its production "Char"): the C0
# controls but tab, line feed and carriage return; surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters an XML document cannot hold."""
    return _NOT_XML.sub("", value)


def rss(
    posts: Sequence[PostFacts],
    *,
    title: str,
    description: str,
    site_url: str,
    author: str,
    language: str,
    limit: int = 20,
) -> str:
    """The feed of the ``limit`` newest posts; ``posts`` newest first."""
    ElementTree.register_namespace("atom", ATOM)
    ElementTree.register_namespace("dc", DC)
    root = ElementTree.Element("rss", {"version": "2.0"})
    channel = ElementTree.SubElement(root, "channel")
    ElementTree.SubElement(channel, "title").text = title
    ElementTree.SubElement(channel, "link").text = absolute_url(site_url, "")
    ElementTree.SubElement(channel, "description").text = description or title
    ElementTree.SubElement(channel, "language").text = language
    ElementTree.SubElement(channel, f"{{{ATOM}}}link", {
        "href": absolute_url(site_url, FEED_NAME), "rel": "self",
        "type": "application/rss+xml",
    })  # fmt: skip
    shown = list(posts[:limit])
    if shown:
        newest: datetime = max(post.updated or post.published for post in shown)
        ElementTree.SubElement(channel, "lastBuildDate").text = format_datetime(newest)
    for post in shown:
        item = ElementTree.SubElement(channel, "item")
        address = absolute_url(site_url, post.url)
        ElementTree.SubElement(item, "title").text = post.title
        ElementTree.SubElement(item, "link").text = address
        ElementTree.SubElement(item, "guid", {"isPermaLink": "true"}).text = address
        ElementTree.SubElement(item, "pubDate").text = format_datetime(post.published)
        if author:
            ElementTree.SubElement(item, f"{{{DC}}}creator").text = author
        for category in post.categories:
            ElementTree.SubElement(item, "category").text = category.name
        ElementTree.SubElement(item, "description").text = post.excerpt
    for element in root.iter():
        if element.text:
            element.text = xml_text(element.text)
    ElementTree.indent(root)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(root, encoding="unicode")
        + "\n"
    )
