"""Checks on posts before a build, with messages an author can act on.

Material's blog plugin answers many broken posts with a Python traceback that
names no file, and silently lets one post overwrite another when both get the
same URL. These checks run first (``make build``, ``make test``, and the
``blog-extras`` plugin before MkDocs touches ``site/``), name the file and the
line, and say in plain words what to change: YAML's own errors are told as
the slip that caused them, with the line as it should be written
(``yaml_words.py``).

Posts come from pull requests, so they are untrusted: besides mistakes, the
checks refuse what would write outside the site or over its own files (a
``slug:`` with ``/``, ``.`` or ``%``; an address the feed, search, Material's
archive and category pages, the old-address redirects or a file of ``docs/``
already has; an address too long for a file name), links in ``docs/`` that
lead outside it, files in ``docs/`` a blog does not need (a script, an HTML
page, an SVG that is more than a drawing: ``docs_files.py``), a ``template:``
the theme does not have, authors missing from Material's authors file, dates
Python cannot place in time, and HTML in titles. Every message is one line, so
a post's text cannot start a line of the CI log.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from blog_extras.authoring import fields, post_limits, safe_yaml, yaml_words
from blog_extras.authoring.docs_files import docs_file_problems
from blog_extras.content.paths import (
    OLD_POST_PREFIXES,
    address_problem,
    inside_folder,
    old_address_problem,
    slug_problem,
)
from blog_extras.content.posts import old_wix_path
from blog_extras.content.redirects import old_address_key

# Front-matter keys this blog understands, Material's and its own. A key close to
# one of these but not equal is almost certainly a typo that would be ignored.
KNOWN_KEYS = (
    "title", "date", "draft", "categories", "authors", "slug", "readtime", "pin", "links",
    "views", "comments", "likes", "date_estimated", "description", "tags", "hide",
    "template", "search", "status", "icon", "subtitle", "wix",
)  # fmt: skip
# The theme's templates that are not a page's layout: Material's redirect.html
# prints `location:` into an inline script and a refresh, as written (for its
# redirects plugin); 404.html is the site's own.
NOT_PAGE_TEMPLATES = ("redirect.html", "404.html")
# A page's `author:` is Material's <meta name="author">; in a post, `author:` is
# far more often a slip for `authors:`, and is told so.
PAGE_KEYS = (*KNOWN_KEYS, "author")
# Counts carried over from Wix. `likes` is kept for the record but not shown.
_COUNT_KEYS = ("views", "comments", "likes")
_HTML = fields.HTML
# Every file MkDocs builds as a page: Markdown by any of the names it accepts
# (settings.py reads them from MkDocs; these are MkDocs 1.6's).
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
# MkDocs' YAML settings, and its MultiMarkdown ones: `key: value` lines at the top,
# continued by indented lines.
_YAML_START = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")


# As printed, and as GitHub's annotations say: an error stops the build; a warning
# does not, but is worth changing (a photo too large); a notice is news (a post
# scheduled for later).
Kind = Literal["error", "warning", "notice"]


@dataclass(frozen=True)
class Finding:
    path: str
    message: str
    line: int | None = None
    kind: Kind = "error"

    @property
    def is_error(self) -> bool:
        return self.kind == "error"

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        return one_line(f"{self.kind}: {where}: {self.message}")


def one_line(text: str) -> str:
    """``text`` with its line breaks and other control characters shown as escapes: a
    post's text in a message can then never start a line of the log (on GitHub
    Actions, a line starting with ``::`` is a workflow command)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


