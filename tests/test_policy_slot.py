"""A page is never published without its Content-Security-Policy: a theme override
that loses the policy slot stops the build with a message, not a traceback."""

from __future__ import annotations

import re
from pathlib import Path

from tests.project import copy_project


def test_a_lost_policy_slot_stops_the_build(tmp_path: Path):
    project = copy_project(tmp_path)
    main = project.root / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    without_slot = re.sub(r"{% block site_meta %}.*?{% endblock %}", "", text, flags=re.DOTALL)
    assert 'name="blog-policy"' not in without_slot
    main.write_text(without_slot, encoding="utf-8")
    result = project.run("mkdocs", "build", "--strict")
    assert result.returncode != 0
    assert 'has no <meta name="blog-policy" content=""> in its head' in result.stderr
    assert "overrides/main.html must keep it" in result.stderr
    assert "Traceback" not in result.stderr


def test_published_pages_carry_the_policy_where_the_slot_was(tmp_path: Path):
    project = copy_project(tmp_path)
    assert project.run("mkdocs", "build", "--strict").returncode == 0
    page = (project.site / "miracle-in-cell-no-7" / "index.html").read_text(encoding="utf-8")
    assert 'name="blog-policy"' not in page and "data-blog-theme" not in page
    assert page.count('<meta http-equiv="Content-Security-Policy"') == 1
    assert page.index("Content-Security-Policy") < page.index("<script")
