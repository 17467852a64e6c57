"""Front-matter mistakes in the author's words.

YAML's own messages name the parser's state ("mapping values are not allowed in
this context", "found character that cannot start any token"), not the slip
that caused it, and libyaml and PyYAML word them differently. These functions
read the line YAML stopped at, and the lines above it, to tell the common
slips apart (a tab, a colon inside a title, a missing space after a colon, a
quote or a list left open, a value starting with a character YAML reserves, a
line indented like no other) and suggest the line as it should be written,
made from the author's own line.

Every function here is pure: lines in, words out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date

# A setting's line: its indentation, its name, and what follows the colon.
_SETTING = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w-]*):(?P<rest>.*)$")
# Characters that cannot start a plain (unquoted) value in YAML.
RESERVED_STARTS = "[]{}*&!|>%@`#,"
QUOTES = "\"'"
# Settings whose value is a list, written [like, this]: a "[" is meant there.
LIST_KEYS = frozenset({"categories", "authors", "tags", "date_estimated", "hide", "links"})
# A date written year-month-day with one-digit months or days, or with / or .
_LOOSE_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?P<rest>([ T].*)?)$")


def quoted(text: str) -> str:
    """``text`` as a YAML value in quotes: double quotes, or single quotes when it
    holds double quotes and no single one (easier to read than ``\\"``)."""
    if '"' in text and "'" not in text:
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


# The longest suggested line a message repeats in full.
MAX_SHOWN = 160


def _value_text(rest: str) -> str:
    """What follows ``key:`` as the author meant it: trimmed, without a trailing
    ``# comment`` (YAML would drop it too)."""
    return re.split(r"\s+#", rest.strip(), maxsplit=1)[0]


def quoted_line(line: str) -> str | None:
    """The setting on ``line`` with its value in quotes, as :func:`quoted` writes them
    (``title: "Seoul: a diary"``), or None when the line is no ``name: value``."""
    match = _SETTING.match(line.rstrip("\r\n"))
    if not match:
        return None
    value = _value_text(match["rest"])
    if not value:
        return None
    # A value already between quotes keeps what is inside them.
    if len(value) >= 2 and value[0] in QUOTES and value[-1] == value[0]:
        value = value[1:-1]
    return f"{match['indent']}{match['key']}: {quoted(value)}"


def _the_value(key: str) -> str:
    return "the title" if key == "title" else f"the value of '{key}'"


def _put_in_quotes(key: str, suggestion: str) -> str:
    """Tells to write ``suggestion``, a ``key: value`` line, naming the quotes its
    value is in (:func:`quoted` picks single ones for a value holding double ones)."""
    what = "the title" if key == "title" else "the value"
    value = suggestion.partition(":")[2].strip()
    kind = {'"': "double quotes", "'": "single quotes"}.get(value[:1], "quotes")
    line = suggestion.strip()
    if len(line) > MAX_SHOWN:  # a message stays one readable line, whatever was written
        line = line[: MAX_SHOWN - 3] + "..."
    return f"put {what} in {kind}: {line}"


def _special_start(key: str, line: str) -> str:
    value = _value_text(line.split(":", 1)[1])
    return (
        f"{_the_value(key)} starts with {value[0]}, which has a special meaning in front "
        f"matter: {_put_in_quotes(key, quoted_line(line) or line)}"
    )


def _kind_of(value: object) -> str:
    if isinstance(value, bool):
        return "a yes or no"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, int | float):
        return "a number"
    return "nothing"


def title_not_text(line: str, value: object) -> str | None:
    """Why ``title: ...`` on ``line`` was read as ``value``, not as text (``title:
    1984``, ``title: #1``, ``title: {x}``), and the line to write instead; None when
    nothing follows the colon."""
    match = _SETTING.match(line.rstrip("\r\n"))
    written = match["rest"].strip() if match else ""
    if not match or not written:
        return None
    if written[0] in RESERVED_STARTS:
        return _special_start("title", f"{match['key']}: {written}")
    suggestion = _put_in_quotes("title", f"{match['key']}: {quoted(_value_text(written))}")
    return f"the title {written} is read as {_kind_of(value)}, not as text: {suggestion}"


def date_hint(text: str, in_quotes: bool) -> str:
    """What to do about a date that YAML read as text (``2026-12-2``, ``"2026-12-02"``,
    ``2026/12/02``, ``May 29, 2021``), as a clause after "the date ... is text"."""
    loose = _LOOSE_DATE.match(text.strip())
    write = ""
    if loose:
        fixed = f"{loose[1]}-{loose[2].zfill(2)}-{loose[3].zfill(2)}{loose['rest']}"
        how = "with a two-digit month and day" if "-" in text else "with dashes"
        missing = _no_such_day(int(loose[1]), int(loose[2]), int(loose[3]))
        if missing:  # written well or not, no such day is to be suggested
            how = "" if fixed == text.strip() else f" as year-month-day {how}"
            write = f"write a date that exists{how} ({missing})"
        elif fixed != text.strip():
            write = f"write the date as year-month-day {how}, e.g. {fixed}"
    if in_quotes:
        return "remove the quotes around it" + (f", and {write}" if write else "")
    return write or "write it as YYYY-MM-DD, for example 2021-05-29"