@dataclass(frozen=True)
class CheckSettings:
    """What the checks need to know of the site, read from mkdocs.yml."""

    docs_dir: Path
    post_dir: str  # below docs_dir
    categories_allowed: tuple[str, ...]
    # Material's slug of a title. Settings that change it or ``material`` change ``rules``.
    slugify: Callable[[str, str], str] = field(compare=False)
    # Material's own check of a post: (front matter, text, path below docs/) ->
    # ([(key, Material's message)], the address Material gives the post, or "")
    material: Callable[[dict[str, Any], str, str], tuple[list[tuple[str, str]], str]] = field(
        compare=False
    )
    # What the callables depend on, so that equal settings check alike (the
    # preview keeps the results of unchanged posts between rebuilds).
    rules: tuple[Any, ...] = ()
    slug_separator: str = "-"
    use_directory_urls: bool = True
    # Material holds back posts dated in the future (`draft_if_future_date`)
    future_posts_wait: bool = True
    # Addresses below the site that belong to the site itself (the feed, search,
    # Material's archive and category pages...): no post may take them.
    reserved: tuple[str, ...] = ()
    # The theme's folders, where a post's `template:` must be found.
    template_dirs: tuple[Path, ...] = ()
    # Python-Markdown's extensions and their settings, as mkdocs.yml lists them: the
    # images check reads posts as the build does.
    markdown_extensions: tuple[Any, ...] = field(default=(), compare=False)
    markdown_configs: dict[str, Any] = field(default_factory=dict, compare=False)
    # What MkDocs builds as a page, by the end of its name, and MkDocs' reading of a
    # page's MultiMarkdown settings (text -> settings).
    markdown_suffixes: tuple[str, ...] = MARKDOWN_SUFFIXES
    page_settings: Callable[[str], dict[str, Any]] = field(default=lambda text: {}, compare=False)
    # The authors of Material's authors file, in its order; None: Material's authors
    # are off.
    authors: tuple[str, ...] | None = None
    authors_file: Path | None = None  # Material's authors file


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    # Each post's file as the checks read it, for the checks that read posts after
    # them (the images): reading a blog twice costs `make check` as much again.
    sources: dict[Path, bytes] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.is_error]

    @property
    def notices(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.is_error]


class _FrontMatterError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


# What YAML counts as the end of a line, so that the line YAML names is the one quoted.
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# libyaml's parser when PyYAML has it: several times faster on a large blog.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_YAML_LOADER):  # type: ignore[misc, valid-type]
    """YAML loading that refuses repeated keys and impossible dates, with their lines."""

    def __init__(self, stream: str, first_line: int) -> None:
        super().__init__(stream)
        self.first_line = first_line
        self.key_lines: dict[str, int] = {}
        # Each date of `date:` (a single date is "created"): its line, and whether
        # it was written in quotes, for messages about dates read as text.
        self.date_lines: dict[str, tuple[int, bool]] = {}
        # Each entry of `links:`, by its place (fields.LinkPlace): its line.
        self.link_lines: dict[fields.LinkPlace, int] = {}

    def line_of(self, node: Node) -> int:
        return self.first_line + node.start_mark.line

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                continue
            key = key_node.value
            if key in seen:
                raise _FrontMatterError(
                    f"the key '{key}' appears twice (lines {seen[key]} and "
                    f"{self.line_of(key_node)}); keep one of them",
                    self.line_of(key_node),
                )
            seen[key] = self.line_of(key_node)
        if node is self._root:
            self.key_lines = {str(key): line for key, line in seen.items()}
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: ScalarNode) -> date | datetime:
        try:
            return SafeConstructor.construct_yaml_timestamp(self, node)
        except ValueError as error:
            raise _FrontMatterError(
                f"the date {node.value} does not exist ({error}); write a real date as YYYY-MM-DD",
                self.line_of(node),
            ) from None

    def get_single_node(self) -> Node | None:
        self._root = super().get_single_node()
        safe_yaml.refuse_aliases(
            self._root, lambda why, at: _FrontMatterError(why, self.line_of(at))
        )
        self._read_date_lines(self._root)
        self._read_link_lines(self._root)
        return self._root

    def _read_link_lines(self, root: Node | None) -> None:
        if not isinstance(root, MappingNode):
            return
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value == "links":
                self._read_entry_lines(value, ())

    def _read_entry_lines(self, node: Node, place: fields.LinkPlace) -> None:
        """The line of every entry of a list of ``links:`` (and of its sections)."""
        if not isinstance(node, SequenceNode):
            return
        for index, item in enumerate(node.value):
            if not isinstance(item, MappingNode):
                self.link_lines[(*place, index)] = self.line_of(item)
                continue
            for title, target in item.value:
                if isinstance(title, ScalarNode):
                    entry = (*place, index, title.value)
                    self.link_lines[entry] = self.line_of(title)
                    self._read_entry_lines(target, entry)

    def _read_date_lines(self, root: Node | None) -> None:
        if not isinstance(root, MappingNode):
            return
        for key, value in root.value:
            if not (isinstance(key, ScalarNode) and key.value == "date"):
                continue
            dates = [(key, value)] if isinstance(value, ScalarNode) else []
            if isinstance(value, MappingNode):
                dates = [(name, when) for name, when in value.value if isinstance(name, ScalarNode)]
            for name, when in dates:
                label = "created" if name is key else name.value
                quoted = isinstance(when, ScalarNode) and when.style in ("'", '"')
                self.date_lines[label] = (self.line_of(name), quoted)


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


