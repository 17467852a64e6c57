"""The whole-blog Wix import's own throughput (issue 21): a synthetic blog of
``posts`` posts with three pictures each, served by the stand-in Wix site, media
host and Blog API on 127.0.0.1 (tests/wix_standin.py) with no artificial delay
and the politeness intervals off, imported by each route into a fresh copy of the
seed blog. A real import is then bounded by Wix's pace (a page a second, 200 API
calls a minute), not by this code.

    python -m benchmarks.wix_import [--posts 500]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

from blog_extras.wix_import import live
from blog_extras.wix_import.fetch import Fetcher, wix_hosts
from blog_extras.wix_import.progress import Progress
from tests.project import copy_project
from tests.wix_standin import Category, Post, Tag, WixStandin, running

PICTURES_PER_POST = 3


def _png(seed: int, side: int = 64) -> bytes:
    """A real PNG of about 12 KB (noise compresses badly), different for each seed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    state = seed * 2654435761 % 2**32 or 1
    pixels = bytearray()
    for _ in range(side):
        pixels.append(0)
        for _ in range(side * 3):
            state = (state * 1103515245 + 12345) % 2**31
            pixels.append(state >> 23)
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(pixels)))
        + chunk(b"IEND", b"")
    )


def _text(words: str) -> dict:
    return {"type": "TEXT", "nodes": [], "textData": {"text": words, "decorations": []}}


def synthetic_blog(standin: WixStandin, count: int) -> None:
    standin.categories = [Category("c1", "Movies", "movies")]
    standin.tags = [Tag("t1", "light", "light")]
    sentence = "A paragraph of an ordinary post, about as long as people write them. " * 6
    for number in range(count):
        nodes: list[dict] = []
        for picture in range(PICTURES_PER_POST):
            media_id = f"b3ncb0_{number:04d}{picture}~mv2.png"
            standin.media[media_id] = _png(number * PICTURES_PER_POST + picture)
            nodes.append({"type": "PARAGRAPH", "id": "p", "nodes": [_text(sentence)]})
            nodes.append({
                "type": "IMAGE", "id": "i", "nodes": [],
                "imageData": {"image": {"src": {"id": media_id}, "width": 64, "height": 64},
                              "altText": f"Picture {picture} of post {number}"},
            })  # fmt: skip
        month, day = divmod(number, 28)
        standin.posts.append(
            Post(
                f"post-number-{number}", f"Post number {number}",
                f"{2000 + month // 12:04d}-{month % 12 + 1:02d}-{day + 1:02d}T08:00:00.000Z",
                rich_content={"nodes": nodes, "metadata": {"version": 1}},
                views=number, category_ids=["c1"], tag_ids=["t1"],
            )
        )  # fmt: skip


def import_seconds(standin: WixStandin, api: bool) -> tuple[float, int]:
    """The wall-clock seconds of one import by a route, and its exit status."""
    with tempfile.TemporaryDirectory(prefix="wix-bench-") as temporary:
        project = copy_project(Path(temporary), with_posts=False)
        env = {"WIX_API_URL": standin.api_url, "WIX_MEDIA_URL": standin.media_url}
        if api:
            env |= {"WIX_API_KEY": standin.api_key, "WIX_SITE_ID": standin.site_id}
        hosts = wix_hosts(standin.site_url, standin.api_url, standin.media_url, polite=False)
        report = io.StringIO()
        with Fetcher(hosts=hosts) as fetcher, contextlib.redirect_stdout(report):
            started = time.perf_counter()
            code = live.run(
                standin.site_url, str(project.root / "mkdocs.yml"), False, env, fetcher,
                Progress(stream=io.StringIO(), out=report),
            )  # fmt: skip
            seconds = time.perf_counter() - started
        written = len(list(project.posts.glob("*.md")))
        if code != 0 or written != len(standin.posts):
            print(report.getvalue()[-2000:], file=sys.stderr)
            return seconds, code or 1
        return seconds, 0


def measure(count: int) -> list[str]:
    """One line per route: posts, pictures, seconds, posts a second."""
    standin = WixStandin()
    lines = []
    with running(standin):
        synthetic_blog(standin, count)
        for api in (True, False):
            seconds, code = import_seconds(standin, api)
            route = "API route " if api else "site route"
            status = "" if code == 0 else " (FAILED: see above)"
            lines.append(
                f"Wix import, {route}: {count} posts, {count * PICTURES_PER_POST} pictures in "
                f"{seconds:.1f} s: {count / seconds:.1f} posts/s{status}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=500)
    args = parser.parse_args(argv)
    for line in measure(args.posts):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
