"""What the browser shows of a failed `make serve` rebuild (authoring/preview_errors.py),
on a stand-in for MkDocs' live-reload server. tests/browser/test_preview_errors.py
runs the real one."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from blog_extras.authoring.checks import Finding, Kind
from blog_extras.authoring.preview_errors import (
    ERROR_FILE,
    PreviewErrors,
    Problem,
    error_page,
    is_page_address,
    may_leave_out,
    posts_among,
    problems_of,
    show_in_browser,
)
from tests.waiting import eventually

HOSTILE = "the category '<img src=x onerror=alert(1)>' is not one of the blog's categories"


def shown(html: str) -> str:
    """The text a reader sees of a page."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def test_the_error_page_says_where_and_what_as_the_terminal_does():
    page = error_page(
        [
            Problem("the date 2021-02-30 does not exist", "docs/blog/posts/a.md", 4),
            Problem("'views' cannot be negative (-1)", "docs/blog/posts/b.md"),
            Problem(
                "blog-extras: 'recent_posts' in mkdocs.yml must be 0 or more\nNothing was built."
            ),
        ]
    )
    items = [" ".join(item.get_text().split()) for item in BeautifulSoup(page, "html.parser")("li")]
    assert items == [
        "docs/blog/posts/a.md, line 4: the date 2021-02-30 does not exist",
        "docs/blog/posts/b.md: 'views' cannot be negative (-1)",
        "blog-extras: 'recent_posts' in mkdocs.yml must be 0 or more Nothing was built.",
    ]


def test_the_error_page_shows_a_post_s_text_as_text():
    page = error_page([Problem(HOSTILE, "docs/blog/posts/<b>bold</b>&amp;.md", 2)])
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("img") is None and soup.find("b") is None
    assert HOSTILE in soup.get_text()
    assert "docs/blog/posts/<b>bold</b>&amp;.md, line 2" in soup.get_text()


def test_the_error_page_runs_no_script_and_keeps_the_site_s_policy():
    page = error_page([Problem(HOSTILE, "docs/blog/posts/a.md", 2)])
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None
    assert not [name for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")]
    # Nothing to allow by hash (no script at all, above), and nothing fetched: only
    # its inline style, which the site's policy allows ('unsafe-inline' for styles).
    assert not soup.find_all(src=True) and not soup.find_all("link")


def test_problems_are_the_checks_errors_on_one_line():
    findings = [
        Finding("docs/blog/posts/a.md", "a date\nin the future", 3, kind="notice"),
        Finding("docs/blog/posts/b.md", "the category 'x\n::error::y' is not allowed", 5),
    ]
    assert problems_of(findings) == [
        Problem("the category 'x\\n::error::y' is not allowed", "docs/blog/posts/b.md", 5)
    ]


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/", True),
        ("/post-3/", True),
        ("/post-3", True),
        ("/404.html", True),
        ("/page/2/index.html", True),
        ("/assets/stylesheets/main.css", False),
        ("/search/search_index.json", False),
        ("/feed.xml", False),
        ("/livereload/1234/5678", False),
    ],
)
def test_page_addresses(path: str, page: bool):
    assert is_page_address(path) is page


def test_page_addresses_below_the_site_s_path():
    assert is_page_address("/blog/post-3/", "/blog/")
    assert not is_page_address("/elsewhere/", "/blog/")


