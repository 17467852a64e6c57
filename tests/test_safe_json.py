"""safe_json: JSON that is JSON, and deep nesting as a ValueError."""

from __future__ import annotations

import pytest

from blog_extras.authoring import safe_json


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[Infinity]", "Infinity is not a JSON number"),
        ('{"a": -Infinity}', "-Infinity is not a JSON number"),
        ("[NaN]", "NaN is not a JSON number"),
        ("[" * 100_000 + "]" * 100_000, "nests too deep"),
        ("{", "Expecting property name"),
    ],
)
def test_what_is_not_json_is_a_value_error(text: str, words: str):
    with pytest.raises(ValueError, match=words):
        safe_json.loads(text)


def test_json_is_read():
    assert safe_json.loads(b'{"a": [1, 2.5, null]}') == {"a": [1, 2.5, None]}
