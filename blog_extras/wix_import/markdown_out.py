"""Clean Markdown from the HTML of a post: paragraphs, headings, emphasis, lists,
links, block quotes and images, and nothing of the page around them.

Text is escaped so that it reads exactly as written: a line that happens to
start with "1." or "#" stays a line of text, and a literal asterisk stays one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from blog_extras.content.excerpt import VOID_ELEMENTS

_SKIPPED = {"script", "style", "noscript", "template", "svg", "button", "form", "iframe",
            "video", "audio", "canvas", "head", "title"}  # fmt: skip
# Wix marks its page furniture with data-hook attributes; none of it is the post.
_FURNITURE_HOOKS = re.compile(r"(share|like|social|counter|menu|more-button|recent|comments)")
_HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {"p", "div", "section", "article", "figure", "ul", "ol", "blockquote", "pre", "hr",
           "table", "header", "footer", "main", *_HEADINGS}  # fmt: skip

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>])")
_ENTITY_LIKE = re.compile(r"&(?=[A-Za-z#][A-Za-z0-9]*;)")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])(?=\s|$)")


def escape_text(text: str) -> str:
    """Plain text as Markdown that renders to exactly that text."""
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    return _LINE_START.sub(lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1], text)


@dataclass
class FoundImage:
    src: str
    alt: str
    placeholder: str


@dataclass
class Converted:
    blocks: list[str] = field(default_factory=list)
    images: list[FoundImage] = field(default_factory=list)


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[_Node | str] = []


# Real post pages, Wix's included, nest a few dozen elements deep; far deeper is a
# broken or hostile page, and would exhaust Python's recursion.
MAX_DEPTH = 256
MAX_ELEMENTS = 500_000


class TooComplex(ValueError):
    """The HTML nests too deep or holds too many elements to be a post."""


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.current = self.root
        self.depth = 0
        self.elements = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise TooComplex(f"the page holds more than {MAX_ELEMENTS:,} elements")
        node = _Node(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID_ELEMENTS:
            self.current = node
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise TooComplex(
                    f"its HTML nests elements more than {MAX_DEPTH} deep, which no post page does"
                )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(_Node(tag, {n: v or "" for n, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: _Node | None = self.current
        climbed = 1
        while node is not None and node.tag != tag:
            node = node.parent
            climbed += 1
        if node is not None and node.parent is not None:
            self.current = node.parent
            self.depth -= climbed

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def _find(node: _Node, marker: str) -> _Node | None:
    for child in node.children:
        if isinstance(child, str):
            continue
        if marker == "<article" and child.tag == "article":
            return child
        name, _, value = marker.partition("=")
        if value and child.attrs.get(name) == value.strip('"'):
            return child
        found = _find(child, marker)
        if found:
            return found
    return None


class _Renderer:
    def __init__(self) -> None:
        self.result = Converted()

    def skipped(self, node: _Node) -> bool:
        hook = node.attrs.get("data-hook", "")
        return node.tag in _SKIPPED or bool(hook and _FURNITURE_HOOKS.search(hook))

    def inline(self, node: _Node) -> str:
        parts: list[str] = []
        for child in node.children:
            if isinstance(child, str):
                parts.append(escape_text(re.sub(r"\s+", " ", child)))
            elif self.skipped(child):
                continue
            elif child.tag == "br":
                parts.append("  \n")
            elif child.tag in ("strong", "b"):
                parts.append(_wrap("**", self.inline(child)))
            elif child.tag in ("em", "i"):
                parts.append(_wrap("*", self.inline(child)))
            elif child.tag == "code":
                parts.append("`" + _text(child).replace("`", "") + "`")
            elif child.tag == "a":
                label = self.inline(child).strip()
                href = child.attrs.get("href", "")
                parts.append(f"[{label}]({_destination(href)})" if href and label else label)
            elif child.tag == "img":
                parts.append(self.image(child))
            else:
                parts.append(self.inline(child))
        return "".join(parts)

    def image(self, node: _Node) -> str:
        src = node.attrs.get("src") or node.attrs.get("data-src") or ""
        if not src:
            return ""
        placeholder = f"wix-image-{len(self.result.images)}"
        alt = " ".join(node.attrs.get("alt", "").split())
        self.result.images.append(FoundImage(src, alt, placeholder))
        return f"![{escape_text(alt)}]({placeholder})"

    def blocks(self, node: _Node, out: list[str]) -> None:
        pending: list[str] = []

        def flush() -> None:
            text = "".join(pending).strip()
            if text:
                out.append(text)
            pending.clear()

        for child in node.children:
            if isinstance(child, str):
                pending.append(escape_text(re.sub(r"\s+", " ", child)))
            elif self.skipped(child):
                continue
            elif child.tag in _HEADINGS:
                flush()
                text = self.inline(child).strip()
                if text:
                    out.append("#" * _HEADINGS[child.tag] + " " + text)
            elif child.tag == "p":
                flush()
                text = self.inline(child).strip()
                if text:
                    out.append(text)
            elif child.tag in ("ul", "ol"):
                flush()
                items = [c for c in child.children if isinstance(c, _Node) and c.tag == "li"]
                lines = []
                for number, item in enumerate(items, start=1):
                    marker = f"{number}." if child.tag == "ol" else "-"
                    lines.append(f"{marker} {self.inline(item).strip()}")
                if lines:
                    if out and re.match(r"(- |\d+\. )", out[-1]):
                        # Markdown would run two adjacent lists into one.
                        out.append("<!-- -->")
                    out.append("\n".join(lines))
            elif child.tag == "blockquote":
                flush()
                inner: list[str] = []
                self.blocks(child, inner)
                if inner:
                    quoted = "\n>\n".join(
                        "\n".join("> " + line for line in block.splitlines()) for block in inner
                    )
                    out.append(quoted)
            elif child.tag == "hr":
                flush()
                out.append("---")
            elif child.tag == "img":
                flush()
                markdown = self.image(child)
                if markdown:
                    out.append(markdown)
            elif child.tag in _BLOCKS:
                flush()
                self.blocks(child, out)
            else:
                wrapper = _Node("#inline", {}, None)
                wrapper.children = [child]
                pending.append(self.inline(wrapper))
        flush()


def _destination(href: str) -> str:
    """A link target as Markdown: bare when it can be, in angle brackets when it holds
    spaces or parentheses."""
    return f"<{href}>" if re.search(r"[\s()<>]", href) else href


def _wrap(marker: str, text: str) -> str:
    stripped = text.strip()
    if not stripped:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{marker}{stripped}{marker}{trail}"


def _text(node: _Node) -> str:
    return "".join(c if isinstance(c, str) else _text(c) for c in node.children)


def html_to_markdown(html: str, container: str) -> Converted:
    """The Markdown blocks and images of the first element matching ``container``
    (``'data-hook="post-description"'``, or ``"<article"`` for the first article)."""
    tree = _Tree()
    tree.feed(html)
    tree.close()
    root = _find(tree.root, container) or tree.root
    renderer = _Renderer()
    blocks: list[str] = []
    renderer.blocks(root, blocks)
    renderer.result.blocks = blocks
    return renderer.result
