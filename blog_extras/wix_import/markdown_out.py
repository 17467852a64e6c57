"""A post's HTML as clean Markdown, through ``markdownify``: paragraphs, headings,
emphasis, nested lists, links, block quotes, code blocks, tables and images with
their alt text, and nothing of the Wix page around them.

Wix's page furniture (share and like buttons, counters, menus, Recent Posts,
comments) is removed first, by its ``data-hook`` markers and its tags; what is
left of Wix's editor markup (``<span>``s and ``<div>``s in many layers, with
classes and data attributes) converts to plain text. Text is escaped so that it
reads exactly as written: a line that happens to start with "1." or "#" stays a
line of text, and a literal asterisk stays one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urlsplit

from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter

from blog_extras.content.excerpt import VOID_ELEMENTS

# Real post pages, Wix's included, nest a few dozen elements deep; far deeper is a
# broken or hostile page, and would exhaust Python's recursion.
MAX_DEPTH = 256
MAX_ELEMENTS = 500_000

_REMOVED_TAGS = ("script", "style", "noscript", "template", "svg", "button", "form", "iframe",
                 "video", "audio", "canvas", "head", "title", "nav", "input", "select")  # fmt: skip
# Wix marks its page furniture with data-hook attributes; none of it is the post.
_FURNITURE_HOOKS = re.compile(
    r"(share|like|social|counter|menu|more-button|recent|comments|post-header|post-title|"
    r"post-footer|user-name|time-ago|time-to-read|tag|categor|related)",
    re.IGNORECASE,
)
# Python-Markdown's backslash escapes; "<" has none, it becomes "&lt;". "{" and "}"
# too: attr_list reads "{: ...}" at the end of a heading or a paragraph's last line as
# attributes for it.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]>{}|])")
_ENTITY_LIKE = re.compile(r"&(?=[A-Za-z#][A-Za-z0-9]*;)")
# What makes a line a block: a list item's marker, "#" (a heading even without a
# space after it), a line of only "-", "=" or "~" (a rule, a setext heading's
# underline, a code fence), and "!!!" (an admonition, with or without a space).
_LINE_START = re.compile(
    r"^(\s*)(#|[>+\-]|\d+[.)])(?=\s|$)"
    r"|^(\s*)(#|[-=~](?=[-=~ \t]*$)|~(?=~~)|!!!)"
)
# "=" and "~" have no backslash escape in Python-Markdown: they are written as entities.
_NO_BACKSLASH = {"=": "&#61;", "~": "&#126;"}
_LINK_SCHEMES = ("", "http", "https", "mailto")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
# What stays as it is in a link's address: RFC 3986's unreserved and reserved
# characters but "(", ")", "[" and "]", and "%" (already encoded); the rest is
# percent-encoded, so that no ")", space or "<" ends the link or starts markup.
_URL_SAFE = "-._~:/?#@!$&'*+,;=%"
# Control characters, but tab and line feed: nothing of a post's text or a
# report needs them, and some make an XML feed ill-formed.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_LIST_ITEM = re.compile(r"^(-|\d+)[.]?\s")


class TooComplex(ValueError):
    """The HTML nests too deep or holds too many elements to be a post."""


def without_controls(text: str) -> str:
    """``text`` without control characters (a carriage return becomes a line feed)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def link_target(url: str) -> str:
    """A link's or image's address as Markdown reads it whole: percent-encoded."""
    return quote(without_controls(url).strip(), safe=_URL_SAFE)


def code_fence(code: str) -> str:
    """A fence longer than any run of backticks in ``code``, so none of its lines
    can close the block early."""
    longest = max((len(run) for run in _BACKTICKS.findall(code)), default=0)
    return "`" * max(3, longest + 1)


def escape_text(text: str, *, whole_block: bool = False) -> str:
    """Plain text as Markdown that renders to exactly that text (``whole_block``:
    the text is a block of its own, which nothing follows on its line)."""
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")
    if text.endswith("!") and not whole_block:  # a link after it would make an image
        text = text[:-1] + "\\!"
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = (match[1], match[2]) if match[2] is not None else (match[3], match[4])
    last = marker[-1]
    return indent + marker[:-1] + _NO_BACKSLASH.get(last, "\\" + last)


@dataclass
class FoundImage:
    src: str
    alt: str
    placeholder: str


@dataclass
class Converted:
    blocks: list[str] = field(default_factory=list)
    images: list[FoundImage] = field(default_factory=list)


