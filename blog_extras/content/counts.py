"""How the view and comment counts beside each post are worded: "1 view",
"2 views", "1,234 views", as the old Wix page showed them, and no words at all for
a count nobody counted (never an invented "0 views").

This module is the one place that decides it. Three places show counts:

* the built pages, whose words come from :func:`count_phrase` (``posts.py`` hands
  them to the templates as ``views_text`` and ``comments_text``);
* ``overrides/assets/javascripts/blog-services.js``, which rewrites the counts once
  the live ones arrive: it formats them only with :func:`script_wording`, which the
  build hands it in the page's blog-services JSON (``services.py``), and has no
  words or separator of its own;
* the fallback of ``overrides/partials/post-counts.html`` for pages rendered
  without this package (another engine, such as Zensical, which runs no MkDocs
  plugin): it cannot ask Python, so it repeats the words and the grouping in a
  Jinja macro. ``tests/test_templates.py`` renders that fallback for 0, 1, 2, 999,
  1000, 1234 and 1,000,000 and compares it with :func:`count_phrase` (and
  ``tests/test_engines.py`` builds it with Zensical), which holds it to this
  module: change the wording here and those tests say to change it there too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Digits are grouped by threes from the right, as on the old Wix page: "1,234".
THOUSANDS_SEPARATOR = ","
GROUP_SIZE = 3
# Where the number goes in a phrase (the placeholder Material's own "# min read" uses).
NUMBER = "#"


@dataclass(frozen=True)
class CountWords:
    """How one kind of count reads: ``one`` for exactly 1, ``other`` for any other
    number, each with :data:`NUMBER` where the number goes."""

    one: str
    other: str


VIEWS = CountWords(one=f"{NUMBER} view", other=f"{NUMBER} views")
COMMENTS = CountWords(one=f"{NUMBER} comment", other=f"{NUMBER} comments")


def grouped(count: int) -> str:
    """``1234`` as ``1,234``: :data:`GROUP_SIZE` digits a group, from the right."""
    digits = str(abs(count))
    lead = (len(digits) - 1) % GROUP_SIZE + 1  # the first group: 1 to GROUP_SIZE digits
    groups = [digits[:lead]]
    groups += [digits[at : at + GROUP_SIZE] for at in range(lead, len(digits), GROUP_SIZE)]
    return ("-" if count < 0 else "") + THOUSANDS_SEPARATOR.join(groups)


def count_phrase(count: int | None, words: CountWords) -> str:
    """``1 view``, ``43 views``, ``1,234 views``; "" for a count nobody counted (None)."""
    if count is None:
        return ""
    pattern = words.one if count == 1 else words.other
    return pattern.replace(NUMBER, grouped(count))


def views_phrase(count: int | None) -> str:
    return count_phrase(count, VIEWS)


def comments_phrase(count: int | None) -> str:
    return count_phrase(count, COMMENTS)


def script_wording() -> dict[str, Any]:
    """The rule and the words, as JSON for blog-services.js, which formats the live
    counts with them exactly as :func:`count_phrase` does."""
    return {
        "separator": THOUSANDS_SEPARATOR,
        "groupSize": GROUP_SIZE,
        "number": NUMBER,
        "views": {"one": VIEWS.one, "other": VIEWS.other},
        "comments": {"one": COMMENTS.one, "other": COMMENTS.other},
    }
