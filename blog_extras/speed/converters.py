"""One Markdown converter per set of options, instead of one per page and excerpt.

Building a Python-Markdown converter (importing and setting up each extension)
costs more than converting a post's excerpt, and as much as a fifth of
converting a whole post. Material builds one for every post's excerpt, in the
one process that reads the posts; MkDocs builds one for every page it renders.
Here each build keeps one real converter per set of options, for pages and one
for excerpts, and resets it before each conversion: Python-Markdown's contract
is that a converter after ``reset()`` is one just built.

* Pages: MkDocs' ``Page.render`` looks ``markdown.Markdown`` up in its pages
  module at each call; that name gives the shared converter, reset. MkDocs then
  registers its own processors for the page, by name, replacing the last page's,
  and converts straight away.
* Excerpts: Material registers an excerpt's processors (its links to posts and
  pages) when it creates the excerpt, and converts much later, once per listing
  page the excerpt appears on. An :class:`ExcerptConverter` keeps them and puts
  them back in just before each conversion.

Only converters whose every extension is one of Python-Markdown's own or this
project's are shared (:func:`shareable`): they keep that contract, and the tests
compare every page built with and without sharing. Any other extension (a
``pymdownx`` one, say) may keep something from one text to the next that only a
new converter clears, so with one of those each page and excerpt builds its
own converter, as before.

Conversions happen one at a time in each process (Material's excerpts are not
thread-safe either; parallel builds fork). Sharing lasts one build
(:func:`share_converters`, on when it starts, off when it ends): each build
starts with no converter, since an extension object of the last build may hold
that build's files, and a build without ``blog-speed`` finds MkDocs' and
Material's ``Markdown`` as they were. Material reaches it through
``blog_extras/material.py``.
"""

from __future__ import annotations

import types
from typing import Any

import markdown
from markdown import Markdown
from mkdocs.structure import pages

from blog_extras import material

# Where the extensions that keep Python-Markdown's reset() contract come from.
_SHAREABLE_FROM = ("markdown.extensions.", "blog_extras.")


def _extension_module(extension: Any) -> str:
    if isinstance(extension, str):
        # "toc", "markdown.extensions.toc", "package.module:ClassName"
        module = extension.partition(":")[0]
        return module if "." in module else f"markdown.extensions.{module}"
    return type(extension).__module__


def shareable(options: dict[str, Any]) -> bool:
    """Whether one converter may serve every text with these options."""
    return all(
        _extension_module(extension).startswith(_SHAREABLE_FROM)
        for extension in options.get("extensions", ())
    )


class ConverterPool:
    """One real converter for each set of shareable options it is asked for."""

    def __init__(self) -> None:
        # None for options that may not share (decided once for each set).
        self._converters: dict[str, Markdown | None] = {}

    def converter(self, options: dict[str, Any]) -> Markdown | None:
        """The converter shared by everything converted with ``options``; None when
        those options may not share one."""
        # The same build passes the same extension objects and settings, so their
        # text (which names each object) tells the sets apart.
        key = repr(sorted(options.items()))
        if key not in self._converters:
            self._converters[key] = Markdown(**options) if shareable(options) else None
        return self._converters[key]

    def __len__(self) -> int:
        return sum(converter is not None for converter in self._converters.values())

    def clear(self) -> None:
        self._converters.clear()


class PageConverters(ConverterPool):
    """Stands in for ``Markdown`` in MkDocs' ``Page.render``."""

    def __call__(self, **options: Any) -> Markdown:
        shared = self.converter(options)
        return shared.reset() if shared is not None else Markdown(**options)


class _ExcerptProcessors:
    """The tree processors Material registers on one excerpt's converter, kept by
    name with their priorities. Material finds its own again with
    ``get_index_for_name`` and ``[...]``; here the name serves as the index."""

    def __init__(self) -> None:
        self.registered: dict[str, tuple[Any, float]] = {}

    def register(self, item: Any, name: str, priority: float) -> None:
        self.registered[name] = (item, priority)

    def get_index_for_name(self, name: str) -> str:
        if name not in self.registered:
            raise ValueError(f"no tree processor named {name!r}")
        return name

    def __getitem__(self, name: str) -> Any:
        return self.registered[name][0]


class ExcerptConverter:
    """What an excerpt holds instead of its own converter: its tree processors, and
    the converter it shares with every excerpt like it."""

    def __init__(self, shared: Markdown) -> None:
        self._shared = shared
        self.treeprocessors = _ExcerptProcessors()
        self.toc_tokens: list[Any] = []

    def convert(self, text: str) -> str:
        converter = self._shared.reset()
        for name, (item, priority) in self.treeprocessors.registered.items():
            converter.treeprocessors.register(item, name, priority)  # replaces the last
        html = converter.convert(text)
        self.toc_tokens = getattr(converter, "toc_tokens", [])
        return html


class ExcerptConverters(ConverterPool):
    """Stands in for ``Markdown`` where Material creates an excerpt (in the process
    that reads the posts, which builds the shared converter once)."""

    def __call__(self, **options: Any) -> ExcerptConverter | Markdown:
        shared = self.converter(options)
        return ExcerptConverter(shared) if shared is not None else Markdown(**options)


class _MarkdownForPages(types.ModuleType):
    """The ``markdown`` package as MkDocs' pages module sees it: the same, but for
    ``Markdown``, which gives the shared converter."""

    def __init__(self, converters: PageConverters) -> None:
        super().__init__(markdown.__name__, markdown.__doc__)
        self.Markdown = converters

    def __getattr__(self, name: str) -> Any:
        return getattr(markdown, name)


PAGE_CONVERTERS = PageConverters()
EXCERPT_CONVERTERS = ExcerptConverters()


def share_converters(enabled: bool) -> None:
    """Pages and excerpts share converters from now on (or build their own again);
    either way, none is left from an earlier build."""
    PAGE_CONVERTERS.clear()
    EXCERPT_CONVERTERS.clear()
    for_pages = _MarkdownForPages(PAGE_CONVERTERS) if enabled else markdown
    pages.markdown = for_pages  # Internals: the markdown package MkDocs' Page.render uses
    material.convert_excerpts_with(EXCERPT_CONVERTERS if enabled else None)
