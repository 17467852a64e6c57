"""What GitHub Actions tells a build about the repository, as settings for the site.

On a GitHub runner the environment names the repository (``GITHUB_REPOSITORY``),
the server (``GITHUB_SERVER_URL``) and the checked-out folder
(``GITHUB_WORKSPACE``). From them a fork that never edited ``mkdocs.yml`` gets
its "Edit this page" links (``repo_url`` and ``edit_uri``) and, when neither
``site_url`` nor ``SITE_URL`` says where the site is published, the github.io
address GitHub Pages gives a repository without a custom domain. (``SITE_URL``,
set by the publish workflow from GitHub Pages or the repository variable of that
name, reaches the build through mkdocs.yml itself: ``site_url: !ENV``.)

Every path compared here is absolute: MkDocs keeps ``config_file_path`` exactly
as it was named on the command line (``-f mkdocs.yml`` is relative) while its
``docs_dir`` is absolute, so comparing the two as given is what made every
build on a runner stop (issue 18). :func:`github_settings_for_build` takes them
as MkDocs holds them and resolves all three alike.

The repository's name is printed into every page (the header's link to the
repository, "Edit this page"), and GitHub's server into the addresses of both:
each is checked to be what GitHub gives (:func:`repository_problem`), and a
build given anything else stops with a message saying which, rather than print
a quote or markup into the pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from blog_extras.content.web_address import origin_problem

DEFAULT_SERVER = "https://github.com"
# What GitHub allows in a repository's name (at most 100 letters, digits, '-', '_'
# and '.'), and so in its owner's (at most 39 characters, narrower still): none of
# them is markup, a quote or a part of an address but the one '/' between.
_OWNER = re.compile(r"[A-Za-z0-9_.-]{1,39}")
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,100}")


class GitHubEnvironmentError(ValueError):
    """A variable of GitHub's environment the build cannot use; the message says why."""


def repository_problem(repository: str) -> str:
    """Why ``repository`` is not a GitHub repository's ``owner/name``, or ""."""
    owner, slash, name = repository.partition("/")
    if not slash:
        return "it is not owner/name (no '/')"
    if not _OWNER.fullmatch(owner) or not _NAME.fullmatch(name):
        return (
            "GitHub's owner and repository names hold only letters, digits, '-', '_' and '.', "
            "with one '/' between them"
        )
    if owner in (".", "..") or name in (".", ".."):
        return "neither the owner nor the name can be '.' or '..'"
    return ""


@dataclass(frozen=True)
class GitHubSettings:
    """The settings to fill in; None where ``mkdocs.yml`` (or nothing) decides."""

    repo_url: str | None = None
    repo_name: str | None = None
    edit_uri: str | None = None
    site_url: str | None = None

    def fill_in(self, config: MutableMapping[str, Any]) -> None:
        """Set what was found in ``config``, MkDocs' settings by their names in
        mkdocs.yml. The repository's three go together: an edit link of another
        repository would open the wrong file."""
        if self.repo_url:
            config["repo_url"] = self.repo_url
            config["repo_name"] = self.repo_name
            config["edit_uri"] = self.edit_uri
        if self.site_url:
            config["site_url"] = self.site_url


def pages_url(repository: str) -> str:
    """The github.io address GitHub Pages gives ``owner/name`` without a custom domain:
    a user or organisation site (``owner/owner.github.io``) at the root, any other
    repository (a project site) under ``/<name>/``."""
    owner, _, name = repository.partition("/")
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def docs_folder_in_repository(
    docs_dir: PurePath, config_file: PurePath, workspace: PurePath | None
) -> str | None:
    """Where ``docs_dir`` lies inside the repository, as GitHub's editor addresses
    it (``docs``, ``site/docs``); None when it lies outside.

    The repository's root is the runner's checkout (``GITHUB_WORKSPACE``) when it
    holds the docs, else the folder of ``mkdocs.yml``. All three must be absolute
    and resolved alike (links followed), or a path would not be found inside its
    own checkout.
    """
    given = [docs_dir, config_file, *([workspace] if workspace else [])]
    if not all(path.is_absolute() for path in given):
        raise ValueError("docs_dir, config_file and the workspace must be absolute paths")
    roots = [workspace] if workspace else []
    roots.append(config_file.parent)
    for root in roots:
        if docs_dir.is_relative_to(root):
            return docs_dir.relative_to(root).as_posix()
    return None


def github_settings(
    environ: Mapping[str, str],
    *,
    docs_dir: PurePath,
    config_file: PurePath,
    workspace: PurePath | None,
    edit_branch: str,
    has_repo_url: bool,
    has_site_url: bool,
) -> GitHubSettings:
    """The settings a build on GitHub Actions gets from its environment.

    ``repo_url`` and ``edit_uri`` come from ``GITHUB_REPOSITORY`` wherever it is
    set (a local build can set it to preview the links) unless ``mkdocs.yml`` has
    a ``repo_url``; ``site_url`` only on a runner (``GITHUB_ACTIONS``) and only
    when none is set, since ``SITE_URL`` or ``mkdocs.yml`` know better.

    Raises :class:`GitHubEnvironmentError` for a repository or server that GitHub
    would not give: they are printed into every page.
    """
    repository = environ.get("GITHUB_REPOSITORY", "").strip()
    if not repository:
        return GitHubSettings()
    problem = repository_problem(repository)
    if problem:
        raise GitHubEnvironmentError(f"GITHUB_REPOSITORY {repository!r} cannot be used: {problem}")
    repo_url = repo_name = edit_uri = site_url = None
    if not has_repo_url:
        server = environ.get("GITHUB_SERVER_URL") or DEFAULT_SERVER
        problem = origin_problem(server)
        if problem:
            raise GitHubEnvironmentError(f"GITHUB_SERVER_URL {server!r} cannot be used: {problem}")
        repo_url = f"{server.rstrip('/')}/{repository}"
        repo_name = repository
        docs = docs_folder_in_repository(docs_dir, config_file, workspace)
        if docs is not None:
            folder = "" if docs == "." else f"{docs}/"
            edit_uri = f"edit/{edit_branch}/{folder}"
    if not has_site_url and environ.get("GITHUB_ACTIONS") == "true":
        site_url = pages_url(repository)
    return GitHubSettings(repo_url, repo_name, edit_uri, site_url)


def github_settings_for_build(
    environ: Mapping[str, str],
    *,
    docs_dir: str,
    config_file: str,
    edit_branch: str,
    has_repo_url: bool,
    has_site_url: bool,
) -> GitHubSettings:
    """:func:`github_settings` for the paths as MkDocs holds them: ``docs_dir``
    absolute, ``config_file`` as named on the command line (``mkdocs.yml``, from the
    current folder), and ``GITHUB_WORKSPACE`` as the runner sets it (ignored unless
    absolute). Each is resolved, links followed: a checkout reached through a link
    is still the repository that holds the docs."""
    workspace = environ.get("GITHUB_WORKSPACE")
    return github_settings(
        environ,
        docs_dir=Path(docs_dir).resolve(),
        config_file=Path(config_file).resolve(),
        workspace=Path(workspace).resolve()
        if workspace and Path(workspace).is_absolute()
        else None,
        edit_branch=edit_branch,
        has_repo_url=has_repo_url,
        has_site_url=has_site_url,
    )