def split_front_matter(text: str) -> tuple[str, int, str]:
    """The YAML between the opening and closing ``---`` lines, its first line number and
    the body. Raises _FrontMatterError when there is none or it is not closed."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        raise _FrontMatterError(
            "the file does not start with front matter: its first line must be '---', "
            "followed by the title, date and other settings, and another '---'",
            1,
        )
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip("\r\n") in ("---", "..."):
            return "".join(lines[1 : number - 1]), 2, "".join(lines[number:])
    raise _FrontMatterError(
        "the front matter is not closed: add a line '---' after the last setting", 1
    )


class _FrontMatter(NamedTuple):
    data: dict[str, Any]
    key_lines: dict[str, int]  # the line of each top-level key
    body: str
    lines: list[str]  # the front matter as written, to quote from in messages
    first_line: int  # the line number of lines[0]
    date_lines: dict[str, tuple[int, bool]]  # see _StrictLoader
    link_lines: dict[fields.LinkPlace, int]  # see _StrictLoader

    def line_text(self, line: int | None) -> str:
        at = line - self.first_line if line is not None else -1
        return self.lines[at] if 0 <= at < len(self.lines) else ""


def front_matter_and_body(text: str) -> tuple[str, str] | None:
    """A post's front matter (the YAML between its ``---`` lines) and its text below;
    None when the front matter is missing or not closed."""
    try:
        yaml_text, _first_line, body = split_front_matter(text)
    except _FrontMatterError:
        return None
    return yaml_text, body


def body_of(text: str) -> tuple[str, int] | None:
    """A post's text below its front matter, and the line that text starts on; None
    when the front matter is missing or not closed."""
    try:
        _yaml, _first_line, body = split_front_matter(text)
    except _FrontMatterError:
        return None
    return body, len(text[: len(text) - len(body)].splitlines()) + 1


def _read_front_matter(raw: bytes) -> _FrontMatter:
    if not raw.strip():
        raise _FrontMatterError("the file is empty; a post needs front matter and text", None)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _FrontMatterError(
            "the file is not UTF-8 text; save it again with the UTF-8 encoding", line
        ) from None
    yaml_text, first_line, body = split_front_matter(text)
    lines = _YAML_LINE_BREAK.split(yaml_text)
    loader = _StrictLoader(yaml_text, first_line)
    try:
        data = loader.get_single_data()
    except _FrontMatterError:
        raise
    except (yaml.MarkedYAMLError, ConstructorError) as error:
        raise _yaml_error(error, lines, first_line) from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        # "title:My post" alone is one word to YAML, not a setting.
        missing = yaml_words.missing_space(lines, len(lines) - 1)
        if missing:
            message = f"put a space after the colon: {missing[1].strip()}"
            raise _FrontMatterError(message, first_line + missing[0])
        raise _FrontMatterError(
            "the front matter must be a list of 'key: value' settings, such as 'title: My post'",
            first_line,
        )
    return _FrontMatter(
        data, loader.key_lines, body, lines, first_line, loader.date_lines, loader.link_lines
    )


def _yaml_error(
    error: yaml.MarkedYAMLError, lines: list[str], first_line: int
) -> _FrontMatterError:
    """YAML's error in the author's words (yaml_words), or else YAML's own."""
    problem, context = error.problem_mark, error.context_mark
    explained = yaml_words.explain(
        lines,
        first_line,
        problem.line if problem else None,
        problem.column if problem else None,
        error.context,
        context.line if context else None,
    )
    if explained:
        return _FrontMatterError(*explained)
    mark = problem or context
    return _FrontMatterError(
        f"the front matter cannot be read ({error.problem or 'it is not valid YAML'}); check "
        "the quotes, colons and indentation",
        first_line + mark.line if mark else None,
    )


