"""Live view counts (GoatCounter) and comments (giscus) against local stand-ins.

The stand-ins (tests/standins.py) follow GoatCounter's "Visitor counter",
"Tracking pixel" and API documentation and giscus' metadata messages. Chromium
maps *.test to 127.0.0.1: the blog is http://blog.test:<port>, the counter
http://counter.test:<port>, giscus http://giscus.test:<port>.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

from blog_extras.content.counts import comments_phrase, views_phrase
from tests import mkdocs_yaml
from tests.browser.conftest import Watched, static_handler
from tests.project import Project, copy_project
from tests.standins import Giscus, GoatCounter, serve
from tests.test_counts import COUNTS
from tests.waiting import eventually

MIRACLE = "/miracle-in-cell-no-7/"
CERTAIN = "/being-certain-in-times-of-uncertainty/"
CORNER = "/the-corner-of-the-sidewalk/"
TIMEOUT_SECONDS = 1


@dataclass
class Blog:
    url: str  # http://blog.test:<port>
    local_url: str  # the same site as http://127.0.0.1:<port>
    counter: GoatCounter
    giscus: Giscus


def configure(project: Project, *, giscus: bool) -> None:
    path = project.root / "mkdocs.yml"
    config = mkdocs_yaml.load(path)
    # Authors may turn on Material's instant navigation; the counts must follow it.
    config["theme"]["features"].append("navigation.instant")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "blog-extras" in plugin:
            plugin["blog-extras"]["counter_timeout"] = TIMEOUT_SECONDS
            if giscus:
                plugin["blog-extras"]["giscus"].update({
                    "repo": "author/blog", "repo_id": "R_1", "category": "Comments",
                    "category_id": "DIC_1",
                })  # fmt: skip
    mkdocs_yaml.dump(config, path)


def build_blog(
    root: Path,
    counter: GoatCounter,
    giscus: Giscus,
    *,
    with_giscus: bool,
    snapshot: dict[str, int] | None = None,
    posts: dict[str, str] | None = None,
) -> Path:
    """The seed blog, or a blog of ``posts`` (file name: text), built to count views
    with ``counter``."""
    project = copy_project(root, with_posts=posts is None)
    for name, text in (posts or {}).items():
        project.write_post(name, text)
    configure(project, giscus=with_giscus)
    if snapshot is not None:
        (project.root / "docs" / "views.json").write_text(
            json.dumps({"paths": snapshot}), encoding="utf-8"
        )
    env = {"BLOG_GOATCOUNTER": counter.url, "BLOG_GOATCOUNTER_SCRIPT": counter.url + "/count.js"}
    if with_giscus:
        env["BLOG_GISCUS_ORIGIN"] = giscus.url
    result = project.run("mkdocs", "build", "--strict", env=env)
    assert result.returncode == 0, result.stderr
    return project.site


@pytest.fixture
def services(tmp_path: Path) -> Iterator[tuple[GoatCounter, Giscus]]:
    counter, giscus = GoatCounter(), Giscus()
    with serve(counter.handler()) as counter_port, serve(giscus.handler()) as giscus_port:
        counter.url = f"http://counter.test:{counter_port}"
        giscus.url = f"http://giscus.test:{giscus_port}"
        yield counter, giscus


def start_blog(site: Path, counter: GoatCounter, giscus: Giscus) -> Iterator[Blog]:
    with serve(static_handler(site)) as port:
        yield Blog(f"http://blog.test:{port}", f"http://127.0.0.1:{port}", counter, giscus)


@pytest.fixture
def blog(tmp_path: Path, services: tuple[GoatCounter, Giscus]) -> Iterator[Blog]:
    counter, giscus = services
    site = build_blog(tmp_path, counter, giscus, with_giscus=True)
    yield from start_blog(site, counter, giscus)


@pytest.fixture
def reader(browser: Browser, blog: Blog) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    watched = Watched(page, blog.url)
    watched.context = context  # type: ignore[attr-defined]
    yield watched
    context.close()


def is_network_report(message: str) -> bool:
    return any(
        words in message for words in ("Failed to load resource", "CORS policy", "net::ERR_")
    )


def header_views(page: Page):
    return page.locator("header.blog-post-header .blog-counts__views")


def wait_for_counter(page: Page) -> None:
    """Long enough for the counter's answer, or for its time-out to pass."""
    page.wait_for_timeout(TIMEOUT_SECONDS * 1000 + 800)


