"""content/github.py: what a build on GitHub Actions takes from the runner."""

from __future__ import annotations

from pathlib import PurePosixPath as P

import pytest

from blog_extras.content.github import (
    GitHubEnvironmentError,
    GitHubSettings,
    docs_folder_in_repository,
    github_settings,
    github_settings_for_build,
    pages_url,
)

RUNNER = {
    "CI": "true",
    "GITHUB_ACTIONS": "true",
    "GITHUB_REPOSITORY": "Jane/my-blog",
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_WORKSPACE": "/home/runner/work/my-blog/my-blog",
}
WORKSPACE = P(RUNNER["GITHUB_WORKSPACE"])


def settings(environ=RUNNER, *, docs=WORKSPACE / "docs", config=WORKSPACE / "mkdocs.yml", **kw):
    options = {"edit_branch": "main", "has_repo_url": False, "has_site_url": False} | kw
    workspace = P(environ["GITHUB_WORKSPACE"]) if "GITHUB_WORKSPACE" in environ else None
    return github_settings(
        environ, docs_dir=docs, config_file=config, workspace=workspace, **options
    )


def test_pages_address_of_user_and_project_sites():
    assert pages_url("Author/blog") == "https://author.github.io/blog/"
    assert pages_url("author/Author.github.io") == "https://author.github.io/"


def test_a_fork_on_a_runner_gets_its_edit_links_and_its_project_site_address():
    assert settings() == GitHubSettings(
        repo_url="https://github.com/Jane/my-blog",
        repo_name="Jane/my-blog",
        edit_uri="edit/main/docs/",
        site_url="https://jane.github.io/my-blog/",
    )


def test_what_mkdocs_yml_or_site_url_sets_is_left_alone():
    found = settings(has_repo_url=True, has_site_url=True)
    assert found == GitHubSettings()


def test_what_is_found_is_filled_in_and_what_is_not_is_left_as_mkdocs_yml_has_it():
    config = {"repo_url": "", "repo_name": "", "edit_uri": "", "site_url": "https://me.org/"}
    GitHubSettings(repo_url="https://github.com/Jane/b", repo_name="Jane/b").fill_in(config)
    assert config == {
        "repo_url": "https://github.com/Jane/b", "repo_name": "Jane/b",
        # The docs lie outside the repository: no edit link, rather than a wrong one.
        "edit_uri": None, "site_url": "https://me.org/",
    }  # fmt: skip
    GitHubSettings(site_url="https://jane.github.io/b/").fill_in(config)
    assert config["site_url"] == "https://jane.github.io/b/"
    assert config["repo_url"] == "https://github.com/Jane/b"


def test_off_a_runner_the_repository_gives_edit_links_but_no_published_address():
    local = {"GITHUB_REPOSITORY": "jane/my-blog"}
    found = settings(local, docs=P("/src/blog/docs"), config=P("/src/blog/mkdocs.yml"))
    assert found.edit_uri == "edit/main/docs/"
    assert found.site_url is None


@pytest.mark.parametrize("repository", ["", "   "])
def test_no_repository_no_settings(repository):
    assert settings(RUNNER | {"GITHUB_REPOSITORY": repository}) == GitHubSettings()


@pytest.mark.parametrize(
    "repository",
    ["Jane-Doe/my_blog.v2", "jane/.github", "0/x"],
)
def test_every_name_github_gives_is_taken(repository):
    assert settings(RUNNER | {"GITHUB_REPOSITORY": repository}).repo_name == repository


# What was set -> the words of the refusal.
NOT_A_REPOSITORY = {
    "no-slash": "no '/'",
    "jane/<script>alert(1)</script>": "only letters, digits",
    'jane/blog"><img src=x onerror=alert(1)>': "only letters, digits",
    "jane/blog/extra": "only letters, digits",
    "jane/my blog": "only letters, digits",
    "/blog": "only letters, digits",
    "jane/": "only letters, digits",
    "jane/..": "'.' or '..'",
    "jane/bl\u00f6g": "only letters, digits",
    "j" * 40 + "/blog": "only letters, digits",
}


@pytest.mark.parametrize(("repository", "words"), NOT_A_REPOSITORY.items())
def test_a_repository_github_would_not_name_stops_the_build(repository, words):
    with pytest.raises(GitHubEnvironmentError) as refused:
        settings(RUNNER | {"GITHUB_REPOSITORY": repository})
    message = str(refused.value)
    assert message.startswith(f"GITHUB_REPOSITORY {repository!r} cannot be used: ")
    assert words in message and "\n" not in message


def test_a_server_that_is_no_plain_address_stops_the_build():
    with pytest.raises(GitHubEnvironmentError, match=r"GITHUB_SERVER_URL .* cannot be used"):
        settings(RUNNER | {"GITHUB_SERVER_URL": 'https://github.com"><script>'})


def test_the_docs_path_is_taken_inside_the_checkout_wherever_mkdocs_yml_is():
    nested = WORKSPACE / "site-src"
    found = settings(docs=nested / "docs", config=nested / "mkdocs.yml", edit_branch="trunk")
    assert found.edit_uri == "edit/trunk/site-src/docs/"


