"""The settings of the ``blog-extras`` plugin, under ``plugins: - blog-extras:`` in
mkdocs.yml. Grouped by feature; each group is described in README.md."""

from __future__ import annotations

from mkdocs.config import config_options
from mkdocs.config.base import Config


class GiscusConfig(Config):
    # The values giscus.app shows for your repository; all four turn comments on.
    repo = config_options.Type(str, default="")
    repo_id = config_options.Type(str, default="")
    category = config_options.Type(str, default="")
    category_id = config_options.Type(str, default="")
    mapping = config_options.Type(str, default="pathname")
    lang = config_options.Type(str, default="en")
    origin = config_options.Type(str, default="https://giscus.app")


class BlogExtrasConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # Recent Posts below each post: how many, and the longest teaser in characters
    recent_posts = config_options.Type(int, default=3)
    excerpt_length = config_options.Type(int, default=200)
    # "Edit this page": the branch GitHub's editor opens
    edit_branch = config_options.Type(str, default="main")
    # View counts (GoatCounter): the address of your GoatCounter site
    goatcounter = config_options.Type(str, default="")
    goatcounter_script = config_options.Type(str, default="https://gc.zgo.at/count.js")
    counter_timeout = config_options.Type((int, float), default=4)
    # Comments (giscus)
    giscus = config_options.SubConfig(GiscusConfig)
    # Faster paths through Material's blog plugin (blog_extras/speed/speedups.py)
    speedups = config_options.Type(bool, default=True)
    # Processes building in `mkdocs build` (blog_extras/speed/parallel.py): 0 = on Linux,
    # one per processor (at most 4) for sites of 200 pages or more; 1 = one; n = n
    build_workers = config_options.Type(int, default=0)
