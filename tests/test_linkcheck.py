"""The offline link check of the built site finds broken links, raw HTML included."""

from __future__ import annotations

from pathlib import Path

from blog_extras.authoring.linkcheck import check_site
from tests.project import Project, copy_project


def make_site(root: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return root


def test_working_links_pass(tmp_path: Path):
    site = make_site(
        tmp_path,
        {
            "index.html": '<a href="post/">p</a><a href="post/#part">p</a><img src="img.png">'
            '<a href="https://example.org/missing">far</a><a href="#top" id="top">t</a>',
            "post/index.html": '<h2 id="part">Part</h2><a href="../">home</a>'
            '<a href="/index.html">h</a>',
            "img.png": "",
        },
    )
    assert list(check_site(site)) == []


def test_missing_page_image_and_fragment_are_reported(tmp_path: Path):
    site = make_site(
        tmp_path,
        {
            "index.html": '<a href="gone/">x</a><img src="nope.png" srcset="a.png 1x, b.png 2x">'
            '<a href="post/#nowhere">y</a>',
            "post/index.html": "<p>no ids</p>",
            "a.png": "",
        },
    )
    found = {(link.target, link.reason.split(" ")[0]) for link in check_site(site)}
    assert found == {("gone/", "no"), ("nope.png", "no"), ("b.png", "no"), ("post/#nowhere", "no")}


def test_broken_link_in_a_post_fails_the_command(tmp_path: Path):
    project: Project = copy_project(tmp_path)
    project.write_post(
        "linked.md",
        '---\ntitle: Linked\ndate: 2021-01-01\n---\n\n<a href="../no-such-post/">raw link</a>\n',
    )
    assert project.run("mkdocs", "build", "--strict").returncode == 0
    result = project.run("blog_extras.cli", "linkcheck", "site")
    assert result.returncode == 1
    assert "error: linked/index.html: broken link to ../no-such-post/" in result.stderr


def test_the_repository_site_has_no_broken_links(tmp_path: Path):
    project = copy_project(tmp_path)
    assert project.run("mkdocs", "build", "--strict").returncode == 0
    result = project.run("blog_extras.cli", "linkcheck", "site")
    assert result.returncode == 0, result.stderr
