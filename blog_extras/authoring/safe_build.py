"""``blog build``: build the site into a fresh folder, and only then replace ``site/``
(``make build``, and the publishing workflow through it).

MkDocs empties its output folder before it builds. A build that then fails, on a
broken post, a Material error or a strict-mode warning, leaves a half-written
site behind. Here MkDocs builds into a new folder beside ``site/``; when, and
only when, it succeeds, that folder takes the place of ``site/`` by renaming.
After any failure ``site/`` is exactly what it was, and the new folder is gone.

MkDocs runs as its own process (``python -m mkdocs build``), so its messages,
its strict mode and its exit status are the ones the author knows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from blog_extras.content.web_address import site_address_problem


def build_command(config_file: str, output: Path, strict: bool) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", config_file, "-d", str(output)]
    return command + (["--strict"] if strict else [])


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, by renames in the same folder: at no moment
    is there a half-written ``target``."""
    old = None
    if target.exists() or target.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.rmdir(old)
        target.rename(old)
    new.rename(target)
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        else:
            old.unlink()


def safe_build(
    config_file: str, site: Path, strict: bool = True, command: Sequence[str] | None = None
) -> int:
    """Build into a fresh folder next to ``site``; replace ``site`` on success.
    Returns the build's exit status. ``command`` (tests) replaces the MkDocs
    command; it is given the fresh folder as its last argument."""
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    try:
        fresh.chmod(0o755)  # mkdtemp's folder is private; a published site is not
        run = [*command, str(fresh)] if command else build_command(config_file, fresh, strict)
        status = subprocess.call(run)
        if status != 0:
            print(
                f"The build failed: {site.name}/ is unchanged, still the last good site.",
                file=sys.stderr,
            )
            return status
        replace_folder(fresh, site)
        return 0
    except KeyboardInterrupt:
        print(f"Stopped: {site.name}/ is unchanged.", file=sys.stderr)
        return 130
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build the site into a fresh folder; replace site/ only when it succeeds."
    )
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument("-d", "--site-dir", default="site", help="the folder to replace")
    parser.add_argument(
        "--no-strict", action="store_true", help="do not fail on warnings (MkDocs' default)"
    )
    args = parser.parse_args(argv)
    # MkDocs reads SITE_URL into site_url and checks it with urlsplit, which
    # raises on some addresses ("https://[x") and ends the build in a traceback.
    problem = site_address_problem(os.environ.get("SITE_URL", ""))
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        print(
            f"Nothing was built: {Path(args.site_dir).name}/ is unchanged, still the last good "
            "site.",
            file=sys.stderr,
        )
        return 1
    return safe_build(args.config_file, Path(args.site_dir), strict=not args.no_strict)
