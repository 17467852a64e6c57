"""``blog check``: check every post before building (``make check``).

Prints each problem as ``error: <file>, line <n>: <what to change>`` and exits
with 1 when there is one; warnings (a photo too large) and notices (a post
scheduled for later) do not fail. Besides the post checks the build runs too
(``checks.py``), it checks the pictures posts show (``post_images.py``).
On GitHub Actions, each problem is also an annotation on the pull request.
"""

from __future__ import annotations

import argparse
import os
import sys

from blog_extras import engine
from blog_extras.authoring.checks import Finding, Report, check_posts
from blog_extras.authoring.post_images import check_images
from blog_extras.authoring.settings import SettingsError, check_settings, load_site_config


def _escape_data(text: str) -> str:
    # GitHub's escaping of a workflow command's message (its toolkit's escapeData).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # ...and of its properties, such as file= (escapeProperty).
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding) -> str:
    line = f",line={finding.line}" if finding.line else ""
    where = f"{_escape_property(finding.path)}{line}"
    return f"::{finding.kind} file={where}::{_escape_data(finding.message)}"


def print_report(report: Report) -> None:
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    for finding in report.findings:
        stream = sys.stderr if finding.is_error else sys.stdout
        print(finding, file=stream)
        if on_github:
            print(_annotation(finding))
    errors = report.errors
    if errors:
        files = len({finding.path for finding in errors})
        # Only `blog check` prints this, and it builds nothing (a build refusing posts
        # says so in the plugin's own words).
        print(
            f"{len(errors)} problem{'s' * (len(errors) != 1)} in {files} "
            f"file{'s' * (files != 1)}: fix {'them' if len(errors) != 1 else 'it'} and run "
            "the check again.",
            file=sys.stderr,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the blog's posts before building.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    args = parser.parse_args(argv)
    # Loading mkdocs.yml logs MkDocs' own chatter; only our findings matter here.
    engine.quiet()
    try:
        settings = check_settings(load_site_config(args.config_file))
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    report = check_posts(settings)
    report.findings.extend(check_images(settings, report.sources))
    print_report(report)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
