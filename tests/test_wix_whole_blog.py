"""``make import-wix SRC=https://...``: a whole Wix blog imported from the stand-in
Wix site, media host and Blog API on 127.0.0.1 (tests/wix_standin.py), by both
routes, politeness off and retries not waited; then the imported blog built and
its pages read."""

from __future__ import annotations

import os
import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from blog_extras.wix_import import live
from blog_extras.wix_import.fetch import Fetcher, wix_hosts
from blog_extras.wix_import.media import IMAGE_WIDTH
from blog_extras.wix_import.progress import Progress
from tests.project import Project, copy_project
from tests.wix_standin import Category, Member, Misbehaviour, Post, Tag, WixStandin, running


def png(width: int = 8, height: int = 6) -> bytes:
    """A real PNG (a browser draws it): grey pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def text(value: str, *decorations: dict[str, Any]) -> dict[str, Any]:
    return {"type": "TEXT", "nodes": [], "textData": {"text": value, "decorations": decorations}}


def link(url: str) -> dict[str, Any]:
    return {"type": "LINK", "linkData": {"link": {"url": url}}}


def paragraph(*runs: dict[str, Any]) -> dict[str, Any]:
    return {"type": "PARAGRAPH", "id": "p", "nodes": list(runs), "paragraphData": {}}


def image(media_id: str, alt: str, caption: str = "", width: int = 4000) -> dict[str, Any]:
    data = {"image": {"src": {"id": media_id}, "width": width, "height": 3000}, "altText": alt}
    if caption:
        data["caption"] = caption
    return {"type": "IMAGE", "id": "i", "nodes": [], "imageData": data}


def document(*nodes: dict[str, Any]) -> dict[str, Any]:
    return {"nodes": list(nodes), "metadata": {"version": 1}, "documentStyle": {}}


def blog(standin: WixStandin) -> None:
    """A small blog: links between its posts, pictures, a non-ASCII slug."""
    site = standin.site_url
    standin.categories = [Category("c1", "Movies", "movies"), Category("c2", "Travel", "travel")]
    standin.tags = [Tag("t1", "light", "light")]
    standin.media = {"cover~mv2.png": png(), "street~mv2.png": png(12, 9)}
    first = document(
        paragraph(text("A first post about light.")),
        paragraph(
            text("Read "),
            text("the second", link(f"{site}/post/ba%C3%B1%C3%B3-en-la-playa")),
            text(", or "),
            text("this one again", link(f"{site.replace('127.0.0.1', '127.0.0.1')}/post/first")),
            text(", or "),
            text("a post never imported", link(f"{site}/post/gone-away")),
            text("."),
        ),
        image("street~mv2.png", "A street at dusk", "Mapo at dusk"),
    )
    second = document(
        paragraph(text("Second words.")),
        paragraph(
            text("Back to the "), text("first", link(f"{site}/single-post/2024/01/09/first"))
        ),
    )
    standin.posts = [
        Post(
            "first", "First light", "2024-01-09T10:38:28.756Z", "2024-02-01T08:00:00.000Z",
            rich_content=first, views=43, comments=2, likes=7, category_ids=["c1", "c2"],
            tag_ids=["t1"], cover_media_id="cover~mv2.png",
        ),
        Post("bañó-en-la-playa", "Bañó en la playa", "2024-05-19T08:00:00.000Z",
             rich_content=second, views=1),
    ]  # fmt: skip


@pytest.fixture
def wix() -> Iterator[WixStandin]:
    standin = WixStandin()
    with running(standin):
        blog(standin)
        yield standin


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "blog"
    root.mkdir()
    return copy_project(root, with_posts=False)


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def env_for(wix: WixStandin, api: bool, key: str | None = None) -> dict[str, str]:
    env = {"WIX_API_URL": wix.api_url, "WIX_MEDIA_URL": wix.media_url}
    if api:
        env |= {"WIX_API_KEY": key or wix.api_key, "WIX_SITE_ID": wix.site_id}
    return env


def run_import(
    project: Project,
    wix: WixStandin,
    capsys: pytest.CaptureFixture[str],
    api: bool = False,
    force: bool = False,
    source: str = "",
    key: str | None = None,
) -> Run:
    fetcher = Fetcher(
        hosts=wix_hosts(wix.site_url, wix.api_url, wix.media_url, polite=False),
        sleep=lambda seconds: None,  # retries are not waited
    )
    with fetcher:
        code = live.run(
            source or wix.site_url, str(project.root / "mkdocs.yml"), force,
            env_for(wix, api, key), fetcher, Progress(),
        )  # fmt: skip
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def files(project: Project) -> dict[str, bytes]:
    return {
        str(path.relative_to(project.root)): path.read_bytes()
        for path in sorted((project.root / "docs" / "blog").rglob("*"))
        if path.is_file()
    }


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


# -- What a post becomes -------------------------------------------------------------


def test_both_routes_write_the_same_posts(
    wix: WixStandin, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    made = []
    for api in (False, True):
        root = tmp_path / ("api" if api else "site")
        root.mkdir()
        project = copy_project(root, with_posts=False)
        result = run_import(project, wix, capsys, api=api)
        assert result.code == 0, result.out + result.err
        assert "2 imported, 0 unchanged, 0 kept" in result.out
        made.append(files(project))
    assert made[0] == made[1]
    assert "docs/blog/posts/first-light.md" in made[0]


def test_a_post_keeps_its_dates_counts_labels_author_and_old_address(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    run = run_import(project, wix, capsys)
    assert run.code == 0
    meta = front_matter(project.posts / "first-light.md")
    assert meta["title"] == "First light"
    assert (str(meta["date"]["created"]), str(meta["date"]["updated"])) == (
        "2024-01-09",
        "2024-02-01",
    )
    assert (meta["views"], meta["comments"], meta["likes"]) == (43, 2, 7)
    assert meta["tags"] == ["light"]
    # Travel was not among categories_allowed: added to mkdocs.yml, and said so.
    assert meta["categories"] == ["Movies", "Travel"]
    assert re.search(r"^added the category Travel to \S*mkdocs.yml$", run.out, re.MULTILINE)
    config = yaml.safe_load((project.root / "mkdocs.yml").read_text("utf-8").replace("!ENV", ""))
    blog = next(p["blog"] for p in config["plugins"] if isinstance(p, dict) and "blog" in p)
    assert "Travel" in blog["categories_allowed"]
    assert meta["authors"] == ["ada-writer"]
    assert meta["wix"]["path"] == "/post/first"
    authors = yaml.safe_load((project.root / "docs/blog/.authors.yml").read_text("utf-8"))
    assert authors["authors"]["ada-writer"]["name"] == "Ada Writer"
    other = front_matter(project.posts / "bañó-en-la-playa.md")
    assert other["wix"]["path"] == "/post/bañó-en-la-playa" and "updated" not in other["date"]


def test_authors_are_added_to_the_authors_file_keeping_it_and_the_owners_key(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    authors_file = project.root / "docs/blog/.authors.yml"
    before = authors_file.read_bytes()
    assert b"# The blog's authors" in before and b"\n  me:\n" in before
    wix.members = [Member("member-1", "Me", "me")]  # a Wix author who calls herself "Me"
    result = run_import(project, wix, capsys, api=True)
    assert result.code == 0, result.out + result.err
    after = authors_file.read_bytes()
    # Its guidance comments and the owner's entry kept byte for byte; one entry added.
    assert after.startswith(before)
    assert after[len(before) :].decode() == (
        '  me-2:\n    name: Me\n    description: ""\n    avatar: assets/avatar.svg\n'
    )
    listed = yaml.safe_load(after)["authors"]
    assert listed["me"]["name"] == "Your Name" and listed["me-2"]["name"] == "Me"
    # Both posts by the same Wix author: one key, not "me".
    for name in ("first-light.md", "bañó-en-la-playa.md"):
        assert front_matter(project.posts / name)["authors"] == ["me-2"]
    again = run_import(project, wix, capsys, api=True)
    assert "0 imported, 2 unchanged" in again.out and authors_file.read_bytes() == after


def test_pictures_are_downloaded_sized_typed_and_kept_beside_the_post(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    wix.posts[1].cover_media_id = "fake~mv2.png"
    wix.media["fake~mv2.png"] = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
    result = run_import(project, wix, capsys)
    assert result.code == 0, result.out
    folder = project.posts / "first-light"
    assert sorted(p.name for p in folder.iterdir()) == ["cover-mv2.png", "street-mv2.png"]
    assert (folder / "street-mv2.png").read_bytes() == wix.media["street~mv2.png"]
    body = (project.posts / "first-light.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    # The cover first, with the opening paragraph above the excerpt separator.
    assert body.startswith(
        "\n![First light](first-light/cover-mv2.png)\n\nA first post about light.\n\n<!-- more -->"
    )
    assert "![A street at dusk](first-light/street-mv2.png)\n\n*Mapo at dusk*" in body
    # A picture wider than the site needs is asked for as Wix's sized variant.
    street = [r.path for r in wix.requests_to("media") if "street" in r.path]
    assert street == [
        f"/media/street~mv2.png/v1/fit/w_{IMAGE_WIDTH},h_1830,al_c,q_85/street~mv2.png"
    ]
    # An HTML page served as a PNG is refused, and its post written without it.
    assert not (project.posts / "bañó-en-la-playa").exists()
    other = front_matter(project.posts / "bañó-en-la-playa.md")
    assert any("not a JPEG, PNG, GIF, WebP or AVIF image" in n for n in other["wix"]["notes"])
    shown = (project.posts / "bañó-en-la-playa.md").read_text("utf-8").split("---\n", 2)[2]
    assert "fake" not in shown and "![" not in shown


@pytest.mark.parametrize("markup", ["2024", "2025"])
def test_pages_without_post_data_are_read_from_their_html(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str], markup
):
    wix.warmup, wix.markup = False, markup
    result = run_import(project, wix, capsys)
    assert result.code == 0, result.out
    meta = front_matter(project.posts / "first-light.md")
    assert meta["wix"]["path"] == "/post/first" and str(meta["date"]["created"]) == "2024-01-09"
    body = (project.posts / "first-light.md").read_text("utf-8").split("---\n", 2)[2]
    assert (
        "A first post about light." in body
        and "[the second](ba%C3%B1%C3%B3-en-la-playa.md)" in body
    )
    assert "](first-light/street-mv2.png)" in body
    assert (project.posts / "first-light" / "street-mv2.png").read_bytes() == wix.media[
        "street~mv2.png"
    ]


def test_links_between_posts_point_at_the_new_posts(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    assert run_import(project, wix, capsys).code == 0
    first = (project.posts / "first-light.md").read_text(encoding="utf-8")
    assert "[the second](ba%C3%B1%C3%B3-en-la-playa.md)" in first
    assert "[this one again](first-light.md)" in first
    assert f"[a post never imported]({wix.site_url}/post/gone-away)" in first
    second = (project.posts / "bañó-en-la-playa.md").read_text(encoding="utf-8")
    assert "[first](first-light.md)" in second


# -- A run: again, edited, failing --------------------------------------------------


def test_a_second_run_changes_nothing_and_downloads_nothing(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    assert run_import(project, wix, capsys).code == 0
    before = files(project)
    times = {p: p.stat().st_mtime_ns for p in project.posts.rglob("*")}
    wix.requests.clear()
    result = run_import(project, wix, capsys)
    assert result.code == 0
    assert "0 imported, 2 unchanged, 0 kept" in result.out
    assert files(project) == before
    assert times == {p: p.stat().st_mtime_ns for p in project.posts.rglob("*")}
    assert wix.requests_to("media") == []


def test_a_post_edited_since_its_import_is_kept_unless_forced(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    assert run_import(project, wix, capsys).code == 0
    post = project.posts / "first-light.md"
    edited = post.read_text(encoding="utf-8").replace("A first post", "My first post")
    post.write_text(edited, encoding="utf-8")
    wix.posts[0].views = 50  # Wix's copy changed too
    result = run_import(project, wix, capsys)
    assert result.code == 0
    assert "1 kept" in result.out and "FORCE=1" in result.out
    assert post.read_text(encoding="utf-8") == edited
    forced = run_import(project, wix, capsys, force=True)
    assert forced.code == 0 and "1 imported" in forced.out
    assert front_matter(post)["views"] == 50 and "My first post" not in post.read_text("utf-8")


def test_a_long_title_does_not_pass_for_another_posts_old_address(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    # Written folded, this title's end would start a line "  path: /post/first'".
    wix.posts.append(Post("long", "0" + "'" * 497 + " path: /post/first"))
    assert run_import(project, wix, capsys).code == 0
    first = (project.posts / "first-light.md").read_text("utf-8")
    for _ in range(2):
        again = run_import(project, wix, capsys)
        assert again.code == 0 and "0 imported, 3 unchanged" in again.out
    assert (project.posts / "first-light.md").read_text("utf-8") == first
    assert len(list(project.posts.glob("*.md"))) == 3


def test_titles_of_the_sites_own_addresses_get_other_slugs(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    wix.posts += [Post(title.lower(), title) for title in ("Index", "Archive", "Tags", "Search")]
    assert run_import(project, wix, capsys).code == 0
    for slug in ("index", "archive", "tags", "search"):
        assert not (project.posts / f"{slug}.md").exists()
        assert front_matter(project.posts / f"{slug}-2.md")["slug"] == f"{slug}-2"
    assert "0 imported, 6 unchanged" in run_import(project, wix, capsys).out


def test_a_post_moved_into_a_folder_is_updated_there(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    assert run_import(project, wix, capsys).code == 0
    (project.posts / "2024").mkdir()
    moved = project.posts / "2024" / "bañó-en-la-playa.md"
    (project.posts / "bañó-en-la-playa.md").rename(moved)
    wix.posts[1].views = 5  # changed on Wix since
    result = run_import(project, wix, capsys)
    assert result.code == 0 and "imported" in result.out
    assert sorted(p.relative_to(project.posts).as_posix() for p in project.posts.rglob("*.md")) == [
        "2024/bañó-en-la-playa.md", "first-light.md"
    ]  # fmt: skip
    assert front_matter(moved)["views"] == 5
    assert "[first](../first-light.md)" in moved.read_text("utf-8")
    first = (project.posts / "first-light.md").read_text("utf-8")
    assert "[the second](2024/ba%C3%B1%C3%B3-en-la-playa.md)" in first
    assert "0 imported, 2 unchanged" in run_import(project, wix, capsys).out


def test_the_site_route_takes_old_addresses_from_the_sitemap_not_the_pages_data(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    wix.posts = [Post("a", "Post A", page_slug="b"), Post("b", "Post B")]
    result = run_import(project, wix, capsys)
    assert result.code == 0 and "2 imported" in result.out
    assert front_matter(project.posts / "post-a.md")["wix"]["path"] == "/post/a"
    assert front_matter(project.posts / "post-b.md")["wix"]["path"] == "/post/b"


def test_posts_not_imported_are_named_with_the_reason(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    wix.other_sitemap_urls = ["https://elsewhere.example/post/theirs"]
    result = run_import(project, wix, capsys)
    assert "2 imported, 0 unchanged, 0 kept" in result.out and "1 skipped" in result.out
    assert "skipped: 'https://elsewhere.example/post/theirs': not a post of this site" in result.out
    wix.posts.append(Post("first", "First light again", id="another-post"))
    by_api = run_import(project, wix, capsys, api=True)
    assert "1 skipped" in by_api.out
    assert re.search(r"^skipped: \S+/post/first: its old address /post/first is that of ",
                     by_api.out, re.MULTILINE)  # fmt: skip


def test_a_failing_post_is_named_and_the_next_run_imports_just_it(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    page = "/post/ba%C3%B1%C3%B3-en-la-playa"
    wix.misbehave("site", page, Misbehaviour("status", status=503))
    result = run_import(project, wix, capsys)
    assert result.code == 1
    assert "1 imported, 0 unchanged, 0 kept" in result.out and "1 failed" in result.out
    assert f"failed: {wix.site_url}{page}: " in result.out and "HTTP 503" in result.out
    assert f"{page}: {wix.site_url}{page}" not in result.out  # the address said once
    assert "Traceback" not in result.out + result.err
    assert sorted(p.name for p in project.posts.glob("*.md")) == ["first-light.md"]
    # The link to the post not written stays absolute, so the site still builds.
    first = (project.posts / "first-light.md").read_text(encoding="utf-8")
    assert f"]({wix.site_url}/post/ba%C3%B1%C3%B3-en-la-playa)" in first

    del wix.misbehaviour[("site", page)]
    again = run_import(project, wix, capsys)
    assert again.code == 0
    # The missing post, and the post whose link now has somewhere to go.
    assert "2 imported, 0 unchanged, 0 kept (edited since their import" in again.out
    assert "[the second](ba%C3%B1%C3%B3-en-la-playa.md)" in (
        project.posts / "first-light.md"
    ).read_text("utf-8")
    assert run_import(project, wix, capsys).out.startswith("unchanged")


def test_a_picture_that_does_not_arrive_fails_its_post_until_it_does(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    wix.misbehave("media", "/media/cover~mv2.png", Misbehaviour("status", status=500))
    result = run_import(project, wix, capsys)
    assert result.code == 1
    assert f"failed: {wix.site_url}/post/first: " in result.out
    assert not (project.posts / "first-light.md").exists()
    assert not (project.posts / "first-light").exists()
    assert [p.name for p in project.posts.iterdir()] == ["bañó-en-la-playa.md"]  # no leftovers
    del wix.misbehaviour[("media", "/media/cover~mv2.png")]
    assert run_import(project, wix, capsys).code == 0
    assert (project.posts / "first-light" / "cover-mv2.png").is_file()


def test_429_and_5xx_answers_are_retried(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    wix.misbehave("api", "/blog/v3/posts/query", Misbehaviour("status", times=2, status=429))
    wix.misbehave("media", "/media/street~mv2.png", Misbehaviour("status", times=1, status=503))
    result = run_import(project, wix, capsys, api=True)
    assert result.code == 0, result.out + result.err
    assert "2 imported" in result.out
    assert len(wix.requests_to("api", "/blog/v3/posts/query")) == 3


MEMBER_1 = "/members/v1/members/member-1"


def by_two_authors(wix: WixStandin) -> None:
    """ "First light" (read second, as the older) by Bo; the other post by Ada."""
    wix.members.append(Member("member-2", "Bo Reyes", "bo"))
    wix.posts[0].member_id = "member-2"


def test_a_deleted_author_leaves_the_post_without_a_name_and_a_note(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    wix.posts[1].member_id = "member-gone"  # the stand-in answers 404
    result = run_import(project, wix, capsys, api=True)
    assert result.code == 0, result.out + result.err
    assert "2 imported" in result.out
    other = front_matter(project.posts / "bañó-en-la-playa.md")
    assert "authors" not in other
    assert any("member-gone: HTTP 404" in note for note in other["wix"]["notes"])
    assert front_matter(project.posts / "first-light.md")["authors"] == ["ada-writer"]


def test_a_key_without_read_members_imports_every_post_without_names_asking_once(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    by_two_authors(wix)
    wix.misbehave("api", MEMBER_1, Misbehaviour("status", status=403))
    result = run_import(project, wix, capsys, api=True)
    assert result.code == 0, result.out + result.err
    assert "2 imported" in result.out
    for name in ("first-light.md", "bañó-en-la-playa.md"):
        meta = front_matter(project.posts / name)
        assert "authors" not in meta
        assert any("Read Members" in note for note in meta["wix"]["notes"])
    assert len(wix.requests_to("api", MEMBER_1)) == 1
    assert wix.requests_to("api", "/members/v1/members/member-2") == []


def test_an_author_the_api_cannot_give_fails_only_that_authors_posts(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    by_two_authors(wix)
    wix.misbehave("api", MEMBER_1, Misbehaviour("status", status=503))
    result = run_import(project, wix, capsys, api=True)
    assert result.code == 1
    assert "1 imported" in result.out and "1 failed" in result.out
    assert f"failed: {wix.site_url}/post/ba%C3%B1%C3%B3-en-la-playa: " in result.out
    assert "HTTP 503" in result.out and "Traceback" not in result.out + result.err
    assert front_matter(project.posts / "first-light.md")["authors"] == ["bo-reyes"]
    assert len(wix.requests_to("api", MEMBER_1)) == 5  # retried, then not asked again


# -- Stopping before anything is written ---------------------------------------------


def test_a_wrong_key_is_one_line_and_nothing_is_written(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    wrong = "IST.wrong-key-that-must-not-show-9876"
    result = run_import(project, wix, capsys, api=True, key=wrong)
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("error: ")
    assert "HTTP 403" in result.err and "WIX_API_KEY" in result.err
    assert wrong not in result.err
    assert list(project.posts.iterdir()) == []
    assert all(wrong.encode() not in data for data in files(project).values())


def test_a_server_that_echoes_the_key_does_not_get_it_shown(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    wix.misbehave("api", "/blog/v3/categories/query", Misbehaviour("echo"))
    result = run_import(project, wix, capsys, api=True)
    assert result.code == 1 and result.err.count("\n") == 1
    assert wix.api_key not in result.err and "[hidden]" in result.err
    assert list(project.posts.iterdir()) == []


@pytest.mark.parametrize("redirected", [False, True], ids=["plain", "api-redirects-away"])
def test_the_key_goes_to_the_api_only(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str], redirected: bool
):
    if redirected:  # the API sends the author's lookup to the media host
        away = Misbehaviour("redirect", location=wix.media_url + "cover~mv2.png")
        wix.misbehave("api", "/members/v1/members/member-1", away)
    result = run_import(project, wix, capsys, api=True)
    assert result.code == (1 if redirected else 0)  # a picture is no member
    if redirected:
        assert any(r.path == "/media/cover~mv2.png" for r in wix.requests_to("media"))
    assert wix.requests_to("api") and wix.requests_to("media")
    assert all(r.headers.get("authorization") == "[set]" for r in wix.requests_to("api"))
    for request in wix.requests_to("media") + wix.requests_to("site"):
        assert "authorization" not in request.headers and "wix-site-id" not in request.headers
    written = b"".join(files(project).values())
    assert wix.api_key.encode() not in written and wix.site_id.encode() not in written
    assert wix.api_key not in result.out + result.err


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        (lambda wix: setattr(wix, "posts", []), "lists no blog posts"),
        (
            lambda wix: wix.misbehave("site", "/sitemap.xml", Misbehaviour("malformed")),
            "malformed XML",
        ),
        (
            lambda wix: wix.misbehave("site", "/sitemap.xml", Misbehaviour("status", status=404)),
            "a Wix site?",
        ),
    ],
    ids=["no-posts", "malformed-sitemap", "not-wix"],
)
def test_an_address_that_is_no_wix_blog_is_one_line(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str], setup, words: str
):
    setup(wix)
    result = run_import(project, wix, capsys)
    assert result.code == 1
    assert result.err.count("\n") == 1 and words in result.err
    assert list(project.posts.iterdir()) == []


def test_malformed_json_from_the_api_is_one_line(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]
):
    wix.misbehave("api", "/blog/v3/posts/query", Misbehaviour("malformed"))
    result = run_import(project, wix, capsys, api=True)
    assert result.code == 1 and result.err.count("\n") == 1
    assert "not JSON" in result.err
    assert list(project.posts.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [("WIX_MEDIA_URL", "javascript:alert(1)"), ("WIX_API_URL", "http://wixapis.example.com")],
)
def test_hosts_that_are_no_web_addresses_are_refused(
    project: Project, capsys: pytest.CaptureFixture[str], name: str, value: str
):
    code = live.run("https://www.example.com", str(project.root / "mkdocs.yml"), False,
                    {name: value})  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(f"error: {name} ") and err.count("\n") == 1


def test_a_blog_or_post_address_names_the_site():
    assert live.site_address("https://www.example.com/blog") == "https://www.example.com"
    assert live.site_address("https://www.example.com/post/ba%C3%B1o") == "https://www.example.com"
    assert (
        live.site_address("https://jane.wixsite.com/my-site/post/hello")
        == "https://jane.wixsite.com/my-site"
    )


# -- Hostile content ----------------------------------------------------------------


def hostile(standin: WixStandin) -> None:
    standin.posts.append(
        Post(
            "hostile", "<script>alert('title')</script> Hostile", "2024-03-01T00:00:00.000Z",
            rich_content=document(
                paragraph(text("<img src=x onerror=alert(1)> plain text")),
                paragraph(text("click", link("javascript:alert(1)"))),
                image("../../../etc/passwd", "climbing"),
                image("x~mv2.png/../../escape", "climbing too"),
            ),
        )
    )  # fmt: skip
    standin.posts.append(Post("a/../../b", "Slash slug", "2024-03-02T00:00:00.000Z"))
    # From docs/blog/posts/, up to the folder holding the project (and a canary).
    standin.posts.append(Post("../../../../canary/x", "Climbing slug", "2024-03-02T00:00:00.000Z"))
    standin.posts.append(Post("..", "Dot dot", "2024-03-03T00:00:00.000Z"))


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_hostile_content_is_written_harmless(
    wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path
):
    hostile(wix)
    (tmp_path / "canary").mkdir()
    (tmp_path / "canary" / "x.md").write_text("the canary", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run_import(project, wix, capsys, api=True)
    changed = {path for path, data in snapshot(tmp_path).items() if before.get(path) != data}
    # Only the posts, the authors file and the categories in mkdocs.yml are written.
    docs = project.root / "docs"
    assert changed and all(docs in p.parents or p == project.root / "mkdocs.yml" for p in changed)
    assert snapshot(tmp_path / "canary") == {tmp_path / "canary" / "x.md": b"the canary"}
    assert "Traceback" not in result.out + result.err
    # A post whose slug is no path segment is not imported: named, nothing written.
    assert result.code == 1 and "failed: " in result.out and "its address on Wix" in result.out
    assert not list(project.posts.glob("slash*")) and not list(project.posts.glob("dot*"))
    assert not list(project.posts.glob("climbing*"))
    assert all(not p.name.startswith(("etc", "escape", "passwd")) for p in changed)
    post = next(project.posts.glob("*hostile*.md"))
    text = post.read_text(encoding="utf-8")
    assert "javascript:" not in text.split("---\n", 2)[2]
    assert "<img" not in text.split("---\n", 2)[2] and "&lt;img" in text
    assert (
        front_matter(post)["title"] == "\u2039script\u203aalert('title')\u2039/script\u203a Hostile"
    )
    for path in project.posts.rglob("*"):  # no link leading out either
        assert project.posts in path.resolve().parents


# -- The imported blog, built and opened ------------------------------------------


@pytest.fixture
def built(wix: WixStandin, project: Project, capsys: pytest.CaptureFixture[str]) -> Project:
    hostile(wix)
    result = run_import(project, wix, capsys)
    assert "Traceback" not in result.out + result.err
    check = project.run("blog_extras.cli", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    build = project.run("mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stderr
    links = project.run("blog_extras.cli", "linkcheck", "site")
    assert links.returncode == 0, links.stdout + links.stderr
    return project


def test_the_imported_blog_builds_and_serves_its_own_pictures(wix: WixStandin, built: Project):
    page = BeautifulSoup(
        (built.site / "first-light" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    article = page.select_one("article.md-content__inner")
    assert article is not None and "A first post about light." in article.get_text()
    images = article.select("img")
    assert [i["alt"] for i in images[:2]] == ["First light", "A street at dusk"]
    for found in images[:2]:
        assert (built.site / "first-light" / found["src"]).resolve().is_file()
    second = article.select_one("a:-soup-contains('the second')")
    assert second is not None and second["href"] == "../ba%C3%B1%C3%B3-en-la-playa/"
    og = page.select_one("meta[property='og:image']")
    assert og is not None and og["content"].endswith("cover-mv2.png")
    redirect = built.site / "post" / "bañó-en-la-playa" / "index.html"
    assert "ba%C3%B1%C3%B3-en-la-playa/" in redirect.read_text(encoding="utf-8")
    for path in built.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js"):
            content = path.read_text(encoding="utf-8", errors="replace")
            assert "wixstatic" not in content and wix.media_url not in content, path
        if path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            assert not soup.select("[onerror], a[href^='javascript']"), path
            for script in soup.select("script:not([type='application/ld+json'])"):
                assert "alert" not in script.get_text(), path
    hostile_page = (built.site / "alerttitle-hostile" / "index.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt; plain text" in hostile_page


def test_the_command_runs_from_make(wix: WixStandin, project: Project):
    env = {**os.environ, **env_for(wix, api=True)}
    result = project.run("blog_extras.cli", "import-wix", wix.site_url, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 imported, 0 unchanged, 0 kept" in result.stdout
    assert "importing: 2/2 posts" in result.stderr  # plain progress lines, not a terminal
    assert wix.api_key not in result.stdout + result.stderr