def _check_date(
    value: Any,
    line: int | None,
    path: str,
    today: date,
    future_posts_wait: bool,
    date_lines: dict[str, tuple[int, bool]] | None = None,
) -> Iterable[Finding]:
    """``date_lines``: each date's own line, and whether it is in quotes."""
    if value is None:
        yield Finding(path, "the post has no date: add 'date: YYYY-MM-DD'", line)
        return
    dates = value if isinstance(value, dict) else {"created": value}
    if "created" not in dates:
        yield Finding(path, "'date' lists no 'created' date, the day of publication", line)
        return
    for name, when in dates.items():
        if isinstance(when, str):
            at, in_quotes = (date_lines or {}).get(name, (line, False))
            hint = yaml_words.date_hint(when, in_quotes)
            how = "is in quotes, which makes it text" if in_quotes else "is text, not a date"
            yield Finding(path, f"the date {when} ({name}) {how}: {hint}", at)
        elif not isinstance(when, date):
            yield Finding(path, f"the {name} date must be a date written YYYY-MM-DD", line)
    for name, when in dates.items():
        if isinstance(when, date) and not 1000 <= _year(when) <= 9998:
            yield Finding(path, f"the {name} date {when} is not a year of this era", line)
            return
    created, updated = dates.get("created"), dates.get("updated")
    if isinstance(created, date) and isinstance(updated, date) and _day(updated) < _day(created):
        yield Finding(path, "the 'updated' date is before the 'created' date", line)
    if future_posts_wait and isinstance(created, date) and _day(created) > today:
        yield Finding(
            path,
            f"the post is dated {_day(created).isoformat()}, in the future: it stays "
            "unpublished until the first build on or after that day",
            line,
            kind="notice",
        )


def _year(value: date) -> int:
    try:
        return _day(value).year
    except OverflowError:  # a time zone that moves it out of Python's range of dates
        return 0


def _day(value: date) -> date:
    return value.astimezone(UTC).date() if isinstance(value, datetime) else value


def first_heading(body: str) -> str | None:
    """The title MkDocs and Material take from a page without ``title:``: its first
    line of text, when that is a ``# Heading``."""
    for line in body.splitlines():
        text = line.strip()
        if text:
            return text.lstrip("#").strip() if text.startswith("# ") else None
    return None


def _check_title(
    value: Any, line: int | None, path: str, settings: CheckSettings, written: str = ""
) -> Iterable[Finding]:
    """``written``: the line ``title: ...`` as written, when there is one."""
    if written and not isinstance(value, str):
        hint = yaml_words.title_not_text(written, value)
        if hint:
            yield Finding(path, hint, line)
            return
    if value is None:
        yield Finding(
            path,
            "the post has no title: add 'title: ...' to the front matter, or begin its text "
            "with a heading line '# My title'",
            line,
        )
    elif not isinstance(value, str) or not value.strip():
        yield Finding(path, "the title is empty: write the post's title after 'title:'", line)
    elif fields.control_problem(value):
        # The feed is XML, which cannot hold most control characters at all.
        yield Finding(path, f"the title cannot be used: {fields.control_problem(value)}", line)
    elif _HTML.search(value):
        yield Finding(
            path, "the title contains HTML; write it as plain text (no <tags> or &codes;)", line
        )
    elif not settings.slugify(value, settings.slug_separator):
        yield Finding(
            path,
            "the title has no letters or digits to make the post's web address from; "
            "add some, or set 'slug: my-address'",
            line,
        )


def _check_description(value: Any, line: int | None, path: str) -> Iterable[Finding]:
    # Material prints the description into the page's head as it is written.
    if value is None:
        return
    if not isinstance(value, str):
        yield Finding(path, "'description' must be a sentence of plain text", line)
    elif fields.control_problem(value):
        yield Finding(
            path, f"the description cannot be used: {fields.control_problem(value)}", line
        )
    elif _HTML.search(value) or '"' in value:
        yield Finding(
            path,
            "the description contains HTML or a double quote; write plain text without them",
            line,
        )


def _check_counts(meta: dict[str, Any], lines: dict[str, int], path: str) -> Iterable[Finding]:
    for key in _COUNT_KEYS:
        if key not in meta:
            continue
        value = meta[key]
        if isinstance(value, bool) or not isinstance(value, int):
            yield Finding(
                path, f"'{key}' must be a whole number such as 43, not {value!r}", lines.get(key)
            )
        elif value < 0:
            yield Finding(path, f"'{key}' cannot be negative ({value})", lines.get(key))


def _check_categories(
    meta: dict[str, Any], lines: dict[str, int], path: str, allowed: tuple[str, ...]
) -> Iterable[Finding]:
    categories = meta.get("categories")
    if categories is None:
        return
    line = lines.get("categories")
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        yield Finding(path, "'categories' must be a list, such as 'categories: [Movies]'", line)
        return
    for category in categories:
        if category not in allowed:
            choices = ", ".join(allowed) or "none yet"
            yield Finding(
                path,
                f"the category '{category}' is not one of the blog's categories ({choices}); "
                "pick one of those, or add it to 'categories_allowed' in mkdocs.yml",
                line,
            )


