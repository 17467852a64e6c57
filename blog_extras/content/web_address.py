"""Web addresses the build takes from settings and the environment, checked.

The counter's and the comments' hosts (``BLOG_GOATCOUNTER``,
``BLOG_GISCUS_ORIGIN``) become sources of every page's Content-Security-Policy,
and ``SITE_URL`` is printed into every page's ``<head>``: a space in one would
add other sources to the policy (``data:``, ``'unsafe-eval'``), a quote or ``<``
would end the attribute it is printed in. Each must be one plain web address.

Plain web addresses use https; http is accepted for this machine only
(``localhost``, ``127.0.0.1``, ``[::1]``) and the names reserved for testing
(``*.test``, ``*.localhost``), where the tests and a local preview run
stand-ins of the services.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LOOPBACK = ("localhost", "127.0.0.1", "::1")
# A host name (letters, digits, '-' and '.'), or an IPv6 address in brackets.
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")
# A path, query and fragment of letters, digits and the punctuation addresses use,
# none of which ends an HTML attribute or a policy's list of sources.
_REST = re.compile(r"[A-Za-z0-9._~!$&()*+=:@/%?#-]*")


def _problem(value: object, http_anywhere: bool = False) -> tuple[str, str]:
    """Why ``value`` is no plain web address (or ""), and its path and what follows."""
    if not isinstance(value, str) or not value:
        return "it is empty", ""
    if not value.isascii() or not value.isprintable() or re.search(r"[\s\"'<>`\\,;]", value):
        return (
            "it holds a space, a quote, a comma, a semicolon or another character no address has",
            "",
        )
    try:
        parts = urlsplit(value)
    except ValueError:  # "https://[x": an IPv6 address left open
        return "its host is not a plain name such as example.com", ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "it does not start with https://", ""
    if parts.username is not None or parts.password is not None:
        return "it holds a user name ('@')", ""
    try:
        port = parts.port  # urlsplit checks the port only when asked
    except ValueError:
        return "its port is not a number", ""
    host = parts.netloc.rsplit(":", 1)[0] if port is not None else parts.netloc
    if not _HOST.fullmatch(host):
        return "its host is not a plain name such as example.com", ""
    if parts.scheme == "http" and not _local(parts.hostname or "") and not http_anywhere:
        return "it uses http; use https (http only for localhost)", ""
    rest = value[len(f"{parts.scheme}://{parts.netloc}") :]
    if not _REST.fullmatch(rest):
        return "its path holds characters an address cannot", ""
    return "", rest


def _local(host: str) -> bool:
    return host in LOOPBACK or host.endswith((".test", ".localhost"))


def web_url_problem(value: object, *, http_anywhere: bool = False) -> str:
    """Why ``value`` cannot be a web address the site uses (``https://host/path``), or "".
    ``http_anywhere``: an http address of any host will do (the site's own address)."""
    return _problem(value, http_anywhere)[0]


def origin_problem(value: object) -> str:
    """Why ``value`` cannot be a service's host (``https://host[:port]``, nothing
    after it but one ``/``), or ""."""
    problem, rest = _problem(value)
    if problem:
        return problem
    if rest not in ("", "/"):
        return "it must be the host alone, such as https://myblog.goatcounter.com, without a path"
    return ""


def site_address_problem(value: str) -> str:
    """The one-line message for a site address (``site_url`` or ``SITE_URL``) that
    cannot be used, or "" (http is accepted anywhere: a preview of a site on a
    machine of the local network)."""
    problem = web_url_problem(value, http_anywhere=True) if value else ""
    if not problem:
        return ""
    return (
        f"the site's address (site_url in mkdocs.yml, or SITE_URL) {value!r} cannot be used: "
        f"{problem}"
    )
