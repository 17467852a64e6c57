"""`make serve` with a mistake: the open page shows the message (file, line, what to
fix) within seconds, and the blog again once the file is fixed, by itself.

Each test runs the real preview, `mkdocs serve` with make's options, on a small
blog in a temporary folder, and edits its files as the author's editor would
while headless Chromium holds a page open. Nothing reloads the page but the
preview's own live reload.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.test_preview import make_blog, saved
from tests.waiting import eventually

# Saving, the preview noticing (it polls every half second), rebuilding and the
# page reloading take about a second on this small blog.
SECONDS = 10
ERROR_TITLE = "Preview: a mistake to fix"


@dataclass
class Preview:
    root: Path
    url: str
    log: Path

    def post(self, number: int) -> Path:
        return self.root / "docs" / "blog" / "posts" / f"post-{number}.md"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.fixture
def start_preview(tmp_path: Path) -> Iterator[Callable[[], Preview]]:
    """Starts `make serve`'s command on the blog in ``tmp_path`` (from there, as
    make does, so that messages name docs/...)."""
    started: list[subprocess.Popen[bytes]] = []

    def start() -> Preview:
        port = _free_port()
        log = tmp_path / "serve.log"
        command = [
            sys.executable, "-m", "mkdocs", "serve", "--dirty", "--watch-theme",
            "--dev-addr", f"127.0.0.1:{port}",
        ]  # fmt: skip
        with log.open("wb") as output:
            process = subprocess.Popen(
                command,
                cwd=tmp_path,
                stdout=output,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
        started.append(process)
        url = f"http://127.0.0.1:{port}/"
        ready = eventually(lambda: _answers(url) or process.poll() is not None, seconds=60)
        assert ready and process.poll() is None, log.read_text(encoding="utf-8")
        return Preview(tmp_path, url, log)

    yield start
    for process in started:
        process.send_signal(signal.SIGINT)  # as Ctrl+C: the preview removes its folder
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def test_a_mistake_saved_shows_in_the_open_page_until_it_is_fixed(
    tmp_path: Path, start_preview: Callable[[], Preview], tab: Page
):
    make_blog(tmp_path, posts=5)
    preview = start_preview()
    path = preview.post(3)
    good = path.read_text(encoding="utf-8")
    tab.goto(preview.url + "post-3/")
    expect(tab).to_have_title(re.compile(r"^Post 3 "))
    main = tab.locator("main")

    saved(path, good.replace("date: 2021-01-04", "date: 2021-02-30"))
    where = f"docs/blog/posts/post-3.md, line {_line_of(good, 'date: 2021-01-04')}"
    expect(main).to_contain_text(
        f"{where}: the date 2021-02-30 does not exist (day is out of range for month); "
        "write a real date as YYYY-MM-DD",
        timeout=SECONDS * 1000,
    )
    expect(tab).to_have_title(ERROR_TITLE)

    # Another mistake, with markup in it: shown as the text it is, never as markup.
    saved(path, good.replace("- Movies", "- <b>Movies</b>"))
    expect(main).to_contain_text(
        "the category '<b>Movies</b>' is not one of the blog's categories",
        timeout=SECONDS * 1000,
    )
    assert tab.locator("main b").count() == 0

    saved(path, good.replace("The rest of post 3.", "The rest of post 3, put right."))
    expect(tab).to_have_title(re.compile(r"^Post 3 "), timeout=SECONDS * 1000)
    expect(main).to_contain_text("The rest of post 3, put right.")
    assert "Quick preview" in preview.log.read_text(encoding="utf-8")  # the fix was quick


def test_a_preview_started_with_a_mistake_shows_it_from_the_start(
    tmp_path: Path, start_preview: Callable[[], Preview], tab: Page
):
    docs = make_blog(tmp_path, posts=5)
    path = docs / "blog" / "posts" / "post-3.md"
    good = path.read_text(encoding="utf-8")
    saved(path, good.replace("title: Post 3", "title: ''"))
    preview = start_preview()  # `mkdocs serve` itself used to end here
    tab.goto(preview.url + "post-3/")
    expect(tab.locator("main")).to_contain_text(
        f"docs/blog/posts/post-3.md, line {_line_of(good, 'title: Post 3')}: the title is empty"
    )

    saved(path, good)
    expect(tab).to_have_title(re.compile(r"^Post 3 "), timeout=SECONDS * 1000)


def test_a_mistake_in_mkdocs_yml_shows_too(
    tmp_path: Path, start_preview: Callable[[], Preview], tab: Page
):
    make_blog(tmp_path, posts=5)
    preview = start_preview()
    config = tmp_path / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    tab.goto(preview.url)
    expect(tab.locator("main")).to_contain_text("Post 4")

    saved(config, good.replace("recent_posts: 3", "recent_posts: -1"))
    expect(tab.locator("main")).to_contain_text(
        "blog-extras: 'recent_posts' in mkdocs.yml must be 0 or more", timeout=SECONDS * 1000
    )

    saved(config, good)
    expect(tab.locator("main")).to_contain_text("Post 4", timeout=SECONDS * 1000)
    expect(tab).not_to_have_title(ERROR_TITLE)
