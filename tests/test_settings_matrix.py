"""Material's blog settings an author may plausibly choose, each built for real
(one at a time, and several at once).

In every build, the feed, Recent Posts, the old-address redirects and the post
checks agree with the pages Material writes: every address they give is a page
of the site, every published post is in the feed, no unpublished one is, and
each Recent Posts teaser is the post's own opening. The listing pages (index,
category, archive) hold the published posts newest first, page by page, and
link to each other. Each check also asserts that it found what it checks.
"""

from __future__ import annotations

import json
import os
import posixpath
import textwrap
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from selectolax.lexbor import LexborHTMLParser

from blog_extras.authoring.checks import check_posts
from blog_extras.authoring.review_copy import SEARCH_SCRIPT, SEARCH_SHIM, review_copy
from blog_extras.authoring.settings import check_settings, load_site_config
from tests import mkdocs_yaml
from tests.conftest import REPO
from tests.project import SEED_CONFIG
from tests.sites import build_site, text_of

SITE_URL = "https://blog.example.org/"
FUTURE = date(2099, 1, 1)

# (file name, front matter, body); {more} is the blog's excerpt separator.
POSTS = [
    ("miracle.md", {"title": "Miracle in Cell No. 7", "date": date(2021, 5, 29),
                    "categories": ["Movies"], "views": 43, "comments": 0,
                    "wix": {"path": "/post/miracle-in-cell-no-7"}},
     "The opening of Miracle.\n\n{more}\n\nThe rest of Miracle."),
    ("being-certain.md", {"title": "Being Certain", "date": date(2021, 4, 15),
                          "categories": ["Reflections"], "wix": {"path": "/post/being-certain"}},
     "The opening of Being Certain.\n\n{more}\n\nThe rest of Being Certain."),
    ("corner.md", {"title": "The Corner", "date": {"created": date(2021, 3, 16),
                                                   "updated": date(2021, 3, 20)},
                   "categories": ["Movies", "Reflections"]},
     "The opening of The Corner.\n\n{more}\n\nThe rest of The Corner."),
    ("later.md", {"title": "A Post For Later", "date": FUTURE, "categories": ["Movies"]},
     "The opening of the later post.\n\n{more}\n\nThe rest of it."),
]  # fmt: skip

SETTINGS: dict[str, dict[str, Any]] = {
    "Material's default address": {"post_url_format": "{date}/{slug}"},
    "address from the file name": {"post_url_format": "{file}"},
    "date and file name": {"post_url_format": "{date}/{file}"},
    "categories in the address": {"post_url_format": "{categories}/{slug}"},
    "future posts published": {"draft_if_future_date": False},
    "no pagination": {"pagination": False},
    "short pages": {"pagination_per_page": 1},
    "own excerpt separator": {"post_excerpt_separator": "<!-- teaser -->"},
    "blog below blog/": {"blog_dir": "blog", "post_dir": "{blog}/posts"},
    "authors": {"authors": True, "post_url_format": "{date}/{slug}"},
    # Settings change together too: pages of two posts, of a blog below blog/ that
    # publishes its future post, at addresses from the date and the file name.
    "several at once": {"pagination_per_page": 2, "blog_dir": "blog", "post_dir": "{blog}/posts",
                        "draft_if_future_date": False, "post_url_format": "{date}/{file}"},
}  # fmt: skip


