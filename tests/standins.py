"""Local stand-ins for GoatCounter and giscus, on 127.0.0.1, for the tests.

GoatCounter: follows its documentation ("Visitor counter", /help/visitor-counter;
"Tracking pixel", /help/pixel; "API", /help/api) and its handler for
/counter/ (handlers/vcounter.go):
  GET /counter/<url-encoded path>.json -> 200 {"count": "1,234", "count_unique": "1,234"},
      counts as strings with thousands separators and CORS allowed for any origin;
      404 with {"count": "0", ...} for a path never seen;
      403 when the site has not enabled "Allow adding visitor counts on your website".
  GET /count?p=<path>&t=<title>&... -> records a view, answers a 1x1 GIF. As on
      GoatCounter, which stores views in the background every 10 seconds and
      caches counter answers, a recorded view does not change the counts served.
  GET /count.js -> a script with count.js's documented interface: settings in
      window.goatcounter (no_onload), the endpoint in data-goatcounter, and
      goatcounter.count(vars) sending p and t to that endpoint.
  GET /api/v0/stats/hits?start=&limit=&exclude_paths= with "Authorization: Bearer"
      -> {"hits": [{"path_id", "path", "count", "event", "title"}], "total", "more"};
      401 {"error": ...} for a missing or wrong token.
  `failures_first` lists answers (a status and headers, such as 429 with
  X-Rate-Limit-Reset, GoatCounter's "seconds until the rate limit is reset")
  the API gives before answering normally.
  The `mode` attribute makes the counter misbehave: "forbidden" (403, without the
  CORS header, as GoatCounter answers it before setting that header, so the
  browser sees a network error), "error" (500), "slow" (answers after
  `slow_seconds`), "malformed" (200, not JSON), "no-count" (200, JSON without count),
  "raw" (the API answers `raw_answer`: a status and its body, as they are), "endless"
  (the API answers 200 and JSON-looking bytes without end, until the client leaves).

giscus: its client.js inserts an <iframe class="giscus-frame"> from the giscus
origin, which posts {"giscus": {"discussion": {...}}} to the parent window when
data-emit-metadata is "1", and takes {"giscus": {"setConfig": {"theme": ...}}}
messages from it (giscus' "ADVANCED-USAGE" documentation). The stand-in frame
reports each setConfig it receives back to the server, so tests can read them.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)

COUNT_JS = """
(function () {
  var settings = window.goatcounter || {};
  var tag = document.querySelector('script[data-goatcounter]');
  var endpoint = settings.endpoint || (tag && tag.getAttribute('data-goatcounter'));
  function count(vars) {
    vars = vars || {};
    var path = vars.path !== undefined ? vars.path : location.pathname + location.search;
    var title = vars.title !== undefined ? vars.title : document.title;
    var url = endpoint + '?p=' + encodeURIComponent(path) + '&t=' + encodeURIComponent(title) +
              '&rnd=' + Math.random().toString(36).slice(2);
    var img = new Image(); img.src = url;
  }
  settings.count = count;
  window.goatcounter = settings;
  if (!settings.no_onload) count({});
})();
"""

GISCUS_CLIENT_JS = """
(function () {
  var script = document.currentScript;
  var origin = new URL(script.src).origin;
  var frame = document.createElement('iframe');
  frame.className = 'giscus-frame';
  frame.title = 'Comments';
  frame.src = origin + '/widget?theme=' + encodeURIComponent(script.getAttribute('data-theme')) +
              '&term=' + encodeURIComponent(location.pathname) +
              '&metadata=' + encodeURIComponent(script.getAttribute('data-emit-metadata'));
  script.insertAdjacentElement('afterend', frame);
})();
"""

GISCUS_WIDGET_HTML = """<!doctype html><html><head><title>giscus</title></head><body><p>Comments</p>
<script>
  var params = new URLSearchParams(location.search);
  fetch('/log?event=loaded&theme=' + encodeURIComponent(params.get('theme')));
  if (params.get('metadata') === '1') {
    parent.postMessage({giscus: {discussion: DISCUSSION}}, '*');
  }
  window.addEventListener('message', function (event) {
    var config = event.data && event.data.giscus && event.data.giscus.setConfig;
    if (config && config.theme) {
      fetch('/log?event=setConfig&theme=' + encodeURIComponent(config.theme));
    }
  });
