"""``make import-wix SRC=https://www.example.com``: the whole of a live Wix blog
(issue 21), by the API when a key is set, else by the public site.

- **The address.** The site's home page, its blog (``/blog``) or one of its posts
  (``/post/...``) all name the site: its origin, plus the site's folder on a free
  Wix address (``https://<user>.wixsite.com/<site>``).
- **The route.** With ``WIX_API_KEY`` and ``WIX_SITE_ID`` both set, the Blog REST
  API (:mod:`.api_route`); with neither, the site's sitemaps and post pages
  (:mod:`.site_route`); one without the other is a mistake, said so. The key and
  the site id travel only in the headers of requests to the API's host (the
  fetcher drops them on a redirect elsewhere, and hides any header value a server
  echoes); they are never printed or written.
- **The hosts.** ``WIX_API_URL`` (default ``https://www.wixapis.com``) and
  ``WIX_MEDIA_URL`` (default ``https://static.wixstatic.com/media/``) replace
  Wix's, for tests and mirrors; each must be a plain https address (http for
  this machine only, :mod:`blog_extras.content.web_address`).
- **Errors** that stop the run before anything is written (a wrong key, an
  address that is no Wix blog, a sitemap with no post, a malformed answer) are
  one line on stderr and exit 1: every post is listed, and by the API route read,
  before the first file is written. A post that fails alone is named in the
  summary, the others are written, and the run exits 1.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from blog_extras.authoring.settings import SettingsError, check_settings, load_site_config
from blog_extras.content.web_address import web_url_problem
from blog_extras.wix_import.api_route import UnreadPost, api_posts
from blog_extras.wix_import.fetch import Fetcher, FetchError, one_line, wix_hosts
from blog_extras.wix_import.importer import reserved_slugs
from blog_extras.wix_import.media import DEFAULT_MEDIA_URL
from blog_extras.wix_import.progress import Progress
from blog_extras.wix_import.remote import RemoteError, RemotePost, canonical_url
from blog_extras.wix_import.site_route import blog_sitemap, read_post, site_folder
from blog_extras.wix_import.sources import NotWixError
from blog_extras.wix_import.whole_blog import Read, Summary, Target, import_blog

DEFAULT_API_URL = "https://www.wixapis.com"
# A sitemap may list many addresses that are no posts: a few name the problem.
MAX_SKIPPED_SHOWN = 20


class LiveError(ValueError):
    """Nothing can be imported; the message is one line saying why."""


@dataclass(frozen=True)
class Route:
    site: str  # the site's address: origin, plus its folder on a free Wix address
    api_url: str
    media_url: str
    api_headers: Mapping[str, str] | None  # None: the site route


def is_web_source(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def site_address(source: str) -> str:
    """The site a home page, blog or post address names (module decisions)."""
    problem = web_url_problem(source, http_anywhere=True)
    address = canonical_url(source) if not problem else ""
    if not address:
        raise LiveError(f"{one_line(source, 200)!r} is not a web address ({problem or 'unusable'})")
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}{site_folder(address).rstrip('/')}"


def host_setting(environ: Mapping[str, str], name: str, default: str) -> str:
    """The address of a host an environment variable replaces (``WIX_API_URL``,
    ``WIX_MEDIA_URL``), else ``default``; LiveError when it is no plain https address
    (http for this machine only)."""
    value = environ.get(name) or default
    problem = web_url_problem(value)
    if problem:
        raise LiveError(f"{name} {one_line(value, 200)!r} is not a web address: {problem}")
    return value


def route_from(source: str, environ: Mapping[str, str]) -> Route:
    site = site_address(source)
    api_url = host_setting(environ, "WIX_API_URL", DEFAULT_API_URL)
    media_url = host_setting(environ, "WIX_MEDIA_URL", DEFAULT_MEDIA_URL)
    key, site_id = environ.get("WIX_API_KEY", ""), environ.get("WIX_SITE_ID", "")
    if bool(key) != bool(site_id):
        missing = "WIX_SITE_ID" if key else "WIX_API_KEY"
        raise LiveError(f"the API route needs WIX_API_KEY and WIX_SITE_ID; {missing} is not set")
    for name, value in (("WIX_API_KEY", key), ("WIX_SITE_ID", site_id)):
        if value and (not value.isprintable() or re.search(r"\s", value)):
            raise LiveError(f"{name} holds spaces or control characters; copy it again")
    headers = {"Authorization": key, "wix-site-id": site_id} if key else None
    return Route(site, api_url, media_url, headers)


def list_posts(route: Route, fetcher: Fetcher) -> tuple[list[tuple[str, Read]], list[str]]:
    """Every post of the blog, to be read: by the API, read already (a wrong key
    fails here, before anything is written); by the site, its sitemap entries;
    and what the listing left out, and why."""
    if route.api_headers is not None:
        headers = dict(route.api_headers)

        def get_json(url: str) -> object:
            return fetcher.get_json(url, headers=headers)

        def post_json(url: str, body: dict) -> object:
            return fetcher.post_json(url, body, headers=headers)

        records = list(api_posts(get_json, post_json, route.api_url, route.site))
        return [(record.address, partial(_given, record)) for record in records], []
    listed = blog_sitemap(fetcher.get_text, route.site)
    readers: list[tuple[str, Read]] = [
        (entry.address, partial(read_post, fetcher.get_text, entry)) for entry in listed.posts
    ]
    return readers, listed.skipped


def _given(record: RemotePost | UnreadPost) -> RemotePost:
    if isinstance(record, UnreadPost):  # fails alone, named in the summary
        raise record.error
    return record


def _stopping_message(error: Exception, route: Route) -> str:
    text = str(error)
    status = getattr(error, "status", None)
    if status in (401, 403) and route.api_headers is not None:
        return (
            f"{text}; check WIX_API_KEY and WIX_SITE_ID (the key needs the Wix Blog "
            "permission to read posts, and the site id is the blog's site)"
        )
    if status == 404 and "sitemap" in text:
        return f"{text}: is {route.site} a Wix site?"
    return text


def run(
    source: str,
    config_file: str,
    force: bool,
    environ: Mapping[str, str] | None = None,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    polite: bool = True,
) -> int:
    """The command; its exit status. ``fetcher``: one made for the route when None
    (tests hand one in, with politeness off and no waiting)."""
    environ = os.environ if environ is None else environ
    progress = progress or Progress()
    err: Callable[[str], None] = partial(print, file=sys.stderr)
    try:
        route = route_from(source, environ)
        settings = check_settings(load_site_config(config_file))
    except (LiveError, SettingsError) as error:
        err(f"error: {one_line(str(error), 500)}")
        return 1
    own = fetcher is None
    fetcher = fetcher or Fetcher(
        hosts=wix_hosts(route.site, route.api_url, route.media_url, polite)
    )
    try:
        try:
            readers, skipped = list_posts(route, fetcher)
        except (FetchError, RemoteError) as error:
            err(f"error: {one_line(_stopping_message(error, route), 500)}")
            return 1
        target = Target(
            posts_dir=settings.docs_dir / settings.post_dir,
            slugify=settings.slugify,
            allowed=settings.categories_allowed,
            source=route.site,
            authors_file=settings.authors_file if settings.authors is not None else None,
            force=force,
            config_file=Path(config_file),
            reserved=reserved_slugs(settings),
        )
        try:
            summary = import_blog(
                readers,
                lambda url, limit: fetcher.get_bytes(url, max_bytes=limit),
                route.media_url,
                target,
                progress.say,
                progress.stage,
            )
        except NotWixError as error:  # the authors file cannot be read
            progress.close()
            err(f"error: {one_line(str(error), 500)}")
            return 1
        except KeyboardInterrupt:
            # Every file is written whole; what was written stays, and the next
            # run carries on from there.
            progress.close()
            err("stopped: the posts written so far are kept; run the command again to go on")
            return 130
        progress.close()
    finally:
        if own:
            fetcher.close()
    summary.skipped[:0] = skipped
    print_summary(summary, progress.say)
    return 1 if summary.failed else 0


def print_summary(summary: Summary, say: Callable[[str], None]) -> None:
    say(
        f"{len(summary.imported)} imported, {len(summary.unchanged)} unchanged, "
        f"{len(summary.kept)} kept (edited since their import; FORCE=1 overwrites them), "
        f"{len(summary.failed)} failed, {len(summary.skipped)} skipped"
    )
    for address, reason in summary.failed:
        # A reason from the fetcher or a reader names the address itself.
        said = reason if reason.startswith(address) else f"{address}: {reason}"
        say(one_line(f"failed: {said}", 600))
    for line in summary.skipped[:MAX_SKIPPED_SHOWN]:
        say(one_line(f"skipped: {line}", 600))
    if len(summary.skipped) > MAX_SKIPPED_SHOWN:
        say(f"skipped: {len(summary.skipped) - MAX_SKIPPED_SHOWN} more")
    if summary.failed:
        say("run the same command again to import what failed; the rest stays as it is")
