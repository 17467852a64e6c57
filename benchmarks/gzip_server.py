"""A static server on 127.0.0.1 that compresses like GitHub Pages does (gzip), so
that Lighthouse measures the transfer sizes readers get."""

from __future__ import annotations

import gzip
from functools import partial
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from tests.standins import QuietHandler

_COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class GzipHandler(QuietHandler, SimpleHTTPRequestHandler):
    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in _COMPRESSED):
            return super().send_head()
        if self.path.split("?")[0].endswith("/") is False and path.name == "index.html":
            return super().send_head()  # let the base class redirect /dir to /dir/
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


def gzip_handler(root: Path):
    return partial(GzipHandler, directory=str(root))
