"""The offline link check of the built site (lychee) finds broken links, raw HTML
included, and passes the seed blog (tests/test_author_blog.py checks docs/)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from blog_extras.authoring import linkcheck
from tests.project import Project, copy_project


def make_site(root: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return root


def check(project: Project, env: dict[str, str] | None = None):
    return project.run("blog_extras.cli", "linkcheck", "site", env=env)


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


@pytest.mark.parametrize(
    "environment",
    [
        {},
        # A fork's project site: the address the workflows build it for.
        {"SITE_URL": "https://owner.github.io/repo/"},
        {"SITE_URL": "https://blog.example.com/"},
    ],
    ids=["no-address", "project-site", "custom-domain"],
)
def test_the_seed_blog_has_no_broken_links(tmp_path: Path, environment: dict[str, str]):
    project = copy_project(tmp_path)
    # As in a fresh clone: every source written just before the build.
    now = time.time()
    for path in [project.root / "mkdocs.yml", *project.root.glob("docs/**/*")]:
        os.utime(path, (now, now))
    assert project.run("blog_extras.cli", "build", env=environment).returncode == 0
    result = check(project)
    assert result.returncode == 0, result.stdout + result.stderr


# A project site: GitHub Pages serves it below /my-blog/, and its pages say so in
# the home page's canonical link (MkDocs writes site_url there).
ADDRESS = "https://jane.github.io/my-blog/"
HOME = f'<link rel="canonical" href="{ADDRESS}">'


def test_a_project_site_is_checked_as_served_below_its_prefix(tmp_path: Path):
    # Folder names with characters that URIs and lychee's patterns encode or mean,
    # for the site and for the stand-in root (made in TMPDIR).
    project = tmp_path / "a b(c) $1"
    make_site(
        project / "site",
        {
            "index.html": HOME + '<a href="/my-blog/post/">a</a><a href="/my-blog/post/#part">b</a>'
            '<a href="/my-blog">home</a><a href="https://jane.github.io/my-blog/post/#part">c</a>',
            "404.html": '<link rel="stylesheet" href="/my-blog/assets/site.css">'
            '<a href="/my-blog/archive/2021">archive</a>',
            "post/index.html": '<h2 id="part">Part</h2><a href="https://jane.github.io/my-blog">h</a>',
            "archive/2021/index.html": "<p>2021</p>",
            "assets/site.css": "",
            "feed.xml": f"<rss><channel><link>{ADDRESS}post/</link></channel></rss>",
        },
    )
    result = check(Project(project), env={"TMPDIR": str(project)})
    assert result.returncode == 0, result.stdout + result.stderr


def test_links_outside_the_prefix_or_to_missing_pages_of_the_address_are_reported(
    tmp_path: Path,
):
    make_site(
        tmp_path / "site",
        {
            # Works on a custom domain, leads out of a project site.
            "index.html": HOME + '<a href="/post/">outside</a>'
            f'<a href="{ADDRESS}gone/">gone</a><a href="{ADDRESS}post/#nowhere">no part</a>',
            "post/index.html": "<p>no ids</p>",
            "feed.xml": f"<rss><channel><link>{ADDRESS}missing-item/</link></channel></rss>",
        },
    )
    result = check(Project(tmp_path))
    assert result.returncode == 1
    report = result.stdout + result.stderr
    # Reported as the address a browser would request, not as a temporary folder.
    assert "https://jane.github.io/post" in report
    assert "linkcheck-root" not in report
    # The advice holds after a move to a domain of its own: no hard-coded prefix.
    assert "link to the post's file instead, as in [see](other-post.md)" in report
    assert "relative address (../other-post/)" in report
    assert "must start with" not in report
    for target in ("site/gone", "post/#nowhere", "missing-item"):
        assert target in report, target


def test_a_site_on_its_own_domain_is_checked_as_served_at_the_root(tmp_path: Path):
    make_site(
        tmp_path / "site",
        {
            "index.html": '<link rel="canonical" href="https://blog.example.com/">'
            '<a href="/post/">a</a><a href="https://blog.example.com/post/">b</a>'
            '<a href="/gone/">c</a><a href="https://blog.example.com/lost/">d</a>',
            "post/index.html": "<p>post</p>",
        },
    )
    result = check(Project(tmp_path))
    assert result.returncode == 1
    report = result.stdout + result.stderr
    # The missing files are named as files of site/, where the author looks.
    assert (tmp_path / "site" / "gone").as_uri() in report
    assert (tmp_path / "site" / "lost").as_uri() in report
    assert report.count("[ERROR]") == 2
    assert "served below" not in report


# --- A site older than its sources ---------------------------------------------


def set_mtime(path: Path, seconds: float) -> None:
    os.utime(path, (seconds, seconds))


def test_built_at_is_the_oldest_file_the_build_wrote(tmp_path: Path):
    site = make_site(tmp_path / "site", {"index.html": "x", "a/b.css": "", ".git/HEAD": ""})
    set_mtime(site / "index.html", 2000)
    set_mtime(site / "a" / "b.css", 1000)
    set_mtime(site / ".git" / "HEAD", 10)  # a deploy tool's, not the build's
    assert linkcheck.built_at(site) == 1000


def test_a_source_newer_than_the_build_is_found_and_editor_leftovers_are_not(tmp_path: Path):
    docs = make_site(
        tmp_path / "docs",
        {"post.md": "", "blog/.authors.yml": "", ".post.md.swp": "", "post.md~": "",
         ".#post.md": "", ".DS_Store": ""},
    )  # fmt: skip
    config = make_site(tmp_path, {"mkdocs.yml": ""}) / "mkdocs.yml"
    for path in [config, docs, *docs.rglob("*")]:
        set_mtime(path, 1000)
    for leftover in (".post.md.swp", "post.md~", ".#post.md", ".DS_Store"):
        set_mtime(docs / leftover, 5000)
    sources = [config, docs, tmp_path / "overrides"]  # a missing source is no error
    assert linkcheck.newer_source(sources, since=1000) is None
    set_mtime(docs / "blog" / ".authors.yml", 3000)
    set_mtime(config, 2000)
    assert linkcheck.newer_source(sources, since=1000) == docs / "blog" / ".authors.yml"
    assert linkcheck.newer_source([config], since=1000) == config


@pytest.mark.parametrize("change", ["delete", "rename", "add a folder"])
def test_a_file_deleted_or_renamed_after_the_build_is_a_change(tmp_path: Path, change: str):
    docs = make_site(tmp_path / "docs", {"index.md": "", "blog/posts/post.md": ""})
    for path in [docs, *docs.rglob("*")]:
        set_mtime(path, 1000)
    posts = docs / "blog" / "posts"
    if change == "delete":
        (posts / "post.md").unlink()
    elif change == "rename":
        (posts / "post.md").rename(posts / "renamed.md")  # which keeps its time
    else:
        (posts / "photos").mkdir()
        set_mtime(posts / "photos", 1000)
    assert linkcheck.newer_source([docs], since=1000) == posts


def test_a_site_older_than_its_posts_is_not_checked(tmp_path: Path):
    project = copy_project(tmp_path)
    assert project.run("blog_extras.cli", "build").returncode == 0
    assert check(project).returncode == 0
    # The author edits a post (a second later) and checks without rebuilding.
    post = next(project.posts.glob("*.md"))
    edited = linkcheck.built_at(project.site) + 1
    set_mtime(post, edited)
    result = check(project)
    assert result.returncode == 1
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message
    assert "run 'make build' first" in message and str(post.relative_to(tmp_path)) in message
    # mkdocs.yml counts too, and a build makes the site current again.
    set_mtime(post, edited - 2)
    set_mtime(project.root / "mkdocs.yml", edited)
    assert "mkdocs.yml" in check(project).stderr
    assert project.run("blog_extras.cli", "build").returncode == 0
    assert check(project).returncode == 0


def test_a_post_deleted_after_the_build_is_seen(tmp_path: Path):
    project = copy_project(tmp_path)
    assert project.run("blog_extras.cli", "build").returncode == 0
    assert check(project).returncode == 0
    # The author deletes a post and checks the links without rebuilding: its page
    # is still in site/, and links to it would pass.
    next(project.posts.glob("*.md")).unlink()
    result = check(project)
    assert result.returncode == 1
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message
    folder = project.posts.relative_to(tmp_path)
    assert f"older than {folder}/ (a file added, removed or renamed there)" in message
    assert "run 'make build' first" in message
