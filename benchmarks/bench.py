"""``make bench``: build times, memory, live reload and page weight, printed as a table.

For 100, 1000 and 3000 synthetic posts of about 600 words (benchmarks/synthetic.py)
it builds, in one run and side by side, this project's blog and a stock Material
blog of the same posts with the same Markdown extensions and blog settings, and
prints their times (wall clock), ratio, processor time (this blog's build uses
several processors, see blog_extras/speed/parallel.py) and peak memory; then, at 1000
posts, the time from saving a post to the reloaded page under ``mkdocs serve
--dirty`` (as ``make serve`` runs it) and the gzip bytes a first visit of a
post page fetches, with and without starting a search; then Lighthouse's
mobile scores when ``npx`` can run lighthouse@12.2.3; then the whole-blog Wix
import's throughput, 500 posts with three pictures each from the stand-in Wix
site and API (benchmarks/wix_import.py). Figures are printed, never asserted.

    python -m benchmarks.bench [--sizes 100 1000 3000] [--runs 2] [--no-serve]
                               [--no-lighthouse] [--no-wix-import]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import wix_import
from benchmarks.page_weight import first_visit, search_bytes
from benchmarks.synthetic import write_blog
from tests import mkdocs_yaml
from tests.project import SEED_CONFIG

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def configs(root: Path) -> tuple[Path, Path]:
    """This project's mkdocs.yml for the blog in ``root``, and the stock equivalent.
    This project's is the seed blog's (tests/fixtures/seed-blog/mkdocs.yml, with
    both plugins), not the author's: the figures measure the tool, whatever the
    author has changed, or taken out, of their own settings."""
    ours = mkdocs_yaml.load(SEED_CONFIG)
    ours["theme"]["custom_dir"] = str(REPO / "overrides")
    stock = copy.deepcopy(ours)
    del stock["theme"]["custom_dir"]
    ours_only = {"blog-extras", "blog-speed"}
    stock["plugins"] = [
        p for p in stock["plugins"]
        if not (ours_only & (p.keys() if isinstance(p, dict) else {p}))
    ]  # fmt: skip
    stock.pop("extra_css", None)
    mkdocs_yaml.dump(ours, root / "ours.yml")
    mkdocs_yaml.dump(stock, root / "stock.yml")
    (root / "docs" / "stylesheets").mkdir(exist_ok=True)
    shutil.copy(REPO / "docs" / "stylesheets" / "blog.css", root / "docs" / "stylesheets")
    (root / "docs" / "assets").mkdir(exist_ok=True)
    shutil.copy(REPO / "docs" / "assets" / "favicon.svg", root / "docs" / "assets")
    return root / "ours.yml", root / "stock.yml"


def timed_build(config: Path, site: Path) -> tuple[float, float, float]:
    """Seconds, processor seconds (all its processes) and peak memory (MB) of one
    ``mkdocs build`` in its own process."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build failed: {config}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def live_reload_seconds(root: Path, config: Path, numbers: list[int]) -> list[float]:
    """Under ``mkdocs serve --dirty`` (as ``make serve`` runs it), retitle each post
    in turn and time from saving it to its open page in Chromium showing the new
    title."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config),
         "-a", f"127.0.0.1:{port}"],
        env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    posts = root / "docs" / "blog" / "posts"
    originals = {n: (posts / f"post-number-{n}.md").read_text(encoding="utf-8") for n in numbers}
    seconds: list[float] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=CHROMIUM_FLAGS,
            )
            page = browser.new_page()
            for number in numbers:
                deadline = time.monotonic() + 300
                while True:
                    try:
                        page.goto(f"http://127.0.0.1:{port}/post-number-{number}/", timeout=5000)
                        break
                    except Exception:
                        if time.monotonic() > deadline:
                            raise
                        time.sleep(1)
                page.wait_for_timeout(1000)
                start = time.perf_counter()
                (posts / f"post-number-{number}.md").write_text(
                    originals[number].replace(
                        f"title: Post number {number}\n", f"title: Post number {number} edited\n"
                    ),
                    encoding="utf-8",
                )
                page.wait_for_function(
                    "document.querySelector('h1') && "
                    "document.querySelector('h1').textContent.includes('edited')",
                    timeout=300_000,
                )
                seconds.append(time.perf_counter() - start)
            browser.close()
            return seconds
    finally:
        for number, text in originals.items():
            (posts / f"post-number-{number}.md").write_text(text, encoding="utf-8")
        serve.terminate()
        serve.wait(timeout=30)


def lighthouse_scores(site: Path, paths: list[str]) -> dict[str, dict[str, int]] | str:
    npx = shutil.which("npx")
    chromium = shutil.which("chromium") or shutil.which("google-chrome")
    if not npx or not chromium:
        return "not run: npx or Chromium missing"
    from benchmarks.gzip_server import gzip_handler
    from tests.standins import serve

    scores: dict[str, dict[str, int]] = {}
    with serve(gzip_handler(site)) as port:
        for path in paths:
            report = site.parent / "lighthouse.json"
            result = subprocess.run(
                [npx, "--yes", "lighthouse@12.2.3", f"http://127.0.0.1:{port}/{path}",
                 "--quiet", "--output=json", f"--output-path={report}",
                 f"--chrome-flags={' '.join(['--headless=new', *CHROMIUM_FLAGS])}",
                 "--form-factor=mobile"],
                env={**ENV, "CHROME_PATH": chromium}, capture_output=True, text=True,
                timeout=600,
            )  # fmt: skip
            if result.returncode != 0 or not report.is_file():
                return f"not run: lighthouse failed ({result.stderr.strip()[-300:]})"
            categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
            scores[path or "index"] = {
                name: round((data["score"] or 0) * 100) for name, data in categories.items()
            }
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-wix-import", action="store_true")
    # Builds of each size alternate, this blog then stock, and the fastest of each
    # counts (as timeit takes the best): on a shared machine one build can run a
    # fifth slower than the next, which alone moved the ratios and the growth.
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    print(f"\nFastest of {max(1, args.runs)} builds of each, alternating:")
    print(
        f"{'posts':>6} {'this blog s':>12} {'stock s':>9} {'ratio':>6} "
        f"{'this blog CPU s':>16} {'stock CPU s':>12} {'this blog MB':>13} {'stock MB':>9}"
    )
    times: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="blog-bench-") as temporary:
        base = Path(temporary)
        kept: dict[int, Path] = {}
        for size in args.sizes:
            root = base / f"blog-{size}"
            write_blog(root, size)
            ours, stock = configs(root)
            ours_runs, stock_runs = [], []
            for _ in range(max(1, args.runs)):
                ours_runs.append(timed_build(ours, root / "site"))
                stock_runs.append(timed_build(stock, root / "stock-site"))
            ours_s, ours_cpu, ours_mb = min(ours_runs)
            stock_s, stock_cpu, stock_mb = min(stock_runs)
            times[size] = (ours_s, stock_s)
            kept[size] = root
            print(
                f"{size:>6} {ours_s:>12.2f} {stock_s:>9.2f} {ours_s / stock_s:>6.2f} "
                f"{ours_cpu:>16.2f} {stock_cpu:>12.2f} {ours_mb:>13.0f} {stock_mb:>9.0f}",
                flush=True,
            )
        if 1000 in times and 3000 in times:
            ours_ratio = times[3000][0] / times[1000][0]
            stock_ratio = times[3000][1] / times[1000][1]
            print(
                f"\n3000 / 1000 posts build time: this blog {ours_ratio:.2f}, "
                f"stock {stock_ratio:.2f} (3.00 is linear)"
            )
        middle = kept.get(1000) or kept[args.sizes[0]]
        site = middle / "site"
        post = "post-number-500/" if (site / "post-number-500").is_dir() else "post-number-0/"
        visit = sum(first_visit(site, post).values())
        print(
            f"\nFirst visit of a post page ({middle.name}): {visit:,} bytes gzip; "
            f"with a search started: {visit + search_bytes(site):,} bytes gzip"
        )
        if not args.no_serve and 1000 in kept:
            # Post 500 is on one index, archive and category page each; post 999 is
            # the newest, in the Recent Posts of every other post.
            old, newest = live_reload_seconds(kept[1000], kept[1000] / "ours.yml", [500, 999])
            print(
                f"Live reload under make serve, 1000 posts, from saving a post to its page "
                f"showing the change: {old:.1f} s (an old post), {newest:.1f} s (the newest "
                "post, shown in Recent Posts on every post)"
            )
        if not args.no_lighthouse:
            scores = lighthouse_scores(site, [post, ""])
            print(f"Lighthouse (mobile): {scores}")
    if not args.no_wix_import:
        print()
        for line in wix_import.measure(500):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
