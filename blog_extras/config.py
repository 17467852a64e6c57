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
    # Moved to the blog-speed plugin (blog_extras/speed/plugin.py), which has both.
    speedups = config_options.Deprecated(
        message="'speedups' moved: set 'enabled' under the 'blog-speed' plugin"
    )
    build_workers = config_options.Deprecated(
        message="'build_workers' moved to the 'blog-speed' plugin"
    )
