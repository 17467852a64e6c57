"""The offline link check of the built site (lychee) finds broken links, raw HTML
included, and passes the seed blog (tests/test_author_blog.py checks docs/)."""

from __future__ import annotations

from pathlib import Path

from tests.project import Project, copy_project


def make_site(root: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return root


def check(project: Project):
    return project.run("blog_extras.cli", "linkcheck", "site")


def test_working_links_pass(tmp_path: Path):
    make_site(
        tmp_path / "site",
        {
            "index.html": '<a href="post/">p</a><a href="post/#part">p</a><img src="img.png">'
            '<a href="https://example.org/missing">far</a><a href="#top" id="top">t</a>',
            "post/index.html": '<h2 id="part">Part</h2><a href="../">home</a>'
            '<a href="/index.html">h</a>',
            "img.png": "",
        },
    )
    result = check(Project(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_page_image_and_fragment_are_reported(tmp_path: Path):
    make_site(
        tmp_path / "site",
        {
            "index.html": '<a href="gone/">x</a><img src="nope.png"><a href="post/#nowhere">y</a>',
            "post/index.html": "<p>no ids</p>",
        },
    )
    result = check(Project(tmp_path))
    assert result.returncode == 1
    report = result.stdout + result.stderr
    assert "site/index.html" in report
    for target in ("gone", "nope.png", "post#nowhere"):
        assert target in report, target
    assert "Cannot find fragment" in report


def test_broken_link_in_a_post_fails_the_command(tmp_path: Path):
    project: Project = copy_project(tmp_path)
    project.write_post(
        "linked.md",
        '---\ntitle: Linked\ndate: 2021-01-01\n---\n\n<a href="../no-such-post/">raw link</a>\n',
    )
    assert project.run("mkdocs", "build", "--strict").returncode == 0
    result = check(project)
    assert result.returncode == 1
    assert "linked/index.html" in result.stdout and "no-such-post" in result.stdout


def test_the_seed_blog_has_no_broken_links(tmp_path: Path):
    project = copy_project(tmp_path)
    assert project.run("mkdocs", "build", "--strict").returncode == 0
    result = check(project)
    assert result.returncode == 0, result.stdout + result.stderr
