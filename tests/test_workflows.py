"""The GitHub Actions workflows: valid, least privilege, pinned, and calling make."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

WORKFLOWS = sorted((Path(__file__).resolve().parent.parent / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True; the workflow's triggers are under it.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_there_are_the_two_workflows():
    assert [path.name for path in WORKFLOWS] == ["publish.yml", "pull-request.yml"]


def run_tool(name: str, *args: object) -> subprocess.CompletedProcess:
    """Run a checker installed in the project's environment on the workflows."""
    return subprocess.run(
        [BIN / name, *args, *WORKFLOWS], capture_output=True, text=True, timeout=120
    )


def test_workflows_match_githubs_schema():
    result = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows")
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    result = run_tool("zizmor", "--offline", "--persona=auditor")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_by_commit_with_its_version(path: Path):
    uses = re.findall(r"uses:\s*(\S+)(.*)", path.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action
        assert re.search(r"#\s*v\d+(\.\d+)*", comment), f"{action} has no version comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_checkout_keeps_no_credentials_and_no_pull_request_target(path: Path):
    workflow = load(path)
    assert "pull_request_target" not in workflow[True]
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_run_steps_call_make_and_expand_nothing(path: Path):
    for step in steps(load(path)):
        if "run" in step:
            assert re.fullmatch(r"make [a-z-]+", step["run"].strip()), step["run"]
            assert "${{" not in step["run"]


def test_pull_requests_check_the_posts_and_test_the_tool_when_it_changes():
    workflow = load(Path(WORKFLOWS[1]))
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    address, changes, posts, tool = (jobs[name] for name in ("address", "changes", "posts", "tool"))
    # The author's answer about a post: checks, strict build, links, the rules
    # every blog keeps, then the review copy.
    runs = [step["run"] for step in posts["steps"] if "run" in step]
    assert runs == ["make check", "make build", "make linkcheck", "make test-blog",
                    "make review-copy"]  # fmt: skip
    upload = [
        s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")
    ]
    assert [step["with"]["name"] for step in upload] == ["review-copy"]
    assert upload[0]["with"]["path"] == "review-copy/"
    assert upload[0]["with"]["if-no-files-found"] == "error"
    assert posts["steps"][-1] == upload[0]  # the copy of the site as checked
    # The whole suite runs only when the change reaches beyond the blog's content,
    # as the merge's first parent (the branch it goes into) tells.
    assert [step["run"] for step in tool["steps"] if "run" in step] == ["make test"]
    assert tool["needs"] == "changes"
    assert tool["if"] == "${{ needs.changes.outputs.tool == 'true' }}"
    (checkout, scope) = changes["steps"]
    assert checkout["with"]["fetch-depth"] == 2
    assert scope == {**scope, "id": "scope", "run": "make change-scope"}
    assert changes["outputs"] == {"tool": "${{ steps.scope.outputs.tool }}"}
    # Built for the address Publish builds for, asked of Pages by a job that can
    # only read Pages and runs none of the pull request's code; a Pages that
    # cannot be asked (not switched on yet) does not stop the check.
    assert address["permissions"] == {"pages": "read"}
    (ask,) = address["steps"]
    assert ask["uses"].split("@")[0] == "actions/configure-pages"
    assert ask["continue-on-error"] is True
    assert posts["needs"] == "address"
    assert not any("permissions" in job for job in (changes, posts, tool))
    (build,) = [step for step in posts["steps"] if step.get("run") == "make build"]
    assert build["env"]["SITE_URL"] == "${{ vars.SITE_URL || needs.address.outputs.base_url }}"


def test_publishing_builds_with_read_only_and_deploys_with_pages_rights():
    workflow = load(Path(WORKFLOWS[0]))
    triggers = workflow[True]
    assert triggers["push"] == {"branches": ["main"]}
    assert "schedule" in triggers and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = workflow["jobs"]
    address, counts = jobs["address"], jobs["counts"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert counts["permissions"] == build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    # The site's address comes from GitHub Pages, asked by a job that can only
    # read the Pages settings and runs no code of the repository's.
    assert address["permissions"] == {"pages": "read"}
    assert [step["uses"].split("@")[0] for step in address["steps"]] == ["actions/configure-pages"]
    assert (counts["needs"], build["needs"]) == ("address", ["address", "counts"])
    assert deploy["needs"] == ["address", "build"]
    pages_address = "${{ vars.SITE_URL || needs.address.outputs.base_url }}"
    (build_step,) = [step for step in build["steps"] if step.get("run") == "make build"]
    assert build_step["env"]["SITE_URL"] == pages_address
    runs = [step["run"] for step in build["steps"] if "run" in step]
    # What readers get is checked; the tool's suite ran on its own pull request.
    assert runs == ["make check", "make build", "make linkcheck", "make test-blog"]
    assert "make test\n" not in (WORKFLOWS[0]).read_text(encoding="utf-8")
    # The GoatCounter token is only in the counts job's environment, and a
    # GoatCounter failure never stops publishing.
    assert counts["environment"] == "view-counts"
    assert "secrets." not in json.dumps(build) + json.dumps(deploy)
    (snapshot,) = [step for step in counts["steps"] if "run" in step]
    assert snapshot["run"] == "make snapshot-views"
    assert snapshot["continue-on-error"] is True
    # ...nor does its job failing or hanging: it is cut off, and the build goes on.
    assert snapshot["timeout-minutes"] <= 5 and counts["timeout-minutes"] <= 10
    assert build["if"] == "${{ !cancelled() }}"
    # Only main is ever deployed, and only a build that succeeded.
    assert "github.ref == 'refs/heads/main'" in deploy["if"]
    assert "needs.build.result == 'success'" in deploy["if"]
    assert "needs.address.result == 'success'" in deploy["if"]
    assert build["steps"][-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
