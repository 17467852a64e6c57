"""The speed-ups change how fast the site is built, never what a reader gets.

"Fast" builds use every speed-up and write pages from three processes
(blog_extras/speed/parallel.py, forced on for this small blog); "plain" builds are
of the same mkdocs.yml with its `- blog-speed` line taken out.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

import pytest
from jinja2 import TemplateNotFound
from mkdocs.exceptions import Abort
from mkdocs.utils import CountHandler

from blog_extras.speed import parallel
from blog_extras.speed import plugin as speed_plugin
from blog_extras.speed.converters import ExcerptConverters
from blog_extras.speed.parallel import shares, workers_for
from blog_extras.speed.speedups import IdentityList
from tests.sites import site_files

HARBOUR = Path(__file__).parent / "fixtures" / "wix" / "editor-post_files" / "harbour.png"


def picture() -> dict[str, bytes]:
    """The picture some of many_posts() show."""
    return {"blog/posts/harbour.png": HARBOUR.read_bytes()}


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
        if number % 9 == 4:
            # Excerpts that give the shared converter state to leave behind: headings
            # (their ids and the excerpt's table of contents), code, a table, a
            # picture whose size is read from its file, raw HTML.
            body = (
                f"## Heading {number}\n\nText [to the next](post-{number + 1}.md).\n\n"
                "## Heading\n\n```python\nprint('<b>')\n```\n\n| a | b |\n|---|---|\n"
                "| 1 | 2 |\n\n![A harbour](harbour.png)\n\n<div markdown>*raw*</div>\n\n"
                "<!-- more -->\n\n## Heading\n\nMore.\n"
            )
        front = {"title": f"Post {number}", "date": date(2020, 1, 1) + timedelta(days=number // 2),
                 "categories": ["Movies" if number % 2 else "Reflections"]}  # fmt: skip
        if number % 3 == 0:  # tags: links on the post, and the tags page
            front["tags"] = ["R&D", f"Tag {number % 4}"]
        posts[f"post-{number}.md"] = (front, body)
    return posts


@pytest.fixture
def blog_factory(tmp_path_factory: pytest.TempPathFactory):
    from tests import conftest

    def build(speedups: bool):
        root = tmp_path_factory.mktemp("speedups-on" if speedups else "speedups-off")
        make = conftest.blog.__wrapped__(root)  # the same builder the other tests use
        settings = {"build_workers": 3} if speedups else False
        return make(many_posts(45), blog_speed=settings, files=picture())

    return build


def test_every_file_is_the_same_with_and_without_speedups(blog_factory):
    fast, plain = blog_factory(True), blog_factory(False)
    fast_files, plain_files = site_files(fast.root), site_files(plain.root)
    assert fast_files.keys() == plain_files.keys()
    pages = [name for name in fast_files if name.endswith(".html")]
    assert len(pages) > 45 + 5  # posts, index pages, archive and categories
    assert "search/search_index.json" in fast_files and "feed.xml" in fast_files
    assert "tags/index.html" in fast_files
    for name in fast_files:
        assert fast_files[name] == plain_files[name], name


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


def test_excerpts_sharing_a_converter_convert_as_with_their_own():
    from markdown import Markdown
    from markdown.treeprocessors import Treeprocessor

    class Stamp(Treeprocessor):  # an excerpt's own processor, as Material's are
        def __init__(self, word: str) -> None:
            self.word = word

        def run(self, root):
            root[0].set("data-post", self.word)

    options = {"extensions": ["toc", "tables", "fenced_code", "abbr", "footnotes"]}
    texts = {
        "one": "## Same\n\nA [^note] and HTML.\n\n[^note]: The note.\n\n*[HTML]: Markup",
        "two": "## Same\n\n## Same\n\nNo notes, HTML, [a link][ref].\n\n```\n<b>\n```",
    }
    converters = ExcerptConverters()
    shared = {word: converters(**options) for word in texts}
    for word, converter in shared.items():
        converter.treeprocessors.register(Stamp(word), "excerpt", 0)
    for _ in range(2):  # each excerpt appears on several listing pages
        for word, text in texts.items():
            own = Markdown(**options)
            own.treeprocessors.register(Stamp(word), "excerpt", 0)
            assert shared[word].convert(text) == own.convert(text)
            assert shared[word].toc_tokens == own.toc_tokens
            processors = shared[word].treeprocessors
            assert processors[processors.get_index_for_name("excerpt")].word == word
    assert len(converters) == 1  # one real converter for both


def test_only_extensions_known_to_reset_cleanly_share_a_converter():
    from markdown import Markdown
    from markdown.extensions.toc import TocExtension

    from blog_extras.html.images import LazyImages
    from blog_extras.speed.converters import PageConverters, shareable

    ours = [
        "toc", "markdown.extensions.tables", "markdown.extensions.abbr:AbbrExtension",
        TocExtension(), LazyImages(lambda md, src: None),
    ]  # fmt: skip
    assert shareable({"extensions": ours})
    assert not shareable({"extensions": [*ours, "pymdownx.superfences"]})
    assert not shareable({"extensions": ["material.extensions.preview"]})
    pages = PageConverters()
    assert pages(extensions=["toc"]) is pages(extensions=["toc"])
    assert pages(extensions=["toc"]) is not pages(extensions=["tables"])
    # With any other extension, each page and excerpt gets a converter of its own.
    first, second = (pages(extensions=["toc", "pymdownx.superfences"]) for _ in range(2))
    assert first is not second and isinstance(first, Markdown)
    assert type(ExcerptConverters()(extensions=["pymdownx.superfences"])) is Markdown


def test_pages_are_dealt_out_evenly():
    assert shares(7, 3) == [[0, 3, 6], [1, 4], [2, 5]]
    assert shares(2, 4) == [[0], [1]]
    assert shares(5, 1) == [[0, 1, 2, 3, 4]]


def test_one_process_writes_pages_where_others_could_not_be_trusted(monkeypatch):
    safe = ["material/search", "material/blog", "blog-extras", "blog-speed"]
    monkeypatch.setattr(parallel, "available_processors", lambda: 8)
    monkeypatch.setattr(parallel.sys, "platform", "linux")
    assert workers_for(0, "build", safe) == (4, "")
    assert workers_for(3, "build", safe) == (3, "")
    assert workers_for(0, "serve", safe)[0] == 1
    assert workers_for(1, "build", safe)[0] == 1
    count, why = workers_for(0, "build", [*safe, "material/privacy"])
    assert count == 1 and "material/privacy" in why
    monkeypatch.setattr(parallel, "available_processors", lambda: 1)
    assert workers_for(0, "build", safe)[0] == 1
    monkeypatch.setattr(parallel, "available_processors", lambda: 8)
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert workers_for(0, "build", safe)[0] == 1
    assert workers_for(2, "build", safe)[0] == 2


def fail_writing_post_11(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing the page of "Post 11" fails (forked writers inherit this too)."""
    from blog_extras import plugin as core

    finish = core.finish_page

    def fail_on_post_11(html: str, *args, **kwargs):
        if "<h1>Post 11</h1>" in html:
            raise RuntimeError("post 11 could not be written")
        return finish(html, *args, **kwargs)

    monkeypatch.setattr(core, "finish_page", fail_on_post_11)


