"""The fixes to Material's markup act on every element they match, on built pages,
and a fix that finds nothing where it should act is reported."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from selectolax.lexbor import LexborHTMLParser

from blog_extras.html.fixes import (
    FIXES,
    LISTING,
    POST,
    apply_fixes,
    missed,
    missed_fix_warnings,
)
from tests.conftest import BlogBuilder
from tests.sites import BuiltSite


def test_every_fix_finds_material_markup_on_the_pages_it_must_act_on(seed_site: BuiltSite):
    pages = {
        POST: seed_site.page("miracle-in-cell-no-7"),
        LISTING: seed_site.page(""),
        "404": (seed_site.root / "404.html").read_text(encoding="utf-8"),
    }
    # The site is built strictly, so a fix that missed a page would have failed it
    # (see below); on the built pages, the fixes find nothing left to change.
    for kind, html in pages.items():
        assert apply_fixes(LexborHTMLParser(html)) == set(), kind
        tree = LexborHTMLParser(html)
        assert "autocomplete" not in tree.css_first("input#__drawer").attributes, kind
        assert tree.css_first("div.md-dialog").attributes["aria-live"] == "polite", kind
    assert {fix.name for fix in FIXES if POST in fix.must_act_on} >= {"post sidebar"}


def test_each_sidebar_landmark_of_a_post_with_links_has_a_name_of_its_own(blog: BlogBuilder):
    site = blog(
        {
            "a.md": ({"title": "First", "date": date(2021, 1, 1)}, "Text."),
            "b.md": (
                {"title": "Second", "date": date(2021, 1, 2), "links": ["blog/posts/a.md"]},
                "Text.",
            ),
        }
    )
    navs = site.soup("second").select(".md-sidebar--post nav")
    names = [nav.get("aria-label") for nav in navs]
    assert len(navs) == 3 and None not in names
    assert len(set(names)) == len(names), names


def test_fixes_act_on_every_match_and_report_what_they_missed():
    tree = LexborHTMLParser(
        '<div class="md-sidebar--post"><nav class="md-nav md-nav--primary">'
        '<div class="md-post__title">Metadata</div><nav class="md-nav">a</nav>'
        '<div class="md-post__title">Related links</div><nav class="md-nav">b</nav></nav></div>'
    )
    acted = apply_fixes(tree)
    assert [nav.attributes["aria-label"] for nav in tree.css("nav")] == [
        "About this post", "Metadata", "Related links",
    ]  # fmt: skip
    assert acted == {"post sidebar"}
    assert missed(acted, POST) == ["drawer toggle", "search toggle", "notices", "search dialog"]
    assert missed(set(), LISTING) == ["drawer toggle", "search toggle", "notices", "search dialog"]


def test_a_fix_that_finds_nothing_is_reported_once_per_kind_of_page():
    reported: set[tuple[str, str]] = set()
    first = missed_fix_warnings(["notices", "search dialog"], POST, "a.md", reported)
    assert [warning.split("'")[1] for warning in first] == ["notices", "search dialog"]
    assert "on a.md, a page of the kind 'post': Material's markup has changed" in first[0]
    assert missed_fix_warnings(["notices"], POST, "b.md", reported) == []
    assert len(missed_fix_warnings(["notices"], LISTING, "index.md", reported)) == 1


def test_a_fix_that_finds_nothing_is_reported_at_build_time(
    blog: BlogBuilder, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    from blog_extras.html import fixes, page

    gone = fixes.Fix("gone", "div.no-such-markup", lambda node, tree: True, fixes.EVERY_KIND)
    monkeypatch.setattr(page, "FIXES", (*fixes.FIXES, gone))
    with caplog.at_level(logging.WARNING), pytest.raises(Exception, match="strict mode"):
        blog({"a.md": ({"title": "A", "date": date(2021, 1, 1)}, "Text.")})
    warnings = [r.getMessage() for r in caplog.records if "found nothing" in r.getMessage()]
    assert warnings and all("the fix 'gone'" in warning for warning in warnings)


def test_search_dialog_has_a_name(seed_site: BuiltSite):
    dialog = seed_site.soup("miracle-in-cell-no-7").select_one("[data-md-component=search]")
    assert dialog["role"] == "dialog" and dialog["aria-label"] == "Search"
