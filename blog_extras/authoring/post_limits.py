"""How large a post may be, so that no post can hold a build for minutes.

Python-Markdown's inline patterns slow down faster than a paragraph grows: a
paragraph of a few megabytes takes it tens of minutes, and so do 4,000 ``[``
in a row (11 seconds, and four times that for twice as many). Real posts are
nowhere near the limits below; a post that reaches one is refused with the
line of the paragraph, before anything converts it.
"""

from __future__ import annotations

import re
from pathlib import Path

MAX_POST_BYTES = 2_000_000  # a long post with its text is well under 200 KB
MAX_PARAGRAPH_CHARS = 50_000  # about 8,000 words in one paragraph
# Opening brackets and angle brackets in one paragraph (a link or a tag each).
MAX_PARAGRAPH_MARKS = 500
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def read_post(path: Path) -> bytes:
    """The post's bytes, but no more than one byte over the limit: a file of
    gigabytes is refused without being read whole."""
    if path.stat().st_size <= MAX_POST_BYTES:
        return path.read_bytes()
    with path.open("rb") as file:
        return file.read(MAX_POST_BYTES + 1)


def size_problem(raw: bytes) -> tuple[str, int | None] | None:
    """Why the post ``raw`` is too large to build, and the line; None when it is not."""
    if len(raw) > MAX_POST_BYTES:
        return (
            f"the file is larger than {MAX_POST_BYTES // 1_000_000} MB, far more than a "
            "post; split it, or move what is not its text out of it",
            None,
        )
    text = raw.decode("utf-8", "replace")
    start, size, marks, fence = 1, 0, 0, ""
    for number, line in enumerate(text.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence:  # code is shown as it is, not read for links or emphasis
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = ""
            continue
        if opening:
            fence, size, marks = opening[1], 0, 0
            continue
        if not line.strip():
            size, marks = 0, 0
            continue
        if not size:
            start = number
        size += len(line) + 1
        marks = marks + line.count("[") + line.count("<")
        if size > MAX_PARAGRAPH_CHARS:
            return (
                f"this paragraph is longer than {MAX_PARAGRAPH_CHARS:,} characters, more than "
                "Markdown can convert in good time; split it with blank lines",
                start,
            )
        if marks > MAX_PARAGRAPH_MARKS:
            return (
                f"this paragraph holds more than {MAX_PARAGRAPH_MARKS} '[' and '<', more than "
                "Markdown can convert in good time; split it with blank lines",
                start,
            )
    return None
