"""YAML's errors in front matter, in the author's words (blog_extras/authoring/yaml_words.py).

Each row is read by both YAML parsers the checks may use (libyaml's, when PyYAML
has it, and PyYAML's own), which word and place some errors differently; the
message must be the same.
"""

from __future__ import annotations

import datetime

import pytest
import yaml

from blog_extras.authoring import yaml_words

LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]

# front matter (its first line is line 2 of the post) -> (message, line)
ERRORS = {
    "tab in the indentation": (
        "title: X\ndate:\n\tcreated: 2026-12-02\n",
        "a tab was found on this line; front matter must be indented with spaces: replace the "
        "tab with spaces (two for each level)",
        4,
    ),
    "tab before the first setting": (
        "\ttitle: X\n",
        "a tab was found on this line; front matter must be indented with spaces: replace the "
        "tab with spaces (two for each level)",
        2,
    ),
    "colon in the title": (
        "title: Seoul: a diary\ndate: 2026-12-02\n",
        "the title contains a colon, which front matter reads as the start of a new setting: "
        'put the title in double quotes: title: "Seoul: a diary"',
        2,
    ),
    "colon in a title holding double quotes": (
        'title: The "Seoul" diary: day one\n',
        "the title contains a colon, which front matter reads as the start of a new setting: "
        "put the title in single quotes: title: 'The \"Seoul\" diary: day one'",
        2,
    ),
    "colon in a title ending in double quotes": (
        'title: Movies I love: "Parasite"\n',
        "the title contains a colon, which front matter reads as the start of a new setting: "
        "put the title in single quotes: title: 'Movies I love: \"Parasite\"'",
        2,
    ),
    "colon at the end of the title": (
        "title: Note:\n",
        "the title contains a colon, which front matter reads as the start of a new setting: "
        'put the title in double quotes: title: "Note:"',
        2,
    ),
    "colon in the description": (
        "title: X\ndescription: Time: 10 am  # a comment\n",
        "the value of 'description' contains a colon, which front matter reads as the start "
        'of a new setting: put the value in double quotes: description: "Time: 10 am"',
        3,
    ),
    "no space after a colon": (
        "title:Seoul\ndate: 2026-12-02\n",
        "put a space after the colon: title: Seoul",
        2,
    ),
    "no space after the date's colon": (
        "title: X\ndate:2026-12-02\n",
        "put a space after the colon: date: 2026-12-02",
        3,
    ),
    "double quote never closed": (
        'title: "Seoul\ndate: 2026-12-02\n',
        'the quote " opened on this line is never closed: end the value with " too: title: "Seoul"',
        2,
    ),
    "single quote never closed": (
        "title: X\ndescription: 'A diary\n",
        "the quote ' opened on this line is never closed: end the value with ' too: "
        "description: 'A diary'",
        3,
    ),
    "apostrophe inside single quotes": (
        "title: 'It's a day'\n",
        "the title starts with a quote, so it ends at the next ' and the rest cannot be "
        'read: write it as title: "It\'s a day"',
        2,
    ),
    "double quotes inside double quotes": (
        'title: "He said "hi""\n',
        'the title starts with a quote, so it ends at the next " and the rest cannot be '
        "read: write it as title: 'He said \"hi\"'",
        2,
    ),
    "list never closed": (
        "title: X\ncategories: [Movies\n",
        "the [ opened on this line is never closed: end the list with ]: categories: [Movies]",
        3,
    ),
    "title starting with [": (
        "title: [Draft] My post\n",
        "the title starts with [, which has a special meaning in front matter: put the title "
        'in double quotes: title: "[Draft] My post"',
        2,
    ),
    "title starting with *": (
        "title: *Star* wars\n",
        "the title starts with *, which has a special meaning in front matter: put the title "
        'in double quotes: title: "*Star* wars"',
        2,
    ),
    "title starting with [ and holding double quotes": (
        'title: [Draft] "Parasite"\n',
        "the title starts with [, which has a special meaning in front matter: put the title "
        "in single quotes: title: '[Draft] \"Parasite\"'",
        2,
    ),
    "subtitle starting with @": (
        "title: X\nsubtitle: @home\n",
        "the value of 'subtitle' starts with @, which has a special meaning in front matter: "
        'put the value in double quotes: subtitle: "@home"',
        3,
    ),
    "a line that is no setting": (
        "title: X\njust some words\n",
        "this line, 'just some words', is not a setting: write it as 'name: value', or move "
        "it below the closing '---' if it belongs to the post's text",
        3,
    ),
    "updated indented more than created": (
        "title: X\ndate:\n  created: 2026-12-02\n   updated: 2026-12-03\n",
        "this line is not indented like the lines around it: a setting starts at the "
        "beginning of its line, and the lines under one (created: and updated: under date:) "
        "are indented by the same two spaces",
        5,
    ),
    "a setting indented by a space": (
        "title: X\n date: 2026-12-02\n",
        "this line is not indented like the lines around it: a setting starts at the "
        "beginning of its line, and the lines under one (created: and updated: under date:) "
        "are indented by the same two spaces",
        3,
    ),
}


