"""Headless Chromium (Debian's package, driven by Playwright) for the tests that
drive built pages: the browser tests (tests/browser/) and the page checkers of the
author's blog (tests/test_author_blog.py). ``browser`` in tests/conftest.py launches
it once per session."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    # Stand-in services and sites get names of their own (blog.test, counter.test),
    # all on 127.0.0.1, so that pages see distinct origins as they would live.
    "--host-resolver-rules=MAP *.test 127.0.0.1",
]


def chromium_path() -> str:
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium not found: run 'make chromium' or set CHROMIUM=/path/to/chromium")
