"""Every `run:` step of both workflows, run in order as a GitHub runner runs it.

A fresh copy of the repository (what `actions/checkout` gives) runs each job's
`run:` steps with the environment a runner sets, the job's and the step's own
`env:` (its `${{ }}` expressions filled in as GitHub would for the scenario),
and must pass every one. The test suite's own step (`make test`) is left out:
it is what runs this. So a workflow that cannot pass on GitHub cannot pass
`make test` either (issue 18: `make build` crashed on every runner).

The scenarios are the ones a fork meets: a new fork with no secrets and no
variables, whose Pages settings give its project address; the same with the
repository variable SITE_URL set; Pages not switched on (the address job fails
and the build falls back on the github.io address); a pull request that adds a
post (the tool's suite is skipped), and one that changes a template (it runs).
A pull request's checkout is a git repository whose HEAD is the change on top
of the repository as it is, as GitHub's merge commit is, so the step that
decides whether the tool's suite runs reads a real change. Jobs' `if:`
conditions and outputs are followed as GitHub follows them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from tests.browser.github_pages import pages_handler
from tests.standins import serve

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO / ".github" / "workflows"
OWNER, NAME = "jane-doe", "my-blog"
PROJECT_ADDRESS = f"https://{OWNER}.github.io/{NAME}"  # configure-pages' base_url form
SKIPPED_RUNS = {"make test"}  # the suite that runs this test
# The pull request's new post: a title no post of the author's blog can have (a
# post of the same name would make `make post` refuse to write over it).
NEW_POST_TITLE = f"Workflow check {uuid.uuid4().hex[:12]}"


def new_post(workspace: Path, title: str) -> None:
    """A post as `make post` starts it in this blog (published, by its first author)."""
    subprocess.run(
        [sys.executable, "-m", "blog_extras.cli", "post", title],
        cwd=workspace, env={**os.environ, "PYTHONPATH": str(workspace)}, check=True,
        capture_output=True,
    )  # fmt: skip


def empty_comments_template(workspace: Path) -> None:
    """A change to the tool: a template of overrides/."""
    template = workspace / "overrides" / "partials" / "comments.html"
    template.write_text("{#- emptied by a pull request -#}\n", encoding="utf-8")


@dataclass(frozen=True)
class Scenario:
    workflow: str
    event: str
    ref: str
    variables: dict[str, str] = field(default_factory=dict)
    pages_base_url: str = ""  # what actions/configure-pages answers; "" when it failed
    expected_site_url: str = ""
    failed_jobs: frozenset[str] = frozenset()  # jobs of `uses:` steps only, that fail
    # A pull request's change, made in the checkout.
    change: Callable[[Path], None] | None = None
    skipped_jobs: frozenset[str] = frozenset()  # jobs GitHub must skip


SCENARIOS = {
    "publish-new-fork": Scenario(
        "publish.yml", "push", "refs/heads/main",
        pages_base_url=PROJECT_ADDRESS, expected_site_url=PROJECT_ADDRESS + "/",
    ),
    "publish-site-url-variable": Scenario(
        "publish.yml", "schedule", "refs/heads/main",
        variables={"SITE_URL": PROJECT_ADDRESS + "/"},
        pages_base_url=PROJECT_ADDRESS, expected_site_url=PROJECT_ADDRESS + "/",
    ),
    "publish-pages-not-asked": Scenario(
        "publish.yml", "workflow_dispatch", "refs/heads/main",
        expected_site_url=PROJECT_ADDRESS + "/", failed_jobs=frozenset({"address"}),
        skipped_jobs=frozenset({"counts", "deploy"}),
    ),
    # Pages answers with the custom domain once one is set: the site lives at /.
    "publish-custom-domain": Scenario(
        "publish.yml", "push", "refs/heads/main",
        pages_base_url="https://blog.example.com", expected_site_url="https://blog.example.com/",
    ),
    "pull-request-new-post": Scenario(
        "pull-request.yml", "pull_request", "refs/pull/7/merge",
        expected_site_url=PROJECT_ADDRESS + "/",
        change=lambda workspace: new_post(workspace, NEW_POST_TITLE),
        skipped_jobs=frozenset({"tool"}),
    ),
    "pull-request-template-change": Scenario(
        "pull-request.yml", "pull_request", "refs/pull/8/merge",
        expected_site_url=PROJECT_ADDRESS + "/",
        change=lambda workspace: empty_comments_template(workspace),
    ),
}  # fmt: skip


def fresh_checkout(destination: Path) -> Path:
    """The repository's files as `git clone` gives them (tracked and new, not
    ignored), with the installed tools borrowed from this checkout: the steps
    run offline, and `make` finds everything installed, as after its first run."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (destination / ".tools").symlink_to(REPO / ".tools")
    (destination / "node_modules").symlink_to(REPO / "node_modules")
    # A venv of links into this checkout's, with an install stamp of its own
    # newer than the copied lock file, so make installs nothing here.
    venv = destination / ".venv"
    venv.mkdir()
    for entry in (REPO / ".venv").iterdir():
        if entry.name != ".installed":
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed").touch()
    return destination


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Jane Doe", "-c", "user.email=jane@example.com", *args],
        cwd=root, capture_output=True, check=True,
    )  # fmt: skip