def test_docs_outside_the_repository_give_no_edit_link_rather_than_a_crash():
    found = settings(docs=P("/elsewhere/docs"))
    assert found.repo_url == "https://github.com/Jane/my-blog"
    assert found.edit_uri is None


def test_relative_paths_are_refused_loudly_not_compared():
    # The cause of issue 18: `-f mkdocs.yml` is relative, docs_dir absolute.
    with pytest.raises(ValueError, match="absolute"):
        docs_folder_in_repository(WORKSPACE / "docs", P("mkdocs.yml"), None)


def test_a_server_of_githubs_enterprise_edition_is_used_as_given():
    found = settings(RUNNER | {"GITHUB_SERVER_URL": "https://git.example.com/"})
    assert found.repo_url == "https://git.example.com/Jane/my-blog"


def settings_for_build(environ, docs: str, config: str):
    return github_settings_for_build(
        environ, docs_dir=docs, config_file=config, edit_branch="main",
        has_repo_url=False, has_site_url=False,
    )  # fmt: skip


def test_a_build_given_mkdocs_yml_by_a_relative_name_finds_its_docs_in_the_checkout(
    tmp_path, monkeypatch
):
    """`make build` names `mkdocs.yml` from the checkout, MkDocs gives docs_dir
    absolute: compared as given, they stopped every build on a runner (issue 18)."""
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    found = settings_for_build(
        RUNNER | {"GITHUB_WORKSPACE": str(tmp_path)}, str(tmp_path / "docs"), "mkdocs.yml"
    )
    assert found.edit_uri == "edit/main/docs/"


def test_a_checkout_named_through_a_link_still_holds_the_docs(tmp_path):
    (tmp_path / "real" / "site-src" / "docs").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    blog = tmp_path / "real" / "site-src"
    runner = RUNNER | {"GITHUB_WORKSPACE": str(tmp_path / "link")}
    found = settings_for_build(runner, str(blog / "docs"), str(blog / "mkdocs.yml"))
    assert found.edit_uri == "edit/main/site-src/docs/"


def test_a_relative_workspace_is_ignored_for_the_folder_of_mkdocs_yml(tmp_path, monkeypatch):
    (tmp_path / "blog" / "docs").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    runner = RUNNER | {"GITHUB_WORKSPACE": "."}
    found = settings_for_build(runner, str(tmp_path / "blog" / "docs"), "blog/mkdocs.yml")
    assert found.edit_uri == "edit/main/docs/"


@pytest.mark.parametrize("config_name", ["relative", "absolute"])
def test_build_and_check_on_a_runner_whatever_the_config_is_called(tmp_path, config_name):
    """`make build` as GitHub's runner runs it: the runner's variables, from the
    repository's root, with mkdocs.yml named as `-f mkdocs.yml` (make's way) or
    by its absolute path."""
    from tests.project import copy_project

    project = copy_project(tmp_path)
    project.write_post("on-a-runner.md", "---\ndate: 2021-01-01\n---\n\n# On a runner\n\nText.\n")
    config = "mkdocs.yml" if config_name == "relative" else str(tmp_path / "mkdocs.yml")
    runner = RUNNER | {"GITHUB_WORKSPACE": str(tmp_path), "GITHUB_REF": "refs/heads/main"}
    runner |= {"GITHUB_EVENT_NAME": "push", "RUNNER_TEMP": str(tmp_path / "temp")}
    checked = project.run("blog_extras.cli", "check", "-f", config, env=runner)
    assert checked.returncode == 0, checked.stderr
    built = project.run("blog_extras.cli", "build", "-f", config, env=runner)
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    page = (project.site / "on-a-runner" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://jane.github.io/my-blog/on-a-runner/">' in page
    edit = "https://github.com/Jane/my-blog/edit/main/docs/blog/posts/on-a-runner.md"
    assert f'href="{edit}"' in page


def test_a_checkout_reached_through_a_link_is_still_the_repository(tmp_path):
    """GITHUB_WORKSPACE may name the checkout through a symbolic link while MkDocs
    resolves docs_dir: the build compares them resolved alike."""
    from tests.project import copy_project

    real = tmp_path / "real"
    (real / "site-src").mkdir(parents=True)  # the blog in a folder of the repository
    project = copy_project(real / "site-src")
    project.write_post("linked.md", "---\ndate: 2021-01-01\n---\n\n# Linked\n\nText.\n")
    (tmp_path / "link").symlink_to(real)
    runner = RUNNER | {"GITHUB_WORKSPACE": str(tmp_path / "link")}
    built = project.run("blog_extras.cli", "build", env=runner)
    assert built.returncode == 0, built.stderr
    page = (project.site / "linked" / "index.html").read_text(encoding="utf-8")
    edit = "https://github.com/Jane/my-blog/edit/main/site-src/docs/blog/posts/linked.md"
    assert f'href="{edit}"' in page
