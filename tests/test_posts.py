from datetime import UTC, datetime, timedelta

from blog_extras.posts import (
    PostFacts,
    date_wording,
    is_published,
    published_newest_first,
    recent_posts,
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


def test_scheduled_posts_wait_for_their_date_unless_draft_is_explicit():
    now = datetime(2026, 11, 27, tzinfo=UTC)
    assert is_published(None, now - timedelta(days=1), now)
    assert not is_published(None, now + timedelta(days=1), now)
    assert not is_published(True, now - timedelta(days=1), now)
    assert is_published(False, now + timedelta(days=1), now)
