"""The theme's own tags, marked where they are written: in the templates.

Every ``<script>``, ``<style>``, ``<meta>``, ``<link>``, ``<noscript>`` and
``<template>`` written in a template of the theme
(Material's templates and ``overrides/``) gets the attribute
``data-blog-theme="TOKEN"`` as Jinja loads the template, before any page value
is printed into it. The token is a Jinja global, new for every build, so a post,
its front matter or the authors file cannot write it: whatever those values
bring, even printed raw by a template, carries no mark, and the page pass
(``page.py``) hashes no script and keeps no ``<meta>`` or ``<link>`` of theirs.

An inline script of a template (a data block, such as JSON, aside) is marked
only if every Jinja expression in its body is one of :data:`SCRIPT_VALUES`,
values from mkdocs.yml and the page's depth: a script printing a page value
(Material's ``redirect.html`` prints ``page.meta.location``) would be a script
a post could write, so it is left unmarked, and reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import BaseLoader, Environment

from blog_extras.html.csp import EXECUTABLE_TYPES

ATTRIBUTE = "data-blog-theme"
# The Jinja global holding the build's token. The mark in the template source is
# this expression, not the token itself: the source stays the same from build to
# build, so the preview's cache of compiled templates still holds.
GLOBAL = "blog_theme_mark"
MARK = f' {ATTRIBUTE}="{{{{ {GLOBAL} }}}}"'

# The Jinja inside the theme's inline scripts, all from mkdocs.yml or the page's
# depth (base_url is "." or "../.." and so on), never from a page's text or front
# matter: Material's partials/javascripts/base.html and outdated.html, its Google
# Analytics partial, and overrides/main.html's inlined light-start.js.
SCRIPT_VALUES = frozenset({
    "{{ base_url }}",
    "{{ config.extra.scope | d(base_url) }}",
    "{{ property }}",
    '{% include "assets/javascripts/light-start.js" %}',
})  # fmt: skip

_TAG = re.compile(
    r"<script\b(?P<attributes>[^>]*)>(?P<body>.*?)</script\s*>"
    r"|<(?:meta|link|style|noscript|template)\b",
    re.IGNORECASE | re.DOTALL,
)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def _normal(expression: str) -> str:
    """``{%include "x"-%}`` as ``{% include "x" %}``: spacing and whitespace
    control aside, as SCRIPT_VALUES writes them."""
    inside = " ".join(expression[2:-2].strip("-+").split())
    return f"{expression[:2]} {inside} {expression[-2:]}"


def _unknown_values(body: str) -> list[str]:
    found = (_normal(expression) for expression in _JINJA.findall(body))
    return [expression for expression in found if expression not in SCRIPT_VALUES]


def mark_template(source: str) -> tuple[str, list[str]]:
    """The template's source with its tags marked, and the Jinja expressions that
    kept an inline script of it unmarked."""
    unknown: list[str] = []

    def mark(match: re.Match[str]) -> str:
        whole = match.group(0)
        body = match.group("body")
        if body is None:  # <meta, <link, <style, <noscript or <template
            return whole + MARK
        kind = _TYPE.search(match.group("attributes"))
        data = kind is not None and kind.group(1).strip().lower() not in EXECUTABLE_TYPES
        # A data block (JSON) never runs, so it may hold any value.
        values = [] if data else _unknown_values(body)
        if values:
            unknown.extend(values)
            return whole
        return "<script" + MARK + whole[len("<script") :]

    return _TAG.sub(mark, source), unknown


class MarkingLoader(BaseLoader):
    """The theme's loader, marking the tags of every HTML template it loads;
    ``report`` hears of each template with an unmarked inline script."""

    def __init__(self, inner: BaseLoader, report: Callable[[str, list[str]], None]) -> None:
        self.inner = inner
        self.report = report

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        # Only HTML: files inlined into a script (light-start.js) are script text.
        if template.endswith(".html"):
            source, unknown = mark_template(source)
            if unknown:
                self.report(template, unknown)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def mark_theme(env: Environment, token: str, report: Callable[[str, list[str]], None]) -> None:
    """Make ``env`` mark the tags of its templates with ``token``."""
    if env.loader is None:  # pragma: no cover - MkDocs always gives a loader
        raise ValueError("the theme's Jinja environment has no loader")
    if not isinstance(env.loader, MarkingLoader):
        env.loader = MarkingLoader(env.loader, report)
    env.globals[GLOBAL] = token
    # Templates compiled before this point (none, in MkDocs) would lack the marks.
    cache: Any = env.cache
    if cache is not None:
        cache.clear()
