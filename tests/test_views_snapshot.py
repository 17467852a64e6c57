"""`make snapshot-views` against a stand-in GoatCounter API on 127.0.0.1 (tests/standins.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from blog_extras.authoring.views_snapshot import (
    SnapshotError,
    fetch_counts,
    never_lower,
    parse_snapshot,
)
from tests.project import Project, copy_project
from tests.standins import GoatCounter, serve


@pytest.fixture
def counter() -> Iterator[GoatCounter]:
    service = GoatCounter()
    with serve(service.handler()) as port:
        service.url = f"http://127.0.0.1:{port}"
        yield service


def test_counts_of_every_path_across_pages(counter: GoatCounter):
    counter.set_counts({f"/post-{n}/": n for n in range(1, 251)})
    counts = fetch_counts(counter.url, counter.token)
    assert counts == {f"/post-{n}/": n for n in range(1, 251)}
    # 100 paths a page; each next page excludes the path ids already seen.
    assert len(counter.api_requests) == 3
    assert len(counter.api_requests[2]["exclude_paths"][0].split(",")) == 200
    assert counter.api_requests[0]["start"] == ["2020-01-01T00:00:00Z"]


def test_wrong_token_is_reported(counter: GoatCounter):
    with pytest.raises(SnapshotError, match="refused the token"):
        fetch_counts(counter.url, "wrong")


@pytest.mark.parametrize(
    ("mode", "words"),
    [("error", "answered 500: database is on fire"), ("malformed", "not what its API describes")],
)
def test_api_failures_are_reported(counter: GoatCounter, mode: str, words: str):
    counter.mode = mode
    with pytest.raises(SnapshotError, match=words):
        fetch_counts(counter.url, counter.token)


def test_unreachable_api_is_reported():
    with serve(GoatCounter().handler()) as port:
        closed = f"http://127.0.0.1:{port}"
    with pytest.raises(SnapshotError, match="cannot read"):
        fetch_counts(closed, "token")


def test_a_snapshot_never_lowers_a_count():
    assert never_lower({"/a/": 10, "/b/": 3}, {"/a/": 4, "/c/": 1}) == {
        "/a/": 10,
        "/b/": 3,
        "/c/": 1,
    }


def test_unreadable_snapshots_count_as_none():
    assert parse_snapshot("not json") == {}
    assert parse_snapshot('{"paths": {"/a/": -1, "/b/": "7", "/c/": 2}}') == {"/c/": 2}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path)


def run_snapshot(project: Project, counter: GoatCounter, **env: str):
    return project.run(
        "blog_extras.cli", "snapshot-views", env={"BLOG_GOATCOUNTER": counter.url, **env}
    )


def test_command_writes_the_snapshot_and_the_build_shows_it(project: Project, counter: GoatCounter):
    counter.set_counts({"/miracle-in-cell-no-7/": 1000})
    (project.root / "docs" / "views.json").write_text(
        json.dumps({"paths": {"/the-corner-of-the-sidewalk/": 12}}), encoding="utf-8"
    )
    result = run_snapshot(project, counter, GOATCOUNTER_TOKEN=counter.token)
    assert result.returncode == 0, result.stderr
    saved = json.loads((project.root / "docs" / "views.json").read_text(encoding="utf-8"))
    assert saved["paths"] == {"/miracle-in-cell-no-7/": 1000, "/the-corner-of-the-sidewalk/": 12}
    assert project.run("mkdocs", "build", "--strict").returncode == 0
    page = (project.site / "miracle-in-cell-no-7" / "index.html").read_text(encoding="utf-8")
    assert ">1,043 views<" in page
    assert (project.site / "views.json").is_file()


def test_command_without_token_changes_nothing_and_succeeds(project: Project, counter: GoatCounter):
    result = run_snapshot(project, counter)
    assert result.returncode == 0
    assert "No GOATCOUNTER_TOKEN is set" in result.stdout
    assert not (project.root / "docs" / "views.json").exists()
    assert counter.api_requests == []


def test_command_keeps_the_old_snapshot_when_the_api_fails(project: Project, counter: GoatCounter):
    old = json.dumps({"paths": {"/miracle-in-cell-no-7/": 9}})
    (project.root / "docs" / "views.json").write_text(old, encoding="utf-8")
    counter.mode = "error"
    result = run_snapshot(project, counter, GOATCOUNTER_TOKEN=counter.token)
    assert result.returncode == 1
    assert "view counts not updated: GoatCounter answered 500" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project.root / "docs" / "views.json").read_text(encoding="utf-8") == old


def test_command_never_lowers_what_the_live_site_published(
    project: Project, counter: GoatCounter, tmp_path: Path
):
    from tests.browser.conftest import static_handler

    live = tmp_path / "live"
    live.mkdir()
    (live / "views.json").write_text(json.dumps({"paths": {"/miracle-in-cell-no-7/": 500}}))
    counter.set_counts({"/miracle-in-cell-no-7/": 20})
    with serve(static_handler(live)) as port:
        result = run_snapshot(
            project, counter, GOATCOUNTER_TOKEN=counter.token, SITE_URL=f"http://127.0.0.1:{port}/"
        )
    assert result.returncode == 0, result.stderr
    saved = json.loads((project.root / "docs" / "views.json").read_text(encoding="utf-8"))
    assert saved["paths"]["/miracle-in-cell-no-7/"] == 500


def test_the_token_never_follows_a_redirect(counter: GoatCounter):
    elsewhere = GoatCounter()
    with serve(elsewhere.handler()) as port:
        counter.redirect_to = f"http://127.0.0.1:{port}"
        counter.mode = "redirect"
        with pytest.raises(SnapshotError, match="answered 302, a redirect; the token goes only"):
            fetch_counts(counter.url, counter.token)
    assert elsewhere.authorizations == []  # the other host was never asked


def test_one_deadline_bounds_a_trickling_answer(counter: GoatCounter):
    import time

    from blog_extras.authoring.views_snapshot import within

    counter.mode, counter.slow_seconds = "trickle", 30.0  # 3 s a byte
    started = time.monotonic()
    with pytest.raises(SnapshotError, match="did not finish answering within 1 seconds"):
        within(1.0, lambda: fetch_counts(counter.url, counter.token))
    assert time.monotonic() - started < 3


def test_a_cut_off_answer_is_a_message(counter: GoatCounter):
    counter.mode = "cut"
    with pytest.raises(SnapshotError, match=r"cannot read .*: the server broke off the answer"):
        fetch_counts(counter.url, counter.token)


@pytest.mark.parametrize("count", [10**30, True, "7", -1, 2.5, None])
def test_nonsense_counts_are_refused(counter: GoatCounter, count: object):
    counter.mode, counter.nonsense = "nonsense", [5, count]
    with pytest.raises(SnapshotError, match="not what its API describes"):
        fetch_counts(counter.url, counter.token)


def test_snapshot_files_with_nonsense_counts_keep_only_the_sane_ones():
    assert parse_snapshot('{"paths": {"/a/": 1e30, "/b/": 1000000000000000, "/c/": true}}') == {}


def test_an_echoed_token_is_never_printed(project: Project, counter: GoatCounter):
    old = json.dumps({"paths": {"/miracle-in-cell-no-7/": 9}})
    (project.root / "docs" / "views.json").write_text(old, encoding="utf-8")
    counter.mode = "echo"
    result = run_snapshot(project, counter, GOATCOUNTER_TOKEN=counter.token)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert counter.token not in output and "bad key Bearer [hidden]" in output
    # One line: the server's text cannot start a CI workflow command.
    assert not any(line.startswith("::") for line in output.splitlines())
    assert (project.root / "docs" / "views.json").read_text(encoding="utf-8") == old


def test_a_slow_server_ends_the_command_with_a_message(
    project: Project, counter: GoatCounter, monkeypatch: pytest.MonkeyPatch, capsys
):
    import os

    from blog_extras.authoring import views_snapshot

    old = json.dumps({"paths": {"/miracle-in-cell-no-7/": 9}})
    (project.root / "docs" / "views.json").write_text(old, encoding="utf-8")
    counter.mode, counter.slow_seconds = "trickle", 30.0
    monkeypatch.setattr(views_snapshot, "DEADLINE_SECONDS", 1)
    monkeypatch.chdir(project.root)
    monkeypatch.setenv("BLOG_GOATCOUNTER", counter.url)  # read by mkdocs.yml's !ENV
    status = views_snapshot.main([], environ={**os.environ, "GOATCOUNTER_TOKEN": counter.token})
    assert status == 1
    assert "did not finish answering within 1 seconds" in capsys.readouterr().err
    assert (project.root / "docs" / "views.json").read_text(encoding="utf-8") == old


# -- Hostile answers and files: one message each, never a traceback -----------------

DEEP = b'{"hits": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ((200, b'{"hits": [{"path_id": Infinity, "path": "/a/", "count": 1}], "more": false}'),
         "Infinity is not a JSON number"),
        ((200, b'{"hits": [{"path_id": 1, "path": "/a/", "count": NaN}], "more": false}'),
         "NaN is not a JSON number"),
        ((200, b'{"hits": [{"path_id": 1e400, "path": "/a/", "count": 1}], "more": false}'),
         "not what its API describes"),
        ((200, DEEP), "nests too deep"),
        ((400, b'{"errors": {"limit": 7, "start": ["too early"]}}'),
         "answered 400: limit: 7; start: too early"),
        ((400, b'{"errors": {"x": ' + b"[" * 100_000 + b"}}"), "answered 400: HTTP 400"),
    ],
)  # fmt: skip
def test_hostile_answers_are_one_message(counter: GoatCounter, answer, words: str):
    counter.mode, counter.raw_answer = "raw", answer
    with pytest.raises(SnapshotError, match=words):
        fetch_counts(counter.url, counter.token)


def test_an_answer_without_end_is_cut_at_the_limit(counter: GoatCounter):
    import resource

    counter.mode = "endless"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(SnapshotError, match="larger than 5 MB"):
        fetch_counts(counter.url, counter.token)
    # Read in pieces up to the limit: the memory grew by little more than it.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 60_000  # KB


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"paths": {"/a/": Infinity}}', "Infinity is not a JSON number"),
        ('{"paths": ' + "[" * 100_000 + "]" * 100_000 + "}", "nests too deep"),
        ("[1, 2]", "it has no 'paths' of counts"),
    ],
)
def test_a_broken_snapshot_file_stops_the_build_naming_it(
    project: Project, counter: GoatCounter, text: str, words: str
):
    (project.root / "docs" / "views.json").write_text(text, encoding="utf-8")
    build = project.run("blog_extras.cli", "build")
    output = build.stdout + build.stderr
    assert build.returncode == 1 and "Traceback" not in output, output
    assert any("docs/views.json cannot be read" in line and words in line
               for line in output.splitlines()), output  # fmt: skip
    snapshot = run_snapshot(project, counter, GOATCOUNTER_TOKEN=counter.token)
    assert snapshot.returncode == 1 and "Traceback" not in snapshot.stderr, snapshot.stderr
    assert "error: docs/views.json cannot be read" in snapshot.stderr
    assert (project.root / "docs" / "views.json").read_text(encoding="utf-8") == text


def test_passing_failures_are_tried_again_with_backoff(counter: GoatCounter):
    from blog_extras.authoring.views_snapshot import new_fetcher

    counter.set_counts({"/a/": 3})
    counter.failures_first = [(503, {}), (429, {"X-Rate-Limit-Reset": "4"})]
    waits: list[float] = []
    with new_fetcher(sleep=waits.append) as fetcher:
        assert fetch_counts(counter.url, counter.token, fetcher) == {"/a/": 3}
    assert len(counter.api_requests) == 3
    assert 0.5 <= waits[0] <= 1 and waits[1] == 4  # backoff, then GoatCounter's own wait


def test_failures_that_last_are_one_message(counter: GoatCounter):
    from blog_extras.authoring.views_snapshot import new_fetcher

    counter.failures_first = [(502, {})] * 3
    waits: list[float] = []
    with new_fetcher(sleep=waits.append) as fetcher, pytest.raises(SnapshotError) as caught:
        fetch_counts(counter.url, counter.token, fetcher)
    assert str(caught.value) == "GoatCounter answered 502: failing with 502"
    assert len(counter.api_requests) == 3 and len(waits) == 2


def test_a_long_rate_limit_wait_is_named(counter: GoatCounter):
    from blog_extras.authoring.views_snapshot import new_fetcher

    counter.failures_first = [(429, {"X-Rate-Limit-Reset": "600"})]
    with new_fetcher(sleep=pytest.fail) as fetcher, pytest.raises(SnapshotError) as caught:
        fetch_counts(counter.url, counter.token, fetcher)
    assert str(caught.value) == (
        f"cannot read {counter.url}/api/v0/stats/hits: HTTP 429, the server asks to wait 600 s "
        "(more than 30 s); try again later"
    )
