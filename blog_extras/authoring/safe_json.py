"""JSON from files and servers this blog does not control (``docs/views.json``,
GoatCounter's answers, the JSON-LD of a saved Wix page), read so that nothing
in it reaches the blog as a traceback.

Python's ``json`` reads ``Infinity`` and ``NaN``, which are not JSON and no
count; and it recurses once per level of nesting, so a few kilobytes of ``[``
raise RecursionError, which no ``except ValueError`` catches. Both become a
``ValueError`` here, with a plain reason.
"""

from __future__ import annotations

import json
from typing import Any


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def loads(text: str | bytes) -> Any:
    """``json.loads``, refusing ``Infinity``, ``-Infinity`` and ``NaN``, and raising
    ValueError (never RecursionError) for JSON nested too deep to read."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("it nests too deep to be read") from None
