"""Reading a live Wix blog (issue 21) into one plain record, by both routes: the
Blog API v3's posts, and the public site's sitemaps and post pages, in both page
generations. The fixtures are excerpts of real Wix pages and sitemaps and Wix's
own API examples; tests/fixtures/wix/remote/README.md names the source of each."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from blog_extras.wix_import import site_route
from blog_extras.wix_import.api_route import (
    api_posts,
    category_labels,
    member_name,
    query_all_posts,
    tag_labels,
)
from blog_extras.wix_import.remote import (
    MediaRef,
    RemoteError,
    labels_of,
    media_ref_from,
    post_from_v3,
)
from blog_extras.wix_import.site_route import (
    SitemapEntry,
    blog_sitemap,
    post_from_page,
    read_post,
    sitemap_entries,
)

FIXTURES = Path(__file__).parent / "fixtures" / "wix" / "remote"


def fixture_json(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


# -- Pictures -----------------------------------------------------------------------

ID = "38d615_206d4f87ecbd4475be570eebe5f849d5~mv2.jpg"


@pytest.mark.parametrize(
    "value",
    [
        {"id": ID, "url": f"https://static.wixstatic.com/media/{ID}", "width": 978, "height": 1282},
        {"src": {"id": ID}, "width": 978, "height": 1282},  # a Ricos image
        f"wix:image://v1/{ID}/photo.jpg#originWidth=978&originHeight=1282",
        {"id": ID.replace("~", "%7E"), "width": 978, "height": 1282},
        {"src": {"custom": f"media/{ID}"}, "width": 978, "height": 1282},
    ],
)
def test_every_shape_of_a_wix_picture_names_the_same_file(value: object):
    """However Wix wrote it, the importer downloads the original by its id."""
    assert media_ref_from(value) == MediaRef(ID, "", "", 978, 1282)


def test_a_resized_or_protocol_relative_address_gives_the_original_id():
    assert media_ref_from(f"https://static.wixstatic.com/media/{ID}/v1/fill/w_147,h_110/x.jpg") == (
        MediaRef(ID)
    )
    assert media_ref_from(f"//static.wixstatic.com/media/{ID}") == MediaRef(ID)


def test_a_picture_elsewhere_is_kept_by_its_https_address():
    ref = media_ref_from({"url": "https://i.ytimg.com/vi/1o7sUrIcZ7A/maxresdefault.jpg"}, "Video")
    assert ref == MediaRef("", "https://i.ytimg.com/vi/1o7sUrIcZ7A/maxresdefault.jpg", "Video")


@pytest.mark.parametrize(
    "value",
    [
        {"id": "../../../etc/passwd"},
        {"id": "..%2F..%2Fdocs%2Findex.md"},
        {"id": "javascript:alert(1)"},
        {"id": "a/b.jpg"},
        {"id": "a\\b.jpg"},
        {"id": "abc\x00.jpg"},
        {"id": "a" * 300 + ".jpg"},
        {"src": {"url": "javascript:alert(1)"}},
        "https://static.wixstatic.com/media/..%2F..%2Fsecret",
        "http://tracker.example/pixel.gif",
        "data:image/png;base64,AAAA",
        42,
        None,
    ],
)
def test_a_media_id_that_could_leave_its_folder_or_run_script_is_refused(value: object):
    """No picture rather than a file written outside the post's folder."""
    assert media_ref_from(value) is None


# -- The v3 post --------------------------------------------------------------------