def _check_wix(meta: dict[str, Any], lines: dict[str, int], path: str) -> Iterable[Finding]:
    if meta.get("wix") is None:
        return
    wix = meta["wix"]
    old = old_wix_path(meta)
    if isinstance(wix, dict) and "path" not in wix:
        return  # what the importer kept of the post, without an old address
    problem = old_address_problem(old, OLD_POST_PREFIXES) if old else "it is not text"
    if problem:
        yield Finding(
            path,
            f"'wix' must hold the post's old address as 'path: /post/<slug>' (or "
            f"/single-post/...), and {old!r} "
            f"cannot be one: {problem}",
            lines.get("wix"),
        )


def _check_slug(meta: dict[str, Any], lines: dict[str, int], path: str) -> Iterable[Finding]:
    if "slug" not in meta or not isinstance(meta["slug"], str):
        return  # a slug that is no text: Material's own validation says so
    problem = slug_problem(meta["slug"])
    if problem:
        yield Finding(
            path, f"'slug: {meta['slug']}' cannot be the post's address: {problem}",
            lines.get("slug"),
        )  # fmt: skip


def _check_template(
    meta: dict[str, Any], lines: dict[str, int], path: str, settings: CheckSettings
) -> Iterable[Finding]:
    if "template" not in meta:
        return
    name, line = meta["template"], lines.get("template")
    if not isinstance(name, str) or not name.endswith(".html") or ".." in name.split("/"):
        yield Finding(path, "'template' must name a theme template, such as 'blog-post.html'", line)
    elif name.lstrip("/") in NOT_PAGE_TEMPLATES:
        yield Finding(
            path,
            f"the template '{name}' is not one for a page (it prints other settings as "
            "they are, into a script); remove 'template:'",
            line,
        )
    elif settings.template_dirs and not any(
        (folder / name).is_file() for folder in settings.template_dirs
    ):
        yield Finding(
            path,
            f"the template '{name}' is neither in overrides/ nor in the theme; remove "
            "'template:' to use the blog's own",
            line,
        )


def _check_authors(
    meta: dict[str, Any], lines: dict[str, int], path: str, settings: CheckSettings
) -> Iterable[Finding]:
    authors, line = meta.get("authors"), lines.get("authors")
    if authors is None or settings.authors is None:
        return
    if not isinstance(authors, list) or not all(isinstance(name, str) for name in authors):
        return  # Material's own validation says what is wrong
    listed = display_path(settings.authors_file) if settings.authors_file else "the authors file"
    for name in authors:
        if name not in settings.authors:
            known = ", ".join(sorted(settings.authors)) or "none yet"
            yield Finding(
                path,
                f"the author '{name}' is not in {listed} (its authors: {known}); add them "
                "there, or remove them from 'authors:'",
                line,
            )


def _check_address(
    url: str, meta: dict[str, Any], lines: dict[str, int], path: str, settings: CheckSettings
) -> Iterable[Finding]:
    """The address Material gives the post: writable, and not one of the site's own."""
    line = lines.get("slug") or lines.get("title")
    problem = address_problem(url)
    if problem:
        yield Finding(
            path,
            f"the post would get the address /{url}, which cannot be written: {problem}; "
            "set a shorter or different 'slug:'",
            line,
        )
        return
    where = url.strip("/")
    for own in settings.reserved:
        if where == own or where.startswith(own + "/"):
            yield Finding(
                path,
                f"the post would get the address /{url}, which belongs to the site itself "
                f"(/{own}); set a different 'slug:'",
                line,
            )
            return


# Keys Material prints as text on every page that shows the page in its navigation
# (and `author` in <head>): plain text, as in a post's title.
_SHOWN_TEXT = ("subtitle", "author")


