"""A post's Ricos rich content (Wix's JSON document of typed nodes, as both the Blog
API and a post page's embedded data give it) as this blog's Markdown, with the list
of the media the post shows, for the caller to download. Pure: no network, no files.

The document is untrusted: any value may be of any type, and nothing raises but
:class:`RicosTooComplex` (a document nesting deeper than ``max_depth`` or holding
more than ``max_nodes`` nodes, decorations and gallery items). It is measured with
an explicit stack before anything recurses over it. Whatever cannot be carried over
is left out with a line in ``notes``; its text, when it has some, is kept.

How each node becomes Markdown (rendered by Python-Markdown with mkdocs.yml's
extensions: tables, fenced_code, attr_list, md_in_html, admonition, toc; no
pymdownx):

* Text is escaped with the HTML converter's ``escape_text`` and links are written
  with its ``link_target``, so that both paths write the same Markdown for the same
  words: bold ``**``, italic ``*``. Underline, strikethrough, superscript and
  subscript have no Markdown (pymdownx ``caret`` and ``tilde`` are not enabled), so
  they are the fixed tags ``<u>``, ``<s>``, ``<sup>``, ``<sub>`` around escaped text:
  the only HTML this module writes, never any from the document. Where one run's
  closing ``*`` would touch the next run's opening ``*`` (``*a***b**``, which
  Python-Markdown misreads), the second run uses ``<em>``/``<strong>``. Linked text
  is not underlined (a link is shown as one), and a heading is not made bold (it
  is already). Colours, fonts and sizes are the theme's: left out, without a note.
* Links: ``http``, ``https`` and ``mailto`` only; any other link (``javascript:``,
  ``data:``, a relative address, an anchor in the post) keeps its text without the
  link. Neighbouring text runs with the same link are one link.
* A soft line break in a paragraph is a Markdown line break (two spaces); a blank
  line in it starts a new paragraph. Empty paragraphs (Wix's spacers) are nothing.
* Headings keep their levels, but the post's title is its only level-1 heading:
  when the document has a level-1 heading, every heading moves one level down
  (6 stays 6). Empty headings are nothing. A heading is one line (``#`` form).
* Lists: ``-`` and ``1.`` items, their content indented four spaces, nested lists
  inside their item. An ordered list's ``start`` is written as the first item's
  number, but Python-Markdown numbers every list from 1 (``sane_lists`` would keep
  it), so a note says so. Two lists in a row are kept apart by ``<!-- -->``, as the
  HTML converter does.
* Code blocks are fenced with more backticks than any run inside; inside a list
  item or a quote (where ``fenced_code`` does not look), indented four spaces.
* Tables are pipe tables; the first row is the header row (Markdown needs one);
  cells are one line, ``|`` escaped, short rows padded.
* Dividers are ``* * *``: a rule that no reader takes for front matter or for a
  heading's underline, as ``---`` can be.
* Images: ``![alt](wix-media-N)``, in a link when the image has one; a caption is
  the next paragraph, in italics. Gallery items are images in their order, their
  titles as captions.
* Videos: never a player (the site's CSP forbids third-party frames and scripts):
  the thumbnail, as an image linked to the video, and a text link
  ``[title (YouTube)](address)`` under it. A Wix-hosted video is linked on
  ``video.wixstatic.com``, with a note, since Wix stops serving it with the plan.
* EMBED and LINK_PREVIEW: a link with their title. HTML nodes: never their HTML; a
  link to ``htmlData.url`` when it is http(s), else left out with a note. BUTTON: a
  link. FILE: a link when its address is http(s). COLLAPSIBLE_LIST: each title as a
  bold paragraph, then its body. GIF: an image. AUDIO, POLL, MAP, APP_EMBED, TOC,
  SHAPE: left out with a note (their text kept, if any). Layout containers (LAYOUT,
  CARD, ...) are their content. Unknown types: their text, and a note.

Media: each image, gallery item and video thumbnail is a :class:`RicosMedia` with
a Wix media id or an absolute http(s) address, read by the one rule both routes use
(:func:`blog_extras.wix_import.remote.media_id_in`): a media id is one safe path
segment; ``wix:image://v1/<id>/...``, ``media/<id>``, ``%7E`` and
``static.wixstatic.com/media/<id>/...`` addresses are read as ids. Anything else is
left out with a note. The placeholder ``wix-media-N`` appears once, as the target
of ``![...](wix-media-N)``; escaped text never holds ``![``, and when the post's own
text (a code block) holds "wix-media-", the placeholders become ``wix-media-x-N``
(more x's as needed), so :func:`place_media` can put the downloaded files' names in
their place without touching anything else.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import unquote, urlsplit

from blog_extras.wix_import.markdown_out import (
    TooComplex,
    code_fence,
    escape_text,
    link_target,
    without_controls,
)
from blog_extras.wix_import.remote import MAX_EXCERPT, media_id, media_id_in, one_line

MAX_NODES = 50_000
MAX_DEPTH = 64
# Rendering recurses once or twice a level; this keeps it far from Python's limit.
_DEPTH_CEILING = 200
_TYPE_NAME = re.compile(r"[A-Z][A-Z0-9_]{0,39}")
_LINK_SCHEMES = ("http", "https", "mailto")
_WIX_VIDEO = "https://video.wixstatic.com/"
_BLANK = " \t\u00a0\u200b\u200c\u200d\ufeff"
# A line of only these would be a rule, a heading's underline or a table's
# separator row if it followed a line of the same paragraph.
_SEPARATOR_LINE = re.compile(r"[ \t\-=|:+~]+")
_LINE_ESCAPES = {"=": "&#61;", ":": "&#58;", "~": "&#126;"}
_PLACEHOLDER = re.compile(r"(!\[(?:\\.|[^\]\\])*\]\()(wix-media-(?:x+-)?(?:\d+|cover))(\))")
_FENCE_LINE = re.compile(r"^(`{3,}|~{3,})", re.MULTILINE)
_PROVIDERS = {"youtube.com": "YouTube", "youtu.be": "YouTube", "vimeo.com": "Vimeo"}
# Containers whose content is ordinary blocks.
_TRANSPARENT = frozenset({
    "LAYOUT", "LAYOUT_CELL", "CARD", "SMART_BLOCK", "SMART_BLOCK_CELL",
    "COLLAPSIBLE_ITEM_BODY", "CAPTION", "LIST_ITEM", "TABLE_CELL", "TABLE_ROW",
    "COLLAPSIBLE_ITEM", "COLLAPSIBLE_ITEM_TITLE",
})  # fmt: skip
_NOT_CARRIED = {
    "POLL": "a poll", "MAP": "a map", "APP_EMBED": "an embedded Wix app item",
    "TOC": "Wix's table of contents", "SHAPE": "a shape", "EXTERNAL": "an external plugin",
}  # fmt: skip
_LIST_TYPES = ("BULLETED_LIST", "ORDERED_LIST", "CHECKBOX_LIST")


class RicosTooComplex(TooComplex):
    """The document nests too deep or holds too many nodes to be a post; the message
    is one line saying which."""


@dataclass(frozen=True)
class RicosMedia:
    """One picture the post shows. Exactly one of ``media_id`` (a file of Wix's media
    host, a single safe path segment) and ``url`` (an absolute http(s) address) is
    set. ``kind``: "image", "gallery", "video-thumbnail" or "cover"."""

    kind: str
    placeholder: str
    media_id: str = ""
    url: str = ""
    alt: str = ""
    caption: str = ""
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class RicosMarkdown:
    blocks: tuple[str, ...]  # Markdown, one string a block, joined by blank lines
    media: tuple[RicosMedia, ...]  # in the order the post shows them
    notes: tuple[str, ...]  # what was left out or approximated, one line each


@dataclass(frozen=True)
class _Style:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    sup: bool = False
    sub: bool = False
    link: str = ""  # a checked address, or ""


_Run = tuple[str, _Style]


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _int(value: object) -> int | None:
    """A positive whole number from a number or a string of digits, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,9}\s*", value):
        value = int(value)
    return value if isinstance(value, int) and 0 < value <= 1_000_000 else None