def test_the_api_post_example_becomes_a_record():
    post = fixture_json("blog-v3-post-object.example.json")["post"]
    record = post_from_v3(
        post,
        category_labels={"a68da372-6bfa-412c-ad29-a3f1000ea3f2": "Cooking"},
        tag_labels={"edd159e5-603f-4826-a668-8d8cc037ab6d": "pepper"},
        author="Tada",
        site="https://tadaso7.wixsite.com/website",
    )
    assert (
        record.address
        == "https://tadaso7.wixsite.com/website/post/best-peppers-for-peppercorn-sauce"
    )
    assert record.slug == "best-peppers-for-peppercorn-sauce"
    assert record.title == "Best peppers for peppercorn sauce"
    assert record.first_published == datetime(2021, 3, 18, 11, 45, 14, 164000, tzinfo=UTC)
    assert record.last_published == datetime(2021, 3, 18, 12, 42, 16, 183000, tzinfo=UTC)
    assert (record.views, record.comments, record.likes) == (0, 0, 0)
    assert record.categories == ["Cooking"]
    assert record.tags == ["pepper"]
    assert record.author == "Tada"
    assert record.cover == MediaRef("b88f2d5da73042e2b86399ab9f21367f.jpg", "", "", 1000, 714)
    # Two tag ids the labels do not name: left out, and said.
    assert any("2 tag id(s)" in note for note in record.notes)


def test_wrong_types_become_notes_not_exceptions():
    record = post_from_v3(
        {
            "id": "p1",
            "title": ["not", "text"],
            "slug": "../../escape",
            "firstPublishedDate": "yesterday",
            "lastPublishedDate": 17,
            "metrics": {"views": "many", "comments": -3, "likes": True},
            "categoryIds": "c1",
            "richContent": "<p>html</p>",
            "media": {"wixMedia": {"image": {"id": "../x.jpg"}}},
            "url": {"base": "https://www.example.com", "path": "/post/x"},
        },
        category_labels={},
        tag_labels={},
        author="",
        site="https://www.example.com",
    )
    assert record.title == "" and record.slug == ""
    assert record.first_published is None and record.last_published is None
    assert (record.views, record.comments, record.likes) == (None, None, None)
    assert record.rich_content is None and record.cover is None and record.categories == []
    assert record.address == "https://www.example.com/post/x"
    assert any("not one path segment" in note for note in record.notes)
    assert any("no title" in note for note in record.notes)


def test_an_unusable_url_falls_back_to_the_site_and_slug():
    record = post_from_v3(
        {"slug": "hello", "url": {"base": "javascript:alert(1)", "path": "/post/hello"}},
        category_labels={},
        tag_labels={},
        author="",
        site="https://www.example.com",
    )
    assert record.address == "https://www.example.com/post/hello"
    assert any("not a usable address" in note for note in record.notes)
    with pytest.raises(RemoteError, match="neither a usable url nor a slug"):
        post_from_v3(
            {"id": "p2", "slug": "../../x"},
            category_labels={},
            tag_labels={},
            author="",
            site="https://www.example.com",
        )


def test_script_in_a_title_or_author_stays_plain_text_in_the_record():
    """Escaping is the writer's; the record keeps what the author typed, on one line."""
    record = post_from_v3(
        {
            "title": "<script>alert(1)</script>\nTitle",
            "slug": "x",
            "firstPublishedDate": "2024-01-09T10:38:28.756Z",
        },
        category_labels={},
        tag_labels={},
        author="<img src=x onerror=alert(1)>\x1b[31m",
        site="https://www.example.com",
    )
    assert record.title == "<script>alert(1)</script> Title"
    assert record.author == "<img src=x onerror=alert(1)> [31m"  # the escape character a space


def test_a_post_that_is_not_an_object_is_one_line_error():
    with pytest.raises(RemoteError, match=r"^a post from https://www.example.com is not a JSON"):
        post_from_v3(
            [], category_labels={}, tag_labels={}, author="", site="https://www.example.com"
        )


def test_non_ascii_slugs_read_the_same_encoded_or_plain():
    for slug in ("table-lamp-by-manu-bañó", "table-lamp-by-manu-ba%C3%B1%C3%B3"):
        record = post_from_v3(
            {
                "title": "Lamp",
                "slug": slug,
                "url": {"base": "https://www.russellconcept.com", "path": f"/post/{slug}"},
            },
            category_labels={},
            tag_labels={},
            author="",
            site="https://www.russellconcept.com",
        )
        assert record.slug == "table-lamp-by-manu-bañó"
        assert (
            record.address
            == "https://www.russellconcept.com/post/table-lamp-by-manu-ba%C3%B1%C3%B3"
        )


