"""Whether a change touches the tool or only the blog's content.

The pull-request workflow asks this before running the tool's own test suite
(`make test`, several minutes): a change to posts, pages, their images, the
authors file or mkdocs.yml is checked by "Check the posts" alone (the post
checks, the strict build, the links, and the rules every blog keeps), so the
author hears about their post in about two minutes. Anything else (code,
templates, the stylesheet, tests, workflows, locked versions) is the tool, and
its suite runs too. When the change cannot be read, the answer is "the tool":
running the suite for nothing is better than skipping it by mistake.

`make change-scope` runs ``python3 -m blog_extras.authoring.change_scope [BASE
HEAD]`` (by default ``HEAD^1 HEAD``: the merge a pull request's check runs on,
against the branch it goes into). It writes ``tool=true`` or ``tool=false`` to
the file ``$GITHUB_OUTPUT`` names (the step's outputs on GitHub Actions), or
prints it when there is none, and says why on standard error. Only Python's
standard library is used, so it runs before the project's packages are
installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

# Below docs/, what the tool's tests build every fixture blog with: the blog's
# look (tests/project.py, SITE_WIDE). A change there is a change to the tool.
TOOL_FOLDERS_IN_DOCS = ("docs/stylesheets/", "docs/assets/")


def is_content(path: str) -> bool:
    """A file of the author's blog: mkdocs.yml, or anything in docs/ but its look."""
    if path == "mkdocs.yml":
        return True
    return path.startswith("docs/") and not path.startswith(TOOL_FOLDERS_IN_DOCS)


def touches_tool(changed: Iterable[str] | None) -> bool:
    """Whether these changed paths need the tool's tests; None means unknown."""
    if changed is None:
        return True
    return not all(is_content(path) for path in changed)


def changed_between(base: str, head: str, repository: Path = Path(".")) -> list[str] | None:
    """Every path a change from ``base`` to ``head`` adds, edits or removes in the
    git ``repository`` (a renamed file counts under both names); None when git
    cannot tell."""
    try:
        listed = subprocess.run(
            ["git", "diff", "--name-only", "--no-renames", "-z", base, head],
            cwd=repository, capture_output=True, check=True, timeout=60,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return [name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv) or ["HEAD^1", "HEAD"]
    if len(args) != 2:
        print("usage: python3 -m blog_extras.authoring.change_scope [BASE HEAD]", file=sys.stderr)
        return 2
    changed = changed_between(args[0], args[1])
    tool = touches_tool(changed)
    if changed is None:
        why = "git could not list the changed files, so the tool's tests run"
    elif tool:
        others = sorted(path for path in changed if not is_content(path))
        # Quoted with escapes: a file name from a pull request may hold a new line
        # (a line starting "::" is a command to the runner) or terminal codes.
        why = f"the tool's tests run: the change touches {json.dumps(others[0])}"
        why += f" and {len(others) - 1} more" if len(others) > 1 else ""
    else:
        why = "the change touches only the blog's content: its checks are enough"
    print(why, file=sys.stderr)
    answer = f"tool={'true' if tool else 'false'}\n"
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as outputs:
            outputs.write(answer)
    else:
        sys.stdout.write(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