def _check_shown_fields(
    meta: dict[str, Any],
    lines: dict[str, int],
    path: str,
    settings: CheckSettings,
    link_lines: dict[fields.LinkPlace, int],
) -> Iterable[Finding]:
    """The keys Material prints or includes, besides a post's title and description.
    ``link_lines``: the line of each entry of ``links:``, where it is known."""
    for key in _SHOWN_TEXT:
        if key in meta:
            problem = fields.text_problem(meta[key])
            if problem:
                yield Finding(path, f"'{key}' cannot be used: {problem}", lines.get(key))
    checks = (
        ("status", lambda value: fields.status_problem(value)),
        ("icon", lambda value: fields.icon_problem(value, settings.template_dirs)),
    )
    for key, problem_of in checks:
        if key in meta:
            problem = problem_of(meta[key])
            if problem:
                yield Finding(
                    path, f"'{key}: {meta[key]}' cannot be used: {problem}", lines.get(key)
                )
    if "links" in meta:
        for problem, place in fields.link_problems(meta["links"]):
            yield Finding(path, problem, link_lines.get(place) or lines.get("links"))
    if "tags" in meta:
        for problem in fields.tag_problems(meta["tags"]):
            yield Finding(path, problem, lines.get("tags"))


def _check_tag_spelling(
    meta: dict[str, Any], lines: dict[str, int], path: str, tags: dict[str, tuple[str, str]]
) -> Iterable[Finding]:
    """A tag written two ways ("Seoul", "seoul") would be two tags with one place
    on the tags page (its anchor): two headings with one id, one unreachable."""
    for tag in meta.get("tags") or ():
        if not isinstance(tag, str):
            continue
        first = tags.setdefault(fields.tag_anchor(tag), (tag, path))
        if first[0] != tag:
            yield Finding(
                path,
                f"the tag '{tag}' is written '{first[0]}' in {first[1]}; write it the same "
                "way in both",
                lines.get("tags"),
            )


def _check_keys(
    lines: dict[str, int], path: str, known: tuple[str, ...] = KNOWN_KEYS
) -> Iterable[Finding]:
    for key, line in lines.items():
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
        if close:
            yield Finding(path, f"unknown setting '{key}': did you mean '{close[0]}'?", line)


def _page_url(relative: Path, use_directory_urls: bool) -> str:
    stem = relative.with_suffix("").as_posix()
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/" if use_directory_urls else stem + ".html"


# What checking one post found: the path shown in messages, its front matter and
# the lines of its keys when they could be read, the findings, and the address
# Material gives it ("" when the post has errors).
_PostCheck = tuple[str, dict[str, Any] | None, dict[str, int], list[Finding], str]


def _material_findings(
    errors: list[tuple[str, str]], lines: dict[str, int], path: str
) -> Iterable[Finding]:
    """Material's validation of the keys it reads, once the checks above passed."""
    for key, message in errors:
        yield Finding(path, f"'{key}' is not valid for Material's blog: {message}", lines.get(key))


def _check_post(
    raw: bytes, path: str, src_uri: str, settings: CheckSettings, today: date
) -> _PostCheck:
    too_large = post_limits.size_problem(raw)
    if too_large:
        return path, None, {}, [Finding(path, *too_large)], ""
    try:
        front = _read_front_matter(raw)
    except _FrontMatterError as error:
        return path, None, {}, [Finding(path, error.message, error.line)], ""
    meta, lines, body = front.data, front.key_lines, front.body
    found = [
        *_check_keys(lines, path),
        *_check_description(meta.get("description"), lines.get("description"), path),
        *_check_shown_fields(meta, lines, path, settings, front.link_lines),
        *_check_wix(meta, lines, path),
        *_check_title(
            meta["title"] if "title" in meta else first_heading(body),
            lines.get("title"),
            path,
            settings,
            front.line_text(lines.get("title")),
        ),
        *_check_date(
            meta.get("date"),
            lines.get("date"),
            path,
            today,
            settings.future_posts_wait,
            front.date_lines,
        ),
        *_check_counts(meta, lines, path),
        *_check_categories(meta, lines, path, settings.categories_allowed),
        *_check_slug(meta, lines, path),
        *_check_template(meta, lines, path, settings),
        *_check_authors(meta, lines, path, settings),
    ]
    if any(finding.is_error for finding in found):
        return path, meta, lines, found, ""
    material_errors, url = settings.material(meta, body, src_uri)
    found += _material_findings(material_errors, lines, path)
    if not material_errors:
        found += _check_address(url, meta, lines, path, settings)
    if any(finding.is_error for finding in found):
        return path, meta, lines, found, ""
    return path, meta, lines, found, url


