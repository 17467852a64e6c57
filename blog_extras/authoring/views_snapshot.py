"""``make snapshot-views``: current view counts from GoatCounter's API, for the build.

Readers without JavaScript, and search engines, see the numbers the page was
built with; the daily publish runs this first so those numbers are recent.
The token comes from the environment (``GOATCOUNTER_TOKEN``), never from the
repository. The counts are written to ``docs/views.json`` (published with the
site as ``/views.json``), keyed by the path GoatCounter recorded, and a
snapshot never lowers a count: each path keeps the larger of its previous and
its new number, the previous ones read from the local file and from the
published site.

Follows GoatCounter's API documentation (``/help/api``): ``GET
/api/v0/stats/hits`` with ``Authorization: Bearer <token>``, pages of at most
100 paths, the next page requested by excluding the path ids already seen,
errors as ``{"error": ...}`` or ``{"errors": {...}}`` with a 4xx or 5xx status,
and after a 429 the seconds to wait in ``X-Rate-Limit-Reset``.

The requests go through the project's fetcher (``wix_import/fetch.py``): a 429
or 5xx answer and a dropped connection are tried again, three tries in all,
after a short backoff; every answer is bounded in time and size; a redirect is
not followed, so the token goes nowhere but to the configured GoatCounter.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlencode

from blog_extras import engine
from blog_extras.authoring import safe_json
from blog_extras.authoring.checks import display_path
from blog_extras.authoring.settings import SettingsError, load_site_config
from blog_extras.content.services import ServiceConfigError, resolve_services

# Imported where used: the build imports this module and needs no HTTP client.
if TYPE_CHECKING:
    from blog_extras.wix_import.fetch import Fetcher

T = TypeVar("T")

SNAPSHOT_NAME = "views.json"
TOKEN_VARIABLE = "GOATCOUNTER_TOKEN"
# GoatCounter's own default is the last week; counting starts well before any
# view of this site, so this range covers every view ever recorded.
COUNTING_START = "2020-01-01T00:00:00Z"
PAGE_SIZE = 100
DEADLINE_SECONDS = 60  # for the whole run, however the answers trickle in
# More views than any page has had: a larger count is nonsense, not a count.
MAX_COUNT = 10**12
# An answer's size: a page of 100 paths is a few kilobytes; a larger answer is not
# GoatCounter's, and reading it whole could fill the memory.
MAX_ANSWER_BYTES = 5_000_000


class SnapshotError(Exception):
    """The counts could not be read; the message says why in plain words."""


def new_fetcher(sleep: Callable[[float], None] = time.sleep) -> Fetcher:
    """A client for one run: GoatCounter's API and the live site, neither crawled
    (no robots.txt, no pause between pages: a run makes a few requests)."""
    from blog_extras.wix_import.fetch import Fetcher, FetchSettings, HostPolicy

    # The daily publish runs this: three tries, a second or two apart, ride out a
    # passing 5xx or a dropped connection, and stay well inside DEADLINE_SECONDS; a
    # longer outage leaves the counts the build already has. Redirects are answers,
    # not addresses to follow: the token goes only to the configured GoatCounter.
    # GoatCounter says how long to wait after a 429 in X-Rate-Limit-Reset (its API docs).
    settings = FetchSettings(
        connect_timeout=10,
        read_timeout=20,
        deadline=DEADLINE_SECONDS,
        attempts=3,
        backoff_first=0.5,
        backoff_jitter=0.5,
        max_retry_after=30,
        max_redirects=0,
        user_agent="blog-extras-snapshot-views/1.0",
        retry_after_headers=("Retry-After", "X-Rate-Limit-Reset"),
    )
    return Fetcher(
        default_host=HostPolicy(interval=0, robots=False),
        settings=settings,
        sleep=sleep,
        explain=_api_error,
        server_name="GoatCounter",
    )


def within(seconds: float, work: Callable[[], T]) -> T:
    """``work()``'s result, or SnapshotError once ``seconds`` have passed: one deadline
    for every request of a run, however slowly an answer arrives. The work left
    running is a daemon thread, which ends with the command."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # carried to the caller
            failure.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise SnapshotError(f"GoatCounter did not finish answering within {seconds:g} seconds")
    if failure:
        raise failure[0]
    return outcome[0]


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MAX_COUNT:
        raise ValueError(f"the count {str(value)[:40]!r} is not a number of views")
    return value


