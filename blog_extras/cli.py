"""``blog``: the blog's command-line tools, one command with subcommands.

``make check``, ``make build``, ``make post``, ``make import-wix``, ``make snapshot-views``,
``make linkcheck`` and ``make review-copy`` run these; ``blog --help`` lists them,
``blog <command> --help`` tells one's options. Each subcommand's module is imported
only when it runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name: (what it does, the module whose main(argv) runs it)
COMMANDS = {
    "check": ("check every post before building", "blog_extras.authoring.check"),
    "build": ("build into a fresh folder, then replace site/", "blog_extras.authoring.safe_build"),
    "post": ("start a new post", "blog_extras.authoring.new_post"),
    "import-wix": ("import posts from Wix", "blog_extras.wix_import.importer"),
    "snapshot-views": ("save GoatCounter's view counts", "blog_extras.authoring.views_snapshot"),
    "linkcheck": ("check the links of the built site", "blog_extras.authoring.linkcheck"),
    "review-copy": ("copy the built site to open from disk", "blog_extras.authoring.review_copy"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="blog",
        description="The blog's tools.",
        epilog="\n".join(f"  {name:15} {what}" for name, (what, _) in COMMANDS.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=COMMANDS, metavar="command")
    parser.add_argument("arguments", nargs=argparse.REMAINDER, help="the command's own")
    given = sys.argv[1:] if argv is None else argv
    # Only the command is read here: the rest goes to it exactly as given ("--"
    # included, which argparse would drop, so `blog post -- --help` is a title).
    args = parser.parse_args(given[:1])
    module = importlib.import_module(COMMANDS[args.command][1])
    sys.argv[0] = f"blog {args.command}"
    return int(module.main(given[1:]))


if __name__ == "__main__":
    sys.exit(main())
