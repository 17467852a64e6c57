"""Reading the Wix page capture the blog was moved from (tests/fixtures/).

The capture is what a reader got by selecting all on the old post page: the
title, "Updated: <date>", the paragraphs, "<n> views<n> comments" run together,
then "Recent Posts", "See All" and pairs of title and opening line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CAPTURE = Path(__file__).parent / "fixtures" / "wix-capture-miracle-in-cell-no-7.txt"

_COUNTS = re.compile(r"^(?P<views>[\d,]+) views?(?P<comments>[\d,]+) comments?$")


@dataclass(frozen=True)
class Capture:
    title: str
    date_line: str
    paragraphs: list[str]
    views: int
    comments: int
    recent: list[tuple[str, str]]  # (title, opening as Wix cut it)


def read_capture(path: Path = CAPTURE) -> Capture:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    assert lines[0] == "top of page" and lines[-1] == "bottom of page"
    title, date_line = lines[1], lines[2]
    counts_at = next(i for i, line in enumerate(lines) if _COUNTS.match(line))
    counts = _COUNTS.match(lines[counts_at])
    assert counts is not None
    assert lines[counts_at + 1 : counts_at + 3] == ["Recent Posts", "See All"]
    recent_lines = lines[counts_at + 3 : -1]
    return Capture(
        title=title,
        date_line=date_line,
        paragraphs=lines[3:counts_at],
        views=int(counts["views"].replace(",", "")),
        comments=int(counts["comments"].replace(",", "")),
        recent=list(zip(recent_lines[::2], recent_lines[1::2], strict=True)),
    )
