"""`make post TITLE=...` starts a valid post and never overwrites one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.project import Project, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path)


def authors_file(project: Project, text: str | None) -> None:
    """Material's authors file of the project: ``text``, or none at all."""
    path = project.root / "docs" / "blog" / ".authors.yml"
    path.unlink(missing_ok=True)
    if text is not None:
        path.write_text(text, encoding="utf-8")


def avatar(key: str, name: str) -> str:
    return f"  {key}:\n    name: {name}\n    description: ''\n    avatar: assets/avatar.svg\n"


def test_new_post_has_valid_front_matter_and_todays_date(project: Project):
    authors_file(project, None)
    result = project.run("blog_extras.cli", "post", 'Tom & Jerry: a "classic"')
    assert result.returncode == 0, result.stderr
    path = project.posts / "tom--jerry-a-classic.md"
    assert f"Wrote docs/blog/posts/{path.name}" in result.stdout
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert meta == {
        "title": 'Tom & Jerry: a "classic"',
        "date": {"created": datetime.now(UTC).date()},
    }
    assert "<!-- more -->" in path.read_text(encoding="utf-8")
    # The new post passes the checks and builds.
    assert project.run("blog_extras.cli", "check").returncode == 0
    build = project.run("mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stderr
    assert (project.site / "tom--jerry-a-classic" / "index.html").is_file()


def test_the_new_post_is_by_the_first_author_of_the_authors_file(project: Project):
    authors_file(
        project, "# Our authors\nauthors:\n" + avatar("ana", "Ana Reyes") + avatar("bo", "Bo Kim")
    )
    result = project.run("blog_extras.cli", "post", "A walk")
    assert result.returncode == 0, result.stderr
    text = (project.posts / "a-walk.md").read_text(encoding="utf-8")
    assert "\nauthors: [ana]\n# The other authors of docs/blog/.authors.yml, to write in place " \
        "of that one: bo\n" in text  # fmt: skip
    assert yaml.safe_load(text.split("---\n")[1])["authors"] == ["ana"]
    build = project.run("mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stderr
    page = BeautifulSoup((project.site / "a-walk" / "index.html").read_bytes(), "html.parser")
    # By the date, and in Material's own sidebar, with the avatar.
    assert page.select_one("header.blog-post-header .blog-author").get_text() == "Ana Reyes"
    assert page.select_one(".md-post__authors img")["alt"] == "Ana Reyes"


def test_the_blogs_own_authors_file_is_valid_and_local():
    """docs/blog/.authors.yml, as the author keeps it, by the rules any authors file
    keeps: Material reads it, and every avatar is a file of the site (the blog loads
    nothing from other sites). Which authors it lists is the author's choice (an
    empty file, or none, is a blog whose posts name no author)."""
    from material.plugins.blog.author import Authors

    path = REPO / "docs" / "blog" / ".authors.yml"
    if not path.is_file():
        pytest.skip("the blog has no authors file")
    authors = Authors()
    # As Material's blog plugin loads it: an empty file lists nobody.
    authors.load_dict(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    assert authors.validate() == ([], [])
    for author in authors.authors.values():
        assert (REPO / "docs" / author.avatar).is_file(), author.avatar


@pytest.mark.parametrize("text", ["authors: {}\n", "# nobody yet\n"])
def test_with_no_author_listed_the_new_post_names_none(project: Project, text: str):
    authors_file(project, text)
    result = project.run("blog_extras.cli", "post", "A walk")
    assert result.returncode == 0, result.stderr
    text = (project.posts / "a-walk.md").read_text(encoding="utf-8")
    assert "authors" not in text


def test_existing_post_is_never_overwritten(project: Project):
    original = (project.posts / "miracle-in-cell-no-7.md").read_bytes()
    result = project.run("blog_extras.cli", "post", "Miracle in Cell No. 7")
    assert result.returncode == 1
    assert "docs/blog/posts/miracle-in-cell-no-7.md already exists" in result.stderr
    assert (project.posts / "miracle-in-cell-no-7.md").read_bytes() == original


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("", "give the post a title"),
        ("   ", "give the post a title"),
        ("<em>Loud</em>", "contains HTML"),
    ],
)
def test_bad_titles_leave_nothing_behind(project: Project, title: str, words: str):
    before = sorted(project.posts.iterdir())
    result = project.run("blog_extras.cli", "post", title)
    assert result.returncode == 1
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(project.posts.iterdir()) == before


REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "title",
    [
        "I spent $100 today",
        "$(shell touch pwned) and $$HOME",
        'back\\slash "quoted" `date` $(HOME)',
    ],
)
def test_make_post_passes_the_title_verbatim(tmp_path: Path, title: str):
    """The title goes through make and the shell untouched: no `$` lost, no command run."""
    import subprocess
    import sys

    show = f'{sys.executable} -c \'import sys; open("got", "w").write(sys.argv[-1])\''
    result = subprocess.run(
        ["make", "-s", "-f", str(REPO / "Makefile"), "-o", "install", "post",
         f"TITLE={title}", f"RUN={show}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "got").read_text() == title
    assert not (tmp_path / "pwned").exists()


def test_a_link_in_the_way_is_never_written_through(project: Project, tmp_path: Path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    (project.posts / "a-new-post.md").symlink_to(outside)
    result = project.run("blog_extras.cli", "post", "A new post")
    assert result.returncode == 1
    assert "already exists (or is a link)" in result.stderr
    assert not outside.exists()


def test_a_long_title_gets_an_address_shortened_after_a_word(project: Project):
    title = " ".join(["Wonderful"] * 30)  # 299 characters: too long for a file name
    result = project.run("blog_extras.cli", "post", title)
    assert result.returncode == 0, result.stderr
    (written,) = project.posts.glob("wonderful-*.md")
    assert len(written.stem.encode()) <= 100 and not written.stem.endswith("-")
    meta = yaml.safe_load(written.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["title"] == title and meta["slug"] == written.stem
    assert project.run("blog_extras.cli", "check").returncode == 0


@pytest.mark.parametrize("title", ["--help", "-f"])
def test_a_title_that_looks_like_an_option_is_a_title(project: Project, title: str):
    # As `make post` runs it: the title after "--".
    result = project.run("blog_extras.cli", "post", "--", title)
    written = sorted(project.posts.glob("*.md"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "usage:" not in result.stdout
    (path,) = [p for p in written if yaml.safe_load(p.read_text().split("---\n")[1])["title"]
               == title]  # fmt: skip
    assert path.is_file()


def make_arguments(tmp_path: Path, *variables: str) -> list[str]:
    """The arguments `make` gives the blog command, with ``variables`` on its command line."""
    import json
    import subprocess
    import sys

    write = 'open("got", "w").write(json.dumps(sys.argv[1:]))'
    show = f"{sys.executable} -c 'import json, sys; {write}'"
    result = subprocess.run(
        ["make", "-s", "-f", str(REPO / "Makefile"), "-o", "install", *variables, f"RUN={show}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads((tmp_path / "got").read_text())


def test_make_post_gives_the_title_after_a_double_dash(tmp_path: Path):
    assert make_arguments(tmp_path, "post", "TITLE=--help") == ["blog", "post", "--", "--help"]


@pytest.mark.parametrize("force", ["$(shell touch pwned)", "1"])
def test_make_import_wix_passes_force_unexpanded(tmp_path: Path, force: str):
    arguments = make_arguments(
        tmp_path, "import-wix", "SRC=$(shell touch pwned2)", f"FORCE={force}"
    )
    assert arguments == ["blog", "import-wix", "$(shell touch pwned2)", "--force"]
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "pwned2").exists()
    assert make_arguments(tmp_path, "import-wix", "SRC=a.html") == ["blog", "import-wix", "a.html"]
