"""Material's markup that the HTML fixes rely on is still there, and gets fixed."""

from __future__ import annotations

from blog_extras.html_fixes import FIXES
from tests.sites import BuiltSite


def test_every_fix_applies_to_every_page(repo_site: BuiltSite):
    for path in repo_site.root.rglob("index.html"):
        if "post" in path.parts and path.parent.parent.name == "post":
            continue  # the redirect pages at old Wix addresses are not Material's
        html = path.read_text(encoding="utf-8")
        for old, new in FIXES:
            assert old not in html, path
            assert new in html, path


def test_search_dialog_has_a_name(repo_site: BuiltSite):
    dialog = repo_site.soup("miracle-in-cell-no-7").select_one("[data-md-component=search]")
    assert dialog["role"] == "dialog" and dialog["aria-label"] == "Search"
