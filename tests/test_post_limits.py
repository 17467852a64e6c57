"""post_limits: posts too large for Markdown to convert in good time."""

from __future__ import annotations

from pathlib import Path

from blog_extras.authoring import post_limits

HEAD = b"---\ntitle: X\n---\n\n"  # the text starts on line 5


def test_a_post_of_ordinary_size_passes():
    paragraph = b"A sentence of the post, with a [link](x.md) and <b>bold</b>. " * 100
    assert post_limits.size_problem(HEAD + (paragraph + b"\n\n") * 100) is None


def test_a_file_over_the_limit_is_refused_and_not_read_whole(tmp_path: Path):
    big = tmp_path / "big.md"
    big.write_bytes(HEAD + b"Words.\n\n" * 1_000_000)
    raw = post_limits.read_post(big)
    assert len(raw) == post_limits.MAX_POST_BYTES + 1
    problem = post_limits.size_problem(raw)
    assert problem is not None and "larger than 2 MB" in problem[0] and problem[1] is None


def test_a_long_paragraph_is_refused_with_its_line():
    text = HEAD + b"Intro.\n\n" + b"word " * 20_000
    assert post_limits.size_problem(text) == (
        "this paragraph is longer than 50,000 characters, more than Markdown can convert in "
        "good time; split it with blank lines",
        7,
    )


def test_many_brackets_in_one_paragraph_are_refused_but_not_in_code():
    problem = post_limits.size_problem(HEAD + b"<" * 300 + b"\n" + b"[" * 300)
    assert problem is not None and "more than 500 '[' and '<'" in problem[0] and problem[1] == 5
    code = HEAD + b"````html\n" + b"<p>\n" * 2000 + b"```\nstill code\n````\n\nAfter.\n"
    assert post_limits.size_problem(code) is None
    # The same paragraphs split by blank lines pass.
    assert post_limits.size_problem(HEAD + (b"[a](b) " * 400 + b"\n\n") * 5) is None
