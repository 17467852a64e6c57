"""Which pull requests run the tool's test suite: blog_extras/authoring/change_scope.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from blog_extras.authoring.change_scope import changed_between, is_content, touches_tool
from tests.project import REPO


@pytest.mark.parametrize(
    "path",
    ["docs/blog/posts/my-trip.md", "docs/blog/posts/my-trip/harbour.jpg",
     "docs/blog/.authors.yml", "docs/about.md", "docs/views.json", "mkdocs.yml"],
)  # fmt: skip
def test_the_authors_files_are_content(path: str):
    assert is_content(path)
    assert not touches_tool([path])


@pytest.mark.parametrize(
    "path",
    ["blog_extras/plugin.py", "overrides/main.html", "docs/stylesheets/blog.css",
     "docs/assets/favicon.svg", "tests/test_posts.py", ".github/workflows/publish.yml",
     "uv.lock", "Makefile", "README.md", "docs", "docsx/post.md", "sub/mkdocs.yml"],
)  # fmt: skip
def test_everything_else_is_the_tool(path: str):
    assert not is_content(path)
    assert touches_tool(["docs/blog/posts/my-trip.md", path])


def test_no_change_needs_no_tool_tests_and_an_unknown_one_does():
    assert not touches_tool([])
    assert touches_tool(None)


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "docs" / "blog" / "posts").mkdir(parents=True)
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text("theme\n")
    (tmp_path / "docs" / "blog" / "posts" / "old.md").write_text("old post\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def scope(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "blog_extras.authoring.change_scope", "HEAD^1", "HEAD"],
        cwd=root, capture_output=True, text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def test_a_new_post_a_typo_fix_and_a_deletion_need_only_the_posts_checks(repository: Path):
    posts = repository / "docs" / "blog" / "posts"
    (posts / "new.md").write_text("a new post\n")
    (posts / "old.md").unlink()
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "posts")
    assert sorted(changed_between("HEAD^1", "HEAD", repository) or []) == [
        "docs/blog/posts/new.md", "docs/blog/posts/old.md",
    ]  # fmt: skip
    answer = scope(repository)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout == "tool=false\n"
    assert "only the blog's content" in answer.stderr


def test_a_file_moved_out_of_the_templates_into_docs_runs_the_tools_tests(repository: Path):
    git(repository, "mv", "overrides/main.html", "docs/main.html")
    git(repository, "commit", "-q", "-m", "move")
    answer = scope(repository)
    assert answer.stdout == "tool=true\n"
    assert '"overrides/main.html"' in answer.stderr


def test_a_file_name_cannot_write_a_line_of_its_own_into_the_log(repository: Path):
    name = "x\n::error::forged\x1b[31m"
    (repository / name).write_text("hostile\n")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "name")
    answer = scope(repository)
    assert answer.stdout == "tool=true\n"
    assert answer.stderr.count("\n") == 1 and "\x1b" not in answer.stderr
    assert "\\n::error::forged" in answer.stderr


def test_when_git_cannot_tell_the_tools_tests_run(tmp_path: Path):
    answer = scope(tmp_path)  # not a repository
    assert answer.returncode == 0
    assert answer.stdout == "tool=true\n"
    assert "could not list" in answer.stderr


def test_on_a_runner_the_answer_goes_to_the_steps_outputs(repository: Path, tmp_path: Path):
    (repository / "docs" / "blog" / "posts" / "new.md").write_text("a new post\n")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "post")
    outputs = tmp_path / "github-output"
    outputs.write_text("earlier=1\n")
    answer = subprocess.run(
        ["make", "-f", str(REPO / "Makefile"), "change-scope"],
        cwd=repository, capture_output=True, text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "GITHUB_OUTPUT": str(outputs)},
    )  # fmt: skip
    assert answer.returncode == 0, answer.stderr
    assert outputs.read_text() == "earlier=1\ntool=false\n"
    assert answer.stdout == ""
