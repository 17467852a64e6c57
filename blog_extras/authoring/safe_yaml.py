"""YAML that authors and pull requests write (posts' front matter, Material's
authors file), read so that no file can make a reader run for ever.

YAML's aliases (``*name``, repeating the value marked ``&name``) let a few
bytes stand for a structure without end (``links: &l [*l]``, a list that holds
itself) or of billions of items (the "billion laughs"): PyYAML builds either
in an instant, and whatever walks it next (MkDocs' validation, Material's
templates) recurses until it crashes or runs at full CPU for ever. No post or
authors file needs them, so they are refused, with the line of the value they
repeat. Merge keys (``<<: {...}``) are refused too: they hide values inside
another mapping, where a check reading the file's own lines (the authors file's
names and addresses) would not see them, and no post or authors file needs
them. libyaml and PyYAML bound how deep YAML nests by themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.nodes import CollectionNode, MappingNode, Node

# libyaml's parser when PyYAML has it, as the checks use.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ALIAS_PROBLEM = (
    "YAML aliases (*name, repeating a value marked &name) are not allowed here; "
    "write the value out in full"
)
MERGE_PROBLEM = (
    "YAML merge keys ('<<', copying another mapping's values) are not allowed here; "
    "write each value out under its own key"
)
_MERGE_TAG = "tag:yaml.org,2002:merge"
# Far larger than any authors file; a larger one is not an authors file.
MAX_FILE_BYTES = 1_000_000


class YamlFileError(ValueError):
    """A YAML file cannot be used; the message names it (and the line) on one line."""


def _composer_error(problem: str, node: Node) -> Exception:
    return ComposerError(None, None, problem, node.start_mark)


def refuse_aliases(
    root: Node | None, error: Callable[[str, Node], Exception] = _composer_error
) -> None:
    """Raise ``error(ALIAS_PROBLEM, node)`` (by default YAML's ComposerError, with the
    node's line) when a node of ``root`` appears twice: YAML's composer makes a
    new node for every value written, so a node met again is an alias's (its
    line is that of the value it repeats). A merge key raises
    ``error(MERGE_PROBLEM, key)``."""
    seen: set[int] = set()
    waiting = [root] if root is not None else []
    while waiting:  # a loop, not recursion: a list may hold itself
        node = waiting.pop()
        if id(node) in seen:
            raise error(ALIAS_PROBLEM, node)
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if key.tag == _MERGE_TAG:
                    raise error(MERGE_PROBLEM, key)
                waiting.extend((key, value))
        elif isinstance(node, CollectionNode):
            waiting.extend(node.value)


def one_line(text: str) -> str:
    return " ".join(text.split())


def load(text: str, source: str, first_line: int = 1) -> Any:
    """The data of ``text`` (the file ``source``, its first line numbered
    ``first_line``): YAML's safe types, no aliases. Raises YamlFileError."""
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()
        refuse_aliases(root)
        return loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{source}, line {first_line + mark.line}" if mark else source
        problem = error.problem or error.context or "it is not valid YAML"
        raise YamlFileError(f"{where}: {one_line(problem)}") from None
    except (yaml.YAMLError, RecursionError) as error:
        raise YamlFileError(f"{source}: not readable YAML ({one_line(str(error))[:200]})") from None
    finally:
        loader.dispose()


def load_file(path: Path, shown: str) -> Any:
    """The data of the YAML file ``path`` (named ``shown`` in messages), as :func:`load`."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlFileError(f"{shown}: {size:,} bytes, more than {MAX_FILE_BYTES:,}")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise YamlFileError(f"{shown}: not UTF-8 text ({error.reason})") from None
    return load(text, shown)
