"""What of ``blog-speed`` is in force in this process: each change it makes to code
that outlives a build, looked for where it makes it.

Tests call :func:`leftovers` between builds; a build can call it too, through the
MkDocs hook :data:`PROBE` (a test lists it under ``hooks:`` in mkdocs.yml), which
keeps what it found, late in each build, in :data:`SEEN`.
"""

from __future__ import annotations

import gc
from typing import Any

import markdown
import yaml
from material.plugins.blog import structure as blog_structure
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure import pages as mkdocs_pages

from blog_extras import engine
from blog_extras.speed.preview import _HideDirtyWarning

# As the process started, before any build (pytest imports this while collecting).
MKDOCS_BUILD_PAGE = mkdocs_build._build_page
PYTHON_GC_THRESHOLDS = gc.get_threshold()

LOADER = "Material reads front matter with libyaml"
EXCERPTS = "Material's excerpts share converters"
PAGES = "MkDocs' pages share converters"
WRITER = "MkDocs' pages are written by several processes"
WARNING = "MkDocs' dirty-build warning is hidden"
COLLECTIONS = "Python's full collections are put off"
VIEWS = "Material's plugin object walks its views once"

# What a build found, one list per build that ran the hook.
SEEN: list[list[str]] = []

# The hook: after every other plugin's post_build but blog-speed's last one.
PROBE = """\
from mkdocs.plugins import event_priority

from tests import speed_leftovers


@event_priority(-500)
def on_post_build(config):
    blog = config.plugins.get("material/blog")
    speed_leftovers.SEEN.append(speed_leftovers.leftovers(blog))
"""


def leftovers(blog: Any = None) -> list[str]:
    """Each change of blog-speed in force now; ``blog``: Material's blog plugin object."""
    found = []
    if blog_structure.SafeLoader is not yaml.SafeLoader:
        found.append(LOADER)
    if blog_structure.Markdown is not markdown.Markdown:
        found.append(EXCERPTS)
    if mkdocs_pages.markdown is not markdown:
        found.append(PAGES)
    if mkdocs_build._build_page is not MKDOCS_BUILD_PAGE:
        found.append(WRITER)
    if any(isinstance(each, _HideDirtyWarning) for each in engine.logger("commands.build").filters):
        found.append(WARNING)
    if gc.get_threshold() != PYTHON_GC_THRESHOLDS:
        found.append(COLLECTIONS)
    if blog is not None and "_resolve_views" in vars(blog):
        found.append(VIEWS)
    return found
