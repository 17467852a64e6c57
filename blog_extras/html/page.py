"""The one pass over each finished page: its Content-Security-Policy, the removal
of document-level tags the theme did not write, and the fixes to Material's
markup, on the page as an HTML5 parser reads it.

What is the theme's is known at its source, never guessed from where a tag
stands. A page's text, its excerpts on the listing pages, its front matter and
the authors file reach many places of a page, some of them printed raw by
Material (a ``links:`` title in the sidebar, ``author:`` in the head), so no
region of the page can be trusted as "outside the post". Instead the templates
mark their own tags as Jinja loads them (``theme_marks.py``): every
``<script>``, ``<meta>`` and ``<link>`` written in a template carries
``data-blog-theme="TOKEN"``, with a token new for every build. Then, here:

* the policy allows, by hash, exactly the marked inline scripts: a script from
  any page value has no mark, gets no hash, and is blocked, wherever it stands;
* ``<base>`` (any: the theme writes none), every ``<meta http-equiv>`` (a
  refresh would take a listing page showing the post's excerpt elsewhere too;
  the theme writes none but the policy), and every ``<script>``, ``<style>``,
  ``<meta>`` and ``<link>`` without the mark are removed, in the head or the
  body, in HTML or in SVG. A script with ``src`` is removed too: the policy's
  ``'self'`` would run any file of the site as a script (a stylesheet, a
  picture's bytes), and no post needs a script of its own;
* every ``style`` attribute is removed: the templates write none, and in a
  post one turns a link into an invisible layer over the whole page, which
  takes any click anywhere off the site (the policy allows inline styles for
  the theme's JavaScript, which sets them through the DOM, not attributes);
* every ``<noscript>`` and ``<template>`` without the mark is removed. This
  parser reads ``<noscript>`` as a browser with scripting off does, as
  markup, where a browser with scripting on reads raw text: a comment inside
  one hid a ``<meta>`` from the pass that the browser then obeyed. And it does
  not look into a ``<template>``, which a browser turns into a live shadow
  root (``shadowrootmode``), scripts and styles included;
* inside ``<svg>`` and ``<math>``, every element named as one of HTML's
  raw-text elements (``xmp``, ``iframe``, ``noembed``...) is removed: there
  it is an ordinary element whose text a browser reads as markup, but the
  serializer writes that text out unescaped, so ``&lt;/svg&gt;&lt;meta ...``
  inside one became a live tag.

Then the finished page is parsed again and must hold exactly the document-level
tags the pass left: anything else is a place where the serializer writes what a
parser reads differently, and the build stops naming the page, rather than
publish it. Removed here, not
  refused by ``make check``: here catches them whichever way they came (a
  page's text, an excerpt, a front-matter value, the authors file), after
  every plugin, and a post that quotes them as code keeps its text;
* the marks are taken off, so the published page is the page as written.

The policy slot, ``<meta name="blog-policy" content="">`` in the head
(``overrides/main.html``, in Material's ``site_meta`` block, before every
script), becomes the page's policy; a page without it stops the build, so no
page is ever published without its policy.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from blog_extras.html.csp import EXECUTABLE_TYPES, policy
from blog_extras.html.fixes import FIXES, Fix, apply_fixes, missed
from blog_extras.html.theme_marks import ATTRIBUTE

POLICY_SLOT = 'meta[name="blog-policy"]'
# Around the Recent Posts block (overrides/partials/recent-posts.html), for the
# preview, which finds the block by them; published pages do without them.
RECENT_START, RECENT_END = "<!--blog:recent-->", "<!--/blog:recent-->"


class MissingPolicySlot(Exception):
    """The page has no policy slot: a theme override lost it."""


@dataclass(frozen=True)
class ThemeMark:
    """The token the templates' tags carry in this build."""

    token: str

    @classmethod
    def new(cls) -> ThemeMark:
        return cls(secrets.token_hex(16))

    def on(self, node: LexborNode) -> bool:
        return node.attributes.get(ATTRIBUTE) == self.token


@dataclass(frozen=True)
class Finished:
    html: str
    missed_fixes: list[str]  # fixes that should have acted on this page and did not


def theme_scripts(tree: LexborHTMLParser, mark: ThemeMark) -> list[str]:
    """The bodies of the inline scripts a browser would run that a template wrote."""
    found = []
    for script in tree.css("script"):
        attributes = script.attributes
        if "src" in attributes or not mark.on(script):
            continue
        if (attributes.get("type") or "").strip().lower() in EXECUTABLE_TYPES:
            found.append(script.text(deep=True, strip=False))
    return found


