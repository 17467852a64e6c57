"""No script from a pull request or an import ever runs, and no page is taken
elsewhere: one row per way in, each built into a blog and opened in Chromium on
every page it reaches (posts, the index and its page 2, archive, category, a page
outside the posts, 404).

Each value below is written as Material prints it: raw. The post checks (and
the escaping of front matter, ``html/text.py``) are a first defence against
some of them; here they are set aside, so that these rows hold the page pass
alone (``html/page.py``, ``html/theme_marks.py``): a value that got past them
still runs nothing. Files a blog does not need under docs/ never reach a page:
``make check`` refuses them, and the build with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from blog_extras.authoring.checks import Report
from tests.browser.conftest import static_handler
from tests.conftest import blog_builder
from tests.project import copy_project
from tests.standins import serve

ELSEWHERE = "https://elsewhere.example/"


def run(marker: str) -> str:
    """A script, and beside it an element that shows the value reached the page as
    HTML (the page pass removes the script itself)."""
    script = f"<script>window.__pwned = (window.__pwned || []).concat(['{marker}'])</script>"
    return f'<i data-reached="{marker}"></i>{script}'


def loads(marker: str) -> str:
    """A script of the site's own files (a stylesheet), which 'self' would allow."""
    return f'<i data-reached="{marker}"></i><script src="/stylesheets/blog.css"></script>'


def breaks_out(marker: str) -> str:
    """A value that leaves the attribute or text it is printed in."""
    return f'"\'>{run(marker)}<b x="'


@dataclass(frozen=True)
class Row:
    way_in: str
    marker: str
    pages: tuple[str, ...]  # where the value lands


# The hostile post is the newest of 12, on the home page, and a copy of it the
# oldest, on page 2 (and alone in the archive of 2020).
POST, PAGE2, HOME = "attempt/", "page/2/", ""
LISTINGS = (HOME, PAGE2, "archive/2020/", "category/movies/")
OTHER, NOT_FOUND = "about/", "404.html"
ROWS = [
    Row("a links: title in the post's sidebar", "links", (POST,)),
    Row("subtitle: of a page, in the navigation", "subtitle", (OTHER, POST, NOT_FOUND)),
    Row("status: of a page, in the navigation", "status", (OTHER, POST, NOT_FOUND)),
    Row("author: of a page outside the posts, in <head>", "author", (OTHER,)),
    Row("the authors file's name", "author-name", (POST,)),
    Row("the authors file's description", "author-description", (POST,)),
    Row("<script> in a post's excerpt", "excerpt", (POST, *LISTINGS)),
    Row("<script> in a post's text", "text", (POST,)),
    Row("<img onerror> in a post's excerpt", "onerror", (POST, *LISTINGS)),
    Row("<script> in a page's text", "page-text", (OTHER,)),
    Row("<script src> of the site's own stylesheet", "own-file", (POST, *LISTINGS)),
    Row("an invisible link over the whole page", "overlay", (POST, *LISTINGS)),
    # Markup that this parser and a browser read differently (html/page.py).
    Row("escaped tags inside <svg><xmp>", "svg-raw-text", (POST, *LISTINGS)),
    Row("a comment inside <noscript>", "noscript-comment", (POST, *LISTINGS)),
    Row("a declarative shadow root", "shadow-root", (POST, *LISTINGS)),
    Row("an SVG link larger than the page", "svg-overlay", (POST, *LISTINGS)),
]

OVERLAY = "position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999;opacity:0"
HOSTILE_POST = f"""\
{run("excerpt")}

{loads("own-file")}

<a data-reached="overlay" href="{ELSEWHERE}" style="{OVERLAY}">x</a>

<i data-reached="svg-raw-text"></i><svg><xmp>&lt;/svg&gt;&lt;meta http-equiv="refresh" \
content="0;url={ELSEWHERE}"&gt;&lt;script src="/stylesheets/blog.css"&gt;&lt;/script&gt;</xmp></svg>

<i data-reached="noscript-comment"></i><noscript><!-- </noscript>\
<meta http-equiv="refresh" content="0;url={ELSEWHERE}"> --></noscript>

<div data-reached="shadow-root"><template shadowrootmode="open">\
<script src="/stylesheets/blog.css"></script>\
<a style="{OVERLAY}" href="{ELSEWHERE}">x</a></template></div>

<svg data-reached="svg-overlay" width="1" height="1" overflow="visible">\
<a href="{ELSEWHERE}"><rect x="-5000" y="-5000" width="10000" height="10000" fill-opacity="0"/>\
</a></svg>

<img src="missing.png" alt="" onerror="window.__pwned = ['onerror']">

<meta http-equiv="refresh" content="0;url={ELSEWHERE}">

<base href="{ELSEWHERE}">

<!-- more -->

{run("text")}

<p>After the attempts.</p>
"""


def authors_file() -> bytes:
    authors = {
        "me": {
            "name": "Me" + breaks_out("author-name"),
            "description": breaks_out("author-description"),
            "avatar": "assets/favicon.svg",
        }
    }
    return yaml.safe_dump({"authors": authors}).encode("utf-8")


