"""Material's markup that the HTML fixes rely on is still there, and gets fixed."""

from __future__ import annotations

from blog_extras.html.fixes import FIXES
from tests.sites import BuiltSite


def test_every_fix_still_finds_material_markup_and_leaves_none(repo_site: BuiltSite):
    pages = [path.read_text(encoding="utf-8") for path in repo_site.root.rglob("*.html")]
    for old, new in FIXES:
        assert not [html for html in pages if old in html], old
        assert [html for html in pages if new in html], f"no page has {old!r} any more"


def test_search_dialog_has_a_name(repo_site: BuiltSite):
    dialog = repo_site.soup("miracle-in-cell-no-7").select_one("[data-md-component=search]")
    assert dialog["role"] == "dialog" and dialog["aria-label"] == "Search"
