"""fields.py: the values Material prints or includes, as the checks judge them."""

from __future__ import annotations

from pathlib import Path

import pytest

from blog_extras.authoring import fields

THEME = Path(__file__).parents[1] / ".venv/lib/python3.11/site-packages/material/templates"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("Plain words & more > less", ""),
        ('A "quoted" <3', ""),
        ("<b>bold</b>", "it holds HTML"),
        ("Tom &amp; Jerry", "it holds HTML"),
        ("bell\a", "control character '\\x07'"),
        ("line\nbreak", "control character '\\n'"),
        ("\u2028", "control character"),
        (["a list"], "it must be text"),
        (None, "it must be text"),
    ],
)
def test_text(value: object, words: str):
    problem = fields.text_problem(value)
    assert (words in problem) if words else problem == ""


def test_text_where_markup_is_escaped_still_refuses_control_characters():
    assert fields.text_problem("<b>x</b>", markup_allowed=True) == ""
    assert "control character" in fields.text_problem("x\x1b", markup_allowed=True)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("https://example.org/a?b=1&c=2#d", ""),
        ("http://example.org", ""),
        ("assets/avatar.svg", ""),
        ("../other-post.md#part", ""),
        ("javascript:alert(1)", "'javascript:' addresses are not allowed"),
        ("JavaScript:alert(1)", "'javascript:' addresses are not allowed"),
        ("data:text/html,x", "'data:' addresses are not allowed"),
        ("java\tscript:alert(1)", "a space, a quote"),
        ('https://example.org/" onclick="x', "a space, a quote"),
        ("//evil.example.org/x", "without http(s)"),
        ("https:evil", "it names no site after 'https:'"),
        ("", "must be a web address or a file"),
        (3, "must be a web address or a file"),
    ],
)
def test_url(value: object, words: str):
    problem = fields.url_problem(value)
    assert (words in problem) if words else problem == ""


def test_icon_must_be_a_file_of_the_theme():
    assert fields.icon_problem("material/book", [THEME]) == ""
    assert "no icon 'material/no-such'" in fields.icon_problem("material/no-such", [THEME])
    for bad in ("../partials/header", "material", "material/Book", 3):
        assert "must name one of the theme's icons" in fields.icon_problem(bad, [THEME])


def test_status_is_one_word():
    assert fields.status_problem("new") == ""
    assert fields.status_problem("long-term") == ""
    for bad in ('new" onclick="x', "two words", "", None):
        assert "one word" in fields.status_problem(bad)


def test_links_every_title_and_address_nested():
    links = [
        "other.md",
        {"Fine": "https://example.org"},
        {"<b>Bold</b>": "https://example.org"},
        {"Section": ["javascript:x", {"Deep": "data:,x"}]},
    ]
    problems = list(fields.link_problems(links))
    assert len(problems) == 3
    assert "the title '<b>Bold</b>'" in problems[0][0] and problems[0][1] == (2, "<b>Bold</b>")
    assert "'javascript:x'" in problems[1][0] and problems[1][1] == (3, "Section", 0)
    assert "'data:,x'" in problems[2][0] and problems[2][1] == (3, "Section", 1, "Deep")
    assert list(fields.link_problems("a.md")) == [
        ("'links' must be a list of addresses, or of 'Title: address'", ())
    ]


@pytest.mark.parametrize(
    ("tags", "words"),
    [
        (["Seoul", "R&D", "Manu Bañó", "3 > 2"], ""),
        ([], ""),
        ("Seoul", "'tags' must be a list"),
        (["<b>x</b>"], "the tag '<b>x</b>' cannot be used: it holds HTML"),
        (["Tom &amp; Jerry"], "it holds HTML"),
        (["line\nbreak"], "control character '\\n'"),
        ([2021], "the tag 2021 must be text"),
        ([""], "no letters or digits"),
        (["!!!"], "no letters or digits"),
        (["x" * 101], "101 characters long; 100 at most"),
        ([f"tag {n}" for n in range(51)], "lists 51 tags; at most 50"),
    ],
)
def test_tags(tags: object, words: str):
    problems = list(fields.tag_problems(tags))
    assert any(words in problem for problem in problems) if words else problems == []


def test_tags_written_two_ways_share_one_anchor():
    assert fields.tag_anchor("Seoul") == fields.tag_anchor("seoul") == "seoul"
    assert fields.tag_anchor("R&D") == fields.tag_anchor("RD")
    assert fields.tag_anchor("Manu Bañó") == "manu-bañó"