def write_blog(root: Path, blog_settings: dict[str, Any]) -> Path:
    config = mkdocs_yaml.load(SEED_CONFIG)
    config["site_url"] = SITE_URL
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    blog = next(p["blog"] for p in config["plugins"] if isinstance(p, dict) and "blog" in p)
    blog.update(blog_settings)
    separator = blog.get("post_excerpt_separator", "<!-- more -->")
    blog_dir = blog.get("blog_dir", ".")
    docs = root / "docs"
    posts = docs / blog.get("post_dir", "{blog}/posts").format(blog=blog_dir)
    posts.mkdir(parents=True)
    (docs / blog_dir).mkdir(parents=True, exist_ok=True)
    (docs / blog_dir / "index.md").write_text("# Blog\n", encoding="utf-8")
    if blog_dir != ".":
        (docs / "index.md").write_text("# Home\n\nThe [blog](blog/index.md).\n", "utf-8")
    for asset in ("assets/favicon.svg", "stylesheets/blog.css"):
        (docs / asset).parent.mkdir(parents=True, exist_ok=True)
        (docs / asset).write_bytes((REPO / "docs" / asset).read_bytes())
    with_authors = blog.get("authors", False)
    if with_authors:
        authors_file = docs / blog.get("authors_file", "{blog}/.authors.yml").format(blog=blog_dir)
        authors_file.parent.mkdir(parents=True, exist_ok=True)
        authors_file.write_text(
            "authors:\n  ana:\n    name: Ana Reyes\n    description: Writer\n"
            "    avatar: assets/favicon.svg\n",
            encoding="utf-8",
        )
    else:
        blog["authors"] = False
    for name, front_matter, body in POSTS:
        meta = {**front_matter, **({"authors": ["ana"]} if with_authors else {})}
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n"
        text += textwrap.dedent(body).format(more=separator) + "\n"
        (posts / name).write_text(text, encoding="utf-8")
    config["docs_dir"] = str(docs)
    config_file = root / "mkdocs.yml"
    mkdocs_yaml.dump(config, config_file)
    return config_file


def created(meta: dict[str, Any]) -> date:
    day = meta["date"]
    return day["created"] if isinstance(day, dict) else day


def published_newest_first(name: str) -> list[str]:
    """The titles of the posts the build of the row ``name`` publishes, newest first."""
    future_published = SETTINGS[name].get("draft_if_future_date", True) is False
    published = [meta for _, meta, _ in POSTS if future_published or created(meta) < FUTURE]
    return [meta["title"] for meta in sorted(published, key=created, reverse=True)]


def page_at(site: Path, url: str) -> Path:
    path = urlsplit(url).path
    return site / path.strip("/") / "index.html" if path.endswith("/") else site / path