def page_outside_posts() -> bytes:
    front = {
        "title": "About",
        "author": breaks_out("author"),
        "subtitle": breaks_out("subtitle"),
        "status": breaks_out("status"),
    }
    return f"---\n{yaml.safe_dump(front)}---\n\n{run('page-text')}\n\nAbout text.\n".encode()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("hostile")
    with pytest.MonkeyPatch.context() as patch:
        # The page pass alone: the post checks see nothing wrong, and nothing is
        # escaped before the templates print it (both are tested on their own in
        # tests/test_hostile_input.py), so every value reaches its pages raw.
        patch.setattr("blog_extras.plugin.check_posts", lambda *_a, **_k: Report())
        for escape in ("escape_front_matter", "escape_link", "escape_author"):
            patch.setattr(f"blog_extras.plugin.{escape}", lambda *_a, **_k: None)
        builder = blog_builder(root)
        posts = {
            f"p{day}.md": ({"title": f"Post {day}", "date": date(2021, 1, day)}, "Text.\n")
            for day in range(1, 11)
        }
        for name, title, day in (
            ("attempt.md", "Attempt", date(2021, 2, 1)),
            ("old.md", "Old attempt", date(2020, 6, 1)),
        ):
            front = {
                "title": title,
                "date": day,
                "categories": ["Movies"],
                "authors": ["me"],
                "links": [{breaks_out("links"): ELSEWHERE}],
            }
            posts[name] = (front, HOSTILE_POST)
        site = builder(
            posts,
            files={"blog/.authors.yml": authors_file(), "about.md": page_outside_posts()},
        )
    with serve(static_handler(site.root)) as port:
        yield f"http://127.0.0.1:{port}/"


EVERY_PAGE = (POST, *LISTINGS, OTHER, NOT_FOUND)


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_nothing_runs_and_nothing_leaves_the_page(browser: Browser, hostile_site: str, path: str):
    context = browser.new_context()
    page = context.new_page()
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    page.goto(hostile_site + path)
    page.wait_for_timeout(1500)  # a refresh of 0 seconds, had it stayed, has gone
    assert page.url == hostile_site + path
    assert visited == [hostile_site + path]
    assert page.evaluate("document.baseURI") == hostile_site + path
    assert page.evaluate("window.__pwned || []") == []
    # The theme's own scripts still run: the palette is set from one of them.
    assert page.locator("body").get_attribute("data-md-color-scheme") in ("default", "slate")
    context.close()


@pytest.mark.parametrize("row", ROWS, ids=[row.way_in for row in ROWS])
def test_each_way_in_reaches_its_pages_and_runs_nothing_there(
    browser: Browser, hostile_site: str, row: Row
):
    """The rows are real: each value is on the pages it names, as a script, and
    did not run there."""
    context = browser.new_context()
    page = context.new_page()
    for path in row.pages:
        page.goto(hostile_site + path)
        page.wait_for_timeout(100)
        reached = page.locator(f'[data-reached="{row.marker}"]').count()
        events = page.locator("[onerror]").count()
        assert reached or (row.marker == "onerror" and events), (
            f"{row.way_in} is not on {path or 'the home page'}"
        )
        assert page.evaluate("window.__pwned || []") == [], path
        # No script a browser would run holds the value (a JSON data block, such
        # as the page's JSON-LD, holds it escaped, as data).
        assert (
            page.locator("script:not([src])").evaluate_all(
                "nodes => nodes.filter(n => !n.type.includes('json') && n.text.includes('__pwned'))"
                ".map(n => n.outerHTML.slice(0, 300))"
            )
            == []
        ), path
        assert page.locator('script[src*="stylesheets"]').count() == 0, path
        # A click anywhere stays on the site: no invisible layer over the page.
        for x, y in ((5, 5), (640, 450)):
            page.mouse.click(x, y)
            page.wait_for_timeout(100)
            assert page.url.startswith(hostile_site), (path, x, y)
            page.goto(hostile_site + path)
        page.goto(hostile_site + path)
    context.close()


# Files a pull request may add under docs/: (the file below docs/, its content)
REFUSED_FILES = {
    "a script beside a post": ("blog/posts/evil.js", b"window.__pwned = ['js']"),
    "an HTML page": ("x.html", b"<script>window.__pwned = ['html']</script>"),
    "an SVG beside a post": ("blog/posts/x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    "an SVG with a script in assets/": (
        "assets/x.svg",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>window.__pwned = ['svg']</script></svg>",
    ),
    "an SVG with onload in assets/": (
        "assets/y.svg",
        b"<svg xmlns='http://www.w3.org/2000/svg' onload=\"window.__pwned = ['svg']\"/>",
    ),
    "a stylesheet beside a post": ("blog/posts/x.css", b"body { color: red }"),
}


def test_files_a_blog_does_not_need_are_refused(tmp_path: Path):
    """All at once (a project build costs seconds): each is named, by check and build."""
    project = copy_project(tmp_path)
    for name, content in REFUSED_FILES.values():
        (project.root / "docs" / name).write_bytes(content)
    (project.posts / "uses-it.md").write_text(
        '---\ntitle: Uses it\ndate: 2021-01-01\n---\n\n<script src="evil.js"></script>\n',
        encoding="utf-8",
    )
    for command in ("check", "build"):
        result = project.run("blog_extras.cli", command)
        assert result.returncode != 0, command
        output = result.stdout + result.stderr
        assert "Traceback" not in output
        lines = output.splitlines()
        for case, (name, _) in REFUSED_FILES.items():
            # An SVG's message names the line of what it holds.
            named = [
                line for line in lines if re.search(rf"docs/{re.escape(name)}(, line \d+)?:", line)
            ]
            assert len(named) == 1, f"{command}: {case}"
            assert "remove it" in named[0] or "may hold only a drawing" in named[0], named[0]
    assert not project.site.exists()
