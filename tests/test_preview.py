"""`make serve` (mkdocs serve --dirty) after an edit shows what a full build shows.

Each test drives a preview session as `mkdocs serve --dirty` does (one set of
plugins kept across rebuilds, a new config per rebuild), edits posts the way an
author would, and after every rebuild compares each page, the feed and the
search index with a fresh full build of the same files. It also checks that
the quick path was taken where it should be, so that the comparison is not
trivially true of full rebuilds.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from blog_extras.speed.preview import (
    blog_layout,
    changed_sources,
    merge_search_entries,
    replace_recent_block,
)
from tests import mkdocs_yaml
from tests.conftest import REPO
from tests.project import SEED_BLOG, SEED_CONFIG

SERVE_URL = "http://127.0.0.1:8000/"


def write_post(docs: Path, number: int, *, title: str | None = None, day: int | None = None,
               opening: str = "", body: str = "") -> Path:  # fmt: skip
    path = docs / "blog" / "posts" / f"post-{number}.md"
    front = {
        "title": title or f"Post {number}",
        "slug": f"post-{number}",
        "date": date(2021, 1, 1) + timedelta(days=number if day is None else day),
        "categories": ["Movies" if number % 2 else "Reflections"],
        "views": number,
        # Its old Wix address: the preview keeps its redirect page right too.
        "wix": {"path": f"/post/post-{number}"},
    }
    text = (
        "---\n" + yaml.safe_dump(front) + "---\n\n"
        + (opening or f"Opening of post {number}.") + "\n\n<!-- more -->\n\n"
        + (body or f"## Part\n\nThe rest of post {number}.") + "\n"
    )  # fmt: skip
    saved(path, text)
    return path


def saved(path: Path, text: str) -> None:
    """Write ``text`` as an editor saves it: with a modification time that differs
    from the file's last one even when the clock has not ticked since."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


class Session:
    """One `mkdocs serve --dirty` session over a blog in ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = root / "served"
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(self.site))
        config.plugins.on_startup(command="serve", dirty=True)
        self.plugins = config.plugins  # the first build's, as `mkdocs serve` keeps them
        self._build(config)

    def rebuild(self) -> None:
        # As `mkdocs serve` rebuilds: mkdocs.yml read again, and its plugins loaded
        # again, except that MkDocs hands back the very objects of the plugins that
        # have on_startup (all of this blog's); a plugin taken out of mkdocs.yml is
        # not called again.
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        self._build(config)

    def _build(self, config) -> None:
        self.config = config
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=True)

    @property
    def plan(self):
        return self.plugins["blog-speed"]._preview.plan


def full_build(root: Path) -> Path:
    site = root / "full"
    shutil.rmtree(site, ignore_errors=True)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL)
    config.plugins.on_shutdown()
    return site


def outputs(site: Path) -> dict[str, object]:
    found: dict[str, object] = {}
    for path in sorted(site.rglob("*")):
        name = str(path.relative_to(site))
        if path.suffix in (".html", ".xml"):
            found[name] = path.read_text(encoding="utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found["search entries"] = sorted(index["docs"], key=lambda entry: json.dumps(entry))
    return found


def assert_same_as_full_build(session: Session) -> None:
    preview, full = outputs(session.site), outputs(full_build(session.root))
    assert sorted(preview) == sorted(full)
    for name in full:
        assert preview[name] == full[name], name


def make_blog(root: Path, posts: int = 25) -> Path:
    """A blog of ``posts`` posts in ``root`` (its mkdocs.yml, docs/), as this
    repository's; its docs/ folder."""
    docs = root / "docs"
    (docs / "blog" / "posts").mkdir(parents=True)
    (docs / "index.md").write_text("# Blog\n", encoding="utf-8")
    (docs / "assets").mkdir()
    shutil.copy(REPO / "docs" / "assets" / "favicon.svg", docs / "assets")
    (docs / "stylesheets").mkdir()
    shutil.copy(REPO / "docs" / "stylesheets" / "blog.css", docs / "stylesheets")
    for number in range(posts):
        write_post(docs, number)
    config = mkdocs_yaml.load(SEED_CONFIG)
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    mkdocs_yaml.dump(config, root / "mkdocs.yml")
    return docs


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    make_blog(tmp_path)  # three index pages of ten, two categories, one year
    yield Session(tmp_path)