def test_category_and_tag_labels_are_read_from_wix_lists():
    categories = fixture_json("list-categories.response.example.json")["response"]["categories"]
    tags = fixture_json("query-tags.response.example.json")["response"]["tags"]
    assert labels_of(categories) == {"5f2bcaa0879ad500173577f3": "Summer"}
    assert labels_of(tags) == {"43b7a30f-ca8a-4678-84c4-0bab5e3ebf63": "books"}
    assert labels_of([{"id": "x", "label": 3}, "junk", {"id": 5, "label": "y"}]) == {}


# -- The site route: sitemaps -------------------------------------------------------

RUSSELL = "https://www.russellconcept.com"
ADOLF_POST = "https://www.adolfstock.de/post/bernd-polster-über-walter-gropius-bauhaus-und-exil"
ADOLF_POST_ENCODED = (
    "https://www.adolfstock.de/post/bernd-polster-%C3%BCber-walter-gropius-bauhaus-und-exil"
)


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_the_sitemap_index_leads_to_the_blog_posts_sitemap_of_this_site_only():
    result = sitemap_entries(fixture_text("sitemap-index.xml"), f"{RUSSELL}/sitemap.xml")
    assert result.sitemaps == [f"{RUSSELL}/blog-posts-sitemap.xml"]
    assert result.posts == []


def test_the_blog_posts_sitemap_lists_every_post_with_its_picture():
    result = sitemap_entries(
        fixture_text("pollinator-blog-posts-sitemap.xml"),
        "https://www.pollinatorpathwaysproject.com/blog-posts-sitemap.xml",
    )
    assert [entry.address.rpartition("/")[2] for entry in result.posts] == [
        "six-bees-to-look-out-for-this-spring-summer",
        "15-in-season-holiday-recipes",
        "monarch-butterflies-in-the-city",
        "looking-out-for-the-little-guy",
    ]
    assert [entry.images for entry in result.posts] == [
        (MediaRef("nsplsh_7509586fc59643ac86b6c58fb26c3650~mv2.jpg"),),
        (MediaRef("37b66721cb3c45ac8af320c8e9ea1a17.jpg"),),
        (MediaRef("nsplsh_4c47616e654b367947394d~mv2_d_5184_3456_s_4_2.jpg"),),
        (),
    ]


def test_a_plain_non_ascii_slug_in_the_sitemap_is_the_same_post_as_its_encoded_form():
    result = sitemap_entries(
        fixture_text("russellconcept-2025-blog-posts-sitemap.xml"),
        f"{RUSSELL}/blog-posts-sitemap.xml",
    )
    assert result.posts[-1].address == f"{RUSSELL}/post/table-lamp-by-manu-ba%C3%B1%C3%B3"
    encoded = fixture_text("russellconcept-2025-blog-posts-sitemap.xml").replace(
        "manu-bañó", "manu-ba%C3%B1%C3%B3"
    )
    again = sitemap_entries(encoded, f"{RUSSELL}/blog-posts-sitemap.xml")
    assert again.posts == result.posts


def test_only_posts_of_the_same_site_count():
    xml = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://russellconcept.com/post/a</loc></url>"
        "<url><loc>https://www.russellconcept.com/single-post/2019/05/01/Old-Post</loc></url>"
        "<url><loc>https://www.russellconcept.com/about</loc></url>"
        "<url><loc>https://evil.example/post/b</loc></url>"
        "<url><loc>javascript:alert(1)</loc></url>"
        "<url><loc>https://www.russellconcept.com/post/a</loc></url>"
        "</urlset>"
    )
    result = sitemap_entries(xml, f"{RUSSELL}/blog-posts-sitemap.xml")
    assert [entry.address for entry in result.posts] == [
        "https://russellconcept.com/post/a",
        f"{RUSSELL}/single-post/2019/05/01/Old-Post",
        f"{RUSSELL}/post/a",
    ]
    assert len(result.skipped) == 3