def test_posts_are_left_out_only_when_every_error_is_in_a_post_file(tmp_path: Path):
    posts = tmp_path / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    post = posts / "a.md"
    post.write_text("---\n", encoding="utf-8")
    (tmp_path / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    (posts / "link.md").symlink_to("/etc/hostname")

    def finding(path: Path, kind: Kind = "error") -> Finding:
        return Finding(str(path), "a mistake", 2, kind)

    assert may_leave_out([finding(post)], posts)
    assert may_leave_out([finding(post), finding(tmp_path / "docs" / "b.md", "notice")], posts)
    assert not may_leave_out([finding(post, "warning")], posts)
    assert not may_leave_out([finding(post), finding(tmp_path / "docs" / "about.md")], posts)
    # A link out of docs/: MkDocs would follow it while listing the files.
    assert not may_leave_out([finding(posts / "link.md")], posts)
    assert not may_leave_out([finding(posts / "gone.md")], posts)


class _File:
    def __init__(self, src_uri: str, page: bool = True) -> None:
        self.src_uri = src_uri
        self.page = page

    def is_documentation_page(self) -> bool:
        return self.page


def test_posts_among_the_files():
    files = [
        _File("index.md"),
        _File("blog/posts/a.md"),
        _File("blog/posts/sub/b.md"),
        _File("blog/posts/a/picture.png", page=False),
        _File("blog/postscript.md"),
    ]
    assert [file.src_uri for file in posts_among(files, "blog/posts")] == [
        "blog/posts/a.md",
        "blog/posts/sub/b.md",
    ]


# The browser's side, on a stand-in server.


class StandInServer:
    """What preview_errors uses of MkDocs' LiveReloadServer: its builder, its web
    application (here: the file a request would get), and its path."""

    def __init__(self, site: Path, rebuild: Callable[[], None]) -> None:
        self.site = site
        self.builder = rebuild
        self.mount_path = "/"
        self._app: Any = self._serve

    def _serve(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        path = environ["PATH_INFO"].lstrip("/")
        path += "index.html" if path.endswith("/") or not path else ""
        start_response("200 OK", [])
        return [(self.site / path).read_bytes()]

    def get_app(self) -> Any:
        return self._app

    def set_app(self, application: Any) -> None:
        self._app = application

    def get(self, path: str) -> str:
        body: Iterable[bytes] = self._app({"PATH_INFO": path}, lambda status, headers: None)
        return b"".join(body).decode("utf-8")


class Rebuilds:
    """A rebuild that does what the test says next: succeed, or fail as told."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.next: Callable[[], None] = lambda: None

    def __call__(self) -> None:
        self.next()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "post-3").mkdir()
    (tmp_path / "post-3" / "index.html").write_text("<h1>Post 3</h1>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<h1>Blog</h1>", encoding="utf-8")
    (tmp_path / "blog.css").write_text("h1 {}", encoding="utf-8")
    return tmp_path


def engine_logger() -> logging.Logger:
    return logging.getLogger("mkdocs")


def install(
    site: Path, problems: list[Problem] | None = None
) -> tuple[StandInServer, Rebuilds, Any]:
    rebuilds = Rebuilds(site)
    server = StandInServer(site, rebuilds)
    errors = show_in_browser(
        server,
        site,
        watched=engine_logger(),
        log=logging.getLogger("mkdocs.plugins.test"),
        problems=problems or [],
    )
    return server, rebuilds, errors


def test_a_failed_rebuild_shows_on_every_page_until_one_succeeds(site: Path):
    server, rebuilds, errors = install(site)
    found = Problem("the date 2021-02-30 does not exist", "docs/blog/posts/post-3.md", 4)

    def refused() -> None:
        errors.note([found])  # as the plugin's on_pre_build does, before it raises
        raise Abort("Aborted with a BuildError!")

    rebuilds.next = refused
    server.builder()  # does not raise: the server would hang on the failure
    for page in ("/post-3/", "/", "/a-page-that-never-was/"):
        assert "docs/blog/posts/post-3.md, line 4: the date" in shown(server.get(page))
    assert server.get("/blog.css") == "h1 {}"
    rebuilds.next = lambda: None
    server.builder()
    assert server.get("/post-3/") == "<h1>Post 3</h1>"
    assert server.get("/") == "<h1>Blog</h1>"


def test_a_failure_the_checks_did_not_explain_shows_what_mkdocs_logged(site: Path):
    server, rebuilds, _errors = install(site)

    def broken_config() -> None:
        engine_logger().error("Config value 'theme': Unrecognised theme name: 'materail'.")
        raise Abort("Aborted with 1 configuration errors!")

    rebuilds.next = broken_config
    server.builder()
    assert "Unrecognised theme name: 'materail'." in shown(server.get("/"))


def test_an_unexpected_exception_shows_too(site: Path, capsys: pytest.CaptureFixture[str]):
    server, rebuilds, _errors = install(site)

    def crash() -> None:
        raise KeyError("<date>")

    rebuilds.next = crash
    server.builder()
    assert "KeyError: '<date>'" in shown(server.get("/"))
    assert "Traceback" in capsys.readouterr().err  # for whoever reads the terminal


def test_a_first_build_with_problems_shows_them_from_the_start(site: Path):
    server, _rebuilds, _errors = install(site, [Problem("no title", "docs/blog/posts/a.md", 2)])
    assert "docs/blog/posts/a.md, line 2: no title" in shown(server.get("/post-3/"))
    server.builder()
    assert server.get("/post-3/") == "<h1>Post 3</h1>"
    assert server.get("/") == "<h1>Blog</h1>"


def test_a_page_asked_for_during_a_rebuild_waits_for_its_outcome(site: Path):
    server, rebuilds, _errors = install(site)
    building, go_on = threading.Event(), threading.Event()

    def slow_failure() -> None:
        building.set()
        go_on.wait(5)
        raise Abort("Aborted in strict mode!")

    rebuilds.next = slow_failure
    builder = threading.Thread(target=server.builder)
    builder.start()
    assert building.wait(5)
    answers: list[str] = []
    asking = threading.Thread(target=lambda: answers.append(server.get("/post-3/")))
    asking.start()
    assert not eventually(lambda: answers, seconds=0.2)
    go_on.set()
    builder.join(5)
    asking.join(5)
    assert "Aborted in strict mode!" in shown(answers[0])


def test_a_page_sent_after_the_site_is_back_reloads_itself(site: Path):
    """A page asked for while the preview failed, and read just after the next
    rebuild succeeded, loads its address again instead of showing a stale error."""
    server, _rebuilds, _errors = install(site, [Problem("no title", "docs/blog/posts/a.md", 2)])
    server.builder()
    page = (site / ERROR_FILE).read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0">' in page


# What the plugin keeps during one `mkdocs serve`.


@pytest.fixture
def blog_posts(tmp_path: Path) -> Path:
    posts = tmp_path / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (posts / "a.md").write_text("---\ntitle: ''\n---\n", encoding="utf-8")
    return posts


def _empty_title(posts: Path) -> list[Finding]:
    return [Finding(str(posts / "a.md"), "the title is empty", 2)]


def test_only_the_first_build_of_a_preview_leaves_the_posts_out(blog_posts: Path):
    preview = PreviewErrors(serving=True)
    errors = _empty_title(blog_posts)
    files = [_File("index.md"), _File("blog/posts/a.md")]
    assert preview.leave_out_posts(errors, blog_posts, "blog/posts")
    assert [file.src_uri for file in preview.left_out(files)] == ["blog/posts/a.md"]
    assert not preview.leave_out_posts(errors, blog_posts, "blog/posts")
    assert preview.left_out(files) == []


def test_a_build_never_leaves_the_posts_out(blog_posts: Path):
    preview = PreviewErrors(serving=False)
    assert not preview.leave_out_posts(_empty_title(blog_posts), blog_posts, "blog/posts")
    assert preview.left_out([_File("blog/posts/a.md")]) == []


def test_once_the_preview_serves_the_checks_errors_are_what_the_browser_shows(
    blog_posts: Path, site: Path
):
    preview = PreviewErrors(serving=True)
    assert preview.leave_out_posts(_empty_title(blog_posts), blog_posts, "blog/posts")
    rebuilds = Rebuilds(site)
    server = StandInServer(site, rebuilds)
    preview.show_in_browser(
        server, site, watched=engine_logger(), log=logging.getLogger("mkdocs.plugins.test")
    )
    assert "a.md, line 2: the title is empty" in shown(server.get("/"))

    def refused() -> None:  # as the plugin's on_pre_build and MkDocs' build() do
        assert not preview.leave_out_posts(_empty_title(blog_posts), blog_posts, "blog/posts")
        engine_logger().error("error: ... Nothing was built: fix the posts and build again.")
        raise Abort("Aborted with a BuildError!")

    rebuilds.next = refused
    server.builder()
    assert preview.left_out([_File("blog/posts/a.md")]) == []
    page = shown(server.get("/"))
    assert "a.md, line 2: the title is empty" in page and "Nothing was built" not in page


# What preview_errors relies on in MkDocs itself (each use is marked `# Internals:`):
# these fail when an upgrade of MkDocs changes it.


def test_a_rebuild_that_empties_the_site_folder_keeps_the_error_page(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins: []\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / ERROR_FILE).write_text("the error page", encoding="utf-8")
    (site / "stale.html").write_text("from the last build", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site))
    build(config, dirty=False)  # as `mkdocs serve` without --dirty rebuilds
    assert not (site / "stale.html").exists()  # the folder was emptied...
    assert (site / ERROR_FILE).read_text(encoding="utf-8") == "the error page"  # ...but this


def test_mkdocs_server_sends_the_error_page_for_a_page_with_its_reload_script(site: Path):
    server = LiveReloadServer(lambda: None, host="127.0.0.1", port=0, root=str(site))
    try:
        server.watch(str(site))  # as `mkdocs serve` watches docs/: live reload is on
        show_in_browser(
            server,
            site,
            watched=engine_logger(),
            log=logging.getLogger("mkdocs.plugins.test"),
            problems=[Problem("no title", "docs/blog/posts/a.md", 2)],
        )
        answered: list[str] = []
        app = server.get_app()
        assert app is not None
        body = app({"PATH_INFO": "/post-3/"}, lambda status, headers: answered.append(status))
        page = b"".join(body).decode("utf-8")
    finally:
        server.server_close()
    assert answered == ["200 OK"]
    assert "docs/blog/posts/a.md, line 2: no title" in shown(page)
    reload_script = BeautifulSoup(page, "html.parser").find("script")
    assert reload_script is not None and "livereload" in reload_script.get_text()
