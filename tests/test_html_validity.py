"""The Nu Html Checker (npm vnu-jar, run with Java) finds no error on any kind of page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.checked_site import PAGES, POSTS
from tests.conftest import BlogBuilder

VNU = (
    Path(__file__).resolve().parent.parent
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)


def test_no_html_errors_on_every_kind_of_page(blog: BlogBuilder):
    java = shutil.which("java")
    if not java or not VNU.is_file():
        pytest.fail("the Nu Html Checker needs Java and 'make checkers' (npm vnu-jar)")
    site = blog(POSTS)
    files = [
        site.root / (path if path.endswith(".html") else path + "index.html") for path in PAGES
    ]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error"]  # fmt: skip
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0