def test_a_free_sites_posts_are_those_under_its_own_folder():
    xml = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://user.wixsite.com/garden/post/a</loc></url>"
        "<url><loc>https://user.wixsite.com/kitchen/post/b</loc></url>"
        "</urlset>"
    )
    result = sitemap_entries(xml, "https://user.wixsite.com/garden/blog-posts-sitemap.xml")
    assert [entry.address for entry in result.posts] == ["https://user.wixsite.com/garden/post/a"]


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (
            '<?xml version="1.0"?>\n<urlset>\n<url><loc>x</loc></urlz>\n</urlset>',
            r"^https://www.russellconcept.com/blog-posts-sitemap.xml: malformed XML at line 3,",
        ),
        ("", "the sitemap is empty"),
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><urlset>&a;</urlset>',
            "DOCTYPE or entities is not read",
        ),
        ("<html><body>Not found</body></html>", r"is not a sitemap \(its root is <html>\)"),
    ],
)
def test_a_sitemap_that_cannot_be_read_is_one_line_naming_it(xml: str, message: str):
    with pytest.raises(RemoteError, match=message) as caught:
        sitemap_entries(xml, f"{RUSSELL}/blog-posts-sitemap.xml")
    assert "\n" not in str(caught.value)


def test_the_site_route_finds_every_post_from_the_site_address():
    pages = {
        f"{RUSSELL}/sitemap.xml": fixture_text("sitemap-index.xml"),
        f"{RUSSELL}/blog-posts-sitemap.xml": fixture_text(
            "russellconcept-2025-blog-posts-sitemap.xml"
        ),
    }
    asked: list[str] = []

    def get_text(url: str) -> str:
        asked.append(url)
        return pages[url]

    entries = blog_sitemap(get_text, f"{RUSSELL}/articles").posts
    assert len(entries) == 4
    assert asked == [f"{RUSSELL}/sitemap.xml", f"{RUSSELL}/blog-posts-sitemap.xml"]