# English, whatever the machine's locale: as every other word of the messages.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _no_such_day(year: int, month: int, day: int) -> str:
    """Why year-month-day is no day of the calendar ("February 2026 has no day 30"),
    or "" when it is one."""
    try:
        date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            return f"there is no month {month}"
        if year < 1:
            return f"there is no year {year}"
        return f"{_MONTHS[month - 1]} {year} has no day {day}"
    return ""


def _tab_line(lines: Sequence[str], problem: int | None, column: int | None) -> int | None:
    """The line of a tab that broke the front matter: at the place YAML stopped, or
    in the indentation of a line up to there."""
    if problem is None:
        return None
    at = lines[problem] if problem < len(lines) else ""
    if column is not None and "\t" in at[max(column - 1, 0) : column + 1]:
        return problem
    for number, line in enumerate(lines[: problem + 1]):
        indentation = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indentation:
            return number
    return None


def missing_space(lines: Sequence[str], last: int) -> tuple[int, str] | None:
    """The nearest line up to ``last`` with no space after its setting's colon
    (``title:Seoul``), and the line as it should be."""
    for number in range(min(last, len(lines) - 1), -1, -1):
        match = _SETTING.match(lines[number].rstrip("\r\n"))
        rest = match["rest"] if match else ""
        # "key:value", but not "key://..." (an address is a value, not a slip).
        if match and rest and not rest[0].isspace() and not rest.startswith("//"):
            return number, f"{match['indent']}{match['key']}: {rest.strip()}"
    return None


def explain(
    lines: Sequence[str],
    first_line: int,
    problem: int | None,
    column: int | None,
    context: str | None = None,
    context_line: int | None = None,
) -> tuple[str, int] | None:
    """A message for the author about a YAML error and the line it names, counted in
    the file (``lines[0]`` is line ``first_line``); None when the error is none of
    the common slips.

    ``problem``, ``column``: where YAML stopped (its ``problem_mark``, counted from
    0 in ``lines``); ``context``, ``context_line``: what YAML was reading, and the
    line where that began (its ``context`` and ``context_mark``: the opening
    quote of a value, say).
    """
    tab = _tab_line(lines, problem, column)
    if tab is not None:
        # The message is printed after the line it names: "line 4: a tab was found...".
        return (
            "a tab was found on this line; front matter must be indented with spaces: "
            "replace the tab with spaces (two for each level)",
            first_line + tab,
        )
    found = _explain(lines, problem, column, context or "", context_line)
    return (found[0], first_line + found[1]) if found else None


def _explain(
    lines: Sequence[str],
    problem: int | None,
    column: int | None,
    context: str,
    context_line: int | None,
) -> tuple[str, int] | None:
    if context_line is not None and context_line < len(lines):
        opened = lines[context_line].rstrip("\r\n")
        if "quoted scalar" in context:
            quote = opened[opened.find(":") + 1 :].strip()[:1] or '"'
            return (
                f"the quote {quote} opened on this line is never closed: end the value with "
                f"{quote} too: {opened.strip()}{quote}",
                context_line,
            )
        if "flow sequence" in context or "flow mapping" in context:
            opening, closing = ("[", "]") if "sequence" in context else ("{", "}")
            return (
                f"the {opening} opened on this line is never closed: end the list with "
                f"{closing}: {opened.strip()}{closing}",
                context_line,
            )
        if "simple key" in context:
            missing = missing_space(lines, context_line)
            if missing and missing[0] == context_line:
                return f"put a space after the colon: {missing[1].strip()}", context_line
            if ":" not in opened:
                return (
                    f"this line, '{opened.strip()}', is not a setting: write it as "
                    "'name: value', or move it below the closing '---' if it belongs to the "
                    "post's text",
                    context_line,
                )
    if problem is None or problem >= len(lines):
        return None
    line = lines[problem].rstrip("\r\n")
    match = _SETTING.match(line)
    if match:
        key, value = match["key"], match["rest"].strip()
        if column is not None and column > match.end("key") and line[column : column + 1] == ":":
            return (
                f"{_the_value(key)} contains a colon, which front matter reads as the start of "
                f"a new setting: {_put_in_quotes(key, quoted_line(line) or line)}",
                problem,
            )
        if value[:1] and value[0] in QUOTES:
            return (
                f"{_the_value(key)} starts with a quote, so it ends at the next {value[0]} and "
                f"the rest cannot be read: write it as {(quoted_line(line) or line).strip()}",
                problem,
            )
        if value[:1] and value[0] in RESERVED_STARTS and key not in LIST_KEYS:
            return _special_start(key, line), problem
    missing = missing_space(lines, problem)
    if missing:
        return f"put a space after the colon: {missing[1].strip()}", missing[0]
    if line[:1] == " " or (problem > 0 and lines[problem - 1][:1] == " "):
        return (
            "this line is not indented like the lines around it: a setting starts at the "
            "beginning of its line, and the lines under one (created: and updated: under "
            "date:) are indented by the same two spaces",
            problem,
        )
    return None