def _api_error(body: bytes) -> str:
    """GoatCounter's explanation in an error answer, or "" when there is none."""
    try:
        data = safe_json.loads(body)
    except (ValueError, UnicodeDecodeError):
        data = {}
    if isinstance(data, dict) and isinstance(data.get("error"), str):
        return data["error"]
    if isinstance(data, dict) and isinstance(data.get("errors"), dict):
        # Each field's messages are a list, by the API; anything else is shown as text.
        return "; ".join(
            f"{key}: {', '.join(map(str, value)) if isinstance(value, list) else value}"
            for key, value in data["errors"].items()
        )[:300]
    return ""


def fetch_counts(site: str, token: str, fetcher: Fetcher | None = None) -> dict[str, int]:
    """Every path's view count since counting began, from GoatCounter's API."""
    with contextlib.ExitStack() as stack:
        if fetcher is None:
            fetcher = stack.enter_context(new_fetcher())
        return _fetch_counts(site, token, fetcher)


def _fetch_counts(site: str, token: str, fetcher: Fetcher) -> dict[str, int]:
    counts: dict[str, int] = {}
    seen_ids: list[int] = []
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for _ in range(10_000):  # a bound on pages, far above any blog's
        query = {"start": COUNTING_START, "limit": PAGE_SIZE}
        if seen_ids:
            query["exclude_paths"] = ",".join(map(str, seen_ids))
        url = f"{site}/api/v0/stats/hits?{urlencode(query)}"
        body = _answer(fetcher, url, headers, site)
        try:
            data = safe_json.loads(body)
            hits = data["hits"]
            for hit in hits:
                seen_ids.append(int(hit["path_id"]))
                if not hit.get("event"):
                    path = hit["path"]
                    if not isinstance(path, str):
                        raise TypeError("a path that is not text")
                    counts[path] = _count(counts.get(path, 0) + _count(hit["count"]))
            more = bool(data.get("more"))
        except (ValueError, KeyError, TypeError, OverflowError) as error:
            raise SnapshotError(
                f"GoatCounter's answer is not what its API describes ({error})"
            ) from None
        if not more or not hits:
            return counts
    raise SnapshotError("GoatCounter kept answering 'more' pages; stopped")


def _answer(fetcher: Fetcher, url: str, headers: Mapping[str, str], site: str) -> bytes:
    """The body of a 200 answer; any other is a SnapshotError saying what went wrong.
    A 429 or 5xx answer and a dropped connection were retried first."""
    from blog_extras.wix_import.fetch import FetchError

    try:
        return fetcher.get_bytes(url, headers, max_bytes=MAX_ANSWER_BYTES).data
    except FetchError as error:
        status = error.status
        if status == 401:
            raise SnapshotError(
                f"GoatCounter refused the token in {TOKEN_VARIABLE} (401)"
            ) from None
        if status is not None and 300 <= status < 400:
            raise SnapshotError(
                f"GoatCounter answered {status}, a redirect; the token goes only to {site}, "
                "so check 'goatcounter' in mkdocs.yml"
            ) from None
        if status is not None and status != 429:  # a 429's message says how long to wait
            said = error.said or f"HTTP {status}"
            raise SnapshotError(f"GoatCounter answered {status}: {said}") from None
        raise SnapshotError(f"cannot read {error}") from None


def parse_snapshot(text: str) -> dict[str, int]:
    """The counts of a snapshot (the live site's); anything unreadable counts as none."""
    try:
        return snapshot_counts(text)
    except ValueError:
        return {}


def snapshot_counts(text: str) -> dict[str, int]:
    """The counts of a snapshot file, but the nonsense ones; ValueError when it is not
    a snapshot at all (not JSON, nested too deep, no 'paths')."""
    data = safe_json.loads(text)
    paths = data.get("paths") if isinstance(data, dict) else None
    if not isinstance(paths, dict):
        raise ValueError("it has no 'paths' of counts")
    return {
        str(path): count for path, count in paths.items()
        if isinstance(count, int) and not isinstance(count, bool) and 0 <= count < MAX_COUNT
    }  # fmt: skip