def _type(node: object) -> str:
    kind = _dict(node).get("type")
    return kind if isinstance(kind, str) and _TYPE_NAME.fullmatch(kind) else ""


def _children(node: object) -> list[Any]:
    return _list(_dict(node).get("nodes"))


def _data(node: dict[str, Any], key: str) -> dict[str, Any]:
    return _dict(node.get(key))


def _line(text: str) -> str:
    """A caption, alternative text or title as one line (:func:`.remote.one_line`)."""
    return one_line(text, MAX_EXCERPT)


def checked_link(url: object) -> str:
    """``url`` when it is an http, https or mailto address, else ""."""
    text = without_controls(_str(url)).strip()
    if not text:
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in _LINK_SCHEMES:
        return ""
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return ""
    return text


def _source(src: object) -> tuple[str, str]:
    """(media id, address) of a Ricos ``src`` (``{"id"}``, ``{"url"}``, legacy
    ``{"custom"}``, or a ``wix:image://`` string); ("", "") when neither is usable."""
    if isinstance(src, str):
        src = {"id": src} if not src.lower().startswith("http") else {"url": src}
    data = _dict(src)
    for key in ("id", "custom"):
        if data.get(key) is not None:
            found = media_id_in(data.get(key))
            return (found, "") if found else ("", "")
    url = checked_link(data.get("url"))
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        if ".." in unquote(urlsplit(url).path):
            return "", ""
        found = media_id_in(url)
        return (found, "") if found else ("", url)
    return "", ""