def explained(front_matter: str, loader: type) -> tuple[str, int] | None:
    try:
        yaml.load(front_matter, Loader=loader)  # the safe loaders only
    except yaml.MarkedYAMLError as error:
        problem, context = error.problem_mark, error.context_mark
        return yaml_words.explain(
            front_matter.splitlines(),
            2,
            problem.line if problem else None,
            problem.column if problem else None,
            error.context,
            context.line if context else None,
        )
    raise AssertionError(f"{loader.__name__} read it: {front_matter!r}")


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize("name", ERRORS)
def test_a_yaml_error_is_explained_on_its_line(name: str, loader: type):
    front_matter, message, line = ERRORS[name]
    assert explained(front_matter, loader) == (message, line)


def test_an_error_that_is_no_common_slip_is_left_to_yaml():
    # A list item among the settings: rare, and YAML's words will do.
    for loader in LOADERS:
        assert explained("title: X\n- item\n", loader) is None


@pytest.mark.parametrize(
    ("written", "in_quotes", "hint"),
    [
        ("2026-12-2", False,
         "write the date as year-month-day with a two-digit month and day, e.g. 2026-12-02"),
        ("2026-1-2 10:30", False,
         "write the date as year-month-day with a two-digit month and day, e.g. 2026-01-02 10:30"),
        ("2026/12/02", False, "write the date as year-month-day with dashes, e.g. 2026-12-02"),
        ("2026-12-02", True, "remove the quotes around it"),
        ("2026-12-2", True,
         "remove the quotes around it, and write the date as year-month-day with a "
         "two-digit month and day, e.g. 2026-12-02"),
        ("May 29, 2021", False, "write it as YYYY-MM-DD, for example 2021-05-29"),
        # Padded, the date would not exist: no such day is suggested.
        ("2026-2-30", False,
         "write a date that exists as year-month-day with a two-digit month and day "
         "(February 2026 has no day 30)"),
        ("2026/2/29 10:30", False,
         "write a date that exists as year-month-day with dashes (February 2026 has no day 29)"),
        ("2024-2-29", False,
         "write the date as year-month-day with a two-digit month and day, e.g. 2024-02-29"),
        ("2026-4-0", False,
         "write a date that exists as year-month-day with a two-digit month and day "
         "(April 2026 has no day 0)"),
        ("2026-13-2", True,
         "remove the quotes around it, and write a date that exists as year-month-day with a "
         "two-digit month and day (there is no month 13)"),
        ("2026-02-30", True,
         "remove the quotes around it, and write a date that exists (February 2026 has no "
         "day 30)"),
        ("0000-1-2", False,
         "write a date that exists as year-month-day with a two-digit month and day "
         "(there is no year 0)"),
        ("May 29, 2021", True, "remove the quotes around it"),
    ],
)  # fmt: skip
def test_a_date_read_as_text_gets_the_date_to_write(written: str, in_quotes: bool, hint: str):
    assert yaml_words.date_hint(written, in_quotes) == hint


@pytest.mark.parametrize(
    ("line", "value", "message"),
    [
        ("title: 1984", 1984,
         'the title 1984 is read as a number, not as text: put the title in double quotes: '
         'title: "1984"'),
        ("title: yes", True,
         'the title yes is read as a yes or no, not as text: put the title in double quotes: '
         'title: "yes"'),
        ("title: 2021-05-29", datetime.date(2021, 5, 29),
         'the title 2021-05-29 is read as a date, not as text: put the title in double '
         'quotes: title: "2021-05-29"'),
        ("title: #1 fan", None,
         "the title starts with #, which has a special meaning in front matter: put the title "
         'in double quotes: title: "#1 fan"'),
        ("title: {x}", {"x": None},
         "the title starts with {, which has a special meaning in front matter: put the title "
         'in double quotes: title: "{x}"'),
        ('title: {"x": 1}', {"x": 1},
         "the title starts with {, which has a special meaning in front matter: put the title "
         "in single quotes: title: '{\"x\": 1}'"),
        ("title:", None, None),
    ],
)  # fmt: skip
def test_a_title_not_read_as_text_is_put_in_quotes(line: str, value: object, message: str | None):
    assert yaml_words.title_not_text(line, value) == message


def test_a_suggested_line_is_valid_yaml_giving_the_authors_text():
    for text in ["Seoul: a diary", 'He said "hi": a story', 'It\'s "both": yes', "back\\slash"]:
        line = yaml_words.quoted_line(f"title: {text}")
        assert line is not None
        assert yaml.safe_load(line) == {"title": text}


def test_a_very_long_value_is_not_repeated_whole():
    deep = "{a: " * 3000 + "b" + "}" * 3000  # once made a message line of 15 KB
    message = yaml_words.title_not_text(f"title: {deep}", {"a": {}})
    assert message is not None
    assert message.startswith("the title starts with {, which has a special meaning")
    assert 'put the title in double quotes: title: "{a: {a: {a:' in message
    assert len(message) < 300 and message.endswith("...")
