"""The fixes to Material's markup act on every element they match, on built pages,
and a fix that finds nothing where it should act is reported."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from selectolax.lexbor import LexborHTMLParser

from blog_extras.html import page
from blog_extras.html.fixes import (
    FIXES,
    LISTING,
    NOT_FOUND,
    POST,
    apply_fixes,
    missed,
    missed_fix_warnings,
)
from tests.conftest import BlogBuilder
from tests.project import copy_project
from tests.sites import BuiltSite, build_site


@pytest.fixture(scope="module")
def unfixed_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A post, the index and the 404 page of the seed blog as Material writes them:
    built with no fix at all."""
    project = copy_project(tmp_path_factory.mktemp("unfixed"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page, "FIXES", ())
        site = build_site(project.root / "mkdocs.yml", project.site)
    return pages_of(site)


def pages_of(site: BuiltSite) -> dict[str, str]:
    return {
        POST: site.page("miracle-in-cell-no-7"),
        LISTING: site.page(""),
        NOT_FOUND: (site.root / "404.html").read_text(encoding="utf-8"),
    }


def promised(tree: LexborHTMLParser) -> dict[str, bool]:
    """For each fix that must act somewhere, whether the page is as that fix makes it."""
    drawer, search = tree.css_first("input#__drawer"), tree.css_first("input#__search")
    notices, dialog = tree.css_first("div.md-dialog"), tree.css_first("div.md-search")
    sidebar = tree.css(".md-sidebar--post nav.md-nav")
    return {
        "drawer toggle": "autocomplete" not in drawer.attributes,
        "search toggle": "autocomplete" not in search.attributes,
        "notices": (notices.attributes.get("role"), notices.attributes.get("aria-live"))
        == ("status", "polite"),
        "search dialog": dialog.attributes.get("aria-label") == "Search",
        "post sidebar": bool(sidebar) and all(nav.attributes.get("aria-label") for nav in sidebar),
    }


EVERY_PAGE = {"drawer toggle", "search toggle", "notices", "search dialog"}
DUE = {POST: EVERY_PAGE | {"post sidebar"}, LISTING: EVERY_PAGE, NOT_FOUND: EVERY_PAGE}


@pytest.mark.parametrize("kind", list(DUE))
def test_every_fix_finds_material_markup_on_the_pages_it_must_act_on(
    unfixed_pages: dict[str, str], seed_site: BuiltSite, kind: str
):
    due = DUE[kind]
    # The fixes report when they find nothing on these pages (at build time).
    assert {fix.name for fix in FIXES if kind in fix.must_act_on} == due
    tree = LexborHTMLParser(unfixed_pages[kind])
    # Material's own page needs every one of them...
    assert [name for name in sorted(due) if promised(tree)[name]] == []
    # ...and each finds its markup there and fixes it.
    assert missed(apply_fixes(tree), kind) == []
    assert [name for name in sorted(due) if not promised(tree)[name]] == []
    # The built site's pages come out so.
    built = promised(LexborHTMLParser(pages_of(seed_site)[kind]))
    assert [name for name in sorted(due) if not built[name]] == []


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
    from blog_extras.html import fixes

    gone = fixes.Fix("gone", "div.no-such-markup", lambda node, tree: True, fixes.EVERY_KIND)
    monkeypatch.setattr(page, "FIXES", (*fixes.FIXES, gone))
    with caplog.at_level(logging.WARNING), pytest.raises(Exception, match="strict mode"):
        blog({"a.md": ({"title": "A", "date": date(2021, 1, 1)}, "Text.")})
    warnings = [r.getMessage() for r in caplog.records if "found nothing" in r.getMessage()]
    assert warnings and all("the fix 'gone'" in warning for warning in warnings)


def test_search_dialog_has_a_name(seed_site: BuiltSite):
    dialog = seed_site.soup("miracle-in-cell-no-7").select_one("[data-md-component=search]")
    assert dialog["role"] == "dialog" and dialog["aria-label"] == "Search"