def test_the_sitemaps_give_no_more_posts_than_a_wix_blog_holds(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(site_route, "MAX_POSTS", 5)  # 100,000 in earnest
    site, asked = "https://www.example.com", []
    xmlns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'

    def get_text(url: str) -> str:
        asked.append(url)
        if url.endswith("/sitemap.xml"):
            children = "".join(
                f"<sitemap><loc>{site}/blog-posts-sitemap.xml?page={n}</loc></sitemap>"
                for n in range(3)
            )
            return f"<sitemapindex {xmlns}>{children}</sitemapindex>"
        page = url.rpartition("=")[2]
        rows = "".join(f"<url><loc>{site}/post/p{page}-{n}</loc></url>" for n in range(3))
        return f"<urlset {xmlns}>{rows}</urlset>"

    listed = blog_sitemap(get_text, site)
    assert [entry.address for entry in listed.posts] == [
        f"{site}/post/p0-0", f"{site}/post/p0-1", f"{site}/post/p0-2", f"{site}/post/p1-0",
        f"{site}/post/p1-1",
    ]  # fmt: skip
    assert listed.skipped == ["more than 5 posts, more than a Wix blog holds; the rest not read"]
    assert len(asked) == 3  # the third sitemap of posts is not fetched


def test_a_site_whose_sitemaps_list_no_post_is_one_line():
    empty = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'
    with pytest.raises(RemoteError, match=r"sitemap.xml lists no blog posts .* is this a Wix blog"):
        blog_sitemap(lambda url: empty, "https://www.example.com/")


# -- The site route: post pages -----------------------------------------------------


def test_a_2024_post_page_is_read_from_its_post_data():
    """The Blog app's post data: rich content, counts, owner, category and tags."""
    post = post_from_page(fixture_text("adolfstock-2024-post.html"), ADOLF_POST)
    assert post.address == ADOLF_POST_ENCODED
    assert post.slug == "bernd-polster-über-walter-gropius-bauhaus-und-exil"
    assert post.title == (
        "Adolf Stock im Gespräch mit Bernd Polster über Walter Gropius, Bauhaus und Exil"
    )
    assert post.first_published == datetime(2020, 3, 29, 12, 11, 27, 862000, tzinfo=UTC)
    assert post.last_published == datetime(2020, 11, 6, 16, 38, 17, 562000, tzinfo=UTC)
    assert (post.views, post.comments, post.likes) == (204, 0, 0)
    assert post.author == "Adolf Stock"
    assert post.categories == ["Architektur"]
    assert len(post.tags) == 30 and post.tags[:2] == [
        "Nachgefragt das Interviewprojekt von Adolf Stock",
        "Adolf Stock",
    ]
    assert isinstance(post.rich_content, dict)
    assert post.rich_content["nodes"][0]["type"] == "HEADING"
    assert post.article_html == ""
    assert post.cover == MediaRef(
        "38d615_db7a424cdeda4ec49caad62a575f490f~mv2.jpg", "", "", 1069, 601
    )
    assert post.notes == []


def test_the_percent_encoded_address_reads_the_same_post():
    plain = post_from_page(fixture_text("adolfstock-2024-post.html"), ADOLF_POST)
    encoded = post_from_page(fixture_text("adolfstock-2024-post.html"), ADOLF_POST_ENCODED)
    assert encoded == plain


def without_warmup(page: str) -> str:
    start = page.index('<script type="application/json" id="wix-warmup-data">')
    return page[:start] + page[page.index("</script>", start) + len("</script>") :]


def test_a_2024_page_without_post_data_is_read_from_its_html():
    """2024 pages have no title or date hooks: the head's meta tags give them."""
    post = post_from_page(without_warmup(fixture_text("adolfstock-2024-post.html")), ADOLF_POST)
    assert post.title.startswith("Adolf Stock im Gespräch mit Bernd Polster")
    assert post.first_published == datetime(2020, 3, 29, 12, 11, 27, 862000, tzinfo=UTC)
    assert post.author == "Adolf Stock"
    assert post.categories == ["Architektur"]
    assert post.rich_content is None
    assert 'data-hook="post-description"' in post.article_html
    assert "Hintergrund" in post.article_html
    assert "share-button" not in post.article_html  # the footer is not the post's text
    assert (post.views, post.comments) == (None, None)
    assert "no view, comment or like counts in the page" in post.notes


def test_a_2025_page_without_post_data_or_json_ld_is_read_from_its_article():
    page = fixture_text("russellconcept-2025-post.html").replace(
        "</body>",
        '<footer data-hook="post-footer"><ul aria-label="Post categories">'
        "<li><a>ANOTHER POST'S CATEGORY</a></li></ul></footer></body>",
    )
    post = post_from_page(page, f"{RUSSELL}/post/stick-stud-by-katheleen-whitacker")
    assert post.title == "STICK STUD by KATHLEEN WHITAKER"
    assert post.author == "Colleen Russell"
    assert post.first_published == datetime(2021, 11, 14, tzinfo=UTC)
    assert any("only the day" in note for note in post.notes)
    assert post.categories == ["JEWELRY"]
    assert "Kathleen Whitacker's jewelry" in post.article_html
    assert "recent-post" not in post.article_html


def test_a_page_with_json_ld_takes_its_dates_author_and_picture():
    post = post_from_page(
        fixture_text("neointeraction-2024-post.html"),
        "https://www.neointeraction.com/post/design-systems-mfa-micro-front-end-architecture-a-quick-fact-check",
    )
    assert post.title == "Design systems & MFA (Micro front end architecture) - a quick fact check!"
    assert post.first_published == datetime(2024, 7, 9, 16, 36, 0, 554000, tzinfo=UTC)
    assert post.last_published == datetime(2024, 7, 9, 16, 38, 21, 347000, tzinfo=UTC)
    assert post.author == "Liya Theresa Siby"
    assert post.cover == MediaRef(
        "c16c07_e6365acf105e4247a45dd79e5deb0158~mv2.jpg", "", "", 1881, 1453
    )


def test_json_ld_alone_gives_the_title_and_dates():
    """No og: or article: tags, a raw line break inside a JSON-LD string (seen on Wix)."""
    posting = {
        "@type": "BlogPosting",
        "headline": "Fish &amp; chips",
        "datePublished": "2023-02-01T08:00:00.000Z",
        "author": {"@type": "Person", "name": "Ann"},
    }
    script = json.dumps({"@graph": [posting]}).replace("Fish", "Fish\\n").replace("\\n", "\n")
    page = (
        f'<html><head><script type="application/ld+json">{script}</script></head>'
        '<body><article data-hook="post"><p>Text</p></article></body></html>'
    )
    post = post_from_page(page, "https://www.example.com/post/fish")
    assert post.title == "Fish & chips"
    assert post.first_published == datetime(2023, 2, 1, 8, tzinfo=UTC)
    assert post.author == "Ann"


def test_the_2025_post_data_key_is_found_whatever_its_name():
    """Only 2024's key name is known; any key of the Blog app holding a post page counts."""
    page = fixture_text("adolfstock-2024-post.html").replace(
        "OldPostPageWarmupData-", "PostPageWarmupData2025-"
    )
    post = post_from_page(page, ADOLF_POST)
    assert post.views == 204 and isinstance(post.rich_content, dict)


def test_malformed_post_data_falls_back_to_the_html_and_says_so():
    page = fixture_text("adolfstock-2024-post.html").replace(
        '"appsWarmupData":{', '"appsWarmupData":{{', 1
    )
    post = post_from_page(page, ADOLF_POST)
    assert post.rich_content is None and "Hintergrund" in post.article_html
    assert post.notes[0].startswith("its post data cannot be read (wix-warmup-data is not JSON")


def test_malformed_post_data_and_no_article_is_one_line_error():
    page = (
        '<html><head><script type="application/json" id="wix-warmup-data">{"appsWarmupData":'
        "</script></head><body></body></html>"
    )
    with pytest.raises(
        RemoteError, match=r"^https://www.example.com/post/x is not a readable"
    ) as caught:
        post_from_page(page, "https://www.example.com/post/x")
    assert "wix-warmup-data is not JSON" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_page_that_is_not_a_wix_post_is_refused():
    with pytest.raises(RemoteError, match='no Wix post data and no article\\[data-hook="post"\\]'):
        post_from_page("<html><body><h1>Shop</h1></body></html>", "https://www.example.com/shop")


def test_script_in_the_page_stays_plain_text_in_the_record():
    page = (
        '<html><head><meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt;">'
        '</head><body><article data-hook="post"><span data-hook="user-name">'
        "&lt;img src=x onerror=alert(1)&gt;</span></article></body></html>"
    )
    post = post_from_page(page, "https://www.example.com/post/x")
    assert post.title == "<script>alert(1)</script>"
    assert post.author == "<img src=x onerror=alert(1)>"


def test_read_post_takes_the_sitemaps_picture_when_the_page_has_none():
    entry = SitemapEntry(
        f"{RUSSELL}/post/stick-stud-by-katheleen-whitacker",
        images=(MediaRef("06b305_85aa2f1ca5c041a4832a85f77cb3108a~mv2.jpg"),),
    )
    post = read_post(lambda url: fixture_text("russellconcept-2025-post.html"), entry)
    assert post.cover == MediaRef("06b305_85aa2f1ca5c041a4832a85f77cb3108a~mv2.jpg")


# -- The API route ------------------------------------------------------------------

API = "https://www.wixapis.com"


class FakeApi:
    """Wix's Blog API as the fetcher would give it: answers by URL and request
    body, and a record of what was asked."""

    def __init__(self, answers):
        self.answers = answers
        self.asked: list[tuple[str, object]] = []

    def post_json(self, url: str, body: dict) -> object:
        self.asked.append((url, body))
        return self.answers(url, body)

    def get_json(self, url: str) -> object:
        self.asked.append((url, None))
        return self.answers(url, None)


def posts_page(ids: list[str], next_cursor: str | None) -> dict:
    cursors = {"next": next_cursor} if next_cursor is not None else {}
    return {
        "posts": [{"id": i, "title": f"Post {i}", "slug": f"post-{i}"} for i in ids],
        "pagingMetadata": {"count": len(ids), "cursors": cursors},
    }


def test_every_post_is_read_through_short_pages_and_cursors():
    pages = {
        None: posts_page(["1", "2"], "c1"),
        "c1": posts_page(["3"], "c2"),  # smaller than asked for: the list goes on
        "c2": posts_page(["4"], ""),
    }
    api = FakeApi(lambda url, body: pages[body["query"]["cursorPaging"].get("cursor")])
    posts = list(query_all_posts(api.post_json, API + "/"))
    assert [post["id"] for post in posts] == ["1", "2", "3", "4"]
    assert [url for url, _ in api.asked] == [f"{API}/blog/v3/posts/query"] * 3
    first, second = api.asked[0][1], api.asked[1][1]
    assert first == {
        "query": {"cursorPaging": {"limit": 100}},
        "fieldsets": ["URL", "RICH_CONTENT", "METRICS"],
    }
    assert second["query"]["cursorPaging"] == {"limit": 100, "cursor": "c1"}


def test_an_empty_page_ends_the_list_even_with_a_cursor():
    pages = {None: posts_page(["1"], "c1"), "c1": posts_page([], "c2")}
    api = FakeApi(lambda url, body: pages[body["query"]["cursorPaging"].get("cursor")])
    assert [post["id"] for post in query_all_posts(api.post_json, API)] == ["1"]
    assert len(api.asked) == 2


def test_a_cursor_that_repeats_is_one_line_error_not_an_endless_import():
    pages = {None: posts_page(["1"], "c1"), "c1": posts_page(["2"], "c1")}
    api = FakeApi(lambda url, body: pages[body["query"]["cursorPaging"].get("cursor")])
    with pytest.raises(
        RemoteError,
        match=r"^https://www.wixapis.com/blog/v3/posts/query: the paging cursor repeats",
    ):
        list(query_all_posts(api.post_json, API))


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (["not", "an", "object"], "the answer is not a JSON object"),
        ({"posts": {"id": "1"}}, "the answer's 'posts' is not a list of objects"),
        ({"posts": ["1"]}, "the answer's 'posts' is not a list of objects"),
    ],
)
def test_a_malformed_answer_is_one_line_naming_the_url(answer: object, message: str):
    with pytest.raises(RemoteError, match=message) as caught:
        list(query_all_posts(FakeApi(lambda url, body: answer).post_json, API))
    assert str(caught.value).startswith(f"{API}/blog/v3/posts/query: ")


