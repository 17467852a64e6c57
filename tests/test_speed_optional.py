"""`blog-speed` is optional for real: with its line taken out of mkdocs.yml the site
is the same, byte for byte, and nothing of it stays in force once a build is over,
not even in `make serve`, which goes on rebuilding in the same process after the
line is taken out (MkDocs then never calls the plugin again).

What "in force" means is listed in tests/speed_leftovers.py: every change the
plugin makes to code that outlives a build.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
import yaml
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig

from blog_extras.speed import converters, speedups
from blog_extras.speed import plugin as speed_plugin
from blog_extras.speed.collector import IDLE_SECONDS
from blog_extras.speed.parallel import ParallelBuild
from blog_extras.speed.preview import QuickPreview
from tests import mkdocs_yaml, speed_leftovers
from tests.project import copy_project
from tests.sites import site_files
from tests.speed_leftovers import (
    COLLECTIONS,
    EXCERPTS,
    LOADER,
    PAGES,
    VIEWS,
    WARNING,
    WRITER,
    leftovers,
)
from tests.test_preview import Session, assert_same_as_full_build, make_blog, saved, write_post
from tests.test_speedups import fail_writing_post_11, many_posts, picture
from tests.waiting import eventually

EVERY_CHANGE = {LOADER, EXCERPTS, PAGES, WRITER, WARNING, COLLECTIONS, VIEWS}


BLOG_SPEED_LINE = re.compile(r"^ *- blog-speed\n", re.MULTILINE)


def without_blog_speed(config_file: Path) -> None:
    """Take the `- blog-speed` line out of mkdocs.yml, as an author would."""
    text, taken_out = BLOG_SPEED_LINE.subn("", config_file.read_text(encoding="utf-8"))
    assert taken_out == 1
    saved(config_file, text)


def material_blog() -> object:
    """Material's blog plugin object of the last configuration loaded: MkDocs keeps
    it for the next one (it has on_startup)."""
    return MkDocsConfig.plugins.plugin_cache["material/blog"]


# The one undo


def test_undo_patches_puts_back_every_change_and_may_run_again(monkeypatch: pytest.MonkeyPatch):
    blog = types.SimpleNamespace()  # Material's plugin object, as far as the undo sees it
    speedups.use_libyaml(True)
    converters.share_converters(True)
    QuickPreview.hide_dirty_warning()
    vars(blog)["_resolve_views"] = lambda view: [view]
    parallel = ParallelBuild(2)
    parallel._original = mkdocs_build._build_page  # as start_writing() leaves it
    monkeypatch.setattr(mkdocs_build, "_build_page", lambda *args, **kwargs: None)
    assert set(leftovers(blog)) == EVERY_CHANGE - {COLLECTIONS}
    for _ in range(2):
        speed_plugin.undo_patches(blog, parallel)
        assert leftovers(blog) == []


# Builds


def test_a_build_leaves_nothing_of_blog_speed_in_force(blog, monkeypatch: pytest.MonkeyPatch):
    in_force: list[list[str]] = []  # while pages are written, then once the build is over
    finish, shutdown = ParallelBuild.finish, speed_plugin.BlogSpeedPlugin.on_shutdown

    def finish_seeing_what_is_in_force(self: ParallelBuild) -> None:
        in_force.append(leftovers(material_blog()))
        finish(self)

    # MkDocs' own end (on_shutdown) comes after the build: make serve's rebuilds
    # come without it.
    def shutdown_seeing_what_is_in_force(self: speed_plugin.BlogSpeedPlugin) -> None:
        in_force.append(leftovers(material_blog()))
        shutdown(self)

    monkeypatch.setattr(ParallelBuild, "finish", finish_seeing_what_is_in_force)
    monkeypatch.setattr(
        speed_plugin.BlogSpeedPlugin, "on_shutdown", shutdown_seeing_what_is_in_force
    )
    blog(many_posts(12), blog_speed={"build_workers": 3}, files=picture())
    writing, built = in_force
    # Everything but the preview's changes was in force while pages were written.
    assert set(writing) == EVERY_CHANGE - {WARNING, COLLECTIONS}
    assert built == []
    assert leftovers(material_blog()) == []


def test_a_failed_build_leaves_nothing_of_blog_speed_in_force(
    blog, monkeypatch: pytest.MonkeyPatch
):
    # Pages are being written by three processes when one of them fails.
    fail_writing_post_11(monkeypatch)
    with pytest.raises(RuntimeError, match="post 11 could not be written"):
        blog(many_posts(12), blog_speed={"build_workers": 3})
    assert leftovers(material_blog()) == []


def blog_build(project: Path) -> None:
    """`make build` in the project (`blog build`: strict, into site/), with a site
    address, so that the sitemap lists every page."""
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": "https://blog.example.org/",
        # The sitemap's dates and its gzip header say the day of the build, unless
        # this says which: two builds a moment apart may straddle midnight.
        "SOURCE_DATE_EPOCH": "1767225600",
    }
    built = subprocess.run(
        [sys.executable, "-m", "blog_extras.cli", "build"],
        cwd=project, capture_output=True, text=True, env=environment, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr


def test_make_build_gives_the_same_site_byte_for_byte_without_the_blog_speed_line(
    tmp_path: Path,
):
    sites = {}
    for speed in (True, False):
        root = tmp_path / ("with" if speed else "without")
        root.mkdir()
        project = copy_project(root)  # the seed blog, and posts that test the speed-ups
        for name, (front, body) in many_posts(20).items():
            project.write_post(name, "---\n" + yaml.safe_dump(front) + "---\n\n" + body)
        for name, data in picture().items():
            (root / "docs" / name).write_bytes(data)
        if not speed:
            without_blog_speed(root / "mkdocs.yml")
        blog_build(root)
        sites[speed] = site_files(project.site)
    with_speed, without_speed = sites[True], sites[False]
    assert with_speed.keys() == without_speed.keys()
    assert "sitemap.xml.gz" in with_speed and b"<loc>" in with_speed["sitemap.xml"]
    assert sum(name.endswith(".html") for name in with_speed) > 20 + 3 + 5
    for name in with_speed:
        assert with_speed[name] == without_speed[name], name


# make serve


EDITED = "## Part\n\nThe rest of post 3, edited while blog-speed was being taken out."


def test_a_preview_rebuilt_without_the_blog_speed_line_runs_mkdocs_and_material_as_shipped(
    tmp_path: Path,
):
    root = tmp_path / "previewed"
    make_blog(root)
    config_file = root / "mkdocs.yml"
    (root / "probe.py").write_text(speed_leftovers.PROBE, encoding="utf-8")
    settings = mkdocs_yaml.load(config_file)
    settings["hooks"] = ["probe.py"]  # sees what is in force late in each build
    mkdocs_yaml.dump(settings, config_file)
    speed_leftovers.SEEN.clear()
    session = Session(root)  # make serve's first build
    blog = session.plugins["material/blog"]
    assert set(speed_leftovers.SEEN[-1]) == EVERY_CHANGE - {WRITER}  # serve writes in one

    # The author takes the line out, and edits a post, while the preview runs.
    without_blog_speed(config_file)
    write_post(root / "docs", 3, body=EDITED)
    session.rebuild()

    assert "blog-speed" not in session.config.plugins
    assert session.config.plugins["material/blog"] is blog  # MkDocs kept Material's object
    during_the_rebuild = speed_leftovers.SEEN[-1]
    # Python's full collections come back with the collection put off until the
    # browser has reloaded: at the latest IDLE_SECONDS after the last build with
    # the plugin, with or without a build to follow.
    assert [left for left in during_the_rebuild if left != COLLECTIONS] == []
    assert eventually(lambda: leftovers(blog) == [], seconds=IDLE_SECONDS + 2)
    # And without the quick preview, the rebuild is whole (blog-extras rebuilds
    # every page of a dirty build): every page, feed and search entry as a full
    # build of the same files gives them.
    assert_same_as_full_build(session)