# The tags a page value may not bring (module docstring): those that act on the
# whole document, run script, or hide markup from this parser.
DOCUMENT_TAGS = "base, meta, link, script, style, noscript, template"
# HTML's elements whose text is raw (not markup) in HTML, but markup inside SVG
# and MathML, where the serializer still writes it raw.
RAW_TEXT_NAMES = frozenset({
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
    "textarea", "title",
})  # fmt: skip


class UnsafeSerialization(Exception):
    """The finished page, parsed again, holds tags the pass did not leave in it."""


def remove_foreign_document_tags(tree: LexborHTMLParser, mark: ThemeMark) -> int:
    """Remove the tags that act on the whole document and that no template wrote
    (see the module's docstring); how many."""
    removed = 0
    for node in tree.css("svg *, math *"):
        if node.tag in RAW_TEXT_NAMES:
            node.decompose()
            removed += 1
    for node in tree.css(DOCUMENT_TAGS):
        if node.tag == "base" or "http-equiv" in node.attributes or not mark.on(node):
            node.decompose()
            removed += 1
    for node in tree.css("[style]"):
        del node.attrs["style"]
        removed += 1
    return removed


def document_tags(tree: LexborHTMLParser) -> list[str]:
    """The page's document-level tags and styled elements, in order, as the parser
    reads them: what a second reading of the finished page must find again."""
    found = [node.html or "" for node in tree.css(DOCUMENT_TAGS)]
    found += [node.tag or "" for node in tree.css("[style]")]
    found += [node.tag or "" for node in tree.css("svg *, math *") if node.tag in RAW_TEXT_NAMES]
    return found


def _first_in_head(tree: LexborHTMLParser, slot: LexborNode) -> LexborNode:
    """The slot moved to the top of the head, right after ``<meta charset>``.

    A policy in a ``<meta>`` governs only what comes after it, and only in the
    head. Material prints ``description:`` and ``author:`` raw before the slot:
    a script there would run before the policy, and a ``<div>`` there would close
    the head, putting the slot in the body, where browsers ignore it.
    """
    head = tree.head
    if head is None:  # pragma: no cover - an HTML5 parser always makes a head
        raise MissingPolicySlot("the page has no head for its policy")
    charset = next(
        (node for node in head.iter() if node.tag == "meta" and "charset" in node.attributes),
        None,
    )
    if charset is not None:
        charset.insert_after(slot)
    elif head.child is not None:
        head.child.insert_before(slot)
    else:
        head.insert_child(slot)
    slot.decompose()  # the copy above is the one kept
    moved = tree.css_first(POLICY_SLOT)
    assert moved is not None
    return moved


def _unmark(tree: LexborHTMLParser) -> None:
    for node in tree.css(f"[{ATTRIBUTE}]"):
        del node.attrs[ATTRIBUTE]


def finish_page(
    html: str,
    mark: ThemeMark,
    kind: str,
    origins: Iterable[str] | None,
    frames: Iterable[str] = (),
    fixes: tuple[Fix, ...] | None = None,
) -> Finished:
    """The page fixed, with its policy in the slot (``origins`` None: no policy, the
    slot removed, and the Recent Posts marks kept, as for `mkdocs serve`, whose
    live-reload script is inline and whose preview replaces that block)."""
    fixes = FIXES if fixes is None else fixes
    tree = LexborHTMLParser(html)
    acted = apply_fixes(tree, fixes)
    remove_foreign_document_tags(tree, mark)
    slot = tree.css_first(POLICY_SLOT)
    if slot is None:
        raise MissingPolicySlot(
            'the page has no <meta name="blog-policy" content=""> in its head, where its '
            "Content-Security-Policy goes; overrides/main.html must keep it"
        )
    if origins is None:
        slot.decompose()
    else:
        slot = _first_in_head(tree, slot)
        content = policy(theme_scripts(tree, mark), origins, frames)
        del slot.attrs["name"]
        del slot.attrs["content"]
        slot.attrs["http-equiv"] = "Content-Security-Policy"
        slot.attrs["content"] = content
    _unmark(tree)
    finished = tree.html or ""
    if document_tags(LexborHTMLParser(finished)) != document_tags(tree):
        raise UnsafeSerialization(
            "written out, the page reads differently: it would hold tags the page pass "
            "removed (a post's markup nested in a way the pass cannot make safe)"
        )
    if origins is not None:
        finished = finished.replace(RECENT_START, "").replace(RECENT_END, "")
    return Finished(finished, missed(acted, kind, fixes))