def check_posts(
    settings: CheckSettings,
    today: date | None = None,
    memo: dict[tuple[Any, ...], _PostCheck] | None = None,
) -> Report:
    """Check every post under the posts folder and every page's URL against them.

    ``memo`` (kept by the preview between rebuilds) spares re-reading the posts
    whose file has not changed since the last check.
    """
    today = today or datetime.now(UTC).date()
    report = Report()
    docs = settings.docs_dir
    report.findings.extend(_check_links(docs))
    if report.errors:
        return report  # a link in a circle would send the search below round it
    # Only what a blog needs, and nothing that runs (docs_files.py).
    report.findings.extend(
        Finding(display_path(path), problem, line)
        for path, problem, line in docs_file_problems(docs)
    )
    report.findings.extend(_check_authors_file(settings))
    post_root = docs / settings.post_dir
    owners: dict[str, str] = {}
    for page in markdown_files(docs, settings.markdown_suffixes):
        if post_root in page.parents:
            continue
        owners[_page_url(page.relative_to(docs), settings.use_directory_urls)] = display_path(page)
        report.findings.extend(_check_page_name(page.relative_to(docs), display_path(page)))
        raw = post_limits.read_post(page)  # a page too large is not read whole either
        report.findings.extend(_check_page(raw, display_path(page), settings))
    seen: dict[tuple[Any, ...], _PostCheck] = {}
    tags: dict[str, tuple[str, str]] = {}  # by anchor: the tag as first written, where
    for post in markdown_files(post_root, settings.markdown_suffixes):
        stat = post.stat()
        key = (str(post), stat.st_mtime_ns, stat.st_size, today, settings)
        checked = memo.get(key) if memo is not None else None
        if checked is None:
            src_uri = post.relative_to(docs).as_posix()
            raw = report.sources[post] = post_limits.read_post(post)
            checked = _check_post(raw, display_path(post), src_uri, settings, today)
        seen[key] = checked
        path, meta, lines, found, url = checked
        report.findings.extend(found)
        if meta is None or any(finding.is_error for finding in found):
            continue
        report.findings.extend(_check_tag_spelling(meta, lines, path, tags))
        old = old_wix_path(meta)
        if old:
            old_url = old_address_key(old) + "/"  # plain and encoded alike
            if old_url in owners:
                report.findings.append(
                    Finding(
                        path,
                        f"the old Wix address {old} is also the old address of {owners[old_url]}",
                        lines.get("wix"),
                    )
                )
                continue
            owners[old_url] = path
        if url in owners:
            report.findings.append(
                Finding(
                    path,
                    f"this post would get the address /{url}, which {owners[url]} already has; "
                    "change its title or set a different 'slug:'",
                    lines.get("slug") or lines.get("title"),
                )
            )
        else:
            owners[url] = path
    if memo is not None:
        memo.clear()
        memo.update(seen)
    return report


def markdown_files(folder: Path, suffixes: tuple[str, ...] = MARKDOWN_SUFFIXES) -> list[Path]:
    """Every file below ``folder`` MkDocs builds as a page, in order: a name ending in
    any of MkDocs' Markdown suffixes (``.md``, ``.markdown``, ``.mkd``...), outside
    the hidden files and folders MkDocs leaves out by default."""
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.rglob("*")
        if path.name.endswith(suffixes)
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and path.is_file()
    )  # fmt: skip


