"""A stand-in for GitHub Pages serving a project site, on 127.0.0.1.

GitHub Pages serves the site of repository ``owner/<repo>`` below the path
``/<repo>/`` of ``owner.github.io``, as static files:
  /<repo>/<path>      the file site/<path>; for a folder, its index.html;
  /<repo>/<folder>    (no final slash) a 301 redirect to /<repo>/<folder>/, and /<repo>
                      to /<repo>/;
  missing below /<repo>/   site/404.html, with status 404 (the site's custom 404 page);
  outside /<repo>/    another site's (the owner's user site, or GitHub's 404): here a
                      plain 404 page, so a request leaving the prefix shows as an error.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.standins import QuietHandler

OUTSIDE = b"<!doctype html><title>Not this site</title><p>Outside the project site.</p>"


@dataclass(frozen=True)
class Answer:
    status: int
    file: Path | None = None  # the file to send as the body
    location: str = ""  # where a redirect leads


def answer(root: Path, prefix: str, target: str) -> Answer:
    """What GitHub Pages answers for the request target ``target`` (path and query)
    of a project site built into ``root`` and served below ``prefix`` (``/<repo>/``)."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    query = f"?{parts.query}" if parts.query else ""
    if path == prefix.rstrip("/"):
        return Answer(301, location=prefix + query)
    if not path.startswith(prefix):
        return Answer(404)
    missing = Answer(404, root / "404.html")
    segments = path[len(prefix) :].split("/")
    if any(segment in (".", "..") for segment in segments):
        return missing
    found = root.joinpath(*segments)
    if found.is_dir():
        if not path.endswith("/"):
            return Answer(301, location=parts.path + "/" + query)
        found = found / "index.html"
    return Answer(200, found) if found.is_file() else missing


def pages_handler(root: Path, prefix: str) -> type[BaseHTTPRequestHandler]:
    """A request handler serving ``root`` as GitHub Pages serves a project site."""

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            self._send(body=True)

        def do_HEAD(self) -> None:
            self._send(body=False)

        def _send(self, body: bool) -> None:
            reply = answer(root, prefix, self.path)
            data = reply.file.read_bytes() if reply.file else b""
            if reply.status == 404 and reply.file is None:
                data = OUTSIDE
            self.send_response(reply.status)
            if reply.location:
                self.send_header("Location", reply.location)
            kind = mimetypes.guess_type(reply.file.name)[0] if reply.file else "text/html"
            kind = kind or "application/octet-stream"
            charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith("xml") else ""
            self.send_header("Content-Type", kind + charset)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

    return Handler