def test_category_and_tag_labels_are_read_through_every_page():
    def answers(url: str, body: dict) -> dict:
        offset = body["query"]["paging"]["offset"]
        if url.endswith("/categories/query"):
            count = 100 if offset == 0 else 5
            items = [{"id": f"c{offset + n}", "label": f"Cat {offset + n}"} for n in range(count)]
            return {"categories": items, "pagingMetadata": {"total": 105}}
        return fixture_json("query-tags.response.example.json")["response"]

    api = FakeApi(answers)
    labels = category_labels(api.post_json, API)
    assert len(labels) == 105 and labels["c104"] == "Cat 104"
    assert tag_labels(api.post_json, API) == {"43b7a30f-ca8a-4678-84c4-0bab5e3ebf63": "books"}
    assert [body["query"]["paging"]["offset"] for _, body in api.asked] == [0, 100, 0]


def test_labels_are_read_past_pages_shorter_than_asked_until_the_total():
    labels = [{"id": f"c{n}", "label": f"Cat {n}"} for n in range(120)]

    def fifty_a_page(url: str, body: dict) -> dict:  # a server giving 50 whatever is asked
        offset = body["query"]["paging"]["offset"]
        rows = labels[offset : offset + 50]
        return {"categories": rows, "pagingMetadata": {"count": len(rows), "total": 120}}

    api = FakeApi(fifty_a_page)
    assert len(category_labels(api.post_json, API)) == 120
    assert [body["query"]["paging"]["offset"] for _, body in api.asked] == [0, 50, 100]


