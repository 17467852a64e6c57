"""One small blog with every kind of page (post, index, archive, category, 404), built
for the page checkers (Nu Html Checker, axe-core)."""

from __future__ import annotations

from datetime import date

POSTS = {
    "first.md": (
        {"title": "A Review", "date": date(2021, 5, 29), "categories": ["Movies"], "views": 43,
         "comments": 0, "tags": ["R&D", "Seoul", "Manu Bañó"]},
        "I've watched many movies.\n\n<!-- more -->\n\n## Why\n\nA *special* place, "
        "a [link](second.md).\n\n- one\n- two\n\n> A quote.\n",
    ),
    "second.md": (
        {"title": "Reflections", "date": date(2021, 4, 15), "categories": ["Reflections"],
         "tags": ["Seoul"]},
        "During this pandemic.\n\n<!-- more -->\n\nThe rest.\n",
    ),
    # Material's sidebar holds one more navigation landmark for a post's links.
    "linked.md": (
        {"title": "With Links", "date": date(2021, 3, 1), "categories": ["Movies"],
         "links": ["blog/posts/first.md", "blog/posts/second.md"]},
        "A post that links to others.\n\n<!-- more -->\n\nThe rest.\n",
    ),
}  # fmt: skip

# URL paths of the pages each checker looks at, and what they are.
PAGES = {
    "a-review/": "post",
    "with-links/": "post with links",
    "": "blog index",
    "archive/2021/": "archive",
    "category/movies/": "category",
    "tags/": "tags page",
    "404.html": "404 page",
}