def post_pages(site: Path) -> dict[str, str]:
    """Each post page Material wrote: its address, by its title."""
    found = {}
    for path in site.rglob("index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        header = soup.select_one(".blog-post-header h1")
        if header is not None:
            found[text_of(header)] = path.parent.relative_to(site).as_posix() + "/"
    return found


@pytest.fixture(params=list(SETTINGS), scope="module")
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("matrix")
    config_file = write_blog(root, SETTINGS[request.param])
    build_site(config_file, root / "site")
    return request.param, config_file, root / "site"


def test_published_posts_are_pages_and_the_feed_lists_exactly_them(built):
    name, _config_file, site = built
    pages = post_pages(site)
    expected = set(published_newest_first(name))
    assert set(pages) == expected
    feed = ElementTree.parse(site / "feed.xml").getroot()
    items = {item.findtext("title"): item.findtext("link") for item in feed.iter("item")}
    assert set(items) == expected
    for title, link in items.items():
        assert link == SITE_URL + pages[title], title
    if SETTINGS[name].get("authors"):
        page = page_at(site, pages["Miracle in Cell No. 7"]).read_text(encoding="utf-8")
        assert "Ana Reyes" in text_of(BeautifulSoup(page, "html.parser"))


def test_recent_posts_link_to_the_pages_and_show_their_openings(built):
    name, _config_file, site = built
    pages = post_pages(site)
    assert set(pages) == set(published_newest_first(name))
    for title, url in pages.items():
        soup = BeautifulSoup(page_at(site, url).read_text(encoding="utf-8"), "html.parser")
        block = soup.select_one("nav.blog-recent")
        assert block is not None, title
        items = block.select(".blog-recent__item")
        # Every other published post: these blogs publish at most four, and the
        # seed blog's settings list three.
        listed = {text_of(item.select_one(".blog-recent__title a")) for item in items}
        assert listed == set(pages) - {title}, title
        for item in items:
            link = item.select_one(".blog-recent__title a")
            target = posixpath.normpath(posixpath.join(url, link["href"])) + "/"
            assert pages[text_of(link)] == target, (title, link["href"])
            opening = text_of(item.select_one(".blog-recent__excerpt"))
            assert opening.startswith("The opening of"), opening
            assert "rest" not in opening.lower(), opening
        see_all = block.select_one(".blog-recent__head a")
        assert page_at(site, posixpath.join(url, see_all["href"]) + "/").is_file()


def listing_page(site: Path, address: str) -> BeautifulSoup:
    """The listing page at ``address`` (a folder of the site, "." for its root)."""
    path = site / address / "index.html"
    assert path.is_file(), address
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def followed(address: str, href: str) -> str:
    """The folder a link on the page at ``address`` leads to, as ``address`` is written."""
    return posixpath.normpath(posixpath.join(address, href))


def listing_chain(site: Path, first: str, titles: list[str], per_page: int) -> list[str]:
    """The listing at ``first``, followed page by page through its page numbers:
    each page holds the next ``per_page`` of ``titles``, each card leads to its post,
    and each page links to every other page. The addresses of its pages."""
    expected = [titles[at : at + per_page] for at in range(0, len(titles), per_page)]
    posts = {title: posixpath.normpath(url) for title, url in post_pages(site).items()}
    listings = {1: first}
    for number, chunk in enumerate(expected, start=1):
        assert number in listings, f"{first}: no link to page {number}"
        address = listings[number]
        soup = listing_page(site, address)
        cards = soup.select("article.md-post--excerpt h2 a")
        assert [text_of(card) for card in cards] == chunk, address
        for card in cards:
            assert followed(address, card["href"]) == posts[text_of(card)], (address, card["href"])
        pager = soup.select_one(".md-pagination")
        if len(expected) == 1:  # Material may leave an empty pager
            assert pager is None or pager.select("a") == [], address
            continue
        assert text_of(pager.select_one(".md-pagination__current")) == str(number)
        links = {int(text_of(a)): followed(address, a["href"]) for a in pager.select("a")}
        assert set(links) == set(range(1, len(expected) + 1)) - {number}, address
        for other, target in links.items():
            assert listings.setdefault(other, target) == target, (address, other)
    return [listings[number] for number in sorted(listings)]


def test_listing_pages_hold_the_published_posts_newest_first_and_link_to_each_other(built):
    """The blog index, a category and a year of the archive, each page by page
    (see listing_chain): all their posts, newest first, in pages of the setting's
    size (one page without pagination)."""
    name, _config_file, site = built
    settings = SETTINGS[name]
    blog_dir = settings.get("blog_dir", ".")
    titles = published_newest_first(name)
    meta = {meta["title"]: meta for _, meta, _ in POSTS}
    per_page = (
        len(titles) if settings.get("pagination") is False
        else settings.get("pagination_per_page", 10)
    )  # fmt: skip
    for first, shown in [
        (blog_dir, titles),
        (f"{blog_dir}/category/movies", [t for t in titles if "Movies" in meta[t]["categories"]]),
        (f"{blog_dir}/archive/2021", [t for t in titles if created(meta[t]).year == 2021]),
    ]:
        chain = listing_chain(site, posixpath.normpath(first), shown, per_page)
        # Page 2 exists exactly when the posts do not fit on one page.
        assert len(chain) == -(-len(shown) // per_page), first
        assert len(set(chain)) == len(chain), chain


def test_old_wix_addresses_lead_to_the_pages(built):
    _name, _config_file, site = built
    pages = post_pages(site)
    for _, meta, _ in POSTS:
        old = meta.get("wix", {}).get("path")
        if not old:
            continue
        redirect = BeautifulSoup((site / old.strip("/") / "index.html").read_text(), "html.parser")
        assert redirect.select_one("link[rel=canonical]")["href"] == SITE_URL + pages[meta["title"]]


def test_the_checks_pass_and_know_the_addresses_material_gives(built, tmp_path: Path):
    _name, config_file, site = built
    settings = check_settings(load_site_config(config_file))
    assert check_posts(settings, today=date(2026, 12, 1)).errors == []
    # A copy of a post under another file name, with the same title, date and
    # categories: where Material gives both the same address, the checks say so.
    pages = post_pages(site)
    source = next(settings.docs_dir.joinpath(settings.post_dir).glob("corner.md"))
    twin = source.with_name("corner-twin.md")
    twin.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        errors = check_posts(settings, today=date(2026, 12, 1)).errors
    finally:
        twin.unlink()
    same_address = "{file}" not in settings_format(config_file)
    assert bool(errors) == same_address
    if same_address:
        assert f"/{pages['The Corner']}" in errors[0].message


def settings_format(config_file: Path) -> str:
    config = mkdocs_yaml.load(config_file)
    blog = next(p["blog"] for p in config["plugins"] if isinstance(p, dict) and "blog" in p)
    return blog.get("post_url_format", "{date}/{slug}")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def linked_file(copy: Path, page: Path, address: str) -> Path | None:
    """The file ``address``, on the page ``page`` of the review copy, opens from disk
    (None for another site or the page itself)."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = Path(os.path.normpath(page.parent / unquote(parts.path)))
    assert copy in target.parents, (page, address)
    return target


def test_the_review_copy_opens_from_disk_with_the_published_pages(built, tmp_path: Path):
    """`blog review-copy` of each build: every address inside the site names a file
    (no folder, which would open a folder listing from disk); Recent Posts, See All
    and the old addresses lead to the posts' own files; the addresses meant for the
    world (feed, sitemap, canonical, share links) and the scripts (so the policy's
    hashes) are the build's; and the build itself is not touched."""
    row, _config_file, site = built
    published = files_of(site)
    copy = tmp_path / "review-copy"
    assert review_copy(site, copy) == 0
    assert files_of(site) == published
    assert not (site / SEARCH_SCRIPT).exists() and not (site / SEARCH_SHIM).exists()
    copied = files_of(copy)
    for name in ("feed.xml", "sitemap.xml", "robots.txt", "search/search_index.json"):
        assert copied[name] == published[name], name

    pages = post_pages(site)
    assert set(pages) == set(published_newest_first(row))
    index = posixpath.normpath(posixpath.join(SETTINGS[row].get("blog_dir", "."), "index.html"))
    redirects = {old.strip("/") + "/index.html" for _, meta, _ in POSTS
                 if (old := meta.get("wix", {}).get("path"))}  # fmt: skip
    checked = set()
    for path in copy.rglob("*.html"):
        checked.add(path.relative_to(copy).as_posix())
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        for element in tree.css("[href], [src]"):
            for attribute in ("href", "src"):
                address = element.attributes.get(attribute) or ""
                target = linked_file(copy, path, address)
                assert target is None or target.is_file(), (path, address)
        original = LexborHTMLParser((site / path.relative_to(copy)).read_text("utf-8"))
        for selector in (
            "link[rel=canonical]", "meta[http-equiv=Content-Security-Policy]",
            ".blog-share a", ".blog-share button", "script:not([src]):not(#__config)",
        ):  # fmt: skip
            assert [tag.html for tag in tree.css(selector)] == [
                tag.html for tag in original.css(selector)
            ], (path, selector)

    # Every kind of page was checked: posts, the blog index, old addresses, 404.
    must_check = {url + "index.html" for url in pages.values()} | redirects | {index, "404.html"}
    assert must_check <= checked, must_check - checked

    files = {title: copy / url / "index.html" for title, url in pages.items()}
    for title, url in pages.items():
        page = copy / url / "index.html"
        block = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            "nav.blog-recent"
        )
        assert block is not None, title
        for link in block.select(".blog-recent__title a"):
            assert linked_file(copy, page, link["href"]) == files[text_of(link)], link["href"]
        see_all = linked_file(copy, page, block.select_one(".blog-recent__head a")["href"])
        assert see_all is not None and see_all.name == "index.html" and see_all.is_file()
    for _, meta, _ in POSTS:
        old = meta.get("wix", {}).get("path")
        if old:
            redirect = copy / old.strip("/") / "index.html"
            soup = BeautifulSoup(redirect.read_text(encoding="utf-8"), "html.parser")
            refresh = soup.select_one("meta[http-equiv=refresh]")["content"].partition("url=")[2]
            assert linked_file(copy, redirect, refresh) == files[meta["title"]], old

    script = (copy / SEARCH_SCRIPT).read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    index = json.loads(script.removeprefix("var __index = "))
    for doc in index["docs"]:
        target = linked_file(copy, copy / "index.html", doc["location"] or "index.html")
        assert target is not None and target.is_file(), doc["location"]
