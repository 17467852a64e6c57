"""Recent Posts, the blog index and counts on generated blogs, built for real."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.conftest import BlogBuilder
from tests.sites import BuiltSite, text_of


def post(title: str, day: date, **front_matter) -> tuple[dict, str]:
    return {"title": title, "date": day, **front_matter}, f"Words of a post dated {day}.\n"


def recent_titles(site: BuiltSite, slug: str) -> list[str] | None:
    block = site.soup(slug).select_one("nav.blog-recent")
    if block is None:
        return None
    return [text_of(a) for a in block.select(".blog-recent__title a")]


def index_titles(site: BuiltSite) -> list[str]:
    return [text_of(h) for h in site.soup("").select("article.md-post--excerpt h2")]


def test_three_most_recent_others_newest_first(blog: BlogBuilder):
    site = blog({f"p{n}.md": post(f"Post {n}", date(2021, 1, n)) for n in range(1, 6)})
    assert recent_titles(site, "post-5") == ["Post 4", "Post 3", "Post 2"]
    assert recent_titles(site, "post-3") == ["Post 5", "Post 4", "Post 2"]
    assert recent_titles(site, "post-1") == ["Post 5", "Post 4", "Post 3"]
    assert index_titles(site) == ["Post 5", "Post 4", "Post 3", "Post 2", "Post 1"]


def test_number_of_recent_posts_is_a_setting(blog: BlogBuilder):
    site = blog(
        {f"p{n}.md": post(f"Post {n}", date(2021, 1, n)) for n in range(1, 5)},
        blog_extras={"recent_posts": 1},
    )
    assert recent_titles(site, "post-1") == ["Post 4"]


def test_equal_dates_are_ordered_by_title(blog: BlogBuilder):
    same_day = date(2021, 6, 1)
    site = blog(
        {
            "z.md": post("Apple", same_day),
            "a.md": post("Cherry", same_day),
            "m.md": post("Banana", same_day),
            "new.md": post("Newest", date(2021, 7, 1)),
        }
    )
    assert recent_titles(site, "newest") == ["Apple", "Banana", "Cherry"]


def test_drafts_are_neither_published_nor_listed(blog: BlogBuilder):
    site = blog(
        {
            "a.md": post("Published", date(2021, 1, 1)),
            "b.md": post("Other", date(2021, 1, 2)),
            "c.md": post("Secret draft", date(2021, 1, 3), draft=True),
        }
    )
    assert not site.has_page("secret-draft")
    assert recent_titles(site, "published") == ["Other"]
    assert "Secret draft" not in index_titles(site)


def test_future_posts_wait_for_their_date(blog: BlogBuilder):
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    site = blog(
        {
            "a.md": post("Today", datetime.now(UTC).date() - timedelta(days=1)),
            "b.md": post("Older", date(2021, 1, 1)),
            "c.md": post("Scheduled", tomorrow),
        }
    )
    assert not site.has_page("scheduled")
    assert recent_titles(site, "older") == ["Today"]
    assert index_titles(site) == ["Today", "Older"]


def test_a_post_whose_date_has_come_is_published(blog: BlogBuilder):
    site = blog(
        {
            "a.md": post("Due today", datetime.now(UTC).date()),
            "b.md": post("Older", date(2021, 1, 1)),
        }
    )
    assert site.has_page("due-today")
    assert recent_titles(site, "older") == ["Due today"]


def test_fewer_posts_than_the_block_holds(blog: BlogBuilder):
    site = blog({"a.md": post("First", date(2021, 1, 1)), "b.md": post("Second", date(2021, 2, 1))})
    assert recent_titles(site, "first") == ["Second"]


def test_a_single_post_shows_no_empty_block(blog: BlogBuilder):
    site = blog({"a.md": post("Alone", date(2021, 1, 1))})
    assert site.has_page("alone")
    assert recent_titles(site, "alone") is None
    assert "Recent Posts" not in site.page("alone")


def test_a_blog_without_posts_builds_its_index(blog: BlogBuilder):
    """A newcomer's first step: the sample posts removed, none of their own yet."""
    site = blog({})
    assert site.has_page("") and index_titles(site) == []
    assert "<item>" not in (site.root / "feed.xml").read_text(encoding="utf-8")


