"""Headless Chromium (tests/chromium.py; ``browser`` in tests/conftest.py) against a
built site served on 127.0.0.1."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.sites import BuiltSite
from tests.standins import QuietHandler, serve

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


class _QuietHandler(QuietHandler, SimpleHTTPRequestHandler):
    pass


def static_handler(root: Path) -> type[SimpleHTTPRequestHandler]:
    return functools.partial(_QuietHandler, directory=str(root))  # type: ignore[return-value]


@pytest.fixture(scope="session")
def site_url(seed_site: BuiltSite) -> Iterator[str]:
    """The seed blog, served on 127.0.0.1."""
    with serve(static_handler(seed_site.root)) as port:
        yield f"http://127.0.0.1:{port}/"


class Watched:
    """A page with the console errors and warnings, and the requests to other sites,
    seen while it was open."""

    def __init__(self, page: Page, site_url: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("console", lambda msg: msg.type == "warning" and self.warnings.append(msg.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((site_url, "data:"))
                else self.foreign_requests.append(request.url)
            ),
        )


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def watched(request: pytest.FixtureRequest, browser: Browser, site_url: str) -> Iterator[Watched]:
    context = browser.new_context(viewport=request.param)
    page = context.new_page()
    yield Watched(page, site_url)
    context.close()


def screenshots_dir() -> Path:
    path = Path(__file__).resolve().parents[2] / ".pytest_cache" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
