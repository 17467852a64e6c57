"""The one pass over each finished page: its Content-Security-Policy and the fixes
to Material's markup, on the page as an HTML5 parser reads it.

The templates mark what they own, and this pass acts on those marks only:

* the policy slot, ``<meta name="blog-policy" content="">`` in the head
  (``overrides/main.html``, in Material's ``site_meta`` block, before every
  script), becomes the page's policy; a page without it stops the build, so no
  page is ever published without its policy;
* authored content (a page's text from Markdown, and every post excerpt on the
  index, archive and category pages) lies between the comments
  ``<!--blog:authored:TOKEN-->`` and ``<!--/blog:authored:TOKEN-->``. The
  token is new for every build, so a post cannot close its region early.

The policy allows, by hash, exactly the inline scripts of the page with its
authored regions left out: scripts a post brings, wherever they stand (its page,
or its excerpt elsewhere), get no hash and are blocked. Theme scripts are
hashed as the parser reads them, after every other change to the page.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from blog_extras.html.csp import EXECUTABLE_TYPES, policy
from blog_extras.html.fixes import FIXES, Fix, apply_fixes, missed

POLICY_SLOT = 'meta[name="blog-policy"]'
# Around the Recent Posts block (overrides/partials/recent-posts.html), for the
# preview, which finds the block by them; published pages do without them.
RECENT_START, RECENT_END = "<!--blog:recent-->", "<!--/blog:recent-->"


class MissingPolicySlot(Exception):
    """The page has no policy slot: a theme override lost it."""


@dataclass(frozen=True)
class Marks:
    """The comments that open and close an authored region in this build."""

    token: str

    @classmethod
    def new(cls) -> Marks:
        return cls(secrets.token_hex(12))

    @property
    def start(self) -> str:
        return f"<!--blog:authored:{self.token}-->"

    @property
    def end(self) -> str:
        return f"<!--/blog:authored:{self.token}-->"

    def around(self, html: str) -> str:
        return f"{self.start}{html}{self.end}"


@dataclass(frozen=True)
class Finished:
    html: str
    missed_fixes: list[str]  # fixes that should have acted on this page and did not


def theme_scripts(html: str, marks: Marks, tree: LexborHTMLParser | None = None) -> list[str]:
    """The bodies of the inline scripts a browser would run, outside the authored
    regions of ``html`` (``tree``: ``html`` already parsed)."""
    pieces = html.split(marks.start)
    authored = [piece.partition(marks.end) for piece in pieces[1:]]
    if not any("<script" in inside.lower() for inside, _, _ in authored):
        # No script in an authored region: the page's scripts are the theme's.
        return _inline_scripts(tree or LexborHTMLParser(html))
    # Otherwise, read the page with its authored regions left out.
    theme = pieces[0] + "".join(rest if found else "" for _, found, rest in authored)
    return _inline_scripts(LexborHTMLParser(theme))


def _inline_scripts(tree: LexborHTMLParser) -> list[str]:
    found = []
    for script in tree.css("script"):
        attributes = script.attributes
        if "src" in attributes:
            continue
        if (attributes.get("type") or "").strip().lower() in EXECUTABLE_TYPES:
            found.append(script.text(deep=True, strip=False))
    return found


def finish_page(
    html: str,
    marks: Marks,
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
    slot = tree.css_first(POLICY_SLOT)
    if slot is None:
        raise MissingPolicySlot(
            'the page has no <meta name="blog-policy" content=""> in its head, where its '
            "Content-Security-Policy goes; overrides/main.html must keep it"
        )
    if origins is None:
        slot.decompose()
    else:
        # The fixes change no script, so the scripts of the page as written are those
        # of the page as published.
        content = policy(theme_scripts(html, marks, tree), origins, frames)
        del slot.attrs["name"]
        del slot.attrs["content"]
        slot.attrs["http-equiv"] = "Content-Security-Policy"
        slot.attrs["content"] = content
    finished = (tree.html or "").replace(marks.start, "").replace(marks.end, "")
    if origins is not None:
        finished = finished.replace(RECENT_START, "").replace(RECENT_END, "")
    return Finished(finished, missed(acted, kind, fixes))