def read_snapshot(path: Path) -> dict[str, int]:
    """The counts of the snapshot file ``path``; none when there is no file. Raises
    SnapshotError, naming the file, when it is there but is not a snapshot."""
    if not path.is_file():
        return {}
    shown = display_path(path)
    try:
        if path.stat().st_size > MAX_ANSWER_BYTES:
            raise ValueError(f"it is larger than {MAX_ANSWER_BYTES // 1_000_000} MB")
        return snapshot_counts(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError) as error:  # UnicodeDecodeError is a ValueError
        raise SnapshotError(
            f"{shown} cannot be read as view counts ({str(error)[:120]}); delete it, or run "
            "make snapshot-views again"
        ) from None


def never_lower(*snapshots: Mapping[str, int]) -> dict[str, int]:
    merged: dict[str, int] = {}
    for snapshot in snapshots:
        for path, count in snapshot.items():
            merged[path] = max(merged.get(path, 0), count)
    return dict(sorted(merged.items()))


def published_snapshot(site_url: str, fetcher: Fetcher | None = None) -> dict[str, int]:
    """The snapshot the live site carries now, so a fresh checkout never lowers it."""
    from blog_extras.wix_import.fetch import FetchError

    with contextlib.ExitStack() as stack:
        if fetcher is None:
            fetcher = stack.enter_context(new_fetcher())
        try:
            body = fetcher.get_bytes(
                site_url.rstrip("/") + "/" + SNAPSHOT_NAME, max_bytes=MAX_ANSWER_BYTES
            ).data
        except FetchError:
            return {}
    return parse_snapshot(body.decode("utf-8", "replace"))


def snapshot_json(counts: Mapping[str, int], site: str) -> str:
    return json.dumps({"goatcounter": site, "paths": dict(counts)}, indent=2) + "\n"


def main(argv: list[str] | None = None, environ: Mapping[str, str] = os.environ) -> int:
    parser = argparse.ArgumentParser(description="Save GoatCounter's view counts for the build.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    engine.quiet()
    try:
        config = load_site_config(args.config_file)
        plugin = config.plugins["blog-extras"]
        services = resolve_services(plugin.config, serving=False)
    except (SettingsError, ServiceConfigError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not services.goatcounter:
        print("View counting is off (no 'goatcounter' in mkdocs.yml): nothing to snapshot.")
        return 0
    token = environ.get(TOKEN_VARIABLE, "")
    if not token:
        print(f"No {TOKEN_VARIABLE} is set: the build uses the counts it already has.")
        return 0
    target = Path(config.docs_dir) / SNAPSHOT_NAME
    started = time.monotonic()
    try:
        fetched = within(DEADLINE_SECONDS, lambda: fetch_counts(services.goatcounter, token))
    except SnapshotError as error:
        print(
            f"warning: view counts not updated: {printable(str(error), token)}. The build uses "
            "the counts it already has.",
            file=sys.stderr,
        )
        return 1
    try:
        previous = read_snapshot(target)
    except SnapshotError as error:
        print(f"error: {printable(str(error), token)}", file=sys.stderr)
        return 1
    site_url = config.site_url
    if site_url:
        left = max(1.0, DEADLINE_SECONDS - (time.monotonic() - started))
        # The live site's snapshot only keeps counts from going down: without it, go on.
        with contextlib.suppress(SnapshotError):
            previous = never_lower(previous, within(left, lambda: published_snapshot(site_url)))
    counts = never_lower(previous, fetched)
    _write_whole(target, snapshot_json(counts, services.goatcounter))
    print(f"Saved the view counts of {len(counts)} paths to {target}.")
    return 0


def printable(message: str, token: str) -> str:
    """A message from or about the API, safe for a log: never the token (a server may
    echo it), on one line (so it cannot start a CI workflow command), not too long."""
    if token:
        message = message.replace(token, "[the token]")
    message = "".join(char if char.isprintable() else " " for char in message)
    return message if len(message) <= 300 else message[:297] + "..."


def _write_whole(target: Path, text: str) -> None:
    """Replace ``target`` by renaming a complete file over it: never half a file."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
