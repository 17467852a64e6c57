"""Bad posts are refused before the build, in plain words naming the file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.project import Project, copy_project

GOOD = "---\ntitle: A good post\ndate: 2021-01-01\n---\n\nText.\n"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path)


# (file content, the words the message must contain, the line it must name)
BAD_POSTS = {
    "missing-date": ("---\ntitle: No date\n---\nText\n", "has no date", None),
    "impossible-date": ("---\ntitle: X\ndate: 2021-02-30\n---\n", "2021-02-30 does not exist", 3),
    "quoted-date": ('---\ntitle: X\ndate: "2021-05-29"\n---\n', "remove the quotes", 3),
    "date-as-words": ("---\ntitle: X\ndate: May 29, 2021\n---\n", "YYYY-MM-DD", 3),
    "not-a-mapping": ("---\n- title\n- date\n---\n", "'key: value' settings", 2),
    "not-closed": ("---\ntitle: X\ndate: 2021-01-01\nText\n", "not closed", 1),
    "no-front-matter": ("Just text.\n", "does not start with front matter", 1),
    "repeated-key": (
        "---\ntitle: X\ndate: 2021-01-01\ntitle: Y\n---\n",
        "'title' appears twice",
        4,
    ),
    "misspelt-key": (
        "---\ntitle: X\ndate: 2021-01-01\ncategoires: [Movies]\n---\n",
        "did you mean 'categories'?",
        4,
    ),
    "broken-yaml": ("---\ntitle: X\nslug: a\n- b\n---\n", "front matter cannot be read", 4),
    "empty": ("", "the file is empty", None),
    "blank": ("\n  \n", "the file is empty", None),
    "not-utf8": (b"---\ntitle: Caf\xe9\ndate: 2021-01-01\n---\n", "not UTF-8", 2),
    "missing-title": ("---\ndate: 2021-01-01\n---\n", "has no title", None),
    "empty-title": ('---\ntitle: ""\ndate: 2021-01-01\n---\n', "title is empty", 2),
    "unsluggable-title": ('---\ntitle: "!!!"\ndate: 2021-01-01\n---\n', "no letters or digits", 2),
    "html-title": ("---\ntitle: Hi <b>there</b>\ndate: 2021-01-01\n---\n", "contains HTML", 2),
    "html-description": (
        "---\ntitle: X\ndate: 2021-01-01\ndescription: a <b>bold</b> claim\n---\n",
        "description contains HTML",
        4,
    ),
    "negative-views": (
        "---\ntitle: X\ndate: 2021-01-01\nviews: -1\n---\n",
        "cannot be negative",
        4,
    ),
    "fractional-comments": (
        "---\ntitle: X\ndate: 2021-01-01\ncomments: 2.5\n---\n",
        "whole number",
        4,
    ),
    "negative-likes": (
        "---\ntitle: X\ndate: 2021-01-01\nlikes: -3\n---\n",
        "'likes' cannot be negative",
        4,
    ),
    "html-tag": (
        '---\ntitle: X\ndate: 2021-01-01\ntags: ["<b>x</b>"]\n---\n',
        "the tag '<b>x</b>' cannot be used: it holds HTML",
        4,
    ),
    "tags-as-text": (
        "---\ntitle: X\ndate: 2021-01-01\ntags: Seoul\n---\n",
        "'tags' must be a list",
        4,
    ),
    "text-views": ('---\ntitle: X\ndate: 2021-01-01\nviews: "43"\n---\n', "whole number", 4),
    "text-likes": ('---\ntitle: X\ndate: 2021-01-01\nlikes: "7"\n---\n', "whole number", 4),
    "unknown-category": (
        "---\ntitle: X\ndate: 2021-01-01\ncategories: [Film]\n---\n",
        "'Film' is not one of the blog's categories",
        4,
    ),
    # Material's own validation of the keys it reads, with the line of the key.
    "pin-as-text": (
        '---\ntitle: X\ndate: 2021-01-01\npin: "yes"\n---\n',
        "'pin' is not valid for Material's blog: Expected type: <class 'bool'>",
        4,
    ),
    "draft-as-text": (
        '---\ntitle: X\ndate: 2021-01-01\ndraft: "no"\n---\n',
        "'draft' is not valid for Material's blog",
        4,
    ),
    "slug-as-number": (
        "---\ntitle: X\ndate: 2021-01-01\nslug: 123\n---\n",
        "'slug' is not valid for Material's blog",
        4,
    ),
    "readtime-as-words": (
        "---\ntitle: X\ndate: 2021-01-01\nreadtime: lots\n---\n",
        "'readtime' is not valid for Material's blog",
        4,
    ),
    "updated-before-created": (
        "---\ntitle: X\ndate:\n  created: 2021-05-01\n  updated: 2021-04-01\n---\n",
        "'updated' date is before",
        3,
    ),
}


@pytest.mark.parametrize("name", BAD_POSTS)
def test_bad_post_is_refused_with_file_and_line(project: Project, name: str):
    content, words, line = BAD_POSTS[name]
    project.write_post(f"{name}.md", content)
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    where = f"docs/blog/posts/{name}.md" + (f", line {line}" if line else "")
    messages = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert any(where in message and words in message for message in messages), result.stderr
    # `make check` only checks: its summary tells nothing of a build.
    summary = result.stderr.splitlines()[-1]
    assert re.fullmatch(
        r"(1 problem in 1 file: fix it|\d+ problems in 1 file: fix them) and run the check "
        r"again\.",
        summary,
    ), summary


def test_each_bad_entry_of_links_is_told_with_its_own_line(project: Project):
    project.write_post(
        "links.md",
        "---\ntitle: X\ndate: 2021-01-01\nlinks:\n"  # lines 2 to 4
        "  - other.md\n"  # 5
        "  - javascript:alert(1)\n"  # 6
        "  - Fine: https://example.org\n"  # 7
        "  - Section:\n"  # 8
        "      - data:,x\n"  # 9
        '      - "<b>Bold</b>": https://example.org\n'  # 10
        "---\n\nText.\n",
    )
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 1
    where = "error: docs/blog/posts/links.md, line"
    told = [line for line in result.stderr.splitlines() if line.startswith(where)]
    assert len(told) == 3, result.stderr
    assert f"{where} 6: the address 'javascript:alert(1)' in 'links'" in told[0]
    assert f"{where} 9: the address 'data:,x' in 'links'" in told[1]
    assert f"{where} 10: the title '<b>Bold</b>' in 'links'" in told[2]


# The common slips in front matter, and the whole line `make check` prints for each.
# (tests/test_yaml_words.py holds more of them, read by both YAML parsers.)
SLIPS = {
    "no-zeros.md": (
        "---\ntitle: X\ndate:\n  created: 2026-12-2\n---\n",
        "error: docs/blog/posts/no-zeros.md, line 4: the date 2026-12-2 (created) is text, not "
        "a date: write the date as year-month-day with a two-digit month and day, e.g. "
        "2026-12-02",
    ),
    "no-such-day.md": (
        "---\ntitle: X\ndate:\n  created: 2026-2-30\n---\n",
        "error: docs/blog/posts/no-such-day.md, line 4: the date 2026-2-30 (created) is text, "
        "not a date: write a date that exists as year-month-day with a two-digit month and day "
        "(February 2026 has no day 30)",
    ),
    "quoted.md": (
        '---\ntitle: X\ndate:\n  created: 2026-12-01\n  updated: "2026-12-02"\n---\n',
        "error: docs/blog/posts/quoted.md, line 5: the date 2026-12-02 (updated) is in quotes, "
        "which makes it text: remove the quotes around it",
    ),
    "tab.md": (
        "---\ntitle: X\ndate:\n\tcreated: 2026-12-02\n---\n",
        "error: docs/blog/posts/tab.md, line 4: a tab was found on this line; front matter "
        "must be indented with spaces: replace the tab with spaces (two for each level)",
    ),
    "colon.md": (
        "---\ntitle: Seoul: a diary\ndate: 2026-12-02\n---\n",
        "error: docs/blog/posts/colon.md, line 2: the title contains a colon, which front "
        "matter reads as the start of a new setting: put the title in double quotes: "
        'title: "Seoul: a diary"',
    ),
    "colon-and-quotes.md": (
        '---\ntitle: Movies I love: "Parasite"\ndate: 2026-12-02\n---\n',
        "error: docs/blog/posts/colon-and-quotes.md, line 2: the title contains a colon, which "
        "front matter reads as the start of a new setting: put the title in single quotes: "
        "title: 'Movies I love: \"Parasite\"'",
    ),
    "no-space.md": (
        "---\ntitle:Seoul\ndate: 2026-12-02\n---\n",
        "error: docs/blog/posts/no-space.md, line 2: put a space after the colon: title: Seoul",
    ),
    "open-quote.md": (
        '---\ntitle: "Seoul\ndate: 2026-12-02\n---\n',
        'error: docs/blog/posts/open-quote.md, line 2: the quote " opened on this line is never '
        'closed: end the value with " too: title: "Seoul"',
    ),
    "number-title.md": (
        "---\ntitle: 1984\ndate: 2026-12-02\n---\n",
        "error: docs/blog/posts/number-title.md, line 2: the title 1984 is read as a number, "
        'not as text: put the title in double quotes: title: "1984"',
    ),
}


def test_common_slips_are_told_in_the_authors_words(project: Project):
    for name, (content, _) in SLIPS.items():
        project.write_post(name, content)
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    printed = result.stderr.splitlines()
    for name, (_, message) in SLIPS.items():
        assert message in printed, f"{name}: {result.stderr}"
    summary = f"{len(SLIPS)} problems in {len(SLIPS)} files: fix them and run the check again."
    assert printed[-1] == summary, result.stderr


def test_mkdocs_build_refuses_too_and_writes_nothing(project: Project):
    """`mkdocs build` run directly stops before touching site/ (`mkdocs serve` shows
    the message in the browser instead: tests/browser/test_preview_errors.py)."""
    project.site.mkdir()
    (project.site / "previous.html").write_text("the last good site", encoding="utf-8")
    project.write_post("bad.md", "---\ntitle: X\ndate: 2021-02-30\n---\n")
    result = project.run("mkdocs", "build", "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "docs/blog/posts/bad.md, line 3" in result.stderr
    assert [path.name for path in project.site.iterdir()] == ["previous.html"]


def test_two_posts_with_the_same_address_are_refused(project: Project):
    project.write_post("first.md", "---\ntitle: Same Title\ndate: 2021-01-01\n---\n")
    project.write_post("second.md", "---\ntitle: same title\ndate: 2021-02-01\n---\n")
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 1
    assert (
        "docs/blog/posts/second.md, line 2: this post would get the address /same-title/, "
        "which docs/blog/posts/first.md already has" in result.stderr
    )


def test_one_old_address_written_plain_and_encoded_is_refused(project: Project):
    project.write_post("a.md", "---\ntitle: A\ndate: 2021-01-01\nwix:\n  path: /post/bañó\n---\n")
    project.write_post(
        "b.md", "---\ntitle: B\ndate: 2021-01-02\nwix:\n  path: /post/ba%C3%B1%C3%B3\n---\n"
    )
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 1
    assert "is also the old address of docs/blog/posts/" in result.stderr


def test_a_tag_written_two_ways_is_refused(project: Project):
    project.write_post("a.md", "---\ntitle: A\ndate: 2021-01-01\ntags: [Seoul, R&D]\n---\n")
    project.write_post("b.md", "---\ntitle: B\ndate: 2021-01-02\ntags: [R&D, seoul]\n---\n")
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 1
    assert (
        "docs/blog/posts/b.md, line 4: the tag 'seoul' is written 'Seoul' in "
        "docs/blog/posts/a.md; write it the same way in both"
    ) in result.stderr


def test_explicit_slug_colliding_with_another_post_is_refused(project: Project):
    project.write_post(
        "mine.md", "---\ntitle: Mine\nslug: miracle-in-cell-no-7\ndate: 2021-01-01\n---\n"
    )
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 1
    problem = next(line for line in result.stderr.splitlines() if "/miracle-in-cell-no-7/" in line)
    assert "docs/blog/posts/mine.md" in problem
    assert "docs/blog/posts/miracle-in-cell-no-7.md" in problem


def test_a_future_post_is_a_notice_not_an_error(project: Project):
    project.write_post("later.md", "---\ntitle: Later\ndate: 2999-01-01\n---\n")
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 0
    assert "notice: docs/blog/posts/later.md, line 3: the post is dated 2999-01-01" in result.stdout


def test_the_repository_posts_pass(project: Project):
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_good_post_with_every_field_passes(project: Project):
    project.write_post(
        "full.md",
        "---\ntitle: Full\ndate:\n  created: 2021-01-01\n  updated: 2021-02-01\n"
        "categories: [Movies]\nviews: 1234\ncomments: 1\nlikes: 7\ndraft: false\n"
        "slug: full-post\ndate_estimated: [created]\ntags: [Seoul, R&D]\n---\n\nText.\n",
    )
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 0, result.stderr


def test_on_github_problems_become_annotations(project: Project):
    project.write_post("bad.md", "---\ntitle: X\ndate: 2021-02-30\n---\n")
    result = project.run("blog_extras.cli", "check", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "::error file=docs/blog/posts/bad.md,line=3::the date 2021-02-30" in result.stdout


def test_post_text_cannot_write_workflow_commands_into_the_ci_log(project: Project):
    """A category holding a line break and `::error::` stays inside its own message."""
    project.write_post(
        "sneaky,name.md",
        '---\ntitle: X\ndate: 2021-01-01\ncategories: ["x\\n::error::pwned\\r::warning::y"]\n---\n',
    )
    result = project.run("blog_extras.cli", "check", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 1, lines  # the one annotation, and no other command
    assert commands[0].startswith("::error file=docs/blog/posts/sneaky%2Cname.md,line=4::")
    assert "x%0A::error::pwned%0D::warning::y" in commands[0]
    assert any("'x\\n::error::pwned\\r::warning::y'" in line for line in lines)


def test_a_title_from_the_first_heading_is_the_posts_title_everywhere(project: Project):
    """As in Material's "Setting up a blog": the date in front matter, the title as the
    first `# heading`. The checks, the address, Recent Posts, the feed and the
    redirect all use that title."""
    project.write_post(
        "heading.md",
        "---\ndate: 2022-03-03\nwix:\n  path: /post/old-heading\n---\n\n"
        "# A Title From The Heading\n\nThe opening.\n\n<!-- more -->\n\nThe rest.\n",
    )
    assert project.run("blog_extras.cli", "check").returncode == 0
    result = project.run("blog_extras.cli", "build")
    assert result.returncode == 0, result.stderr
    page = (project.site / "a-title-from-the-heading" / "index.html").read_text(encoding="utf-8")
    assert page.count("<h1") == 1 and re.search(r"<h1[^>]*>A Title From The Heading", page)
    miracle = (project.site / "miracle-in-cell-no-7" / "index.html").read_text(encoding="utf-8")
    assert ">A Title From The Heading</a>" in miracle  # its Recent Posts
    feed = (project.site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>A Title From The Heading</title>" in feed
    redirect = (project.site / "post" / "old-heading" / "index.html").read_text(encoding="utf-8")
    assert "A Title From The Heading" in redirect and "a-title-from-the-heading/" in redirect


def test_a_post_with_neither_title_nor_heading_is_refused(project: Project):
    project.write_post("untitled.md", "---\ndate: 2022-03-03\n---\n\nJust text.\n")
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 1
    assert "begin its text with a heading line '# My title'" in result.stderr
