"""The third-party services a reader's browser may talk to: GoatCounter for view
counts, giscus for comments. Both are off unless configured.

Everything the browser script needs is decided here, once per build, and
handed to the page as one JSON object; the script never reads mkdocs.yml.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from blog_extras.content.counts import script_wording
from blog_extras.content.web_address import origin_problem, web_url_problem

# mkdocs.yml lets environment variables override the hosts (MkDocs' !ENV tag), so
# that a test or a preview can point the site at another host.


class ServiceConfigError(ValueError):
    """A service's setting in mkdocs.yml cannot be used; the message says which."""


@dataclass(frozen=True)
class Giscus:
    origin: str
    repo: str
    repo_id: str
    category: str
    category_id: str
    mapping: str
    lang: str

    @property
    def script(self) -> str:
        return f"{self.origin}/client.js"


@dataclass(frozen=True)
class Services:
    goatcounter: str  # "" when view counting is off
    goatcounter_script: str
    record_views: bool
    timeout_ms: int
    giscus: Giscus | None

    @property
    def enabled(self) -> bool:
        return bool(self.goatcounter or self.giscus)

    def origins(self) -> list[str]:
        """Every origin a page may contact: the page policy's script, image and connect sources."""
        found = []
        if self.goatcounter:
            found += [_origin(self.goatcounter), _origin(self.goatcounter_script)]
        if self.giscus:
            found.append(self.giscus.origin)
        return sorted(set(found))

    def frame_origins(self) -> list[str]:
        """The origins a page may show in a frame: giscus' comments, when on."""
        return [self.giscus.origin] if self.giscus else []

    def page_config(self) -> dict[str, Any]:
        """The JSON object the browser script reads from the page."""
        return {
            "goatcounter": self.goatcounter,
            "goatcounterScript": self.goatcounter_script,
            "recordViews": self.record_views,
            "timeoutMs": self.timeout_ms,
            # How the script words the live counts: counts.py's rule and words.
            "counts": script_wording(),
            "giscus": None if self.giscus is None else {
                "origin": self.giscus.origin,
                "script": self.giscus.script,
                "repo": self.giscus.repo,
                "repoId": self.giscus.repo_id,
                "category": self.giscus.category,
                "categoryId": self.giscus.category_id,
                "mapping": self.giscus.mapping,
                "lang": self.giscus.lang,
            },
        }  # fmt: skip


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _checked_address(
    value: str, setting: str, problem_of: Callable[[str], str], example: str
) -> str:
    """A service's address from the settings, checked: it becomes a source of every
    page's policy, so a value that is not one plain address stops the build."""
    problem = problem_of(value)
    if problem:
        raise ServiceConfigError(
            f"'{setting}' must be a web address such as {example}, "
            f"and {value!r} cannot be one: {problem}"
        )
    return value.rstrip("/")


def _host_setting(value: str, setting: str) -> str:
    return _checked_address(value, setting, origin_problem, "https://myblog.goatcounter.com")


def resolve_services(settings: Mapping[str, Any], *, serving: bool) -> Services:
    """The services the plugin's settings turn on, checked.

    Views are never recorded while previewing (``mkdocs serve``): the author's
    own visits are not readers' views.
    """
    goatcounter = settings.get("goatcounter") or ""
    script = settings.get("goatcounter_script") or ""
    if goatcounter:
        goatcounter = _host_setting(goatcounter, "goatcounter")
        script = _checked_address(
            script, "goatcounter_script", web_url_problem, "https://gc.zgo.at/count.js"
        )
    giscus_settings = settings.get("giscus") or {}
    giscus = None
    origin = giscus_settings.get("origin") or ""
    if origin:  # checked even while comments are off: a wrong host is a mistake either way
        origin = _host_setting(origin, "giscus.origin")
    required = ("repo", "repo_id", "category", "category_id")
    if any(giscus_settings.get(key) for key in required):
        missing = [key for key in required if not giscus_settings.get(key)]
        if missing:
            raise ServiceConfigError(
                f"giscus needs all of repo, repo_id, category and category_id; "
                f"missing: {', '.join(missing)} (giscus.app shows them for your repository)"
            )
        giscus = Giscus(
            # Checked above when given; an empty one is refused here.
            origin=origin or _host_setting(origin, "giscus.origin"),
            repo=giscus_settings["repo"],
            repo_id=giscus_settings["repo_id"],
            category=giscus_settings["category"],
            category_id=giscus_settings["category_id"],
            mapping=giscus_settings.get("mapping") or "pathname",
            lang=giscus_settings.get("lang") or "en",
        )
    return Services(
        goatcounter=goatcounter,
        goatcounter_script=script,
        record_views=bool(goatcounter) and not serving,
        timeout_ms=int(float(settings.get("counter_timeout", 4)) * 1000),
        giscus=giscus,
    )