def test_live_total_is_carried_plus_counted_everywhere(reader: Watched, blog: Blog):
    blog.counter.set_counts({MIRACLE: 1234, CERTAIN: 7, CORNER: 1})
    page = reader.page
    page.goto(blog.url + MIRACLE)
    # 43 carried over from Wix and 1,234 counted by GoatCounter since.
    expect(header_views(page)).to_have_text("1,277 views")
    recent = page.locator("nav.blog-recent .blog-counts__views")
    expect(recent).to_have_text(["7 views", "1 view"])
    page.goto(blog.url + "/")
    expect(page.locator("article.md-post--excerpt .blog-counts__views")).to_have_text(
        ["1,277 views", "7 views", "1 view"]
    )
    assert reader.errors == [] and reader.warnings == []


# Each total of tests/test_counts.py's COUNTS as views carried over from Wix (front
# matter; None: none) and views GoatCounter counted since. The page is built with
# another number, or none, so each total shown is the live one.
CARRIED_AND_COUNTED = {
    0: (None, 0), 1: (None, 1), 2: (1, 1), 999: (1, 998), 1000: (999, 1),
    1234: (43, 1191), 1_000_000: (1, 999_999),
}  # fmt: skip


def test_live_totals_are_worded_as_the_built_pages_word_them(
    browser: Browser, tmp_path: Path, services: tuple[GoatCounter, Giscus]
):
    counter, giscus = services
    assert sorted(CARRIED_AND_COUNTED) == sorted(COUNTS)
    posts = {}
    for day, (total, (carried, _)) in enumerate(CARRIED_AND_COUNTED.items(), start=1):
        views = "" if carried is None else f"views: {carried}\n"
        posts[f"counted-{total}.md"] = (
            f"---\ntitle: Counted {total}\ndate: 2021-01-{day:02}\n{views}---\n\nText.\n"
        )
    counter.set_counts({f"/counted-{total}/": n for total, (_, n) in CARRIED_AND_COUNTED.items()})
    site = build_blog(tmp_path, counter, giscus, with_giscus=False, posts=posts)
    for blog in start_blog(site, counter, giscus):
        context = browser.new_context()
        watched = Watched(context.new_page(), blog.url)
        watched.page.goto(blog.local_url + "/")
        # The index lists the posts newest first, the last dated first.
        newest_first = list(reversed(CARRIED_AND_COUNTED))
        expect(watched.page.locator("article.md-post--excerpt .blog-counts__views")).to_have_text(
            [views_phrase(total) for total in newest_first]
        )
        assert len(blog.counter.counter_requests) == len(COUNTS)
        assert watched.warnings == [] and watched.errors == []
        context.close()


def test_instant_navigation_records_each_post_and_shows_both_totals(reader: Watched, blog: Blog):
    blog.counter.set_counts({MIRACLE: 10, CERTAIN: 20})
    page = reader.page
    page.goto(blog.url + MIRACLE)
    expect(header_views(page)).to_have_text("53 views")
    page.get_by_role("navigation", name="Recent posts").get_by_role(
        "link", name="Being Certain in Times of Uncertainty"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Being Certain in Times of Uncertainty"
    )
    expect(header_views(page)).to_have_text("20 views")
    # Built without a views count (nobody counted them on Wix), shown once counted.
    expect(header_views(page)).to_be_visible()
    expect(page.locator(".blog-post-header .blog-counts")).to_have_text("20 views")
    # Material's instant navigation swapped the page without reloading it.
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert eventually(lambda: len(blog.counter.recorded) >= 2)
    page.wait_for_timeout(300)  # room for a wrong third view to arrive
    assert blog.counter.recorded == [MIRACLE, CERTAIN]
    assert reader.context.cookies() == []  # type: ignore[attr-defined]


def test_a_path_never_counted_keeps_the_carried_number(reader: Watched, blog: Blog):
    page = reader.page
    page.goto(blog.local_url + MIRACLE)  # from 127.0.0.1: nothing is recorded
    wait_for_counter(page)
    expect(header_views(page)).to_have_text("43 views")
    assert blog.counter.recorded == []
    assert any(MIRACLE.strip("/") in request for request in blog.counter.counter_requests)
    assert reader.warnings == []