def test_counts_line_wording(blog: BlogBuilder):
    site = blog(
        {
            "a.md": post("Popular", date(2021, 1, 1), views=1234, comments=1),
            "b.md": post("Quiet", date(2021, 1, 2), views=1, comments=0),
            "c.md": post("Uncounted", date(2021, 1, 3)),
            "d.md": post("Commented", date(2021, 1, 4), comments=2),
        }
    )
    popular = site.soup("popular").select_one("header.blog-post-header .blog-counts")
    assert text_of(popular) == "1,234 views · 1 comment"
    quiet = site.soup("quiet").select_one("header.blog-post-header .blog-counts")
    assert text_of(quiet) == "1 view · 0 comments"
    # The recent-posts entry and the index card carry the same counts.
    recent = site.soup("quiet").select("nav.blog-recent .blog-recent__item")
    assert [text_of(item.select_one(".blog-recent__title")) for item in recent] == [
        "Commented", "Uncounted", "Popular"
    ]  # fmt: skip
    assert [text_of(item.select_one(".blog-counts")) if item.select_one(".blog-counts") else None
            for item in recent] == ["2 comments", None, "1,234 views · 1 comment"]  # fmt: skip
    cards = site.soup("").select("article.md-post--excerpt .blog-counts")
    assert [text_of(card) for card in cards] == [
        "2 comments", "1 view · 0 comments", "1,234 views · 1 comment"
    ]  # fmt: skip
    # Nobody counted the views of these two, or the comments of one: no invented 0.
    assert site.soup("uncounted").select_one("header.blog-post-header .blog-counts") is None
    commented = site.soup("commented").select_one("header.blog-post-header .blog-counts")
    assert text_of(commented) == "2 comments"


def test_a_never_updated_post_shows_its_publication_date(blog: BlogBuilder):
    site = blog(
        {
            "a.md": post("Plain", date(2021, 3, 16)),
            "b.md": (
                {
                    "title": "Edited",
                    "date": {"created": date(2021, 1, 1), "updated": date(2021, 5, 29)},
                },
                "Text.\n",
            ),
        }
    )
    # Wix's way of writing a date, Material's post_date_format "medium".
    assert text_of(site.soup("plain").select_one("header .blog-date")) == "Mar 16, 2021"
    assert text_of(site.soup("edited").select_one("header .blog-date")) == "Updated: May 29, 2021"


def test_teaser_is_plain_text_cut_at_a_word_with_an_ellipsis(blog: BlogBuilder):
    words = " ".join(f"word{n}" for n in range(100))
    site = blog(
        {
            "a.md": ({"title": "Long", "date": date(2021, 1, 1)}, f"**Bold** {words}\n"),
            "b.md": post("Other", date(2021, 1, 2)),
        }
    )
    teaser = text_of(site.soup("other").select_one(".blog-recent__excerpt"))
    assert teaser.startswith("Bold word0 word1")
    assert teaser.endswith("…") and len(teaser) <= 200
    assert teaser.removesuffix("…").split()[-1] in words.split()


# Plain text the post checks accept, yet full of characters that mean something in
# HTML: quotes to break out of an attribute, an ampersand, angle brackets.
TRICKY = "Tom & \"Jerry\" <3 > x' onmouseover='alert(1)"


def test_titles_are_shown_as_text_everywhere(blog: BlogBuilder):
    site = blog(
        {
            "a.md": post(TRICKY, date(2021, 1, 2), slug="tricky", categories=["Movies"]),
            "b.md": post("Plain", date(2021, 1, 1)),
        }
    )
    for url in ["", "plain", "tricky", "archive/2021", "category/movies"]:
        soup = site.soup(url)
        assert soup.select("[onmouseover]") == [], url
    assert recent_titles(site, "plain") == [TRICKY]
    assert text_of(site.soup("tricky").select_one("header.blog-post-header h1")) == TRICKY
    assert text_of(site.soup("tricky").select_one("title")).startswith(TRICKY)
    assert index_titles(site)[0] == TRICKY
    # Material's own header and page title show the text, not markup or entities.
    header = site.soup("tricky").select_one(".md-header__topic:last-child .md-ellipsis")
    assert text_of(header) == TRICKY


def test_edit_this_page_opens_the_post_in_githubs_editor(blog: BlogBuilder, monkeypatch):
    monkeypatch.setenv("GITHUB_REPOSITORY", "author/my_blog.v2-x")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    site = blog({"a.md": post("Editable", date(2021, 1, 1))})
    edit = site.soup("editable").select_one("a.md-content__button[title='Edit this page']")
    assert edit["href"] == ("https://github.com/author/my_blog.v2-x/edit/main/docs/blog/posts/a.md")
    # The header's link to the repository, with its name as GitHub gives it.
    source = site.soup("editable").select_one("header a.md-source")
    assert source["href"] == "https://github.com/author/my_blog.v2-x"
    assert text_of(source.select_one(".md-source__repository")) == "author/my_blog.v2-x"


def test_canonical_address_comes_from_the_repository_on_github(blog: BlogBuilder, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_REPOSITORY", "Author/blog")
    monkeypatch.delenv("SITE_URL", raising=False)
    site = blog({"a.md": post("Found", date(2021, 1, 1))})
    canonical = site.soup("found").select_one("link[rel=canonical]")
    assert canonical["href"] == "https://author.github.io/blog/found/"
