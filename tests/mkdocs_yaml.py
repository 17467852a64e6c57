"""Reading and writing mkdocs.yml in tests, with its ``!ENV`` tags kept as they are
(MkDocs resolves them when it loads the file, from the environment of that build)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class Env:
    """An ``!ENV`` value: the variable(s) and the default, as written."""

    def __init__(self, value: Any) -> None:
        self.value = value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _load_env(loader: yaml.SafeLoader, node: yaml.Node) -> Env:
    if isinstance(node, yaml.SequenceNode):
        return Env(loader.construct_sequence(node))
    return Env(loader.construct_scalar(node))  # type: ignore[arg-type]


def _dump_env(dumper: yaml.SafeDumper, env: Env) -> yaml.Node:
    if isinstance(env.value, list):
        return dumper.represent_sequence("!ENV", env.value, flow_style=True)
    return dumper.represent_scalar("!ENV", env.value)


_Loader.add_constructor("!ENV", _load_env)
_Dumper.add_representer(Env, _dump_env)


def load(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def dump(config: dict[str, Any], path: Path) -> None:
    path.write_text(dumps(config), encoding="utf-8")


def dumps(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_Dumper)
