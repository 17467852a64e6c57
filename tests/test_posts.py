from datetime import UTC, datetime

from blog_extras.content.posts import (
    CategoryLink,
    PostFacts,
    RecentPostsBlock,
    ResolvedPost,
    date_wording,
    facts_of_posts,
    post_facts,
    published_newest_first,
    recent_posts,
    template_values,
)


def facts(key: str, day: int, *, title: str | None = None, published: bool = True) -> PostFacts:
    return PostFacts(
        key=key,
        title=title or key,
        url=f"{key}/",
        published=datetime(2021, 1, day, tzinfo=UTC),
        updated=None,
        excerpt="",
        carried_views=0,
        views=0,
        comments=0,
        readtime=1,
        categories=(),
        is_published=published,
        is_draft=not published,
        title_in_body=False,
        old_path="",
        date_label="",
        date_text="",
    )


def keys(posts: list[PostFacts]) -> list[str]:
    return [post.key for post in posts]


def test_newest_first_with_equal_dates_ordered_by_title():
    posts = [facts("b", 1), facts("c", 3), facts("a", 1, title="Zebra"), facts("d", 2)]
    assert keys(published_newest_first(posts)) == ["c", "d", "b", "a"]


def test_unpublished_posts_are_not_listed():
    posts = [facts("draft", 9, published=False), facts("old", 1)]
    assert keys(published_newest_first(posts)) == ["old"]


def test_recent_posts_skip_the_current_post():
    newest = published_newest_first(
        [facts(k, d) for k, d in [("a", 4), ("b", 3), ("c", 2), ("d", 1)]]
    )
    assert keys(recent_posts(newest, "b", 3)) == ["a", "c", "d"]
    assert keys(recent_posts(newest, "d", 3)) == ["a", "b", "c"]


def test_recent_posts_with_fewer_posts_than_the_block_holds():
    newest = published_newest_first([facts("a", 2), facts("b", 1)])
    assert keys(recent_posts(newest, "a", 3)) == ["b"]
    assert recent_posts(published_newest_first([facts("only", 1)]), "only", 3) == []


def test_recent_posts_limit_zero_lists_nothing():
    newest = published_newest_first([facts("a", 2), facts("b", 1)])
    assert recent_posts(newest, "a", 0) == []


def test_updated_posts_say_updated():
    created = datetime(2021, 5, 1, tzinfo=UTC)
    updated = datetime(2021, 5, 29, tzinfo=UTC)
    assert date_wording(created, updated, "en") == ("Updated: ", "May 29, 2021")
    assert date_wording(created, None, "en") == ("", "May 1, 2021")


def resolved(key: str = "a", content: str = "<p>A</p>", **meta) -> ResolvedPost:
    return ResolvedPost(
        key=f"blog/posts/{key}.md", url=f"{key}/", title=key.upper(), title_in_body=False,
        created=datetime(2021, 5, 1, tzinfo=UTC), updated=datetime(2021, 5, 29, tzinfo=UTC),
        is_draft=False, is_published=True, readtime=2,
        categories=(CategoryLink("Movies", "category/movies/"),), meta=meta, content=content,
    )  # fmt: skip


def test_facts_add_counted_views_to_those_carried_over():
    facts = post_facts(
        resolved(views=43, comments=1, wix={"path": "/post/a"}),
        excerpt="A", counted_views=5, locale="en",
    )  # fmt: skip
    assert (facts.carried_views, facts.views, facts.comments) == (43, 48, 1)
    assert facts.old_path == "/post/a"
    assert (facts.date_label, facts.date_text) == ("Updated: ", "May 29, 2021")


def test_each_post_gets_its_teaser_and_the_views_counted_at_its_served_address():
    posts = [
        resolved("a", "<p>Opening <em>words</em></p><!-- more --><p>Rest</p>", views=43),
        resolved("b", "<p>" + "word " * 20 + "</p>"),
    ]
    found = facts_of_posts(
        posts, counted_views={"/my-blog/a/": 7, "/a/": 1000}, site_path="/my-blog/",
        excerpt_separator="<!-- more -->", excerpt_length=30, locale="en", date_format="long",
    )  # fmt: skip
    assert [facts.key for facts in found] == ["blog/posts/a.md", "blog/posts/b.md"]
    assert [facts.excerpt for facts in found] == [
        "Opening words",
        "word word word word word word\u2026",
    ]
    # Counted at the address readers visit, below the site's path; none for b.
    assert [facts.views for facts in found] == [50, None]
    assert found[0].date_text == "May 29, 2021"


def _plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    return value is None or isinstance(value, str | int | float | bool)


def test_templates_get_plain_values_only():
    facts = post_facts(resolved(views=1234), excerpt="A", counted_views=0, locale="en")
    values = template_values(facts)
    assert _plain(values)
    assert values["views_text"] == "1,234 views"
    assert values["date_iso"] == "2021-05-29T00:00:00+00:00"
    assert values["categories"] == [{"name": "Movies", "url": "category/movies/"}]
    block = RecentPostsBlock("./", (facts,)).template_values()
    assert _plain(block) and block["posts"] == [values]
