"""New names in the blog's ``categories_allowed`` list, written into mkdocs.yml's text.

mkdocs.yml is edited by hand, with a comment on every setting: it is never read
and dumped again (which would drop the comments and reorder it). The file is
composed by PyYAML only to find where things are (its nodes know their line and
column; composing does not resolve MkDocs' ``!ENV`` tags), and the new names are
inserted there in the style the list already has: one ``- name`` line each, at the
indent of the others, or ``, name`` inside ``[...]``. A name is written plain when
YAML reads it back as the same text, else in double quotes.
"""

from __future__ import annotations

import json
import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from blog_extras.authoring import fields

KEY = "categories_allowed"
BLOG_PLUGINS = ("blog", "material/blog")
# Words YAML may read as text without quotes: letters, digits, spaces, '-', '_',
# starting and ending with a letter or digit. Each is still read back to be sure
# ("yes", "null" and "2021" are not text to YAML).
_PLAIN = re.compile(r"[^\W_](?:[\w \-]*[^\W_])?")


class ConfigEditError(ValueError):
    """mkdocs.yml cannot take the names; the message says why, on one line."""


def name_problem(name: str) -> str:
    """Why ``name`` cannot be a category, or ""."""
    if not name.strip():
        return "it is empty"
    for char in name:
        if not char.isprintable():
            return f"it holds the control character {char!r}"
    if not any(char.isalnum() for char in name):
        return "it has no letters or digits to make its page's address from"
    if fields.HTML.search(name):  # printed on every page of its posts
        return "it holds HTML; a category is plain text"
    return ""


def yaml_scalar(name: str) -> str:
    """``name`` as a YAML scalar that reads back as exactly ``name``, in a block
    list or inside ``[...]``."""
    if _PLAIN.fullmatch(name) and yaml.safe_load(name) == name:
        return name
    # JSON's string is one of YAML's double-quoted scalars; non-ASCII kept as it is.
    return json.dumps(name, ensure_ascii=False)


def _pairs(node: Node) -> list[tuple[str, Node | None, Node]]:
    """A mapping's or a list's entries as (name, value, the node naming it)."""
    if isinstance(node, MappingNode):
        return [(str(key.value), value, key) for key, value in node.value]
    entries: list[tuple[str, Node | None, Node]] = []
    if isinstance(node, SequenceNode):
        for item in node.value:
            if isinstance(item, ScalarNode):
                entries.append((str(item.value), None, item))
            elif isinstance(item, MappingNode) and item.value:
                key, value = item.value[0]
                entries.append((str(key.value), value, key))
    return entries


def last_line(node: Node) -> int:
    """The last line (0-based) of ``node``'s own text: a block collection's end mark
    lies on the line after it, past any comments that follow."""
    if isinstance(node, SequenceNode | MappingNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return last_line(last[1] if isinstance(last, tuple) else last)
    return node.end_mark.line - (1 if node.end_mark.column == 0 else 0)


def insert_lines(text: str, after_line: int, new_lines: list[str]) -> str:
    """``text`` with ``new_lines`` put after its line ``after_line`` (0-based), every
    other byte as it was (mkdocs.yml and the authors file are edited this way)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines[after_line + 1 : after_line + 1] = [line + "\n" for line in new_lines]
    return "".join(lines)


def _blog_node(root: Node | None) -> tuple[Node | None, Node]:
    """The blog plugin's settings (None: ``- blog`` without any) and what names it."""
    if not isinstance(root, MappingNode):
        raise ConfigEditError("mkdocs.yml holds no settings")
    plugins = next((value for name, value, _ in _pairs(root) if name == "plugins"), None)
    for name, value, where in _pairs(plugins) if plugins is not None else []:
        if name in BLOG_PLUGINS:
            return value, where
    raise ConfigEditError("mkdocs.yml lists no 'blog' plugin under 'plugins:'")


def add_allowed_categories(config_text: str, names: list[str]) -> tuple[str, list[str]]:
    """``config_text`` (mkdocs.yml) with each of ``names`` not yet in the blog
    plugin's ``categories_allowed`` added to it, and the names added, in order.
    The key is added when absent. Raises ConfigEditError when a name cannot be a
    category or the file cannot take it."""
    for name in names:
        problem = name_problem(name)
        if problem:
            raise ConfigEditError(f"the category {name!r} cannot be added to mkdocs.yml: {problem}")
    try:
        root = yaml.compose(config_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise ConfigEditError(
            f"mkdocs.yml cannot be read: {' '.join(str(error).split())}"
        ) from None
    settings, where = _blog_node(root)
    listed = None
    if isinstance(settings, MappingNode):
        listed = next((value for name, value, _ in _pairs(settings) if name == KEY), None)
    present = set()
    if isinstance(listed, SequenceNode):
        present = {str(item.value) for item in listed.value if isinstance(item, ScalarNode)}
    added = list(dict.fromkeys(name for name in names if name not in present))
    if not added:
        return config_text, []
    written = [yaml_scalar(name) for name in added]
    if settings is None or (
        isinstance(settings, ScalarNode) and settings.value in ("", "~", "null")
    ):
        return _with_settings(config_text, where, settings, written), added
    if not isinstance(settings, MappingNode) or settings.flow_style:
        raise ConfigEditError(
            "the blog plugin's settings in mkdocs.yml are not written one per line; "
            f"add {', '.join(written)} to its '{KEY}' by hand"
        )
    if listed is None:
        indent = settings.value[0][0].start_mark.column
        lines = [f"{' ' * indent}{KEY}:", *(f"{' ' * (indent + 2)}- {item}" for item in written)]
        return insert_lines(config_text, last_line(settings), lines), added
    if isinstance(listed, SequenceNode) and listed.flow_style:
        if listed.value:
            at, insert = listed.value[-1].end_mark.index, "".join(f", {w}" for w in written)
        else:
            at, insert = listed.end_mark.index - 1, ", ".join(written)
        return config_text[:at] + insert + config_text[at:], added
    if isinstance(listed, SequenceNode) and listed.value:
        first = listed.value[0]
        line = config_text.splitlines()[first.start_mark.line]
        dash = line.rfind("-", 0, first.start_mark.column)
        lines = [f"{' ' * dash}- {item}" for item in written]
        return insert_lines(config_text, last_line(listed), lines), added
    if isinstance(listed, ScalarNode) and listed.value in ("", "~", "null"):
        key = next(k for k, v in settings.value if v is listed)
        if listed.start_mark.index == listed.end_mark.index:  # `categories_allowed:` alone
            indent = key.start_mark.column + 2
            lines = [f"{' ' * indent}- {item}" for item in written]
            return insert_lines(config_text, key.start_mark.line, lines), added
        start, end = listed.start_mark.index, listed.end_mark.index
        return config_text[:start] + f"[{', '.join(written)}]" + config_text[end:], added
    raise ConfigEditError(f"'{KEY}' in mkdocs.yml is not a list; make it one, such as [Movies]")


def _with_settings(text: str, where: Node, settings: Node | None, written: list[str]) -> str:
    """``- blog`` (or ``blog:`` with nothing after it) given a categories list."""
    indent = where.start_mark.column + 2
    lines = [f"{' ' * indent}{KEY}:", *(f"{' ' * (indent + 2)}- {item}" for item in written)]
    if settings is None:  # `- blog`: the name becomes a key
        end = where.end_mark.index
        text = text[:end] + ":" + text[end:]
    elif settings.start_mark.index != settings.end_mark.index:  # `blog: ~`
        text = text[: settings.start_mark.index].rstrip(" ") + text[settings.end_mark.index :]
    return insert_lines(text, where.start_mark.line, lines)