class _Notes:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, note: str) -> None:
        self.counts[note] += 1

    def lines(self) -> tuple[str, ...]:
        return tuple(
            note if count == 1 else f"{note} ({count} times)" for note, count in self.counts.items()
        )


def _measure(document: dict[str, Any], max_nodes: int, max_depth: int) -> tuple[int, list[str]]:
    """Refuses a document too deep or too large, with an explicit stack; returns the
    smallest heading level it has (7 when none), and the texts that hold "wix-media"
    (code could hold what looks like a placeholder)."""
    clashes: list[str] = []
    seen = 0
    smallest = 7
    stack: list[tuple[object, int]] = [(node, 1) for node in _list(document.get("nodes"))]
    while stack:
        node, depth = stack.pop()
        seen += 1
        if depth > max_depth:
            raise RicosTooComplex(f"its rich content nests more than {max_depth} levels deep")
        if not isinstance(node, dict):
            continue
        text = _dict(node.get("textData"))
        seen += len(_list(text.get("decorations")))
        if "wix-media" in _str(text.get("text")):
            clashes.append(_str(text.get("text")))
        gallery = _dict(node.get("galleryData"))
        seen += len(_list(gallery.get("items")))
        if seen > max_nodes:
            raise RicosTooComplex(f"its rich content holds more than {max_nodes:,} nodes")
        if node.get("type") == "HEADING" and _children(node):
            level = _int(_data(node, "headingData").get("level")) or 2
            smallest = min(smallest, level)
        stack.extend((child, depth + 1) for child in _children(node))
    return smallest, clashes