def test_an_error_writing_a_page_stops_the_build(blog, monkeypatch):
    # Forked processes write most pages; they inherit the failing writer.
    fail_writing_post_11(monkeypatch)
    with pytest.raises(RuntimeError, match="post 11 could not be written"):
        blog(many_posts(12), blog_speed={"build_workers": 3})


def test_a_forked_share_gives_back_its_result_its_error_and_its_warnings():
    counter = CountHandler()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        assert parallel._Share(lambda: {"pages": 3}).result() == {"pages": 3}

        def warn_then_fail() -> None:
            logging.getLogger("mkdocs.test").warning("a broken link")
            raise TemplateNotFound("missing.html")

        with pytest.raises(TemplateNotFound, match="missing"):
            parallel._Share(warn_then_fail).result()
        assert counter.counts[logging.WARNING] == 1
    finally:
        logger.removeHandler(counter)


def test_warnings_from_every_process_count_in_strict_mode(blog):
    # Every post links to a page that does not exist: MkDocs warns once per post
    # while rendering it, in whichever process renders it; the tests build with
    # --strict, which must count them all.
    posts = {
        name: (front, body + "\n\nSee [the missing page](missing.md).\n")
        for name, (front, body) in many_posts(12).items()
    }
    with pytest.raises(Abort, match=r"Aborted with 12 warnings in strict mode"):
        blog(posts, blog_speed={"build_workers": 3}, files=picture())


def test_the_speedups_run_only_on_the_versions_they_were_tested_with():
    tested = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}
    assert speed_plugin.untested_version(tested) == ""
    assert speed_plugin.untested_version({**tested, "properdocs": "1.6.7"}) == ""
    why = speed_plugin.untested_version({**tested, "mkdocs-material": "9.9.0"})
    assert why == "mkdocs-material 9.9.0 is not a version they were tested with (9.8.1)"


def test_on_an_untested_version_they_switch_off_with_one_line(
    blog, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    monkeypatch.setitem(speed_plugin.TESTED, "mkdocs-material", frozenset({"0.0.1"}))
    with caplog.at_level(logging.INFO):
        site = blog(many_posts(3), blog_speed={"build_workers": 3})
    said = [record.getMessage() for record in caplog.records if "Speed-ups" in record.getMessage()]
    assert said == [
        "blog_extras: Speed-ups off: mkdocs-material 9.8.1 is not a version they were "
        "tested with (0.0.1). The build is slower; nothing else changes."
    ]
    assert site.has_page("post-1")