def _page_front_matter(
    raw: bytes, path: str, settings: CheckSettings
) -> tuple[dict[str, Any], dict[str, int], dict[fields.LinkPlace, int]] | Finding:
    """A page's settings as MkDocs reads them (YAML between ``---`` lines, or
    MultiMarkdown's ``key: value`` lines at the top), with the line of each key and,
    in YAML, of each entry of ``links:``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Finding(
            path, "the file is not UTF-8 text; save it again with the UTF-8 encoding", line
        )
    if _YAML_START.match(text):
        try:
            front = _read_front_matter(raw)
        except _FrontMatterError as error:
            return Finding(path, error.message, error.line)
        return front.data, front.key_lines, front.link_lines
    meta = settings.page_settings(text)
    lines: dict[str, int] = {}
    for number, written in enumerate(text.splitlines(), start=1):
        match = _META_LINE.match(written)
        if match:
            lines.setdefault(match.group("key").lower().strip(), number)
        elif not written.strip() or not _META_MORE.match(written):
            break  # where MkDocs' reading of the settings ends too
    return meta, lines, {}


def _check_page(raw: bytes, path: str, settings: CheckSettings) -> list[Finding]:
    """A page outside the posts folder (``about.md``): readable, and its settings fit
    to print. Its title and description may hold ``<``: the build escapes them.
    Bounded as a post is: MkDocs converts it the same way."""
    too_large = post_limits.size_problem(raw)
    if too_large:
        return [Finding(path, *too_large)]
    read = _page_front_matter(raw, path, settings)
    if isinstance(read, Finding):
        return [read]
    meta, lines, link_lines = read
    found = [
        *_check_keys(lines, path, PAGE_KEYS),
        *_check_shown_fields(meta, lines, path, settings, link_lines),
    ]
    for key in ("title", "description"):
        if key in meta:
            problem = fields.text_problem(meta[key], markup_allowed=True)
            if problem:
                found.append(Finding(path, f"the {key} cannot be used: {problem}", lines.get(key)))
    found += _check_template(meta, lines, path, settings)
    return found


# What HTML reads as markup in a name MkDocs makes a title of.
_MARKUP_IN_NAME = re.compile(r"[<>&\"']")


def _check_page_name(relative: Path, path: str) -> Iterable[Finding]:
    """MkDocs titles a page without a title by its file name, and a section of the
    navigation by its folder's, and Material prints both as they are."""
    for part in relative.parts:
        if _MARKUP_IN_NAME.search(part):
            yield Finding(
                path,
                f"the name '{part}' holds '<', '>', '&' or a quote, which the navigation "
                "would read as markup; rename it",
            )
            return


# The authors file's keys Material prints as text, and those it prints as addresses.
_AUTHOR_TEXT = ("name", "description")
_AUTHOR_ADDRESSES = ("url", "avatar")


def _check_authors_file(settings: CheckSettings) -> Iterable[Finding]:
    """Each author's name and description are a line of text (the build escapes
    them); their url and avatar a web address or a file of the site. (Material
    itself reads the file, and says when it is not valid YAML or lacks a key.)"""
    source = settings.authors_file
    if settings.authors is None or source is None or not source.is_file():
        return
    path = display_path(source)
    try:
        root = yaml.compose(source.read_text(encoding="utf-8-sig"), Loader=_YAML_LOADER)
        # Aliases and merge keys would put values where the lines below are not
        # read (and aliases can make a file of a few bytes endless).
        safe_yaml.refuse_aliases(
            root, lambda why, at: _FrontMatterError(why, at.start_mark.line + 1)
        )
    except (yaml.YAMLError, UnicodeDecodeError):
        return
    except _FrontMatterError as error:
        yield Finding(path, error.message, error.line)
        return
    for _key, authors in _mapping_items(root):
        if _key.value != "authors":
            continue
        for name, author in _mapping_items(authors):
            for key, value in _mapping_items(author):
                line = value.start_mark.line + 1
                text = value.value if isinstance(value, ScalarNode) else None
                if key.value in _AUTHOR_TEXT:  # escaped where printed: "Jane <Reyes>" is a name
                    problem = fields.text_problem(text, markup_allowed=True)
                elif key.value in _AUTHOR_ADDRESSES:
                    problem = fields.url_problem(text)
                else:
                    continue
                if problem:
                    yield Finding(
                        path, f"the author '{name.value}': '{key.value}' cannot be used: {problem}",
                        line,
                    )  # fmt: skip


def _mapping_items(node: Node | None) -> Iterable[tuple[ScalarNode, Node]]:
    if isinstance(node, MappingNode):
        yield from ((key, value) for key, value in node.value if isinstance(key, ScalarNode))


def _check_links(docs: Path) -> Iterable[Finding]:
    """Symbolic links in docs/ must stay in it: MkDocs follows them and would
    publish what they point at (``/proc/self/environ``, a private file), or walk a
    circle of folders without end."""
    for folder, subfolders, names in os.walk(docs):
        for name in [*subfolders, *names]:
            entry = Path(folder) / name
            if not entry.is_symlink():
                continue
            if not inside_folder(docs, entry):
                yield Finding(
                    display_path(entry),
                    "this is a link to a place outside docs/ (or to nothing, or in a circle); "
                    "replace it with the file itself",
                )
            elif entry.is_dir() and inside_folder(entry, Path(folder)):
                yield Finding(
                    display_path(entry),
                    "this is a link to a folder that holds it, a circle; remove it",
                )


def display_path(path: Path) -> str:
    """A path as the author would type it: relative to the current folder when inside it."""
    # abspath, not resolve(): no file system access, for thousands of posts.
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.getcwd()).as_posix()
    except ValueError:
        return str(path)
