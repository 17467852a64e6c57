"""The page-weight figures count what Chromium really fetches on a first visit."""

from __future__ import annotations

from benchmarks.page_weight import first_visit
from tests.browser.conftest import Watched
from tests.sites import BuiltSite


def test_counted_resources_are_the_requested_ones(
    watched: Watched, site_url: str, seed_site: BuiltSite
):
    page = watched.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "miracle-in-cell-no-7/")
    page.wait_for_load_state("networkidle")
    paths = {url.removeprefix(site_url) or "index.html" for url in requested}
    paths = {path + "index.html" if path.endswith("/") else path for path in paths}
    assert paths == set(first_visit(seed_site.root, "miracle-in-cell-no-7/"))