def docs_of(session: Session) -> Path:
    return session.root / "docs"


def test_a_typo_fixed_in_an_old_post_rebuilds_its_pages_only(session: Session):
    write_post(docs_of(session), 3, body="## Part\n\nThe rest of post 3, typo fixed.")
    session.rebuild()
    assert not session.plan.full
    # The post, and the index, archive and category pages showing it.
    # Newest first, ten to a page: post 3 is 22nd of all posts, 11th of Movies (odd numbers).
    assert session.plan.write == {
        "blog/posts/post-3.md", "page/3/index.md", "archive/2021/page/3.md",
        "category/movies/page/2.md",
    }  # fmt: skip
    # The other posts on those pages are read again, for their excerpts.
    assert "blog/posts/post-1.md" in session.plan.read
    assert_same_as_full_build(session)


def test_renaming_the_newest_post_updates_recent_posts_everywhere(session: Session):
    write_post(docs_of(session), 24, title="A new title for the newest post")
    session.rebuild()
    assert not session.plan.full
    assert len(session.plan.write) <= 4
    assert_same_as_full_build(session)
    page = (session.site / "post-0" / "index.html").read_text(encoding="utf-8")
    assert "A new title for the newest post" in page
    redirect = (session.site / "post" / "post-24" / "index.html").read_text(encoding="utf-8")
    assert "A new title for the newest post" in redirect


def test_an_edited_opening_shows_on_the_listing_pages(session: Session):
    write_post(docs_of(session), 12, opening="A much better opening for post twelve.")
    session.rebuild()
    assert not session.plan.full
    assert_same_as_full_build(session)


def test_saving_without_a_change_rebuilds_the_post(session: Session):
    path = docs_of(session) / "blog" / "posts" / "post-7.md"
    saved(path, path.read_text(encoding="utf-8"))
    session.rebuild()
    assert not session.plan.full
    assert_same_as_full_build(session)


def test_several_edits_in_a_row_stay_right(session: Session):
    docs = docs_of(session)
    for step, number in enumerate([5, 24, 5, 23, 0]):
        write_post(docs, number, title=f"Post {number}, draft {step}",
                   opening=f"Opening, version {step}.")  # fmt: skip
        session.rebuild()
        assert not session.plan.full
    assert_same_as_full_build(session)


@pytest.mark.parametrize(
    "change",
    ["new post", "removed post", "new date", "new category", "another page", "mkdocs.yml"],
)
def test_changes_to_the_blog_layout_rebuild_everything(session: Session, change: str):
    docs = docs_of(session)
    if change == "new post":
        write_post(docs, 25)
    elif change == "removed post":
        (docs / "blog" / "posts" / "post-4.md").unlink()
    elif change == "new date":
        write_post(docs, 4, day=100)
    elif change == "new category":
        path = write_post(docs, 4)
        saved(path, path.read_text().replace("- Reflections", "- Movies"))
    elif change == "another page":
        (docs / "about.md").write_text("# About\n\nAbout this blog.\n", encoding="utf-8")
    else:
        config = session.root / "mkdocs.yml"
        saved(config, config.read_text().replace("My Blog", "My Renamed Blog"))
    session.rebuild()
    assert session.plan.full
    assert_same_as_full_build(session)


def test_a_rebuild_the_checks_refuse_leaves_the_preview_as_it_was(session: Session):
    """The browser shows the checks' message meanwhile (tests/browser/
    test_preview_errors.py); the preview itself is untouched, so the rebuild after
    the fix is a quick one, and right."""
    docs = docs_of(session)
    before = outputs(session.site)
    path = write_post(docs, 3, body="## Part\n\nThe rest of post 3, edited.")
    saved(path, path.read_text().replace("date: 2021-01-04", "date: 2021-02-30"))
    with pytest.raises(Abort):
        session.rebuild()
    assert outputs(session.site) == before
    write_post(docs, 3, body="## Part\n\nThe rest of post 3, edited, its date put right.")
    session.rebuild()
    assert not session.plan.full
    assert_same_as_full_build(session)