def test_labels_without_a_total_are_read_until_an_empty_page():
    def short_pages(url: str, body: dict) -> dict:
        offset = body["query"]["paging"]["offset"]
        rows = [{"id": f"t{offset + n}", "label": f"tag {offset + n}"} for n in range(30)]
        return {"tags": rows if offset < 60 else []}

    api = FakeApi(short_pages)
    assert len(tag_labels(api.post_json, API)) == 60 and len(api.asked) == 3


def test_labels_paging_that_never_ends_is_one_line_error():
    endless = FakeApi(lambda url, body: {"tags": [{"id": "t", "label": "t"}]})
    with pytest.raises(RemoteError, match=r"tags/query: more than 2000 pages of tags; stopped$"):
        tag_labels(endless.post_json, API)


def test_an_author_is_named_by_the_members_nickname():
    member = {"member": {"id": "m1", "profile": {"nickname": "Colleen Russell", "slug": "colleen"}}}
    api = FakeApi(lambda url, body: member)
    assert (
        member_name(api.get_json, API, "2d24cb8a-adcc-466a-ab59-fa74e0889a37") == "Colleen Russell"
    )
    assert api.asked == [
        (f"{API}/members/v1/members/2d24cb8a-adcc-466a-ab59-fa74e0889a37?fieldsets=PUBLIC", None)
    ]
    assert member_name(api.get_json, API, "../../blog/v3/posts") == ""
    assert len(api.asked) == 1  # an id that is not one is never asked for


