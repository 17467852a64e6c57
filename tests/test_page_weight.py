"""Byte budget of a first visit to the seed blog (deterministic: read from the built files)."""

from __future__ import annotations

from benchmarks.page_weight import first_visit
from tests.sites import BuiltSite

BUDGET = 70_000  # gzip bytes: HTML, CSS, JavaScript and images of a first visit


def test_a_post_page_first_visit_stays_within_budget(seed_site: BuiltSite):
    fetched = first_visit(seed_site.root, "miracle-in-cell-no-7/")
    assert sum(fetched.values()) <= BUDGET, fetched
    assert not [path for path in fetched if "search_index" in path]


def test_the_blog_index_first_visit_stays_within_budget(seed_site: BuiltSite):
    fetched = first_visit(seed_site.root, "")
    assert sum(fetched.values()) <= BUDGET, fetched