@pytest.mark.parametrize("mode", ["forbidden", "error", "slow", "malformed", "no-count"])
def test_counter_failures_keep_the_built_number_and_warn_once(
    reader: Watched, blog: Blog, mode: str
):
    blog.counter.mode = mode
    blog.counter.slow_seconds = TIMEOUT_SECONDS + 2
    page = reader.page
    page.goto(blog.url + MIRACLE)
    wait_for_counter(page)
    expect(header_views(page)).to_have_text("43 views")
    # Views nobody counted stay unshown: no invented "0 views".
    unknown = page.locator("nav.blog-recent .blog-counts__views")
    expect(unknown).to_have_count(2)
    for at in range(2):
        expect(unknown.nth(at)).to_be_hidden()
    assert len(reader.warnings) == 1, reader.warnings
    assert "showing the counts the page was built with" in reader.warnings[0]
    # The browser itself reports refused requests; the page's own code logs no error.
    assert [e for e in reader.errors if not is_network_report(e)] == []


def test_unreachable_counter_keeps_the_built_number(
    browser: Browser, tmp_path: Path, services: tuple[GoatCounter, Giscus]
):
    counter, giscus = services
    with serve(counter.handler()) as port:
        closed = f"http://counter.test:{port}"
    counter.url = closed  # nothing listens there any more
    site = build_blog(tmp_path, counter, giscus, with_giscus=False)
    for blog in start_blog(site, counter, giscus):
        context = browser.new_context()
        watched = Watched(context.new_page(), blog.url)
        watched.page.goto(blog.url + MIRACLE)
        wait_for_counter(watched.page)
        expect(header_views(watched.page)).to_have_text("43 views")
        assert len(watched.warnings) == 1
        context.close()


def test_a_live_number_below_the_built_one_is_never_shown(
    browser: Browser, tmp_path: Path, services: tuple[GoatCounter, Giscus]
):
    counter, giscus = services
    counter.set_counts({MIRACLE: 5})
    site = build_blog(tmp_path, counter, giscus, with_giscus=False, snapshot={MIRACLE: 100})
    asked = f"/counter/{quote(MIRACLE, safe='')}.json"
    for blog in start_blog(site, counter, giscus):
        context = browser.new_context()
        watched = Watched(context.new_page(), blog.local_url)
        page = watched.page
        # The page asks the counter, which answers 5 (43 carried + 5 < 143 built).
        with page.expect_response(lambda r: r.url.endswith(asked), timeout=10_000) as answer:
            page.goto(blog.local_url + MIRACLE)
        assert answer.value.status == 200 and answer.value.json()["count"] == "5"
        wait_for_counter(page)
        expect(header_views(page)).to_have_text("143 views")
        assert asked in counter.counter_requests
        assert watched.warnings == []  # the answer was read, not given up on
        context.close()


def test_comments_load_near_the_end_follow_the_palette_and_set_the_count(
    reader: Watched, blog: Blog
):
    blog.giscus.discussion.update(totalCommentCount=1000, totalReplyCount=234)
    page = reader.page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(blog.url + MIRACLE)
    expect(page.locator(".blog-post-header .blog-counts__comments")).to_have_text("0 comments")
    page.wait_for_timeout(300)
    assert "/client.js" not in blog.giscus.requests  # not before the reader gets near
    page.locator(".blog-comments").scroll_into_view_if_needed()
    expect(page.locator("iframe.giscus-frame")).to_be_attached()
    # 1,000 comments and 234 replies, worded as the build words counts.
    expect(page.locator(".blog-post-header .blog-counts__comments")).to_have_text(
        comments_phrase(1234)
    )
    assert eventually(lambda: {"event": "loaded", "theme": "light"} in blog.giscus.log)
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert eventually(lambda: {"event": "setConfig", "theme": "dark"} in blog.giscus.log)
    # GoatCounter answers 404 for posts it has not counted yet, which the browser reports.
    assert [e for e in reader.errors if not is_network_report(e)] == []


def test_unconfigured_site_contacts_no_service(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + MIRACLE.lstrip("/"))
    page.wait_for_timeout(500)
    assert page.locator("#blog-services").count() == 0
    assert page.locator(".blog-comments").count() == 0
    assert watched.foreign_requests == []
    assert page.context.cookies() == []
