"""A post imported from a live Wix blog (the stand-in on 127.0.0.1), built and opened
in Chromium: its pictures load from the site itself, and nothing goes wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from blog_extras.wix_import import live
from blog_extras.wix_import.fetch import Fetcher, wix_hosts
from blog_extras.wix_import.progress import Progress
from tests.browser.conftest import Watched, static_handler
from tests.project import copy_project
from tests.standins import serve
from tests.test_wix_whole_blog import blog, env_for
from tests.wix_standin import WixStandin, running


def test_an_imported_post_shows_its_pictures_from_the_site(
    browser: Browser, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    project = copy_project(tmp_path, with_posts=False)
    standin = WixStandin()
    with running(standin):
        blog(standin)
        fetcher = Fetcher(
            hosts=wix_hosts(standin.site_url, standin.api_url, standin.media_url, polite=False)
        )
        with fetcher:
            code = live.run(
                standin.site_url, str(project.root / "mkdocs.yml"), False,
                env_for(standin, api=False), fetcher, Progress(),
            )  # fmt: skip
    assert code == 0, capsys.readouterr().out
    build = project.run("mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stderr
    with serve(static_handler(project.site)) as port:
        site = f"http://127.0.0.1:{port}/"
        page = browser.new_page()
        watched = Watched(page, site)
        page.goto(site + "first-light/")
        expect(page.get_by_text("A first post about light.")).to_be_visible()
        pictures = page.locator("article img")
        expect(pictures.first).to_have_attribute("alt", "First light")
        for index in range(2):
            picture = pictures.nth(index)
            picture.scroll_into_view_if_needed()
            page.wait_for_function("(img) => img.complete", arg=picture.element_handle())
            assert picture.evaluate("(img) => img.naturalWidth") > 0
            assert picture.evaluate("(img) => img.currentSrc").startswith(site)
        expect(page.get_by_text("Mapo at dusk")).to_be_visible()
        page.get_by_role("link", name="the second").click()
        expect(page.get_by_text("Second words.")).to_be_visible()
        assert watched.errors == []
        assert watched.foreign_requests == []
        page.close()