def merge_checkout(workspace: Path, change: Callable[[Path], None] | None) -> None:
    """The checkout of a pull request: a commit of the repository as it is, then
    the change on top (GitHub's merge commit, whose first parent is the branch
    the pull request goes into)."""
    git(workspace, "init", "-q")
    git(workspace, "add", "-A")
    git(workspace, "commit", "-q", "-m", "main")
    if change is not None:
        change(workspace)
    git(workspace, "add", "-A")
    git(workspace, "commit", "-q", "-m", "the pull request")


def runner_environment(scenario: Scenario, workspace: Path, temp: Path) -> dict[str, str]:
    """What GitHub sets on every runner (no SITE_URL, no BLOG_*: none of the
    variables a developer's shell may have)."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(temp / "home"),
        "LANG": "C.UTF-8",
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_REPOSITORY": f"{OWNER}/{NAME}",
        "GITHUB_REPOSITORY_OWNER": OWNER,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_REF": scenario.ref,
        "GITHUB_EVENT_NAME": scenario.event,
        "RUNNER_TEMP": str(temp / "runner-temp"),
        "GITHUB_STEP_SUMMARY": str(temp / "runner-temp" / "step-summary.md"),
        "RUNNER_OS": "Linux",
        # The borrowed venv installs this checkout's blog_extras (editable); the
        # copy's own code is the one to run.
        "PYTHONPATH": str(workspace),
    }


EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def lookup(name: str, context: dict[str, Any]) -> str:
    """A context value such as `needs.address.outputs.base_url`. An operand this
    test does not know fails it."""
    namespace, _, key = name.partition(".")
    if namespace in ("vars", "secrets"):  # one that is not set reads as ""
        return str(context[namespace].get(key, ""))
    value: Any = context
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            pytest.fail(f"the test does not know what GitHub puts in '{name}'")
        value = value[part]
    return str(value)


def evaluate(text: str, context: dict[str, Any]) -> str:
    """Fill in a value's `${{ a || b }}` expressions as GitHub does: the first
    operand that is not empty."""

    def fill(match: re.Match[str]) -> str:
        values = [lookup(part.strip(), context) for part in match.group(1).split("||")]
        return next((value for value in values if value), values[-1])

    return EXPRESSION.sub(fill, str(text))


STATUS_FUNCTIONS = ("!cancelled()", "always()")
COMPARISON = re.compile(r"([\w.-]+)\s*(==|!=)\s*'([^']*)'")


def job_result(job: dict[str, Any], context: dict[str, Any], *, failed: bool) -> str:
    """How GitHub ends a job, given how the jobs it needs ended and its `if:`.
    Without a status function in `if:`, GitHub adds `success()`: the job is
    skipped when a job it needs did not succeed. `if:` is understood when it is
    `&&` of `!cancelled()`, `always()` and comparisons of a value with a quoted
    text; anything else fails the test."""
    needs = job.get("needs", [])
    needs = [needs] if isinstance(needs, str) else needs
    condition = str(job.get("if", "${{ true }}"))
    inner = EXPRESSION.fullmatch(condition.strip())
    terms = [term.strip() for term in (inner.group(1) if inner else condition).split("&&")]
    runs_anyway = any(term in STATUS_FUNCTIONS for term in terms)
    if not runs_anyway and any(context["needs"][need]["result"] != "success" for need in needs):
        return "skipped"
    for term in terms:
        if term in (*STATUS_FUNCTIONS, "true"):
            continue
        comparison = COMPARISON.fullmatch(term)
        if comparison is None:
            pytest.fail(f"the test does not understand the condition '{term}'")
        name, operator, text = comparison.groups()
        if (lookup(name, context) == text) != (operator == "=="):
            return "skipped"
    return "failure" if failed else "success"


def step_outputs(path: Path) -> dict[str, str]:
    """What a step wrote to $GITHUB_OUTPUT (`name=value` lines)."""
    if not path.exists():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def jobs_in_order(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    done: list[str] = []
    jobs = workflow["jobs"]
    while len(done) < len(jobs):
        for name, job in jobs.items():
            needs = job.get("needs", [])
            needs = [needs] if isinstance(needs, str) else needs
            if name not in done and all(need in done for need in needs):
                done.append(name)
    return [(name, jobs[name]) for name in done]


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_every_run_step_passes_on_a_runner(scenario: Scenario, tmp_path: Path, browser: Browser):
    workspace = fresh_checkout(tmp_path / "work" / NAME / NAME)
    if scenario.event == "pull_request":
        merge_checkout(workspace, scenario.change)
    base = runner_environment(scenario, workspace, tmp_path)
    for folder in ("home", "runner-temp"):
        (tmp_path / folder).mkdir()
    workflow = yaml.safe_load((WORKFLOWS / scenario.workflow).read_text(encoding="utf-8"))
    context: dict[str, Any] = {
        "vars": scenario.variables,
        "secrets": {},  # a new fork has none
        "needs": {},
        "github": {"ref": scenario.ref, "event_name": scenario.event},
    }
    ran = []
    for job_name, job in jobs_in_order(workflow):
        result = job_result(job, context, failed=job_name in scenario.failed_jobs)
        context["needs"][job_name] = {"result": result, "outputs": {}}
        if job_name == "address":  # what actions/configure-pages answered (no run: step)
            context["needs"]["address"]["outputs"]["base_url"] = scenario.pages_base_url
            continue
        if result != "success":
            continue
        job_env = {key: evaluate(value, context) for key, value in job.get("env", {}).items()}
        context["steps"] = {}
        for number, step in enumerate(job.get("steps", [])):
            if "run" not in step or step["run"].strip() in SKIPPED_RUNS:
                continue
            step_env = {key: evaluate(value, context) for key, value in step.get("env", {}).items()}
            outputs = tmp_path / "runner-temp" / f"output-{job_name}-{number}"
            result = subprocess.run(
                ["bash", "-e", "-c", step["run"]],  # GitHub's default shell on Linux
                cwd=workspace, env={**base, **job_env, **step_env, "GITHUB_OUTPUT": str(outputs)},
                capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            output = result.stdout + result.stderr
            assert result.returncode == 0, f"{job_name}: {step.get('name')} failed:\n{output}"
            assert "Traceback" not in output, output
            ran.append(step["run"].strip())
            if "id" in step:
                context["steps"][step["id"]] = {"outputs": step_outputs(outputs)}
        context["needs"][job_name]["outputs"] = {
            key: evaluate(value, context) for key, value in job.get("outputs", {}).items()
        }
    skipped = {name for name, job in context["needs"].items() if job["result"] == "skipped"}
    assert skipped == scenario.skipped_jobs
    if scenario.change is not None and "tool" in skipped:  # the new post is in the site
        headings = [
            BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("article h1")
            for page in (workspace / "site").rglob("index.html")
        ]
        assert NEW_POST_TITLE in [h1.get_text() for h1 in headings if h1 is not None]
    assert "make build" in ran and "make linkcheck" in ran
    # What each upload step sends to GitHub Pages or to the reviewer is a site.
    uploaded = [
        step["with"]["path"]
        for _, job in jobs_in_order(workflow)
        for step in job.get("steps", [])
        if step.get("uses", "").split("@")[0]
        in {"actions/upload-pages-artifact", "actions/upload-artifact"}
        and step["with"].get("if-no-files-found") != "ignore"
    ]
    assert uploaded, "no step uploads the built site"
    for folder in uploaded:
        assert (workspace / folder / "index.html").is_file(), f"{folder} holds no site"
        assert (workspace / folder / "404.html").is_file(), f"{folder} has no 404 page"
    home = BeautifulSoup((workspace / "site" / "index.html").read_text("utf-8"), "html.parser")
    canonical = home.select_one("link[rel=canonical]")
    assert canonical is not None and canonical["href"] == scenario.expected_site_url
    if scenario.workflow == "publish.yml":
        prefix = urlsplit(scenario.expected_site_url).path
        loads_below_the_prefix(workspace / "site", prefix, browser)


def loads_below_the_prefix(site: Path, prefix: str, browser: Browser) -> None:
    """The Pages artifact, served as GitHub Pages serves it (a project site below
    /<repo>/, a custom domain at /), loads in Chromium with no failed request,
    its 404 page included, and a post opens from the home page."""
    with serve(pages_handler(site, prefix)) as port:
        address = f"http://127.0.0.1:{port}{prefix}"
        context = browser.new_context()
        page = context.new_page()
        failed: list[str] = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on(
            "response",
            lambda answer: (
                answer.status >= 400
                and answer.url != address + "no/such/page/"
                and failed.append(f"{answer.status} {answer.url}")
            ),
        )
        try:
            for path in ("", "no/such/page/"):
                page.goto(address + path)
                page.wait_for_load_state("networkidle")
                color = page.evaluate(
                    "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
                )
                assert color not in ("", "rgba(0, 0, 0, 0)"), f"{path or 'home'}: no styles"
            page.goto(address)
            posts = page.locator("article.md-post h2 a")
            if posts.count():  # a blog of no posts has none to open
                title = posts.first.inner_text()
                posts.first.click()
                page.wait_for_load_state("networkidle")
                assert page.url.startswith(address) and page.url != address
                assert page.locator("article h1").first.inner_text() == title
        finally:
            context.close()
        assert failed == []