class _Nesting(HTMLParser):
    """How deep the HTML nests and how many elements it has, read without building a
    tree, so that a hostile page is refused before anything recurses over it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.elements = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise TooComplex(f"the page holds more than {MAX_ELEMENTS:,} elements")
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)
            if len(self.open) > MAX_DEPTH:
                raise TooComplex(
                    f"its HTML nests elements more than {MAX_DEPTH} deep, which no post page does"
                )

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass


def check_nesting(html: str) -> None:
    reader = _Nesting()
    reader.feed(html)
    reader.close()


class _PostMarkdown(MarkdownConverter):
    """markdownify, with list items indented by four spaces, as Python-Markdown (and
    so MkDocs) needs to see a nested list or a second paragraph in an item."""

    def escape(self, text: str, parent_tags: set[str]) -> str:
        # Text reads exactly as written, by Python-Markdown's rules (markdownify's
        # own escapes include some Python-Markdown shows as backslashes).
        return escape_text(text) if text else ""

    def convert_pre(self, el: Any, text: str, parent_tags: set[str]) -> str:
        code = (text or "").strip("\n")
        if not code:
            return ""
        fence = code_fence(code)
        return f"\n\n{fence}\n{code}\n{fence}\n\n"

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        # The address percent-encoded; a title is left out (Wix's editor writes none,
        # and one is text that could end the link).
        href = str(el.get("href") or "")
        if "_noformat" in parent_tags or not href or not (text or "").strip():
            return text or ""
        stripped = text.strip()
        before, after = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        return f"{before}[{stripped}]({link_target(href)}){after}"

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        alt = escape_text(" ".join(str(el.get("alt") or "").split()))
        src = link_target(str(el.get("src") or ""))
        kept_in = self.options["keep_inline_images_in"]  # type: ignore[attr-defined]
        if "_inline" in parent_tags and el.parent.name not in kept_in:
            return alt
        return f"![{alt}]({src})"

    def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = str(parent.get("start") or "1")
            number = (int(start) if start.isdigit() else 1) + len(el.find_previous_siblings("li"))
            bullet = f"{number}."
        else:
            bullet = "-"
        bullet = bullet.ljust(3) + " "
        lines = text.split("\n")
        indented = [lines[0], *[("    " + line) if line.strip() else "" for line in lines[1:]]]
        # An item of several blocks (a paragraph and a nested list) ends with a blank
        # line, or Python-Markdown takes the next item into the nested list.
        end = "\n\n" if "\n\n" in text else "\n"
        return bullet + "\n".join(indented) + end


_BOLD = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.IGNORECASE)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)


def _emphasis_from_styles(root: Tag) -> None:
    """Wix's editor writes bold and italic as styled ``<span>``s, not ``<strong>`` and
    ``<em>``: make them the elements Markdown knows."""
    for span in root.find_all("span", style=True):
        style = str(span.get("style") or "")
        bold, italic = bool(_BOLD.search(style)), bool(_ITALIC.search(style))
        if bold:
            span.name = "strong"
        elif italic:
            span.name = "em"
        if bold and italic:
            emphasis = root.new_tag("em")
            for child in list(span.children):
                emphasis.append(child.extract())
            span.append(emphasis)


def _is_furniture(element: Tag) -> bool:
    hook = element.get("data-hook")
    return isinstance(hook, str) and bool(_FURNITURE_HOOKS.search(hook))


def _container(soup: BeautifulSoup, marker: str) -> Tag:
    if marker.startswith("<"):
        found = soup.find(marker.strip("<>"))
    else:
        name, _, quoted = marker.partition("=")
        value = quoted.strip('"')
        found = soup.find(lambda tag: tag.get(name) == value)
    return found if isinstance(found, Tag) else soup


def _blocks(markdown: str) -> list[str]:
    """The Markdown cut at its blank lines, but never inside a fenced code block."""
    blocks: list[str] = []
    current: list[str] = []
    fence = ""  # the fence of the code block the line is in
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if opening and not fence:
            fence = opening[1]
        elif fence and line.strip() == fence:
            fence = ""
        if not line.strip() and not fence:
            if current:
                blocks.append("\n".join(current).rstrip())
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current).rstrip())
    separated: list[str] = []
    for block in blocks:
        if separated and _LIST_ITEM.match(block) and _LIST_ITEM.match(separated[-1]):
            first, previous = _LIST_ITEM.match(block), _LIST_ITEM.match(separated[-1])
            if first and previous and first[1].isdigit() != previous[1].isdigit():
                # Python-Markdown would run a list straight after another into one.
                separated.append("<!-- -->")
        separated.append(block)
    return separated


def html_to_markdown(html: str, container: str) -> Converted:
    """The Markdown blocks and images of the first element matching ``container``
    (``'data-hook="post-description"'``, or ``"<article"`` for the first article).
    Raises TooComplex for HTML too deep or too large to be a post."""
    check_nesting(html)
    soup = BeautifulSoup(html, "html.parser")
    root = _container(soup, container)
    for element in root.find_all(_REMOVED_TAGS):
        element.decompose()
    for element in [found for found in root.find_all(True) if _is_furniture(found)]:
        if not element.decomposed:
            element.decompose()
    # The post's title is the page's; its headings start one level below.
    for heading in root.find_all("h1"):
        heading.name = "h2"
    _emphasis_from_styles(root)
    for link in root.find_all("a"):
        if urlsplit(str(link.get("href") or "")).scheme.lower() not in _LINK_SCHEMES:
            link.unwrap()  # its text stays; a javascript: or data: link does not
    result = Converted()
    for image in root.find_all("img"):
        src = image.get("src") or image.get("data-src") or ""
        if not isinstance(src, str) or not src:
            image.decompose()
            continue
        placeholder = f"wix-image-{len(result.images)}"
        alt = " ".join(str(image.get("alt") or "").split())
        result.images.append(FoundImage(src, alt, placeholder))
        image.attrs = {"src": placeholder, "alt": alt}
    markdown = _PostMarkdown(
        heading_style="ATX", bullets="-", escape_misc=True, strong_em_symbol="*",
        newline_style="SPACES", table_infer_header=True,
    ).convert_soup(root)  # fmt: skip
    result.blocks = _blocks(markdown)
    return result
