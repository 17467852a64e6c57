"""A Wix feed's images are downloaded like the whole-blog import's pictures (issue
21): from the stand-in media host (tests/wix_standin.py) named by WIX_MEDIA_URL,
kept beside the post and shown from the site."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from blog_extras.wix_import.fetch import Fetcher, media_host
from blog_extras.wix_import.importer import import_file
from blog_extras.wix_import.media import Picture, picture_address
from tests.project import Project, copy_project
from tests.test_images import jpeg, png
from tests.wix_standin import Misbehaviour, WixStandin, running

WIX_MEDIA = "https://static.wixstatic.com/media/"
HARBOUR = png(8, 6)  # served as a .jpg: typed by its bytes, it is kept as a PNG
STREET = jpeg(8, 6)
COVER = png(12, 8)


@pytest.fixture
def wix() -> Iterator[WixStandin]:
    standin = WixStandin()
    with running(standin):
        standin.media = {
            "a1_harbour~mv2.jpg": HARBOUR,
            "b2_street~mv2.jpg": STREET,
            "c3_cover~mv2.png": COVER,
            "d4_page~mv2.png": b"<!DOCTYPE html><html><title>Error</title></html>",
        }
        yield standin


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "blog"
    root.mkdir()
    return copy_project(root, with_posts=False)


def wix_src(media_id: str) -> str:
    """An image's address as Wix writes it in a feed: a sized variant (FACTS C.3)."""
    return f"{WIX_MEDIA}{media_id}/v1/fill/w_740,h_493,al_c,q_80,enc_auto/{media_id}"


def item(title: str, html: str, cover: str = "") -> str:
    slug = title.lower().replace(" ", "-")
    enclosure = f'<enclosure url="{cover}" length="0" type="image/png"/>' if cover else ""
    return f"""<item>
<title><![CDATA[{title}]]></title>
<link>https://jane.wixsite.com/blog/post/{slug}</link>
<pubDate>Tue, 09 Jan 2024 10:38:28 GMT</pubDate>
{enclosure}
<content:encoded><![CDATA[{html}]]></content:encoded>
</item>"""


