"""The Wix importer's network layer: a polite, bounded HTTP client for the public
site, Wix's media host and the Blog REST API (``make snapshot-views`` uses it
too, for GoatCounter's API, with settings of its own).

Everything fetched is untrusted and every server may misbehave, so each request
has limits (connect and read timeouts, a deadline for the whole answer, a size
limit checked against Content-Length and again while reading), transient
failures are retried with exponential backoff and jitter, and each host is asked
no more often than its minimum interval allows. Every failure is one
``FetchError`` whose message is one line naming the address (without its query,
which may carry tokens) and the reason; header values, where the API key
travels, never appear in it.

Why these defaults (``../shared/wix/FACTS.md``, sections A.10 and E):
- The API allows 200 requests a minute per site: 0.3 s apart is 200 a minute.
- Nothing is documented for pages and media. Exporters that worked wait 1 s
  between page fetches and 0.1 s between image downloads, and a robots.txt
  ``Crawl-delay`` for our agent raises the page interval (up to 60 s).
- Wix documents 429 "too many requests", and 500, 503 ("try later") and 504
  ("try a smaller page size") as passing; no Retry-After is documented, but one
  is honoured when sent, up to ``max_retry_after``: a longer wait is an error
  naming it, as a run should not silently stall for minutes.
- Sizes: a post is at most 400 KB, so a page of 100 posts with rich content is
  at most 40 MB; a sitemap is at most 50 MB by the sitemap protocol; Wix takes
  image uploads up to 25 MB. One limit of 50 MB covers each; callers may ask less.
"""

from __future__ import annotations

import email.utils
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import tenacity
from protego import Protego

from blog_extras.authoring import safe_json

AGENT_TOKEN = "blog-extras"  # the name robots.txt rules may address
USER_AGENT = f"{AGENT_TOKEN}-wix-import/1.0 (a one-time import of a blog into MkDocs)"

API_INTERVAL = 0.3  # 200 requests a minute, Wix's documented API limit
PAGE_INTERVAL = 1.0  # what exporters that kept working waited between pages
MEDIA_INTERVAL = 0.1  # and between image downloads

MAX_ANSWER_BYTES = 50_000_000
MAX_ROBOTS_BYTES = 500 * 1024  # Google reads the first 500 KiB of a robots.txt, and uses it
MAX_ERROR_BYTES = 64_000  # of an error answer, only Wix's message is wanted
MAX_MESSAGE_CHARS = 200  # of that message, shown on one line
MAX_CRAWL_DELAY = 60.0
# A server's words holding this many characters of a header value in a row, however
# split or disguised, are not shown at all.
SECRET_RUN = 8

_SECONDS = re.compile(r"[0-9]+(?:\.[0-9]+)?")

RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A request failed; the message is one line naming the address and why.
    ``status`` is the HTTP status of the last answer, when there was one, and
    ``said`` the server's own explanation in it (one line, no header value)."""

    def __init__(self, message: str, status: int | None = None, said: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.said = said


@dataclass(frozen=True)
class HostPolicy:
    """How one host (``host`` or ``host:port``) is treated: the least time
    between two requests to it, and whether its robots.txt applies (the site's
    pages are crawled; the API is called as documented, with a key)."""

    interval: float = PAGE_INTERVAL
    robots: bool = True


@dataclass(frozen=True)
class FetchSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # the longest silence between two pieces of an answer
    # The whole answer of one attempt, however slowly its bytes trickle in: 50 MB
    # at 0.5 MB/s. Checked between pieces, so it may be passed by one read_timeout.
    deadline: float = 120.0
    attempts: int = 5  # the first try and four retries
    backoff_first: float = 1.0  # then 2, 4, 8 s, each plus up to `backoff_jitter`
    backoff_max: float = 30.0
    backoff_jitter: float = 1.0
    max_retry_after: float = 60.0
    max_redirects: int = 5  # 0: a redirect is an answer, an error with its status
    user_agent: str = USER_AGENT
    # Where a server says how long to wait: Retry-After (RFC 9110); some APIs
    # (GoatCounter) name it otherwise.
    retry_after_headers: tuple[str, ...] = ("Retry-After",)


@dataclass(frozen=True)
class Media:
    data: bytes
    content_type: str  # as the server says; the caller types the file by its bytes


class _Retry(Exception):
    """A transient failure; ``wait`` is the server's Retry-After, when it sent one."""

    def __init__(
        self, message: str, status: int | None, wait: float | None = None, said: str = ""
    ) -> None:
        super().__init__(message)
        self.status = status
        self.wait = wait
        self.said = said


@dataclass
class _Answer:
    url: httpx.URL
    status: int
    headers: httpx.Headers
    body: bytes


@dataclass(frozen=True)
class _Call:
    """What one call asked for, carried through its retries and redirects."""

    headers: Mapping[str, str]  # the caller's own, dropped on a redirect to another origin
    secrets: list[str]  # their values, which no message shows
    max_bytes: int
    robots: bool = True
    cut: bool = False  # an answer over max_bytes: its opening is used, not refused


@dataclass
class _Hop:
    """One answer, and the request its redirect leads to (built by httpx)."""

    answer: _Answer
    next_request: httpx.Request | None


def host_of(url: str) -> str:
    """The key of ``url``'s host in a Fetcher's ``hosts``: ``host`` or ``host:port``."""
    return _host_key(httpx.URL(url))


def wix_hosts(
    site_url: str, api_url: str, media_url: str, polite: bool = True
) -> dict[str, HostPolicy]:
    """The policies of an import's three hosts: the site is crawled (robots.txt,
    a page a second); the API and the media host are not crawled but called, at
    their own paces. ``polite=False`` drops the intervals, for tests and benches
    against local stand-ins."""

    def pace(seconds: float) -> float:
        return seconds if polite else 0.0

    return {
        host_of(api_url): HostPolicy(pace(API_INTERVAL), robots=False),
        **media_host(media_url, polite),
        # Last: when one host serves everything, the site's rules win.
        host_of(site_url): HostPolicy(pace(PAGE_INTERVAL), robots=True),
    }


def media_host(media_url: str, polite: bool = True) -> dict[str, HostPolicy]:
    """The policy of Wix's media host (``WIX_MEDIA_URL``): called at its own pace, no
    robots.txt. Any other host gets a Fetcher's default policy."""
    return {host_of(media_url): HostPolicy(MEDIA_INTERVAL if polite else 0.0, robots=False)}


def shown_url(url: str | httpx.URL) -> str:
    """The address for a message: no user name or password, no query (API keys and
    signed media addresses carry secrets there), no fragment, no control characters."""
    try:
        parsed = httpx.URL(str(url))
        text = str(parsed.copy_with(query=None, fragment=None, username=None, password=None))
    except (httpx.InvalidURL, TypeError, ValueError):
        text = str(url).split("?", 1)[0].split("#", 1)[0]
    return one_line(text, 300)


def one_line(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` on one line of printable characters, at most ``limit`` long."""
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def wix_message(body: bytes) -> str:
    """Wix's explanation in an error answer, ``{"message": ..., "details":
    {"applicationError": {"code": ...}}}`` (Wix's Errors guide), or "" when the
    body is not that shape (or is, as 5xx answers are, with an empty message).
    Neither cleaned nor cut short here: header values are hidden first (a control
    character inside an echoed key must not split it past the hiding), then it is."""
    try:
        data = safe_json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return ""
    if not isinstance(data, dict) or not isinstance(data.get("message"), str):
        return ""
    parts = [data["message"]]
    details = data.get("details")
    error = details.get("applicationError") if isinstance(details, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    if isinstance(code, str) and code and code not in data["message"]:
        parts.append(f"({code})")
    return " ".join(parts)[:MAX_ERROR_BYTES]


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """The wait a Retry-After header asks for: seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    # ASCII digits only: str.isdigit() also takes "²" and other digits float() refuses.
    # Retry-After's are whole; GoatCounter's X-Rate-Limit-Reset not always.
    if _SECONDS.fullmatch(value):
        try:
            return float(value)
        except (ValueError, OverflowError):
            return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _host_key(url: httpx.URL) -> str:
    return url.netloc.decode("ascii").lower()


def _origin(url: httpx.URL) -> str:
    return f"{url.scheme}://{_host_key(url)}"


class Fetcher:
    """One per run: its connections are reused, and its per-host schedule and
    robots.txt rules hold across every request of the run."""

    def __init__(
        self,
        hosts: Mapping[str, HostPolicy] | None = None,
        default_host: HostPolicy = HostPolicy(),
        settings: FetchSettings = FetchSettings(),
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        explain: Callable[[bytes], str] = wix_message,
        server_name: str = "Wix",
    ) -> None:
        self.hosts = {key.lower(): policy for key, policy in (hosts or {}).items()}
        self.default_host = default_host
        self.settings = settings
        # Injected so tests of backoff and politeness need not wait. The deadline
        # always runs on the real clock: it measures a real server's slowness.
        self.sleep = sleep
        self.clock = clock
        # What an error answer's body says, and who says it ("Wix says: ...").
        self.explain = explain
        self.server_name = server_name
        self._next_turn: dict[str, float] = {}
        self._robots: dict[str, Protego | None] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(
                settings.read_timeout, connect=settings.connect_timeout, pool=settings.read_timeout
            ),
            headers={"User-Agent": settings.user_agent},
            follow_redirects=False,  # followed here, hop by hop, each hop checked
            trust_env=False,  # no proxy or .netrc credentials from the environment
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # The four calls callers make; each returns the answer of a 2xx or raises FetchError.

    def get_text(
        self, url: str, headers: Mapping[str, str] | None = None, max_bytes: int = MAX_ANSWER_BYTES
    ) -> str:
        answer = self._fetch("GET", url, headers, None, max_bytes)
        return _decode(answer)

    def get_json(
        self, url: str, headers: Mapping[str, str] | None = None, max_bytes: int = MAX_ANSWER_BYTES
    ) -> Any:
        return _json_of(self._fetch("GET", url, headers, None, max_bytes))

    def post_json(
        self,
        url: str,
        body: object,
        headers: Mapping[str, str] | None = None,
        max_bytes: int = MAX_ANSWER_BYTES,
    ) -> Any:
        return _json_of(self._fetch("POST", url, headers, body, max_bytes))

    def get_bytes(
        self, url: str, headers: Mapping[str, str] | None = None, max_bytes: int = MAX_ANSWER_BYTES
    ) -> Media:
        answer = self._fetch("GET", url, headers, None, max_bytes)
        content_type = answer.headers.get("Content-Type", "").split(";")[0].strip().lower()
        return Media(answer.body, one_line(content_type, 100))

    # How each call is made.

    def _fetch(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        body: object,
        max_bytes: int,
        robots: bool = True,
        cut: bool = False,
    ) -> _Answer:
        secrets = _secrets_in(headers or {})
        call = _Call(dict(headers or {}), secrets, max_bytes, robots, cut)
        try:
            request = self._client.build_request(
                method, url, headers=dict(call.headers), json=body if method == "POST" else None
            )
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, TypeError, ValueError) as error:
            raise FetchError(f"{shown_url(url)}: not an address to fetch ({error})") from None
        try:
            answer = self._with_retries(request, call)
        except FetchError as error:
            raise _without_secrets(error, secrets, url) from None
        if not 200 <= answer.status < 300:
            said = self._server_words(answer.body, secrets)
            message = f"{shown_url(answer.url)}: {self._reason(answer.status, said)}"
            raise _without_secrets(FetchError(message, answer.status, said), secrets, url)
        return answer

    def _server_words(self, body: bytes, secrets: list[str]) -> str:
        """What an error answer says, on one line, header values hidden; "" when
        what is left still shows a run of one (split by spaces, controls or
        invisible characters, which cleaning to one line would turn into spaces)."""
        said = _hidden(self.explain(body), secrets)
        return "" if _shows_a_secret(said, secrets) else one_line(said, MAX_MESSAGE_CHARS)

    def _reason(self, status: int, said: str) -> str:
        return f"HTTP {status}" + (f", {self.server_name} says: {said}" if said else "")

    def _with_retries(self, request: httpx.Request, call: _Call) -> _Answer:
        settings = self.settings
        backoff = tenacity.wait_exponential_jitter(
            multiplier=settings.backoff_first,
            max=settings.backoff_max,
            jitter=settings.backoff_jitter,
        )

        def wait(state: tenacity.RetryCallState) -> float:
            failure = state.outcome.exception() if state.outcome else None
            if isinstance(failure, _Retry) and failure.wait is not None:
                return failure.wait
            return float(backoff(state))

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(max(1, settings.attempts)),
            wait=wait,
            retry=tenacity.retry_if_exception_type(_Retry),
            sleep=self.sleep,
            reraise=True,
        )
        try:
            return retrying(self._follow, request, call)
        except _Retry as failure:
            tries = "once" if settings.attempts <= 1 else f"{settings.attempts} times"
            raise FetchError(f"{failure} (tried {tries})", failure.status, failure.said) from None

    def _follow(self, request: httpx.Request, call: _Call) -> _Answer:
        """One attempt: the request and the redirects it leads to. httpx builds
        each next request; each hop is checked against the schemes allowed,
        robots.txt and the host's interval."""
        for _ in range(self.settings.max_redirects + 1):
            if request.url.scheme not in ("http", "https"):
                raise FetchError(f"{shown_url(request.url)}: not an http(s) address")
            if call.robots:
                self._check_robots(request.url)
            self._wait_turn(request.url)
            hop = self._one(request, call)
            if (
                hop.next_request is None
                or hop.answer.status not in REDIRECT_STATUSES
                or self.settings.max_redirects == 0
            ):
                return hop.answer
            if hop.next_request.url.scheme not in ("http", "https"):
                scheme = one_line(hop.next_request.url.scheme, 20)
                raise FetchError(f"{shown_url(request.url)}: redirects to a {scheme}: address")
            request = _leaving_origin_without(call.headers, request, hop.next_request)
        raise FetchError(
            f"{shown_url(request.url)}: more than {self.settings.max_redirects} redirects"
        )

    def _one(self, request: httpx.Request, call: _Call) -> _Hop:
        shown = shown_url(request.url)
        started = time.monotonic()
        try:
            response = self._client.send(request, stream=True, follow_redirects=False)
            try:
                status = response.status_code
                if status in RETRIED_STATUSES:
                    body = _read(response, MAX_ERROR_BYTES, None, started, shown, self.settings)
                    wait = self._retry_after(response, shown)
                    if wait is not None:
                        self._hold_host(request.url, wait)
                    said = self._server_words(body, call.secrets)
                    raise _Retry(f"{shown}: {self._reason(status, said)}", status, wait, said)
                if 200 <= status < 300:
                    refuse_over = None if call.cut else call.max_bytes
                    body = _read(
                        response, call.max_bytes, refuse_over, started, shown, self.settings
                    )
                else:  # only an error's opening is read, for Wix's message
                    body = _read(response, MAX_ERROR_BYTES, None, started, shown, self.settings)
                answer = _Answer(response.url, status, response.headers, body)
                return _Hop(answer, response.next_request)
            finally:
                response.close()
        except httpx.TimeoutException:
            raise _Retry(f"{shown}: no answer within the time allowed", None) from None
        except (httpx.TransportError, httpx.InvalidURL) as error:
            raise _Retry(f"{shown}: {_error_kind(error)}", None) from None

    def _retry_after(self, response: httpx.Response, shown: str) -> float | None:
        """The wait the server asks for; a wait longer than ``max_retry_after`` is an
        error naming it, rather than a run that silently stalls."""
        asked = (response.headers.get(name) for name in self.settings.retry_after_headers)
        wait = next((w for w in map(retry_after_seconds, asked) if w is not None), None)
        if wait is not None and wait > self.settings.max_retry_after:
            raise FetchError(
                f"{shown}: HTTP {response.status_code}, the server asks to wait {wait:.0f} s "
                f"(more than {self.settings.max_retry_after:.0f} s); try again later",
                response.status_code,
            )
        return wait

    def _policy(self, url: httpx.URL) -> HostPolicy:
        return self.hosts.get(_host_key(url), self.default_host)

    def _wait_turn(self, url: httpx.URL) -> None:
        key = _host_key(url)
        interval = self._policy(url).interval
        rules = self._robots.get(_origin(url))
        if rules is not None and self._policy(url).robots:
            delay = rules.crawl_delay(AGENT_TOKEN)
            if delay:
                interval = max(interval, min(float(delay), MAX_CRAWL_DELAY))
        with self._lock:
            now = self.clock()
            turn = max(now, self._next_turn.get(key, now))
            self._next_turn[key] = turn + interval
        if turn > now:
            self.sleep(turn - now)

    def _hold_host(self, url: httpx.URL, seconds: float) -> None:
        """No request to ``url``'s host for ``seconds``: the server asked the client
        to wait, so every worker waits, not only the one it answered."""
        key = _host_key(url)
        with self._lock:
            until = self.clock() + seconds
            self._next_turn[key] = max(self._next_turn.get(key, until), until)

    def _check_robots(self, url: httpx.URL) -> None:
        if not self._policy(url).robots:
            return
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        if rules is not None and not rules.can_fetch(str(url), AGENT_TOKEN):
            raise FetchError(f"{shown_url(url)}: the site's robots.txt does not allow fetching it")

    def _read_robots(self, origin: str) -> Protego | None:
        """The rules of ``origin``'s robots.txt; None (everything allowed) when it
        has none (4xx, as RFC 9309 reads it; but 429, which asks for patience)."""
        try:
            answer = self._fetch(
                "GET", f"{origin}/robots.txt", None, None, MAX_ROBOTS_BYTES, robots=False, cut=True
            )
        except FetchError as error:
            if error.status is not None and 400 <= error.status < 500 and error.status != 429:
                return None
            raise FetchError(f"{error}; without its robots.txt the site is not crawled") from None
        if len(answer.body) >= MAX_ROBOTS_BYTES:  # the line cut in two is left out
            answer.body = answer.body[: answer.body.rfind(b"\n") + 1]
        return Protego.parse(_decode(answer))


def _leaving_origin_without(
    caller_headers: Mapping[str, str], request: httpx.Request, following: httpx.Request
) -> httpx.Request:
    """``following``, the request a redirect leads to, without any header the caller
    passed when it goes to another origin: httpx drops only Authorization, and the
    API's ``wix-site-id`` (or any other credential) is for the API's host alone."""
    if _origin(following.url) != _origin(request.url):
        for name in caller_headers:
            following.headers.pop(name, None)
    return following


def _read(
    response: httpx.Response,
    limit: int,
    refuse_over: int | None,
    started: float,
    shown: str,
    settings: FetchSettings,
) -> bytes:
    """The body, read piece by piece: never more than ``limit`` bytes, never past the
    deadline. With ``refuse_over``, an answer larger than that is an error (first by
    its Content-Length, then by what arrives); without it, the rest is dropped."""
    declared = response.headers.get("Content-Length", "")
    if refuse_over is not None and declared.isdigit() and int(declared) > refuse_over:
        raise FetchError(
            f"{shown}: the answer is {_size(int(declared))}, more than {_size(refuse_over)}"
        )
    pieces: list[bytes] = []
    size = 0
    # Pieces as they arrive (a chunk size would wait to fill it, past the deadline),
    # counted decompressed, so a small gzip bomb is stopped too.
    for piece in response.iter_bytes():
        size += len(piece)
        if size > limit:
            if refuse_over is not None:
                raise FetchError(f"{shown}: the answer is larger than {_size(refuse_over)}")
            pieces.append(piece[: limit - (size - len(piece))])
            break
        pieces.append(piece)
        if time.monotonic() - started > settings.deadline:
            raise _Retry(f"{shown}: the answer did not arrive within {settings.deadline:g} s", None)
    return b"".join(pieces)


def _size(count: int) -> str:
    return f"{count / 1_000_000:g} MB" if count >= 1_000_000 else f"{count:,} bytes"


def _decode(answer: _Answer) -> str:
    charset = httpx.Response(200, headers=answer.headers).charset_encoding or "utf-8"
    try:
        return answer.body.decode(charset, "replace")
    except LookupError:  # a charset Python does not know
        return answer.body.decode("utf-8", "replace")


def _json_of(answer: _Answer) -> Any:
    try:
        return safe_json.loads(answer.body)
    except (ValueError, UnicodeDecodeError) as error:
        reason = one_line(str(error), 80)
        raise FetchError(f"{shown_url(answer.url)}: the answer is not JSON ({reason})") from None


def _error_kind(error: Exception) -> str:
    """What went wrong, in words that hold no address or header."""
    names = {
        "ConnectError": "cannot connect (connection refused or host not found)",
        "RemoteProtocolError": "the server broke off the answer",
        "ReadError": "the connection broke",
        "WriteError": "the connection broke",
        "UnsupportedProtocol": "not an http(s) address",
        "InvalidURL": "an invalid address",
    }
    return names.get(type(error).__name__, f"the request failed ({type(error).__name__})")


# Headers that say what a body is, never who asks: a message may name their values.
_NOT_SECRET = frozenset({"accept", "content-type"})


def _secrets_in(headers: Mapping[str, str]) -> list[str]:
    """The values of the caller's headers, credentials among them (of a value with
    a scheme, "Bearer <token>", the part after it). Longest first, so that hiding
    one never uncovers the rest of a longer one."""
    found = set()
    for name, value in headers.items():
        if name.lower() in _NOT_SECRET:
            continue
        _scheme, _, credential = value.strip().rpartition(" ")
        found.add(credential)
    return sorted((s for s in found if len(s) >= 6), key=len, reverse=True)


def _hidden(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "[hidden]")
    return text


def _bare(text: str) -> str:
    """``text`` as it is searched for secrets: in its compatibility form, case
    folded, without spaces, control and format (zero-width) characters."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in text if unicodedata.category(c)[0] not in "CZ" and not c.isspace())


def _shows_a_secret(text: str, secrets: list[str]) -> bool:
    """Whether ``text`` holds ``SECRET_RUN`` characters in a row of a header value."""
    bare = _bare(text)
    for secret in map(_bare, secrets):
        run = min(SECRET_RUN, len(secret))
        if any(secret[i : i + run] in bare for i in range(len(secret) - run + 1)):
            return True
    return False


def _without_secrets(error: FetchError, secrets: list[str], url: str) -> FetchError:
    """``error`` with no header value in its message: hidden where it is echoed as
    sent; where a run of one is left (a redirect's address may carry it too), the
    message is only the address asked for and the status."""
    said = _hidden(error.said, secrets)
    said = "" if _shows_a_secret(said, secrets) else one_line(said, MAX_MESSAGE_CHARS)
    message = _hidden(str(error), secrets)
    if _shows_a_secret(message, secrets):
        status = f"HTTP {error.status}" if error.status else "failed"
        message = f"{shown_url(url)}: {status} (the reason is not shown: it repeats a credential)"
    return FetchError(one_line(message, 500), error.status, said)
