"""The speed-ups change how fast the site is built, never what a reader gets."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from blog_extras.speedups import IdentityList


def many_posts(count: int) -> dict:
    posts = {}
    for number in range(count):
        body = (
            f"Opening of post {number} with a [link](post-{(number + 1) % count}.md) and "
            f"*emphasis*.\n\n<!-- more -->\n\n## Part\n\nThe rest of post {number}.\n"
        )
        if number % 5 == 0:
            # A reference defined below the separator: the whole post must be rendered.
            body = (
                "Opening with a [reference][ref].\n\n<!-- more -->\n\nRest.\n\n[ref]: post-0.md\n"
            )
        if number % 7 == 0:
            body = f"A post without a separator, number {number}.\n"
        posts[f"post-{number}.md"] = (
            {"title": f"Post {number}", "date": date(2020, 1, 1) + timedelta(days=number // 2),
             "categories": ["Movies" if number % 2 else "Reflections"]},
            body,
        )  # fmt: skip
    return posts


def pages(site_root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site_root)): path.read_text(encoding="utf-8")
        for path in sorted(site_root.rglob("*.html"))
    }


@pytest.fixture
def blog_factory(tmp_path_factory: pytest.TempPathFactory):
    from tests import conftest

    def build(speedups: bool):
        root = tmp_path_factory.mktemp("speedups-on" if speedups else "speedups-off")
        make = conftest.blog.__wrapped__(root)  # the same builder the other tests use
        return make(many_posts(45), blog_extras={"speedups": speedups})

    return build


def test_every_page_is_the_same_with_and_without_speedups(blog_factory):
    fast, plain = blog_factory(True), blog_factory(False)
    fast_pages, plain_pages = pages(fast.root), pages(plain.root)
    assert fast_pages.keys() == plain_pages.keys()
    assert len(fast_pages) > 45 + 5  # posts, index pages, archive and categories
    for name in fast_pages:
        assert fast_pages[name] == plain_pages[name], name


def test_identity_list_finds_by_identity_in_constant_time():
    class Noisy:
        def __eq__(self, other: object) -> bool:
            raise AssertionError("compared by equality")

        __hash__ = object.__hash__

    items = [Noisy() for _ in range(5)]
    listed = IdentityList(items)
    assert items[3] in listed and Noisy() not in listed
    assert listed.index(items[3]) == 3
    extra = Noisy()
    listed.append(extra)
    assert extra in listed and listed.index(extra) == 5
