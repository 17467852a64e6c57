"""What a file under docs/ may be (blog_extras/authoring/docs_files.py): Markdown
and pictures anywhere, the blog's look in its two folders, and nothing that runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from blog_extras.authoring.docs_files import docs_file_problems, file_problem, svg_problem
from tests.project import REPO, copy_project

ALLOWED = [
    "index.md", "blog/posts/a.md", "blog/posts/a/photo.JPG", "about/pic.webp", "x.avif",
    "stylesheets/blog.css", "assets/favicon.svg", "views.json",
]  # fmt: skip
REFUSED = [
    "evil.js", "blog/posts/evil.js", "x.html", "blog/posts/x.htm", "x.xhtml", "x.svg",
    "blog/posts/x.svg", "assets/deeper/x.svg", "blog/posts/x.css", "stylesheets/x.js",
    "x.mjs", "x.wasm", "x.xml", "x.pdf", "README", "blog/views.json", "x.md.html",
]  # fmt: skip


@pytest.mark.parametrize("name", ALLOWED)
def test_what_a_blog_needs_is_allowed(name: str):
    assert file_problem(Path(name)) is None


@pytest.mark.parametrize("name", REFUSED)
def test_anything_else_is_refused(name: str):
    problem = file_problem(Path(name))
    assert problem is not None and problem.endswith("remove it")


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'
ACTIVE = [
    "<script>alert(1)</script>", "<svg:script>x</svg:script>", '<g onload="x()"/>',
    "<rect ONclick = 'x()'/>", '<a href="javascript:x()">a</a>', '<a xlink:href="https://e.x/">a</a>',
    "<foreignObject><div/></foreignObject>", '<iframe src="x"/>', '<use href="other.svg#a"/>',
]  # fmt: skip
PLAIN = [
    '<rect width="1" height="1" fill="#fff"/>', '<use href="#a"/>', '<use xlink:href="#a"/>',
    '<image href="data:image/png;base64,AAAA"/>', "<text>one = two</text>",
]  # fmt: skip


@pytest.mark.parametrize("inside", ACTIVE)
def test_an_svg_that_could_run_script_is_refused(inside: str):
    assert svg_problem(SVG.format(inside)) is not None
    assert svg_problem('<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG.format("")) is not None


@pytest.mark.parametrize("inside", PLAIN)
def test_a_plain_drawing_is_allowed(inside: str):
    assert svg_problem(SVG.format(inside)) is None


def test_the_blog_s_own_look_passes(tmp_path: Path):
    # The stylesheet, favicon and avatar every site takes from the repository, with the
    # seed blog's posts and authors file.
    project = copy_project(tmp_path)
    assert list(docs_file_problems(project.root / "docs")) == []
    for svg in (REPO / "docs" / "assets").glob("*.svg"):
        assert svg_problem(svg.read_text(encoding="utf-8")) is None


def test_every_file_is_looked_at_but_unpublished_dot_files(tmp_path: Path):
    for name in ("a.md", "blog/.authors.yml", ".git/x.js", "blog/posts/.x.html", "b/x.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.svg").write_text(SVG.format("<script/>"), encoding="utf-8")
    found = [path.relative_to(tmp_path).as_posix() for path, _ in docs_file_problems(tmp_path)]
    assert found == ["assets/a.svg", "b/x.html"]
