"""The seed blog (tests/fixtures/seed-blog/: the three posts the blog moved off Wix
with, frozen), built by the tool and checked against the Wix capture they came from."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.capture import CAPTURE as CAPTURE_FILE
from tests.capture import read_capture
from tests.project import SEED_BLOG, copy_project
from tests.sites import BuiltSite, text_of

POSTS = SEED_BLOG / "docs" / "blog" / "posts"
CAPTURE = read_capture()
MIRACLE = "miracle-in-cell-no-7"
OTHERS = {
    "Being Certain in Times of Uncertainty": "being-certain-in-times-of-uncertainty",
    "The Corner of the Sidewalk": "the-corner-of-the-sidewalk",
}


def front_matter(slug: str) -> dict:
    text = (POSTS / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def article(site: BuiltSite, slug: str) -> BeautifulSoup:
    return site.soup(slug).select_one("article.md-content__inner")


def test_each_post_is_a_file_named_by_its_slug():
    assert sorted(path.stem for path in POSTS.glob("*.md")) == sorted([MIRACLE, *OTHERS.values()])


def test_miracle_title_date_and_counts_are_the_captured_ones(seed_site: BuiltSite):
    page = article(seed_site, MIRACLE)
    assert text_of(page.select_one("h1")) == CAPTURE.title
    assert text_of(page.select_one(".blog-date")) == CAPTURE.date_line
    assert text_of(page.select_one(".blog-counts")) == (
        f"{CAPTURE.views} views · {CAPTURE.comments} comments"
    )
    meta = front_matter(MIRACLE)
    assert (meta["views"], meta["comments"]) == (CAPTURE.views, CAPTURE.comments)
    assert str(meta["date"]["updated"]) == "2021-05-29"


def test_miracle_text_is_exactly_the_captured_text(seed_site: BuiltSite):
    page = article(seed_site, MIRACLE)
    paragraphs = [text_of(p) for p in page.find_all("p", recursive=False)]
    assert paragraphs == CAPTURE.paragraphs


def test_miracle_shows_reading_time_above_the_text(seed_site: BuiltSite):
    header = article(seed_site, MIRACLE).select_one("header.blog-post-header")
    assert "min read" in text_of(header)


def test_recent_posts_on_miracle_are_the_captured_ones_in_order(seed_site: BuiltSite):
    block = article(seed_site, MIRACLE).select_one("nav.blog-recent")
    titles = [text_of(a) for a in block.select(".blog-recent__title a")]
    assert titles == [title for title, _ in CAPTURE.recent]
    assert text_of(block.select_one("h2")) == "Recent Posts"
    see_all = block.find("a", string="See All")
    assert see_all["href"] == ".."


@pytest.mark.parametrize(("title", "opening"), CAPTURE.recent)
def test_recent_post_teasers_are_the_captured_openings(seed_site: BuiltSite, title, opening):
    block = article(seed_site, MIRACLE).select_one("nav.blog-recent")
    item = next(li for li in block.select("li") if title in text_of(li))
    teaser = text_of(item.select_one(".blog-recent__excerpt"))
    assert teaser.endswith("…")
    kept = teaser.removesuffix("…")
    assert opening.startswith(kept)
    # Cut at a word boundary: what follows the kept text in the post is a space.
    assert opening[len(kept)] == " "


@pytest.mark.parametrize(("title", "opening"), CAPTURE.recent)
def test_partly_imported_posts_hold_the_opening_and_say_the_rest_is_to_come(
    seed_site: BuiltSite, title, opening
):
    slug = OTHERS[title]
    page = article(seed_site, slug)
    assert text_of(page.select_one("h1")) == title
    assert opening in text_of(page)
    note = page.select_one(".admonition")
    assert "The rest of this post is still to come" in text_of(note)
    assert front_matter(slug)["date_estimated"] == ["created"]
    assert front_matter(slug)["wix"]["edits"]  # made by hand, and says how


def test_estimated_dates_agree_with_the_capture():
    corner = front_matter(OTHERS["The Corner of the Sidewalk"])["date"]["created"]
    certain = front_matter(OTHERS["Being Certain in Times of Uncertainty"])["date"]["created"]
    miracle = front_matter(MIRACLE)["date"]["created"]
    # "It has been a year since" the quarantine of March 2020.
    assert (corner.year, corner.month) >= (2021, 3)
    # Wix listed "Being Certain" first among the recent posts: it is the newer.
    assert corner < certain <= miracle


def test_blog_index_lists_every_post_newest_first_with_counts(seed_site: BuiltSite):
    index = seed_site.soup("")
    cards = index.select("article.md-post--excerpt")
    titles = [text_of(card.select_one("h2")) for card in cards]
    assert titles == [CAPTURE.title, *[title for title, _ in CAPTURE.recent]]
    assert text_of(cards[0].select_one(".blog-counts")) == "43 views · 0 comments"


def test_pages_request_nothing_from_third_parties(seed_site: BuiltSite):
    for page in seed_site.root.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        fetched = (
            "link[rel~=stylesheet], link[rel~=preload], link[rel~=preconnect], link[rel~=icon]"
        )
        for element in soup.select(f"{fetched}, script[src], img[src], iframe[src]"):
            address = element.get("href") or element.get("src")
            assert not address.startswith(("http:", "https:", "//")), (page, address)


def test_miracle_is_exactly_what_the_importer_makes_of_the_capture(tmp_path: Path):
    """The seed blog is frozen, so this holds whatever the author does to docs/. When
    the importer's output changes on purpose, the fixture's post changes with it."""
    project = copy_project(tmp_path, with_posts=False)
    result = project.run("blog_extras.cli", "import-wix", str(CAPTURE_FILE))
    assert result.returncode == 0, result.stderr
    imported = (project.posts / f"{MIRACLE}.md").read_text(encoding="utf-8")
    assert imported == (POSTS / f"{MIRACLE}.md").read_text(encoding="utf-8")


def test_old_wix_addresses_redirect_to_the_posts(seed_site: BuiltSite):
    for slug in [MIRACLE, *OTHERS.values()]:
        page = seed_site.soup(f"post/{slug}")
        refresh = page.select_one('meta[http-equiv="refresh"]')["content"]
        assert refresh == f"0; url=../../{slug}/"
        assert page.select_one("link[rel=canonical]")["href"] == f"../../{slug}/"
        assert page.select_one("a")["href"] == f"../../{slug}/"