def test_the_api_route_gives_records_with_labels_and_authors_each_asked_once():
    example = fixture_json("query-posts.response.example.json")["response"]
    second = dict(example["posts"][0], id="second", slug="second-post", title="Second")

    def answers(url: str, body: dict | None) -> object:
        if url.endswith("/posts/query"):
            return {"posts": [example["posts"][0], second], "pagingMetadata": {"cursors": {}}}
        first_page = body is not None and body["query"]["paging"]["offset"] == 0
        if url.endswith("/categories/query"):
            summer = {"id": "5f2bcaa0879ad500173577f3", "label": "Summer"}
            return {"categories": [summer] if first_page else []}
        if url.endswith("/tags/query"):
            return {"tags": [{"id": "5f2bcaa0879a4400173577f1", "label": "sea"}] * first_page}
        return {"member": {"profile": {"nickname": "Ann"}}}

    api = FakeApi(answers)
    records = list(
        api_posts(api.get_json, api.post_json, API, "https://some-user.wixsite.com/my-site")
    )
    assert [record.title for record in records] == ["My vacation", "Second"]
    first = records[0]
    assert first.address == "https://some-user.wixsite.com/my-site/blog/posts/my-vacation"
    assert first.categories == ["Summer"] and first.tags == ["sea"]
    assert first.author == "Ann" and records[1].author == "Ann"
    assert first.first_published == datetime(2020, 8, 6, 9, 18, 7, 839000, tzinfo=UTC)
    member_calls = [url for url, _ in api.asked if "/members/" in url]
    assert len(member_calls) == 1


def test_a_malformed_member_answer_leaves_the_post_without_an_author_and_says_why():
    def answers(url: str, body: dict | None) -> object:
        if url.endswith("/posts/query"):
            return posts_page(["1"], None) | {"posts": [{"id": "1", "slug": "a", "memberId": "m1"}]}
        if "/members/" in url:
            return ["not", "a", "member"]
        return {}

    api = FakeApi(answers)
    [record] = api_posts(api.get_json, api.post_json, API, "https://www.example.com")
    assert record.author == ""
    assert any("members/v1/members/m1" in note for note in record.notes)


def test_a_page_too_large_to_be_a_post_page_is_refused_unread():
    with pytest.raises(RemoteError, match="larger than 20 MB"):
        post_from_page("<p>" * 7_000_000, "https://www.example.com/post/x")
