"""Plain-text excerpts of posts, for lists that show a post's opening lines.

Material renders a post's excerpt as HTML for the blog index; the Recent Posts
block wants a short plain-text teaser instead, as Wix showed one. Working from
the HTML Markdown already produced means one rendering per post, and what the
reader sees in the teaser is exactly the text of the post.
"""

from __future__ import annotations

from html.parser import HTMLParser

ELLIPSIS = "\u2026"

# Elements whose text is not part of what a reader would call the post's words:
# the title (shown beside the teaser anyway), code-ish furniture and media.
_SKIPPED_ELEMENTS = frozenset({"h1", "script", "style", "template", "svg", "math", "button"})
_SKIPPED_CLASSES = frozenset({"headerlink", "admonition-title"})
VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
_BLOCK_ELEMENTS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "figure",
        "figcaption",
        "section",
        "article",
        "details",
        "summary",
        "dd",
        "dt",
        "br",
        "hr",
    }
)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            if tag in _BLOCK_ELEMENTS:
                self.parts.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        if self._skip_depth or tag in _SKIPPED_ELEMENTS or classes & _SKIPPED_CLASSES:
            self._skip_depth += 1
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            return
        if self._skip_depth:
            self._skip_depth -= 1
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The words of an HTML fragment, whitespace collapsed, markup and furniture dropped."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return " ".join("".join(collector.parts).split())


def shorten(text: str, max_chars: int) -> str:
    """Cut ``text`` to at most ``max_chars`` characters at a word boundary, adding an ellipsis.

    A single word longer than the limit is cut inside the word rather than
    dropped, so a teaser is never empty when the post is not.
    """
    if len(text) <= max_chars:
        return text
    room = max(max_chars - len(ELLIPSIS), 1)
    cut = text[: room + 1]
    boundary = cut.rfind(" ")
    kept = cut[:boundary] if boundary > 0 else text[:room]
    return kept.rstrip(" ,;:.-\u2013\u2014") + ELLIPSIS


def plain_excerpt(html: str, separator: str, max_chars: int) -> str:
    """The teaser of a post: its text up to the excerpt separator, shortened."""
    opening = html.split(separator, 1)[0]
    return shorten(html_to_text(opening), max_chars)
