"""Reading a live Wix blog (issue 21) into one plain record, by both routes: the
Blog API v3's posts, and the public site's sitemaps and post pages, in both page
generations. The fixtures are excerpts of real Wix pages and sitemaps and Wix's
own API examples; tests/fixtures/wix/remote/README.md names the source of each."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from blog_extras.wix_import.remote import (
    MediaRef,
    RemoteError,
    labels_of,
    media_ref_from,
    post_from_v3,
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
    assert record.post_id == "c9402bb3-2568-4f4d-9d2c-9b0aabf7f6d2"
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
    assert record.author == "<img src=x onerror=alert(1)>[31m"


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