def test_a_preview_started_with_a_broken_post_shows_every_post_once_it_is_fixed(
    tmp_path: Path,
):
    # `mkdocs serve` ends when its first build fails: that build leaves the posts out.
    path = make_blog(tmp_path) / "blog" / "posts" / "post-3.md"
    good = path.read_text(encoding="utf-8")
    saved(path, good.replace("date: 2021-01-04", "date: 2021-02-30"))
    session = Session(tmp_path)
    assert (session.site / "index.html").is_file()
    assert not (session.site / "post-3").exists() and not (session.site / "post-4").exists()
    saved(path, good)
    session.rebuild()
    assert session.plan.full
    assert_same_as_full_build(session)


# Units


def test_changed_sources_lists_added_removed_and_modified_files():
    before = {"a": 1, "b": 2, "c": 3}
    after = {"a": 1, "b": 5, "d": 4}
    assert changed_sources(before, after) == {"b", "c", "d"}


def test_replace_recent_block_swaps_only_that_block():
    page = (
        "<main><p>A post that quotes <!--blog:recent--> in its text.</p>"
        '<!--blog:recent--><nav class="blog-recent">old</nav><!--/blog:recent--></main>'
    )
    block = '\n<!--blog:recent--><nav class="blog-recent">new</nav><!--/blog:recent-->\n'
    assert replace_recent_block(page, block) == page.replace(">old<", ">new<")
    assert replace_recent_block("<main></main>", block) is None


def test_merge_search_entries_replaces_the_rebuilt_pages_entries():
    previous = [
        {"location": "", "title": "Blog"},
        {"location": "post-1/", "title": "Old"},
        {"location": "post-1/#part", "title": "Old part"},
        {"location": "post-2/", "title": "Two"},
    ]
    current = [{"location": "post-1/", "title": "New"}]
    assert merge_search_entries(previous, current, {"post-1/"}) == [
        {"location": "", "title": "Blog"},
        {"location": "post-2/", "title": "Two"},
        {"location": "post-1/", "title": "New"},
    ]


def test_blog_layout_is_the_same_for_a_retitled_post(session: Session):
    before = blog_layout(session.config)
    write_post(docs_of(session), 10, title="Retitled")
    session.rebuild()
    assert blog_layout(session.config) == before


def test_with_titles_in_the_page_footer_a_new_title_rebuilds_everything(session: Session):
    # Material's navigation.footer shows the previous and next posts' titles on
    # every post page.
    config = session.root / "mkdocs.yml"
    settings = mkdocs_yaml.load(config)
    settings["theme"]["features"].append("navigation.footer")
    saved(config, mkdocs_yaml.dumps(settings))
    session.rebuild()
    write_post(docs_of(session), 10, title="Retitled, shown in its neighbours' footers")
    session.rebuild()
    assert session.plan.full
    assert_same_as_full_build(session)


def test_with_related_links_a_new_title_rebuilds_everything(session: Session):
    # Material lists the titles of the pages in a post's `links:` beside it.
    docs = docs_of(session)
    path = write_post(docs, 3)
    links = "views: 3\nlinks:\n- blog/posts/post-10.md\n"
    saved(path, path.read_text().replace("views: 3\n", links))
    session.rebuild()
    write_post(docs, 10, title="Retitled, shown beside post 3")
    session.rebuild()
    assert session.plan.full
    assert_same_as_full_build(session)


def test_new_tags_or_a_tagged_posts_new_title_update_the_tags_page(session: Session):
    docs = docs_of(session)
    shutil.copy(SEED_BLOG / "docs" / "tags.md", docs / "tags.md")
    path = write_post(docs, 3)
    saved(path, path.read_text().replace("views: 3\n", "views: 3\ntags:\n- Seoul\n"))
    session.rebuild()
    saved(path, path.read_text().replace("- Seoul\n", "- Seoul\n- R&D\n"))
    session.rebuild()
    assert session.plan.full
    assert_same_as_full_build(session)
    write_post(docs, 3, title="Retitled, listed on the tags page")
    saved(path, path.read_text().replace("views: 3\n", "views: 3\ntags:\n- Seoul\n- R&D\n"))
    session.rebuild()
    assert session.plan.full
    assert_same_as_full_build(session)
