"""Wix's Ricos rich content as this blog's Markdown (blog_extras/wix_import/ricos.py),
read as a reader gets it: the Markdown rendered by Python-Markdown with the
extensions mkdocs.yml names, and the HTML looked at. Real shapes come from
tests/fixtures/wix/ricos/ (SOURCES.md there says where each was copied from)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup

from blog_extras.wix_import.markdown_out import TooComplex
from blog_extras.wix_import.ricos import (
    RicosMarkdown,
    RicosTooComplex,
    place_media,
    ricos_to_markdown,
)
from tests import mkdocs_yaml

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "wix" / "ricos"
REAL_NODES: dict[str, Any] = json.loads(
    (FIXTURES / "adolfstock-2024-nodes.json").read_text(encoding="utf-8")
)
SHAPES: dict[str, Any] = json.loads(
    (FIXTURES / "wix-skills-block-shapes.json").read_text(encoding="utf-8")
)
ALLOWED_SCHEMES = ("http", "https", "mailto")


def _reader() -> markdown.Markdown:
    extensions, configs = [], {}
    for entry in mkdocs_yaml.load(ROOT / "mkdocs.yml")["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        extensions.append(name)
        configs[name] = config or {}
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


READER = _reader()


def rendered(markdown_text: str) -> BeautifulSoup:
    soup = BeautifulSoup(READER.reset().convert(markdown_text), "html.parser")
    for permalink in soup.select("a.headerlink"):  # toc's own "¶" links
        permalink.decompose()
    return soup


def html_of(result: RicosMarkdown) -> BeautifulSoup:
    return rendered("\n\n".join(result.blocks))


def convert(*nodes: object) -> RicosMarkdown:
    return ricos_to_markdown({"nodes": list(nodes)})


def text(value: str, *decorations: dict[str, Any]) -> dict[str, Any]:
    data = {"text": value, "decorations": list(decorations)}
    return {"type": "TEXT", "id": "", "nodes": [], "textData": data}


def paragraph(*runs: object) -> dict[str, Any]:
    return {"type": "PARAGRAPH", "nodes": [text(r) if isinstance(r, str) else r for r in runs]}


def heading(level: object, words: str) -> dict[str, Any]:
    return {"type": "HEADING", "nodes": [text(words)], "headingData": {"level": level}}


def link(url: str) -> dict[str, Any]:
    return {"type": "LINK", "linkData": {"link": {"url": url, "target": "BLANK"}}}


def image(src: object, **data: Any) -> dict[str, Any]:
    return {"type": "IMAGE", "nodes": [], "imageData": {"image": {"src": src}, **data}}


def items(kind: str, *contents: list[dict[str, Any]], **data: Any) -> dict[str, Any]:
    key = "orderedListData" if kind == "ORDERED_LIST" else "bulletedListData"
    return {
        "type": kind,
        "nodes": [{"type": "LIST_ITEM", "nodes": content} for content in contents],
        key: data,
    }


def words(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text().split())


def assert_only_safe_links(soup: BeautifulSoup) -> None:
    for anchor in soup.find_all("a"):
        scheme = str(anchor.get("href")).split(":", 1)[0].lower()
        assert scheme in ALLOWED_SCHEMES, anchor
    assert not soup.find_all(["script", "iframe", "object", "embed", "style"])
    for element in soup.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element


# Real posts and Wix's own examples


def test_a_real_short_post_reads_as_on_wix_with_its_image():
    document = json.loads((FIXTURES / "adolfstock-2024-short-post.json").read_text("utf-8"))
    result = ricos_to_markdown(document)
    soup = html_of(result)
    assert [h.get_text() for h in soup.find_all(["h1", "h2", "h3"])] == [
        "Bis zuletzt war er kulturell interessiert."
    ]
    assert soup.find("h2") and not soup.find("h2").find("strong")  # a heading is bold already
    assert [p.get_text() for p in soup.find_all("p") if p.get_text()] == ["Foto: © Matthias Zins"]
    (picture,) = result.media
    assert (picture.kind, picture.media_id, picture.url) == (
        "image", "38d615_206d4f87ecbd4475be570eebe5f849d5~mv2.jpg", ""
    )  # fmt: skip
    assert (picture.width, picture.height) == (978, 1282)
    assert [img["src"] for img in soup.find_all("img")] == [picture.placeholder]
    assert result.notes == ()


def test_a_link_over_several_runs_is_one_link_with_its_italics():
    soup = html_of(convert(REAL_NODES["link_split_over_runs"]))
    (anchor,) = soup.find_all("a")
    assert anchor["href"] == (
        "https://www.deutschlandfunkkultur.de/im-traumland-der-norm.984.de.html"
        "?dram:article_id=153440"
    )
    assert anchor.get_text() == "Im Traumland der Norm. Wie „Der Neufert“ das Bauen bestimmte"
    assert anchor.find("em").get_text() == "„Der Neufert“"
    assert not soup.find("u")  # a link is not underlined twice
    assert words(soup).startswith("Sendung von Adolf Stock „Im Traumland")


def test_a_coloured_underlined_link_keeps_its_address_and_words():
    soup = html_of(convert(REAL_NODES["link_color_underline"]))
    (anchor,) = soup.find_all("a")
    assert anchor["href"].endswith("eiermann-und-henselmann.984.de.html?dram:article_id=153291")
    assert words(soup) == (
        "Sendung von Adolf Stock „Eiermann und Henselmann \u2013 Gerade und ungerade Wege der "
        "Architektur“ DeutschlandFunk Kultur am 26.10.2005"
    )


def test_blank_lines_inside_a_wix_paragraph_make_paragraphs_and_nothing_empty():
    soup = html_of(convert(REAL_NODES["line_breaks"]))
    paragraphs = [p.get_text() for p in soup.find_all("p")]
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Allerdings.")
    assert paragraphs[1].startswith("Törten")
    assert all(p.strip(" \u200b") for p in paragraphs)


def test_a_single_line_break_stays_a_line_break():
    soup = html_of(convert(paragraph("Jane Doe\n12 Main Street\n---\nSpringfield")))
    (para,) = soup.find_all("p")
    assert len(para.find_all("br")) == 3
    assert para.get_text("|").replace("\n", "") == "Jane Doe|12 Main Street|---|Springfield"
    assert not soup.find(["h1", "h2", "hr"])


def test_a_youtube_video_is_its_thumbnail_and_a_link_never_a_player():
    result = convert(REAL_NODES["video_youtube"])
    soup = html_of(result)
    assert_only_safe_links(soup)
    anchors = soup.find_all("a")
    assert {a["href"] for a in anchors} == {"https://youtu.be/1o7sUrIcZ7A"}
    (thumbnail,) = result.media
    assert thumbnail.kind == "video-thumbnail"
    assert thumbnail.url == "https://i.ytimg.com/vi/1o7sUrIcZ7A/maxresdefault.jpg"
    assert (thumbnail.width, thumbnail.height) == (1280, 720)
    assert anchors[0].find("img")["src"] == thumbnail.placeholder
    assert anchors[0].find("img")["alt"].startswith("Video: Adolf Stock im Gespräch")
    assert anchors[1].get_text().endswith("(YouTube)")


def test_a_video_caption_is_shown_under_it():
    video = {
        **REAL_NODES["video_youtube"],
        "nodes": [{"type": "CAPTION", "nodes": [text("Part 1")]}],
    }
    soup = html_of(convert(video))
    assert soup.find_all("p")[-1].find("em").get_text() == "Part 1"


def test_a_wix_hosted_video_links_to_its_file_and_says_it_will_go():
    result = convert(SHAPES["video_wix_hosted"])
    soup = html_of(result)
    assert soup.find_all("a")[-1]["href"] == (
        "https://video.wixstatic.com/video/11062b_a552731f40854d16a91627687fb8d1a6/1080p/mp4/file.mp4"
    )
    assert result.media[0].media_id == "11062b_a552731f40854d16a91627687fb8d1a6f000.jpg"
    assert any("video.wixstatic.com" in note for note in result.notes)


def test_wix_worked_example_every_common_block():
    document = json.loads((FIXTURES / "wix-skills-worked-example.json").read_text("utf-8"))
    soup = html_of(ricos_to_markdown(document))
    assert [(h.name, h.get_text()) for h in soup.find_all(["h1", "h2", "h3"])] == [
        ("h2", "What's New in v2.1"), ("h3", "Highlights"),
        ("h3", "How to upgrade"), ("h3", "Plan comparison"),
    ]  # fmt: skip
    assert [li.get_text() for li in soup.find("ul").find_all("li")] == [
        "Faster page loads", "Redesigned dashboard"
    ]  # fmt: skip
    assert [li.get_text() for li in soup.find("ol").find_all("li")] == [
        "Back up your data", "Run the migration"
    ]  # fmt: skip
    assert soup.find("blockquote").get_text().strip() == (
        "The new dashboard cut our reporting time in half."
    )
    assert soup.find("hr")
    assert [th.get_text() for th in soup.find_all("th")] == ["Plan", "Price"]
    assert [td.get_text() for td in soup.find_all("td")] == ["Starter", "$0"]
    assert soup.find("pre").get_text() == "npm install @wix/sdk@latest\n"
    release = soup.find("a", href="https://example.com/release-notes")
    assert release.find("strong").get_text() == "full release notes"


def test_an_image_with_caption_alt_text_and_its_link():
    result = convert(SHAPES["image_with_caption"])
    soup = html_of(result)
    img = soup.find("img")
    assert (img["alt"], img["src"]) == ("Descriptive alt text", "wix-media-0")
    assert soup.find("em").get_text() == "Figure 1"
    assert result.media[0].caption == "Figure 1"
    linked = html_of(convert(image({"id": "a~mv2.jpg"}, link={"url": "https://example.com/x"})))
    assert linked.find("a", href="https://example.com/x").find("img")


def test_gallery_items_are_images_in_their_order():
    result = convert(SHAPES["gallery"])
    assert [(m.kind, m.media_id) for m in result.media] == [
        ("gallery", "8bb438_36726a2d14ec44ee9edc5693bade1092.jpg"),
        ("gallery", "8bb438_6bbf8e82fe8f4b79b6e03ee79b66fd6a.jpg"),
    ]
    assert [img["src"] for img in html_of(result).find_all("img")] == ["wix-media-0", "wix-media-1"]


def test_button_collapsible_list_html_embed_and_audio():
    result = convert(
        SHAPES["button"], SHAPES["collapsible_list"], SHAPES["html_url"], SHAPES["audio"]
    )
    soup = html_of(result)
    assert soup.find("a", href="https://example.com").get_text() == "Get Started"
    assert soup.find("strong").get_text() == "Question?"
    assert "Answer text." in [p.get_text() for p in soup.find_all("p")]
    assert soup.find("a", href="https://example.com/embed")
    assert not soup.find("iframe")
    assert "an audio player was left out" in result.notes


def test_embeds_link_previews_and_files_are_links_with_their_titles():
    result = convert(
        {"type": "EMBED", "embedData": {"oembed": {
            "type": "rich", "title": "A talk", "url": "https://vimeo.com/1",
            "html": "<iframe src='https://player.vimeo.com/video/1'></iframe>",
            "providerName": "Vimeo"}}},
        {"type": "LINK_PREVIEW", "linkPreviewData": {
            "link": {"url": "https://example.org/a"}, "title": "An article",
            "html": "<script>alert(1)</script>"}},
        {"type": "FILE", "fileData": {
            "src": {"url": "https://example.org/f.pdf"}, "name": "f.pdf"}},
        {"type": "FILE", "fileData": {"src": {"id": "ugd/abc.pdf"}, "name": "hosted.pdf"}},
    )  # fmt: skip
    soup = html_of(result)
    assert [(a.get_text(), a["href"]) for a in soup.find_all("a")] == [
        ("A talk (Vimeo)", "https://vimeo.com/1"),
        ("An article", "https://example.org/a"),
        ("f.pdf", "https://example.org/f.pdf"),
    ]
    assert_only_safe_links(soup)
    assert any("file" in note for note in result.notes)


# Headings


def test_headings_move_down_when_the_post_uses_level_one():
    result = convert(heading(1, "Top"), heading(2, "Second"), heading(6, "Deepest"))
    soup = html_of(result)
    assert [(h.name, h.get_text()) for h in soup.find_all(re.compile("^h[1-6]$"))] == [
        ("h2", "Top"), ("h3", "Second"), ("h6", "Deepest")
    ]  # fmt: skip
    assert any("level 1" in note for note in result.notes)


def test_headings_keep_their_levels_otherwise_and_empty_ones_vanish():
    result = convert(
        heading(2, "Two"), heading("4", "Four"), heading(3, ""), REAL_NODES["heading_empty"]
    )
    soup = html_of(result)
    assert [(h.name, h.get_text()) for h in soup.find_all(re.compile("^h[1-6]$"))] == [
        ("h2", "Two"), ("h4", "Four")
    ]  # fmt: skip


@pytest.mark.parametrize("words_", ["Price in #", "C#", "{: onclick=alert(1) }", "# not two"])
def test_a_heading_reads_as_written(words_):
    soup = html_of(convert(heading(2, words_)))
    (h2,) = soup.find_all("h2")
    assert h2.get_text() == words_
    assert set(h2.attrs) == {"id"}


# Lists, quotes, code, tables, dividers


def test_nested_lists_nest_and_an_ordered_list_keeps_its_numbers_in_the_text():
    inner = items("ORDERED_LIST", [paragraph("first")], [paragraph("second")], start=3)
    outer = items("BULLETED_LIST", [paragraph("fruit"), inner], [paragraph("veg")])
    result = convert(outer)
    soup = html_of(result)
    top = soup.find("ul")
    assert [li.find(string=True, recursive=False) for li in top.find_all("li", recursive=False)]
    assert top.find("li").find("ol")
    assert [li.get_text() for li in top.find("ol").find_all("li")] == ["first", "second"]
    assert top.find_all("li", recursive=False)[1].get_text().strip() == "veg"
    assert "3.  first" in result.blocks[0]
    assert any("start at 1" in note for note in result.notes)


def test_two_lists_in_a_row_stay_two_lists():
    soup = html_of(
        convert(
            items("BULLETED_LIST", [paragraph("a")]),
            items("BULLETED_LIST", [paragraph("b")]),
            items("ORDERED_LIST", [paragraph("c")]),
        )
    )
    assert len(soup.find_all("ul")) == 2
    assert len(soup.find_all("ol")) == 1


def test_a_blockquote_holds_its_paragraphs():
    quote = {"type": "BLOCKQUOTE", "nodes": [paragraph("One."), paragraph("> Two.")]}
    soup = html_of(convert(quote))
    assert [p.get_text() for p in soup.find("blockquote").find_all("p")] == ["One.", "> Two."]


CODE = "```\n</code><script>alert(1)</script>\n````\n    indented\n*not bold*"


def test_a_code_block_is_shown_exactly_even_with_fences_inside():
    result = convert({"type": "CODE_BLOCK", "nodes": [text(CODE)]})
    soup = html_of(result)
    assert soup.find("pre").get_text() == CODE + "\n"
    assert not soup.find("script")
    assert result.blocks[0].startswith("`````\n")


def test_a_code_block_in_a_list_item_or_a_quote_is_shown_exactly():
    code = {"type": "CODE_BLOCK", "nodes": [text(CODE)]}
    quote = {"type": "BLOCKQUOTE", "nodes": [paragraph("See:"), code]}
    soup = html_of(convert(items("BULLETED_LIST", [paragraph("Run:"), code]), quote))
    assert [pre.get_text() for pre in soup.find_all("pre")] == [CODE + "\n", CODE + "\n"]
    assert soup.find("li").find("pre") and soup.find("blockquote").find("pre")
    assert not soup.find("script")


def cell(*runs: object) -> dict[str, Any]:
    return {"type": "TABLE_CELL", "nodes": [paragraph(*runs)]}


def test_a_table_keeps_its_cells_with_pipes_and_markup_as_text():
    table = {"type": "TABLE", "nodes": [
        {"type": "TABLE_ROW", "nodes": [cell("Name"), cell("Value | unit")]},
        {"type": "TABLE_ROW", "nodes": [
            cell("a|b\\|c"), cell("<script>x</script>", " *", text("y", {"type": "BOLD"}))]},
        {"type": "TABLE_ROW", "nodes": [cell("short")]},
    ]}  # fmt: skip
    result = convert(table)
    soup = html_of(result)
    assert [th.get_text() for th in soup.find_all("th")] == ["Name", "Value | unit"]
    cells = [td.get_text() for td in soup.find_all("td")]
    assert cells == ["a|b\\|c", "<script>x</script> *y", "short", ""]
    assert soup.find("td").find_next("td").find("strong").get_text() == "y"
    assert not soup.find("script")
    assert any("short rows" in note for note in result.notes)


def test_a_divider_is_a_rule_never_front_matter_or_a_heading_underline():
    result = convert(REAL_NODES["divider"], paragraph("After"), REAL_NODES["divider"])
    assert result.blocks[0] == "* * *"
    soup = html_of(convert(paragraph("Before"), REAL_NODES["divider"]))
    assert soup.find("p").get_text() == "Before" and soup.find("hr")
    assert not soup.find("h2")


# Media ids and addresses


@pytest.mark.parametrize(
    ("src", "wanted_id", "wanted_url"),
    [
        ({"id": "38d615_206d4f87ecbd4475be570eebe5f849d5~mv2.jpg"},
         "38d615_206d4f87ecbd4475be570eebe5f849d5~mv2.jpg", ""),
        ({"id": "nsplsh_4f6b~mv2_d_5184_3456_s_4_2.jpg"},
         "nsplsh_4f6b~mv2_d_5184_3456_s_4_2.jpg", ""),
        ({"id": "38d615_abc%7Emv2.png"}, "38d615_abc~mv2.png", ""),
        ({"custom": "media/38d615_abc~mv2.png"}, "38d615_abc~mv2.png", ""),
        ("wix:image://v1/38d615_abc~mv2.jpg/photo.jpg#originWidth=10&originHeight=5",
         "38d615_abc~mv2.jpg", ""),
        ({"url": "https://static.wixstatic.com/media/38d615_abc~mv2.jpg/v1/fill/w_740,h_493/a.jpg"},
         "38d615_abc~mv2.jpg", ""),
        ({"url": "https://images.example.org/cat.png"}, "", "https://images.example.org/cat.png"),
    ],
)  # fmt: skip
def test_media_ids_in_every_shape_wix_writes(src, wanted_id, wanted_url):
    (found,) = convert(image(src, altText="A cat")).media
    assert (found.media_id, found.url, found.alt) == (wanted_id, wanted_url, "A cat")


@pytest.mark.parametrize(
    "src",
    [
        {"id": "../../etc/passwd"}, {"id": ".."}, {"id": "a/b.jpg"}, {"id": "a\\b.jpg"},
        {"id": "%2e%2e"}, {"id": "x%2Fy.jpg"}, {"id": "a\x00b.jpg"}, {"id": "a..b.jpg"},
        {"id": ""}, {"id": {"x": 1}}, {"url": "javascript:alert(1)"},
        {"url": "data:image/png;base64,AAAA"}, {"url": "/media/a.jpg"}, {"url": "file:///etc/passwd"},
        {"url": "https://static.wixstatic.com/media/../x.jpg"}, None, "", 5,
    ],
)  # fmt: skip
def test_an_image_with_an_unsafe_id_or_address_is_left_out_with_a_note(src):
    result = convert(image(src, caption="Kept caption"))
    assert result.media == ()
    assert not html_of(result).find("img")
    assert "Kept caption" in words(html_of(result))
    assert any("image" in note for note in result.notes)


def test_media_id_reads_only_one_path_segment():
    from blog_extras.wix_import.remote import media_id_in as media_id

    assert media_id("media/38d615_a~mv2.jpg") == "38d615_a~mv2.jpg"
    assert media_id("wix:image://v1/../x") == ""
    assert media_id("https://evil.example/media/a.jpg") == ""


def test_placeholders_take_the_downloaded_names_and_nothing_else_changes():
    code = {"type": "CODE_BLOCK", "nodes": [text("![x](wix-media-0)")]}
    nested_code = items("BULLETED_LIST", [paragraph("See"), code])
    result = convert(
        paragraph("![x](wix-media-0) is how it looks"),
        code,
        nested_code,
        image({"id": "a~mv2.jpg"}, altText="Cat ]"),
    )
    (picture,) = result.media
    assert picture.placeholder != "wix-media-0"  # the post's own text holds that
    placed = place_media(result.blocks, {picture.placeholder: "my cat.jpg"})
    soup = rendered("\n\n".join(placed))
    assert [(img["src"], img["alt"]) for img in soup.find_all("img")] == [("my%20cat.jpg", "Cat ]")]
    assert [pre.get_text() for pre in soup.find_all("pre")] == ["![x](wix-media-0)\n"] * 2
    assert soup.find("p").get_text() == "![x](wix-media-0) is how it looks"


# Hostile and careless documents

HOSTILE_TEXTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "# not a heading",
    "#hashtag",
    "---",
    "===",
    "~~~",
    "```",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "    not code",
    "Tom & Jerry &amp; &copy; &#60;",
    "*not emphasis* and _not_ and **not**",
    "[not a link](javascript:alert(1))",
    "![not an image](x.png)",
    "a {: onclick=alert(1) }",
    "ends with a backslash \\",
    "| a | b |",
    "<!-- comment -->",
    "[^1] and <https://example.com>",
]


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
def test_text_with_markdown_or_html_in_it_reads_exactly_as_written(hostile):
    for node in (paragraph(hostile), paragraph(text(hostile, {"type": "BOLD"}))):
        soup = html_of(convert(node))
        assert words(soup) == " ".join(hostile.split())
        assert not soup.find(["h1", "h2", "ul", "ol", "blockquote", "pre", "hr", "table", "img"])
        assert not soup.find_all("a") or hostile.startswith("[^1]")
        assert_only_safe_links(soup)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
        "java\tscript:alert(1)", "java\nscript:alert(1)", "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "file:///etc/passwd",
        "/post/relative", "#anchor", "//evil.example/x", "https:no-host", "",
    ],
)  # fmt: skip
def test_a_link_that_is_not_http_or_mailto_keeps_only_its_text(url):
    result = convert(paragraph("See ", text("this page", link(url)), "."))
    soup = html_of(result)
    assert soup.find_all("a") == []
    assert words(soup) == "See this page."
    assert result.notes


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://example.com/a_(b)", "https://example.com/a_%28b%29"),
        ("https://example.com/x y", "https://example.com/x%20y"),
        ('https://example.com/"><script>', "https://example.com/%22%3E%3Cscript%3E"),
        ("mailto:jane@example.com", "mailto:jane@example.com"),
        ("HTTP://EXAMPLE.COM/", "HTTP://EXAMPLE.COM/"),
    ],
)
def test_a_link_address_with_specials_stays_one_inert_address(url, href):
    soup = html_of(convert(paragraph(text("here", link(url)), " and after")))
    (anchor,) = soup.find_all("a")
    assert (anchor["href"], anchor.get_text()) == (href, "here")
    assert words(soup) == "here and after"
    assert_only_safe_links(soup)


def test_control_characters_never_reach_the_page():
    soup = html_of(convert(paragraph("bell\x07 null\x00 esc\x1b[31m sep\u2028end")))
    assert re.search("[\x00-\x08\x0b-\x1f\x7f]", str(soup)) is None
    assert "bell" in words(soup) and "end" in words(soup)


def test_html_code_in_a_document_never_reaches_the_page():
    result = convert(
        {"type": "HTML", "htmlData": {"html": "<script>alert(1)</script>", "source": "HTML"}},
        {"type": "HTML", "htmlData": {"url": "javascript:alert(1)"}},
        paragraph("After"),
    )
    soup = html_of(result)
    assert words(soup) == "After"
    assert_only_safe_links(soup)
    assert any("HTML embed" in note for note in result.notes)


def test_unknown_node_types_keep_their_text_with_a_note():
    result = convert(
        {"type": "FANCY_NEW_BLOCK", "nodes": [paragraph("Still here")]},
        {"type": "POLL", "pollData": {"poll": {"title": "Vote?"}}},
        {"type": "LAYOUT", "nodes": [{"type": "LAYOUT_CELL", "nodes": [paragraph("In a cell")]}]},
    )
    assert words(html_of(result)) == "Still here In a cell"
    assert any("FANCY_NEW_BLOCK" in note for note in result.notes)
    assert "a poll was left out" in result.notes


CARELESS: list[object] = [
    None, "richContent", 42, [], {}, {"nodes": "x"}, {"nodes": None},
    {"nodes": [1, "a", None, [], {"type": 5}, {"type": "PARAGRAPH", "nodes": {"x": 1}}]},
    {"nodes": [{"type": "TEXT", "textData": "x"}, {"type": "TEXT", "textData": {"text": 7}}]},
    {"nodes": [{"type": "HEADING", "headingData": {"level": "nine"}, "nodes": [text("h")]}]},
    {"nodes": [{"type": "HEADING", "headingData": None, "nodes": [text("h")]}]},
    {"nodes": [{"type": "PARAGRAPH", "nodes": [{"type": "TEXT", "textData": {
        "text": "t", "decorations": [None, "BOLD", {"type": None}, {"type": "LINK"},
                                     {"type": "LINK", "linkData": {"link": "x"}}]}}]}]},
    {"nodes": [{"type": "IMAGE", "imageData": "x"}, {"type": "IMAGE", "imageData": {"image": 3}}]},
    {"nodes": [{"type": "IMAGE", "imageData": {"image": {"src": {"id": "a.jpg"}, "width": "978",
                                                        "height": -5}}}]},
    {"nodes": [{"type": "GALLERY", "galleryData": {
        "items": [None, {"image": "x"}, {"video": 1}]}}]},
    {"nodes": [{"type": "VIDEO", "videoData": {"video": {"src": {"id": "../../x"}}}}]},
    {"nodes": [{"type": "TABLE", "nodes": [None, {"type": "TABLE_ROW", "nodes": [1]}]}]},
    {"nodes": [{"type": "ORDERED_LIST", "orderedListData": {"start": "x"}, "nodes": [1, None]}]},
    {"nodes": [{"type": "COLLAPSIBLE_LIST", "nodes": [1, {"nodes": [None, {"type": 1}]}]}]},
    {"nodes": [{"type": "BUTTON", "buttonData": {"link": {"url": 5}}}, {"type": "FILE"}]},
    {"nodes": [{"type": "LINK_PREVIEW"}, {"type": "EMBED", "embedData": []}, {"type": "GIF"}]},
    {"nodes": [{"type": "CODE_BLOCK", "nodes": [{"type": "TEXT"}]},
               {"type": "DIVIDER", "nodes": 3}]},
]  # fmt: skip


@pytest.mark.parametrize("document", CARELESS)
def test_wrong_types_anywhere_give_what_can_be_read_and_never_an_error(document):
    result = ricos_to_markdown(document)
    assert isinstance(result, RicosMarkdown)
    assert all(note and "\n" not in note and len(note) < 200 for note in result.notes)
    soup = html_of(result)
    assert_only_safe_links(soup)
    for found in result.media:
        assert "/" not in found.media_id and ".." not in found.media_id


def test_numbers_written_as_strings_are_read():
    (found,) = ricos_to_markdown(CARELESS[13]).media
    assert (found.width, found.height) == (978, None)
    soup = html_of(convert(heading("3", "Three")))
    assert soup.find("h3").get_text() == "Three"


def deep(levels: int) -> dict[str, Any]:
    node: dict[str, Any] = paragraph("bottom")
    for _ in range(levels):
        node = {"type": "BLOCKQUOTE", "nodes": [node]}
    return {"nodes": [node]}


def test_a_document_nesting_too_deep_is_refused_in_one_line():
    with pytest.raises(RicosTooComplex) as refused:
        ricos_to_markdown(deep(100_000))
    assert "\n" not in str(refused.value) and "deep" in str(refused.value)
    assert isinstance(refused.value, TooComplex)  # what the importer catches already


def test_even_a_huge_max_depth_never_recurses_without_bound():
    with pytest.raises(RicosTooComplex):
        ricos_to_markdown(deep(5_000), max_depth=10**9)


def test_a_document_within_the_bounds_converts():
    soup = html_of(ricos_to_markdown(deep(20)))
    assert words(soup) == "bottom"


def test_a_document_with_too_many_nodes_is_refused():
    many = {"nodes": [paragraph(f"p{n}") for n in range(600)]}
    with pytest.raises(RicosTooComplex) as refused:
        ricos_to_markdown(many, max_nodes=1000)
    assert "1,000" in str(refused.value)
    decorated = {"nodes": [paragraph(text("x", *[{"type": "BOLD"}] * 5000))]}
    with pytest.raises(RicosTooComplex):
        ricos_to_markdown(decorated, max_nodes=1000)
    assert ricos_to_markdown(many, max_nodes=1200).blocks[-1] == "p599"


STYLES = [
    {"type": "BOLD", "fontWeightValue": 700}, {"type": "ITALIC", "italicData": True},
    {"type": "UNDERLINE", "underlineData": True}, {"type": "STRIKETHROUGH"},
    {"type": "COLOR", "colorData": {"foreground": "#20ce88"}}, link("https://example.com/p"),
]  # fmt: skip
PIECES = ["word", " ", "two words ", " lead", "*", "_", "\\", "`", "#", "1.", "-", "]", "(", ")",
          "<b>", "&amp;", "{", "}", "|", "!", "~", "=", "..."]  # fmt: skip


def test_any_mix_of_styles_reads_as_the_text_written():
    chooser = random.Random(21)
    for _ in range(1000):
        runs = [
            text(
                "".join(chooser.choices(PIECES, k=chooser.randint(1, 4))),
                *chooser.sample(STYLES, chooser.randint(0, 3)),
            )
            for _ in range(chooser.randint(1, 5))
        ]
        written = "".join(run["textData"]["text"] for run in runs)
        soup = html_of(convert(paragraph(*runs)))
        assert " ".join(soup.get_text().split()) == " ".join(written.split()), runs
        assert_only_safe_links(soup)


def test_an_exclamation_mark_before_a_link_does_not_make_it_an_image():
    soup = html_of(convert(paragraph("Wow!", text("the page", link("https://example.com/")))))
    assert not soup.find("img")
    assert soup.find("a", href="https://example.com/").get_text() == "the page"
    assert words(soup) == "Wow!the page"