def feed(*items: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Jane's blog</title><link>https://jane.wixsite.com/blog</link>
<description>Jane's blog</description>
{"".join(items)}
</channel></rss>
"""


HARBOUR_WALK = (
    f'<p>We walked to the harbour.</p><img src="{wix_src("a1_harbour~mv2.jpg")}" '
    f'alt="The harbour at dawn"><p>Then into town.</p>'
    f'<img src="{wix_src("b2_street~mv2.jpg")}" alt="A street at dusk">'
)
TWO_IMAGES = item("Harbour Walk", HARBOUR_WALK)
COVER_VARIANT = f"{WIX_MEDIA}c3_cover~mv2.png/v1/fit/w_978,h_1000,al_c,q_80/file.png"


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def run_import(
    project: Project, wix: WixStandin, capsys: pytest.CaptureFixture[str], text: str
) -> Run:
    source = project.root / "blog-feed.xml"
    source.write_text(text, encoding="utf-8")
    fetcher = Fetcher(hosts=media_host(wix.media_url, polite=False), sleep=lambda seconds: None)
    with fetcher:
        code = import_file(source, str(project.root / "mkdocs.yml"), False,
                           {"WIX_MEDIA_URL": wix.media_url}, fetcher)  # fmt: skip
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def said(out: str, verb: str, post: str) -> bool:
    """Whether the run's report says it ``verb`` ("wrote", "unchanged") the post."""
    return any(line.startswith(f"{verb} ") and f"/{post}.md" in line for line in out.splitlines())


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def media_path(wix: WixStandin, media_id: str) -> str:
    """The path the importer asks the media host for (a sized variant)."""
    return urlsplit(picture_address(Picture("", media_id), wix.media_url)).path


def test_a_feed_items_images_are_downloaded_beside_the_post(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    result = run_import(project, wix, capsys, feed(TWO_IMAGES))
    assert result.code == 0, result.out + result.err
    folder = project.posts / "harbour-walk"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        "a1_harbour-mv2.png": HARBOUR,
        "b2_street-mv2.jpg": STREET,
    }
    text = (project.posts / "harbour-walk.md").read_text(encoding="utf-8")
    assert "![The harbour at dawn](harbour-walk/a1_harbour-mv2.png)" in text
    assert "![A street at dusk](harbour-walk/b2_street-mv2.jpg)" in text
    assert "wixstatic" not in text and wix.media_url not in text
    assert sorted(p.name for p in project.posts.iterdir()) == ["harbour-walk", "harbour-walk.md"]
    asked = len(wix.requests_to("media"))
    again = run_import(project, wix, capsys, feed(TWO_IMAGES))
    assert again.code == 0 and said(again.out, "unchanged", "harbour-walk")
    assert len(wix.requests_to("media")) == asked  # nothing downloaded again


def test_a_post_edited_since_its_import_is_kept_and_not_downloaded_again(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    assert run_import(project, wix, capsys, feed(TWO_IMAGES)).code == 0
    post = project.posts / "harbour-walk.md"
    edited = post.read_text(encoding="utf-8") + "\nMy own last words.\n"
    post.write_text(edited, encoding="utf-8")
    asked = len(wix.requests_to("media"))
    again = run_import(project, wix, capsys, feed(TWO_IMAGES))
    assert again.code == 0 and said(again.out, "kept", "harbour-walk")
    assert post.read_text(encoding="utf-8") == edited
    assert len(wix.requests_to("media")) == asked


def test_an_image_that_is_a_web_page_is_left_out_with_a_note(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    html = (
        f'<p>Two pictures.</p><img src="{wix_src("d4_page~mv2.png")}" alt="Broken">'
        f'<img src="{wix_src("b2_street~mv2.jpg")}" alt="A street at dusk">'
    )
    result = run_import(project, wix, capsys, feed(item("Mixed Luck", html)))
    assert result.code == 0, result.out + result.err
    assert "note: the picture 'd4_page~mv2.png' was left out: not a JPEG, PNG" in result.out
    post = project.posts / "mixed-luck.md"
    text = post.read_text(encoding="utf-8")
    assert "Broken" not in text and "wix-image" not in text
    assert "![A street at dusk](mixed-luck/b2_street-mv2.jpg)" in text
    assert any("d4_page~mv2.png" in note for note in front_matter(post)["wix"]["notes"])
    assert [p.name for p in (project.posts / "mixed-luck").iterdir()] == ["b2_street-mv2.jpg"]


def test_a_picture_that_does_not_arrive_keeps_its_post_out_until_the_next_run(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    path = media_path(wix, "b2_street~mv2.jpg")
    wix.misbehave("media", path, Misbehaviour("status", status=503))
    other = item("Plain Words", "<p>No pictures here.</p>")
    result = run_import(project, wix, capsys, feed(TWO_IMAGES, other))
    assert result.code == 1
    assert "not written: Harbour Walk: a picture did not arrive (" in result.out
    assert "HTTP 503" in result.out and "run the same command again" in result.out
    assert len(wix.requests_to("media", path)) == 5  # the first try and four retries
    assert sorted(p.name for p in project.posts.iterdir()) == ["plain-words.md"]  # no leftovers
    del wix.misbehaviour[("media", path)]
    again = run_import(project, wix, capsys, feed(TWO_IMAGES, other))
    assert again.code == 0, again.out + again.err
    assert said(again.out, "wrote", "harbour-walk") and said(again.out, "unchanged", "plain-words")
    assert (project.posts / "harbour-walk" / "b2_street-mv2.jpg").read_bytes() == STREET


@pytest.mark.parametrize(
    ("src", "why"),
    [
        ("http://jane.example/a.png", "an http address; only https images are downloaded"),
        ("data:image/png;base64,iVBORw0KGgo=", "an image inside the feed (data:)"),
        ("images/a.png", "a relative address; the feed names no host"),
        ("javascript:alert(1)", "a javascript: address; only https images are downloaded"),
        (f"{WIX_MEDIA}%2E%2E%2Fetc/passwd", "not an address an image can be downloaded from"),
    ],
)
def test_an_image_not_on_an_https_host_is_left_out_with_a_note(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str], src: str, why: str
):
    html = f'<p>Before.</p><img src="{src}" alt="Lost"><p>After.</p>'
    result = run_import(project, wix, capsys, feed(item("Elsewhere", html)))
    assert result.code == 0, result.out + result.err
    assert f"note: the image {src!r} was left out: {why}" in result.out
    post = project.posts / "elsewhere.md"
    body = post.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == "\nBefore.\n\n<!-- more -->\n\nAfter.\n"
    assert any(src in note for note in front_matter(post)["wix"]["notes"])
    assert wix.requests == []  # nothing else to download: no network at all


def test_the_cover_becomes_the_first_picture_unless_the_text_starts_with_it(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    cover = COVER_VARIANT  # as Wix's feeds name a cover (FACTS C.3)
    excerpt = item("Only An Excerpt", "<p>The opening lines.</p>", cover=cover)
    starts_with_it = item(
        "Cover First",
        f'<img src="{wix_src("c3_cover~mv2.png")}" alt="The bay"><p>Text.</p>',
        cover=cover,
    )
    result = run_import(project, wix, capsys, feed(excerpt, starts_with_it))
    assert result.code == 0, result.out + result.err
    text = (project.posts / "only-an-excerpt.md").read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    assert body.startswith(
        "\n![Only An Excerpt](only-an-excerpt/c3_cover-mv2.png)\n\n"
        "The opening lines.\n\n<!-- more -->"
    )
    first = (project.posts / "cover-first.md").read_text(encoding="utf-8")
    assert "![The bay](cover-first/c3_cover-mv2.png)" in first
    assert first.count("c3_cover-mv2.png") == 1  # not twice
    assert (project.posts / "cover-first" / "c3_cover-mv2.png").read_bytes() == COVER


def test_a_media_host_that_is_no_web_address_is_one_line_and_nothing_is_written(
    project: Project, capsys: pytest.CaptureFixture[str]
):
    source = project.root / "blog-feed.xml"
    source.write_text(feed(TWO_IMAGES), encoding="utf-8")
    code = import_file(source, str(project.root / "mkdocs.yml"), False,
                       {"WIX_MEDIA_URL": "ftp://mirror.example/media/"})  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: WIX_MEDIA_URL ") and err.count("\n") == 1
    assert list(project.posts.iterdir()) == []


def test_the_imported_feed_builds_and_shows_its_pictures_from_the_site(
    wix: WixStandin, project: Project
):
    source = project.root / "blog-feed.xml"
    source.write_text(feed(item("Harbour Walk", HARBOUR_WALK, COVER_VARIANT)), encoding="utf-8")
    env = {**os.environ, "WIX_MEDIA_URL": wix.media_url}
    result = project.run("blog_extras.cli", "import-wix", str(source), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    build = project.run("mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stderr
    links = project.run("blog_extras.cli", "linkcheck", "site")
    assert links.returncode == 0, links.stdout + links.stderr
    page = BeautifulSoup(
        (project.site / "harbour-walk" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    article = page.select_one("article.md-content__inner")
    assert article is not None and "We walked to the harbour." in article.get_text()
    images = article.select("img")
    assert [i["alt"] for i in images] == ["Harbour Walk", "The harbour at dawn", "A street at dusk"]
    for found in images:
        assert (project.site / "harbour-walk" / found["src"]).resolve().is_file()
    og = page.select_one("meta[property='og:image']")
    assert og is not None and og["content"].endswith("c3_cover-mv2.png")
    for path in project.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            content = path.read_text(encoding="utf-8", errors="replace")
            assert "wixstatic" not in content and wix.media_url not in content, path
