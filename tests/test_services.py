"""Which services a page uses, decided at build time from mkdocs.yml and the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from blog_extras.content.services import ServiceConfigError, resolve_services
from tests.project import copy_project

GISCUS = {"repo": "a/b", "repo_id": "R", "category": "Comments", "category_id": "C",
          "origin": "https://giscus.app"}  # fmt: skip
DEFAULTS = {"goatcounter": "", "goatcounter_script": "https://gc.zgo.at/count.js",
            "counter_timeout": 4, "giscus": {"origin": "https://giscus.app"}}  # fmt: skip


def test_nothing_configured_means_no_service_and_no_origin():
    services = resolve_services(DEFAULTS, serving=False)
    assert not services.enabled
    assert services.origins() == []
    assert services.frame_origins() == []


def test_goatcounter_records_views_only_outside_preview():
    settings = {**DEFAULTS, "goatcounter": "https://blog.goatcounter.com/"}
    published = resolve_services(settings, serving=False)
    assert published.goatcounter == "https://blog.goatcounter.com"
    assert published.record_views
    assert not resolve_services(settings, serving=True).record_views
    assert published.origins() == ["https://blog.goatcounter.com", "https://gc.zgo.at"]


def test_environment_overrides_the_hosts_through_mkdocs_yml(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    project = copy_project(tmp_path)  # the seed blog's mkdocs.yml, beside overrides/

    def services_of_the_repository():
        config = load_config(str(project.root / "mkdocs.yml"))
        return resolve_services(config.plugins["blog-extras"].config, serving=False)

    unset = services_of_the_repository()
    assert not unset.enabled
    monkeypatch.setenv("BLOG_GOATCOUNTER", "http://127.0.0.1:9000")
    monkeypatch.setenv("BLOG_GOATCOUNTER_SCRIPT", "http://127.0.0.1:9000/count.js")
    services = services_of_the_repository()
    assert services.page_config()["goatcounter"] == "http://127.0.0.1:9000"
    assert services.page_config()["goatcounterScript"] == "http://127.0.0.1:9000/count.js"


def test_bad_counter_address_is_refused_in_plain_words():
    with pytest.raises(ServiceConfigError, match="must be a web address"):
        resolve_services({**DEFAULTS, "goatcounter": "blog.goatcounter.com"}, serving=False)


def test_giscus_needs_all_four_ids():
    services = resolve_services({**DEFAULTS, "giscus": GISCUS}, serving=False)
    assert services.giscus is not None and services.giscus.script == "https://giscus.app/client.js"
    assert services.origins() == ["https://giscus.app"]
    assert services.frame_origins() == ["https://giscus.app"]
    with pytest.raises(ServiceConfigError, match="missing: category_id"):
        partial = {**GISCUS, "category_id": ""}
        resolve_services({**DEFAULTS, "giscus": partial}, serving=False)


def test_timeout_is_in_milliseconds_for_the_browser():
    assert resolve_services({**DEFAULTS, "counter_timeout": 2.5}, serving=False).timeout_ms == 2500
