"""The page checkers, installed by `make checkers` (npm): the Nu Html Checker
(vnu-jar, run with Java) and axe-core, which runs inside a page in Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest
from playwright.sync_api import Page

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"


def html_errors(files: Iterable[Path], site: Path) -> list[str]:
    """The Nu Html Checker's errors on ``files``, one line each: the file below
    ``site``, the line and the message."""
    java = shutil.which("java")
    if not java or not VNU.is_file():
        pytest.fail("the Nu Html Checker needs Java and 'make checkers' (npm vnu-jar)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    messages = json.loads(result.stderr or "{}").get("messages", [])
    root = str(site.resolve()) + "/"
    errors = [f"{m.get('url', '').split(root, 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") != "info"]  # fmt: skip
    if result.returncode != 0 and not errors:
        errors.append(f"the Nu Html Checker failed: {result.stderr.strip()}")
    return errors


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on the page open in ``page`` (whose context must bypass
    the page's Content-Security-Policy, which rightly refuses the injected checker)."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run 'make checkers'")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
    )
