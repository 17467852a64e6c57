"""The old Wix addresses' pages land where GitHub Pages looks for them: at the
decoded path, whichever form (plain or percent-encoded) the post names."""

from __future__ import annotations

from pathlib import Path

import pytest

from blog_extras.content.redirects import redirect_file, redirect_page
from tests.browser.github_pages import Answer, answer

PREFIX = "/my-blog/"


@pytest.mark.parametrize(
    "old", ["/post/manu-bañó", "/post/manu-ba%C3%B1%C3%B3", "/post/manu-ba%c3%b1%c3%b3/"]
)
def test_both_forms_of_a_non_ascii_address_give_one_file(old: str):
    assert redirect_file(old) == "post/manu-bañó/index.html"


@pytest.mark.parametrize("requested", ["post/manu-bañó/", "post/manu-ba%C3%B1%C3%B3/"])
def test_github_pages_serves_that_file_to_both_forms(tmp_path: Path, requested: str):
    page = tmp_path / redirect_file("/post/manu-ba%C3%B1%C3%B3")
    page.parent.mkdir(parents=True)
    page.write_text(redirect_page("Manu", "/post/manu-ba%C3%B1%C3%B3", "manu/", ""), "utf-8")
    assert answer(tmp_path, PREFIX, PREFIX + requested) == Answer(200, page)
    assert 'content="0; url=../../manu/"' in page.read_text("utf-8")