</script></body></html>"""


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that keeps the test output free of access logs."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def _json(handler: BaseHTTPRequestHandler, status: int, data: object, cors: bool = False) -> None:
    body = json.dumps(data).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    if cors:
        handler.send_header("Access-Control-Allow-Origin", "*")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _send(
    handler: BaseHTTPRequestHandler,
    status: int,
    content_type: str,
    body: bytes,
    cors: bool = False,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    if cors:
        handler.send_header("Access-Control-Allow-Origin", "*")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class GoatCounter:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.path_ids: dict[str, int] = {}
        self.recorded: list[str] = []
        self.counter_requests: list[str] = []
        self.api_requests: list[dict[str, list[str]]] = []
        self.mode = "ok"
        self.slow_seconds = 3.0
        self.token = "secret-token"
        self.api_page_size_cap = 100
        self.url = ""
        self.redirect_to = ""
        self.nonsense: list[object] = []
        self.raw_answer: tuple[int, bytes] = (200, b"")
        self.authorizations: list[str | None] = []  # the Authorization header of each request
        # Answers the API gives first, one a request, before answering as `mode` says:
        # (status, headers), each with GoatCounter's {"error": ...} body.
        self.failures_first: list[tuple[int, dict[str, str]]] = []

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        for path in counts:
            self.path_ids.setdefault(path, len(self.path_ids) + 1)

    def handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                if parts.path == "/count.js":
                    _send(self, 200, "text/javascript", COUNT_JS.encode())
                elif parts.path == "/count":
                    path = query.get("p", [""])[0]
                    service.recorded.append(path)
                    _send(self, 200, "image/gif", GIF)
                elif parts.path.startswith("/counter/"):
                    service.counter_requests.append(parts.path)
                    self.counter(unquote(parts.path[len("/counter/") :]))
                elif parts.path == "/api/v0/stats/hits":
                    self.hits(query)
                else:
                    _send(self, 404, "text/plain", b"not found")

            def counter(self, name: str) -> None:
                path, _, ext = name.rpartition(".")
                if ext != "json":
                    _send(self, 400, "text/plain", b"unknown extension")
                elif service.mode == "forbidden":
                    _send(
                        self,
                        403,
                        "text/plain",
                        b"Need to enable the 'allow using the visitor counter' setting",
                    )
                elif service.mode == "error":
                    _send(self, 500, "text/plain", b"internal server error", cors=True)
                elif service.mode == "malformed":
                    _send(self, 200, "application/json", b"<html>not json", cors=True)
                elif service.mode == "no-count":
                    _json(self, 200, {"total": 3}, cors=True)
                else:
                    if service.mode == "slow":
                        time.sleep(service.slow_seconds)
                    if path in service.counts:
                        count = f"{service.counts[path]:,}"
                        _json(self, 200, {"count_unique": count, "count": count}, cors=True)
                    else:
                        _json(self, 404, {"count_unique": "0", "count": "0"}, cors=True)

            def hits(self, query: dict[str, list[str]]) -> None:
                service.api_requests.append(query)
                service.authorizations.append(self.headers.get("Authorization"))
                if self.headers.get("Authorization") != f"Bearer {service.token}":
                    _json(self, 401, {"error": "no API key or invalid API key"})
                    return
                if service.failures_first:
                    status, headers = service.failures_first.pop(0)
                    body = json.dumps({"error": f"failing with {status}"}).encode()
                    self.send_response(status)
                    for name, value in {"Content-Type": "application/json", **headers}.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if service.mode == "error":
                    _json(self, 500, {"error": "database is on fire"})
                    return
                if service.mode == "malformed":
                    _send(self, 200, "application/json", b'{"hits": [')
                    return
                if service.mode == "redirect":
                    # A compromised or misconfigured host sends the client elsewhere.
                    self.send_response(302)
                    self.send_header("Location", service.redirect_to + "/api/v0/stats/hits")
                    self.end_headers()
                    return
                if service.mode == "echo":
                    _json(self, 400, {"error": f"bad key {self.headers.get('Authorization')}\n"
                                               "::error::injected"})  # fmt: skip
                    return
                if service.mode in ("trickle", "cut"):
                    body = b'{"hits": [], "more": false}'
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body) + 100))
                    self.end_headers()
                    try:
                        for byte in body[: 5 if service.mode == "cut" else len(body)]:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            if service.mode == "trickle":
                                time.sleep(service.slow_seconds / 10)
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the client gave up waiting, as it should
                    return
                if service.mode == "raw":
                    _send(self, service.raw_answer[0], "application/json", service.raw_answer[1])
                    return
                if service.mode == "endless":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    try:
                        self.wfile.write(b'{"hits": [')
                        for _ in range(100_000):  # 6.5 GB at most, if nothing stops it
                            self.wfile.write(b"[" * 65536)
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the client stopped reading, as it should
                    return
                if service.mode == "nonsense":
                    rows = [{"path_id": n, "path": f"/p{n}/", "count": count, "event": False}
                            for n, count in enumerate(service.nonsense, 1)]  # fmt: skip
                    _json(self, 200, {"hits": rows, "more": False})
                    return
                limit = min(int(query.get("limit", ["20"])[0]), service.api_page_size_cap)
                excluded = {int(i) for i in query.get("exclude_paths", [""])[0].split(",") if i}
                rows = [
                    {
                        "path_id": service.path_ids[path],
                        "path": path,
                        "count": count,
                        "event": False,
                        "title": path,
                    }
                    for path, count in sorted(service.counts.items(), key=lambda item: -item[1])
                    if service.path_ids[path] not in excluded
                ]
                page = rows[:limit]
                _json(
                    self,
                    200,
                    {
                        "hits": page,
                        "total": sum(r["count"] for r in page),
                        "more": len(rows) > limit,
                    },
                )

        return Handler


class Giscus:
    def __init__(self) -> None:
        self.discussion = {"totalCommentCount": 4, "totalReplyCount": 1, "reactionCount": 0}
        self.log: list[dict[str, str]] = []
        self.requests: list[str] = []
        self.url = ""

    def handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                service.requests.append(parts.path)
                if parts.path == "/client.js":
                    # giscus serves its client with CORS, as its crossorigin tag expects.
                    _send(self, 200, "text/javascript", GISCUS_CLIENT_JS.encode(), cors=True)
                elif parts.path == "/widget":
                    html = GISCUS_WIDGET_HTML.replace("DISCUSSION", json.dumps(service.discussion))
                    _send(self, 200, "text/html", html.encode())
                elif parts.path == "/log":
                    service.log.append({k: v[0] for k, v in parse_qs(parts.query).items()})
                    _send(self, 204, "text/plain", b"")
                else:
                    _send(self, 404, "text/plain", b"not found")

        return Handler


@contextmanager
def serve(
    handler: type[BaseHTTPRequestHandler],
    server_class: type[ThreadingHTTPServer] = ThreadingHTTPServer,
    poll_seconds: float = 0.5,
) -> Iterator[int]:
    """Serve on 127.0.0.1 in a thread; yields the port (``poll_seconds``: how soon
    the server stops once asked)."""
    server = server_class(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(poll_seconds,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