class _Converter:
    def __init__(self, heading_shift: int, max_depth: int, prefix: str) -> None:
        self.prefix = prefix
        self.shift = heading_shift
        self.max_depth = max_depth
        self.media: list[RicosMedia] = []
        self.notes = _Notes()

    # Inline text

    def runs(self, node: object, depth: int) -> list[_Run]:
        """The text runs of ``node``'s children (TEXT nodes; the text of anything
        else found among them)."""
        found: list[_Run] = []
        for child in _children(node):
            if not isinstance(child, dict):
                continue
            if _type(child) == "TEXT":
                run = self.text_run(child)
                if run[0]:
                    found.append(run)
            elif depth < self.max_depth:
                kind = _type(child) or "unnamed"
                if kind not in ("PARAGRAPH", "HEADING", "CAPTION"):
                    self.notes.add(f"a {kind} node inside a line of text: only its text is kept")
                inner = self.runs(child, depth + 1)
                if inner and found:
                    found.append((" ", _Style()))
                found.extend(inner)
        return found

    def text_run(self, node: dict[str, Any]) -> _Run:
        data = _data(node, "textData")
        text = without_controls(_str(data.get("text")).replace("\u2028", "\n"))
        flags: dict[str, Any] = {}
        for decoration in _list(data.get("decorations")):
            decoration = _dict(decoration)
            kind = decoration.get("type")
            if kind == "BOLD":
                weight = _int(decoration.get("fontWeightValue"))
                flags["bold"] = weight is None or weight >= 600
            elif kind == "ITALIC":
                flags["italic"] = decoration.get("italicData") is not False
            elif kind == "UNDERLINE":
                flags["underline"] = decoration.get("underlineData") is not False
            elif kind == "STRIKETHROUGH":
                flags["strike"] = decoration.get("strikethroughData") is not False
            elif kind == "SUPERSCRIPT":
                flags["sup"] = True
            elif kind == "SUBSCRIPT":
                flags["sub"] = True
            elif kind == "SPOILER":
                self.notes.add("spoiler text is shown as plain text")
            elif kind == "LINK":
                flags["link"] = self.link(_dict(_data(decoration, "linkData").get("link")))
        if flags.get("link"):
            flags["underline"] = False  # a link is shown as one already
        return text, _Style(**flags)

    def link(self, link: dict[str, Any]) -> str:
        if link.get("url") is None:
            if link.get("anchor") is not None:
                self.notes.add("a link to a place in the post was left out; its text is kept")
            return ""
        url = checked_link(link.get("url"))
        if not url:
            self.notes.add(
                "a link to an address that is not http, https or mailto was left out; "
                "its text is kept"
            )
        return url

    def inline(self, runs: Sequence[_Run]) -> str:
        """Runs of one line as Markdown, neighbouring runs of one style as one."""
        merged: list[list[Any]] = []
        for text, style in runs:
            if merged and merged[-1][1] == style:
                merged[-1][0] += text
            else:
                merged.append([text, style])
        out: list[str] = []
        index = 0
        while index < len(merged):
            link = merged[index][1].link
            group = [merged[index]]
            index += 1
            while index < len(merged) and merged[index][1].link == link:
                group.append(merged[index])
                index += 1
            inner = _join_styled(group)
            if link and inner.strip():
                before = inner[: len(inner) - len(inner.lstrip())]
                after = inner[len(inner.rstrip()) :]
                out.append(f"{before}[{inner.strip()}]({link_target(link)}){after}")
            else:
                out.append(inner)
        return "".join(out)

    def text_blocks(self, runs: Sequence[_Run]) -> list[str]:
        """Paragraphs of ``runs``: a line break is one, a blank line starts another."""
        lines: list[list[_Run]] = [[]]
        for text, style in runs:
            pieces = text.split("\n")
            for number, piece in enumerate(pieces):
                if number:
                    lines.append([])
                if piece:
                    lines[-1].append((piece, style))
        paragraphs: list[list[str]] = [[]]
        for line in lines:
            rendered = self.inline(line).strip(_BLANK + "\n")
            if not rendered:
                if paragraphs[-1]:
                    paragraphs.append([])
                continue
            if _SEPARATOR_LINE.fullmatch(rendered):
                first = rendered[0]
                rendered = _LINE_ESCAPES.get(first, "\\" + first) + rendered[1:]
            paragraphs[-1].append(rendered)
        return ["  \n".join(lines_) for lines_ in paragraphs if lines_]

    def one_line(self, node: object, depth: int, bold: bool = True) -> str:
        """The text of ``node`` as one line of Markdown (a heading, a title); without
        bold when ``bold`` is false (a heading is bold already)."""
        runs = [
            (" ".join(text.split("\n")), style if bold else replace(style, bold=False))
            for text, style in self.runs(node, depth)
        ]
        return self.inline(runs).strip(_BLANK)

    # Blocks

    def blocks(self, nodes: Iterable[object], depth: int, nested: bool = False) -> list[str]:
        out: list[str] = []
        for node in nodes:
            if not isinstance(node, dict) or depth > self.max_depth:
                continue
            for block in self.block(node, depth, nested):
                if out and _is_list(block) and _is_list(out[-1]):
                    out.append("<!-- -->")
                out.append(block)
        return out

    def block(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        kind = _type(node)
        handler = getattr(self, f"node_{kind.lower()}", None) if kind else None
        if handler is not None:
            result: list[str] = handler(node, depth, nested)
            return result
        if kind in _LIST_TYPES:
            return self.list_block(node, depth, kind)
        if kind in _TRANSPARENT:
            return self.blocks(_children(node), depth + 1, nested)
        if kind in _NOT_CARRIED:
            self.notes.add(f"{_NOT_CARRIED[kind]} was left out")
            return self.blocks(_children(node), depth + 1, nested)
        self.notes.add(f"a node of unknown type {kind or '(no type)'}: only its text is kept")
        runs = self.runs(node, depth)
        return self.text_blocks(runs) if runs else self.blocks(_children(node), depth + 1)

    def node_text(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        return self.text_blocks([self.text_run(node)])

    def node_paragraph(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        return self.text_blocks(self.runs(node, depth))

    def node_heading(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        text = self.one_line(node, depth, bold=False)
        if not text:
            return []
        if nested:
            return [f"**{text}**"]
        level = _int(_data(node, "headingData").get("level")) or 2
        level = min(6, max(1, level) + self.shift)
        if text.endswith("#"):
            text = text[:-1] + "\\#"  # a closing "#" would be taken off
        return ["#" * level + " " + text]

    def node_blockquote(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        inner = self.blocks(_children(node), depth + 1, nested=True)
        if not inner:
            return []
        lines = "\n\n".join(inner).split("\n")
        return ["\n".join(("> " + line) if line else ">" for line in lines)]

    def node_code_block(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        code = "".join(text for text, _ in self.runs(node, depth)).strip("\n")
        code = code.replace("\t", "    ")
        if not code.strip():
            return []
        if nested:
            return ["\n".join(("    " + line) if line.strip() else "" for line in code.split("\n"))]
        fence = code_fence(code)
        return [f"{fence}\n{code}\n{fence}"]

    def node_divider(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        return ["* * *"]

    def list_block(self, node: dict[str, Any], depth: int, kind: str) -> list[str]:
        ordered = kind == "ORDERED_LIST"
        if kind == "CHECKBOX_LIST":
            self.notes.add("a checklist is shown as a bulleted list, without its ticks")
        data = _data(node, "orderedListData")
        start = _int(data.get("start")) or 1
        if ordered and start != 1:
            self.notes.add("an ordered list that does not start at 1 is numbered from 1")
        items: list[str] = []
        for child in _children(node):
            if not isinstance(child, dict):
                continue
            if _type(child) == "LIST_ITEM":
                inner = self.blocks(_children(child), depth + 2, nested=True)
            else:
                inner = self.blocks([child], depth + 1, nested=True)
            if not inner:
                continue
            marker = f"{start + len(items)}." if ordered else "-"
            items.append(_list_item(marker, inner))
        if not items:
            return []
        loose = any("\n\n" in item for item in items)
        return [("\n\n" if loose else "\n").join(items)]

    def node_table(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        rows: list[list[str]] = []
        for row in _children(node):
            if not isinstance(row, dict):
                continue
            cells = _children(row) if _type(row) == "TABLE_ROW" else [row]
            rows.append([self.cell(cell, depth + 2) for cell in cells if isinstance(cell, dict)])
        rows = [row for row in rows if row]
        if not rows:
            return []
        width = max(len(row) for row in rows)
        if any(len(row) != width for row in rows):
            self.notes.add("a table's short rows were given empty cells")
        lines = []
        for number, row in enumerate(rows):
            padded = [*row, *[""] * (width - len(row))]
            lines.append("| " + " | ".join(padded) + " |")
            if number == 0:
                lines.append("|" + " --- |" * width)
        return ["\n".join(lines)]

    def cell(self, cell: dict[str, Any], depth: int) -> str:
        parts = [
            " ".join(block.replace("  \n", " ").split("\n"))
            for block in self.blocks(_children(cell), depth + 1, nested=True)
            if block != "<!-- -->"
        ]
        text = " ".join(part.strip() for part in parts if part.strip())
        # Text comes escaped ("\\|"); a "|" left bare would end the cell.
        return re.sub(r"(?<!\\)\|", r"\\|", text)

    def node_image(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        data = _data(node, "imageData")
        image = _dict(data.get("image"))
        caption = _line(_str(data.get("caption"))) or self.caption(node, depth)
        alt = _line(_str(data.get("altText")))
        link = checked_link(_dict(data.get("link")).get("url"))
        return self.picture("image", image.get("src"), image, alt, caption, link)

    def picture(
        self,
        kind: str,
        src: object,
        sizes: Mapping[str, Any],
        alt: str,
        caption: str,
        link: str = "",
    ) -> list[str]:
        found_id, url = _source(src)
        if not found_id and not url:
            self.notes.add("an image with no usable Wix media id or http(s) address was left out")
            return [f"*{escape_text(caption)}*"] if caption else []
        placeholder = f"{self.prefix}{len(self.media)}"
        self.media.append(
            RicosMedia(
                kind=kind, placeholder=placeholder, media_id=found_id, url=url, alt=alt,
                caption=caption, width=_int(sizes.get("width")), height=_int(sizes.get("height")),
            )
        )  # fmt: skip
        markdown = f"![{escape_text(alt)}]({placeholder})"
        if link:
            markdown = f"[{markdown}]({link_target(link)})"
        return [markdown, f"*{escape_text(caption)}*"] if caption else [markdown]

    def node_gallery(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        out: list[str] = []
        for item in _list(_data(node, "galleryData").get("items")):
            item = _dict(item)
            title = _line(_str(item.get("title")))
            alt = _line(_str(item.get("altText")))
            if "video" in item:
                video = _dict(item.get("video"))
                out.extend(self.video(_dict(video.get("media")), video.get("thumbnail"), title))
                continue
            image = _dict(item.get("image"))
            media = _dict(image.get("media"))
            link = checked_link(_dict(image.get("link")).get("url"))
            out.extend(self.picture("gallery", media.get("src"), media, alt, title, link))
        return out

    def node_gif(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        data = _data(node, "gifData")
        original = _dict(data.get("original"))
        return self.picture("image", {"url": original.get("gif")}, data, "", "")

    def node_video(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        data = _data(node, "videoData")
        title = _line(_str(data.get("title")))
        shown = self.video(_dict(data.get("video")), data.get("thumbnail"), title)
        caption = self.caption(node, depth)
        return [*shown, f"*{escape_text(caption)}*"] if shown and caption else shown

    def caption(self, node: dict[str, Any], depth: int) -> str:
        """The text of a media node's CAPTION children, on one line."""
        texts = [
            "".join(text for text, _ in self.runs(child, depth + 1))
            for child in _children(node)
            if _type(child) == "CAPTION"
        ]
        return _line(" ".join(texts))

    def video(self, video: dict[str, Any], thumbnail: object, title: str) -> list[str]:
        src = _dict(video.get("src"))
        url = checked_link(src.get("url"))
        provider = ""
        if url:
            host = (urlsplit(url).hostname or "").removeprefix("www.").removeprefix("m.")
            provider = _PROVIDERS.get(host, host)
        elif src.get("id") is not None:
            path = without_controls(_str(src.get("id"))).strip().strip("/")
            segments = path.split("/")
            if path and all(media_id(segment) == segment for segment in segments):
                url = _WIX_VIDEO + path
                provider = "Wix"
                self.notes.add(
                    "a video hosted by Wix is linked on video.wixstatic.com, which stops "
                    "serving it when the Wix plan ends"
                )
        if not url:
            self.notes.add("a video with no usable address was left out")
            return []
        name = title or "Video"
        alt = f"Video: {title}" if title else "Video"
        out: list[str] = []
        thumb = _dict(thumbnail)
        if thumb:
            out = self.picture("video-thumbnail", thumb.get("src"), thumb, alt, "", url)
        label = escape_text(f"{name} ({provider})" if provider else name)
        return [*out, f"[{label}]({link_target(url)})"]

    def node_embed(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        data = _data(node, "embedData")
        oembed = _dict(data.get("oembed"))
        url = checked_link(oembed.get("url")) or checked_link(data.get("src"))
        title = _line(_str(oembed.get("title")))
        provider = _line(_str(oembed.get("providerName")))
        return self.link_block(url, f"{title} ({provider})" if title and provider else title)

    def node_link_preview(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        data = _data(node, "linkPreviewData")
        url = checked_link(_dict(data.get("link")).get("url"))
        return self.link_block(url, _line(_str(data.get("title"))))

    def link_block(self, url: str, title: str) -> list[str]:
        if not url:
            self.notes.add("an embed with no http(s) address was left out")
            return []
        return [f"[{escape_text(title or url)}]({link_target(url)})"]

    def node_html(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        data = _data(node, "htmlData")
        url = checked_link(data.get("url"))
        if url and urlsplit(url).scheme.lower() != "mailto":
            host = urlsplit(url).hostname or url
            self.notes.add("an HTML embed is shown as a link to its page")
            return [f"[{escape_text('Embedded content on ' + host)}]({link_target(url)})"]
        self.notes.add("an HTML embed (code, not an http(s) page) was left out")
        return []

    def node_button(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        data = _data(node, "buttonData")
        text = _line(_str(data.get("text")))
        url = checked_link(_dict(data.get("link")).get("url"))
        if not url:
            self.notes.add("a button with no http(s) or mailto link was left out")
            return []
        return [f"[{escape_text(text or url)}]({link_target(url)})"]

    def node_file(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        data = _data(node, "fileData")
        url = checked_link(_dict(data.get("src")).get("url"))
        name = _line(_str(data.get("name")))
        if not url:
            self.notes.add("a file attached on Wix was left out (download it from Wix)")
            return []
        return [f"[{escape_text(name or url)}]({link_target(url)})"]

    def node_audio(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        self.notes.add("an audio player was left out")
        return []

    def node_collapsible_list(self, node: dict[str, Any], depth: int, nested: bool) -> list[str]:
        out: list[str] = []
        for item in _children(node):
            for part in _children(item):
                if not isinstance(part, dict):
                    continue
                if _type(part) == "COLLAPSIBLE_ITEM_TITLE":
                    title = self.one_line(part, depth + 2, bold=False)
                    if title:
                        out.append(f"**{title}**")
                else:
                    out.extend(self.blocks(_children(part), depth + 3, nested))
        return out


def _join_styled(runs: Iterable[Sequence[Any]]) -> str:
    """Runs (text, style) side by side. Where one run's closing "*" would touch the
    next one's opening "*" (``*a***b**``, which Python-Markdown can misread), the
    second run is emphasised with ``<em>`` and ``<strong>`` instead."""
    out: list[str] = []
    touching = False  # the last run ends with an emphasis marker
    for text, style in runs:
        core = text.strip(_BLANK)
        starts = bool(core) and text[0] not in _BLANK and _marked(style)
        out.append(_styled(text, style, tags=touching and starts))
        touching = bool(core) and text[-1] not in _BLANK and _marked(style)
    return "".join(out)


def _marked(style: _Style) -> bool:
    return (style.bold or style.italic) and not style.underline


def _styled(text: str, style: _Style, tags: bool = False) -> str:
    """One run's text, escaped, inside its style's markers (whitespace outside);
    ``tags``: bold and italic as HTML tags."""
    core = text.strip(_BLANK)
    if not core:
        return text
    before, after = text[: len(text) - len(text.lstrip(_BLANK))], text[len(text.rstrip(_BLANK)) :]
    marked = escape_text(core)
    for wanted, tag in ((style.sub, "sub"), (style.sup, "sup"), (style.strike, "s")):
        if wanted:
            marked = f"<{tag}>{marked}</{tag}>"
    if style.italic:
        marked = f"<em>{marked}</em>" if tags else f"*{marked}*"
    if style.bold:
        marked = f"<strong>{marked}</strong>" if tags else f"**{marked}**"
    if style.underline:
        marked = f"<u>{marked}</u>"
    return before + marked + after


def _is_list(block: str) -> bool:
    return bool(re.match(r"(-|\d+\.) ", block))


def _list_item(marker: str, blocks: list[str]) -> str:
    first, *rest = blocks
    lines = [marker.ljust(3) + " " + _indent(first, first_line=False)]
    for block in rest:
        joiner = "\n" if _is_list(block) and len(lines) == 1 and "\n\n" not in first else "\n\n"
        lines.append(joiner + _indent(block))
    return "".join(lines)


def _indent(block: str, first_line: bool = True) -> str:
    lines = block.split("\n")
    indented = [("    " + line) if line.strip() else "" for line in lines]
    if not first_line:
        indented[0] = lines[0]
    return "\n".join(indented)


def ricos_to_markdown(
    document: object, *, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH
) -> RicosMarkdown:
    """The Markdown blocks, media and notes of a Ricos document (parsed JSON).
    Raises RicosTooComplex (a TooComplex) for a document deeper than ``max_depth``
    (at most 200) or larger than ``max_nodes``; nothing else."""
    max_depth = max(1, min(max_depth, _DEPTH_CEILING))
    if not isinstance(document, dict):
        return RicosMarkdown((), (), ("the rich content is not a Ricos document: no text",))
    smallest, clashes = _measure(document, max_nodes, max_depth)
    prefix, extra = "wix-media-", 0
    while any(prefix in text for text in clashes):
        extra += 1
        prefix = "wix-media-" + "x" * extra + "-"
    converter = _Converter(1 if smallest <= 1 else 0, max_depth, prefix)
    if smallest <= 1:
        converter.notes.add(
            "the post's headings start at level 1: each is one level lower, under the title"
        )
    try:
        blocks = converter.blocks(_list(document.get("nodes")), 1)
    except RecursionError as error:  # not expected under the ceiling; never a traceback
        raise RicosTooComplex("its rich content nests too deep to convert") from error
    if not blocks and not converter.media:
        converter.notes.add("the rich content has no text")
    return RicosMarkdown(tuple(blocks), tuple(converter.media), converter.notes.lines())


def place_media(blocks: Iterable[str], names: Mapping[str, str]) -> list[str]:
    """``blocks`` with each image placeholder ``wix-media-N`` in ``names`` replaced by
    its file's name (percent-encoded); code blocks and text are never changed. A
    placeholder not in ``names`` is left as it is."""
    out: list[str] = []
    for block in blocks:
        if _FENCE_LINE.match(block):
            out.append(block)
            continue
        out.append(
            _PLACEHOLDER.sub(
                lambda m: m[1] + link_target(names[m[2]]) + m[3] if m[2] in names else m[0],
                block,
            )
        )
    return out
