"""safe_yaml: YAML without aliases, errors as one line naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from blog_extras.authoring import safe_yaml


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("links: &l [*l]\n", 1),
        ("a: &a [x, x]\nb: [*a, *a]\n", 1),
        ("title: X\nname: &n Jane\nother: *n\n", 2),
        ("authors:\n  jane: &j\n    name: Jane\n  bo: *j\n", 2),
    ],
)
def test_aliases_are_refused_with_their_line(text: str, line: int):
    with pytest.raises(safe_yaml.YamlFileError) as error:
        safe_yaml.load(text, "f.yml")
    assert str(error.value) == f"f.yml, line {line}: {safe_yaml.ALIAS_PROBLEM}"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("authors:\n  me:\n    <<: {url: 'javascript:x'}\n    name: Me\n", 3),
        ("title: X\n<<: {draft: false}\n", 2),
    ],
)
def test_merge_keys_are_refused_with_their_line(text: str, line: int):
    # A value behind '<<' is not where a check reading the file's lines looks.
    with pytest.raises(safe_yaml.YamlFileError) as error:
        safe_yaml.load(text, "f.yml")
    assert str(error.value) == f"f.yml, line {line}: {safe_yaml.MERGE_PROBLEM}"


def test_a_key_spelled_like_a_merge_key_in_quotes_is_a_plain_key():
    assert safe_yaml.load("'<<': x\n", "f.yml") == {"<<": "x"}


def test_plain_yaml_and_anchors_alone_are_read():
    assert safe_yaml.load("a: &a [1, 2]\nb: {c: d}\n", "f.yml") == {"a": [1, 2], "b": {"c": "d"}}
    assert safe_yaml.load("", "f.yml") is None


@pytest.mark.parametrize(
    ("text", "words"),
    [("a: [\n", "f.yml, line 2"), ("a: " + "[" * 5000 + "]" * 5000, "f.yml, line 1")],
)
def test_broken_yaml_is_one_line_naming_the_file(text: str, words: str):
    with pytest.raises(safe_yaml.YamlFileError) as error:
        safe_yaml.load(text, "f.yml")
    assert str(error.value).startswith(words) and "\n" not in str(error.value)


def test_files_too_large_or_not_utf8_are_refused(tmp_path: Path):
    large = tmp_path / "large.yml"
    large.write_text("a: " + "x" * 2_000_000, encoding="utf-8")
    with pytest.raises(safe_yaml.YamlFileError, match=r"large\.yml: 2,000,003 bytes"):
        safe_yaml.load_file(large, "large.yml")
    latin = tmp_path / "latin.yml"
    latin.write_bytes(b"name: Jos\xe9\n")
    with pytest.raises(safe_yaml.YamlFileError, match=r"latin\.yml: not UTF-8"):
        safe_yaml.load_file(latin, "latin.yml")
