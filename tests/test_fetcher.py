"""The Wix importer's network layer (blog_extras/wix_import/fetch.py) against the
stand-in Wix site, media host and Blog API on 127.0.0.1 (tests/wix_standin.py).

Waits are not waited: the fetcher's sleep and clock are a FakeTime that records
each wait, so backoff and politeness are asserted to the second, instantly."""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

import pytest

from blog_extras.wix_import.fetch import (
    USER_AGENT,
    Fetcher,
    FetchError,
    FetchSettings,
    HostPolicy,
    host_of,
    retry_after_seconds,
    shown_url,
    wix_hosts,
)
from tests.wix_standin import (
    BLOG_APP_ID,
    Category,
    Misbehaviour,
    Post,
    Tag,
    WixStandin,
    paragraphs,
    running,
    serve,
)

QUERY = "/blog/v3/posts/query"


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
def wix() -> Iterator[WixStandin]:
    standin = WixStandin()
    standin.posts = [
        Post("first-post", "First post", "2024-01-09T10:38:28.756Z", cover_media_id="abc~mv2.jpg"),
        Post("table-lamp-by-manu-bañó", "Table lamp", "2024-05-19T08:00:00.000Z"),
    ]
    standin.media = {"abc~mv2.jpg": b"\xff\xd8\xff\xe0 a jpeg"}
    with running(standin):
        yield standin


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


def fetcher_for(wix: WixStandin, clock: FakeTime, **settings: Any) -> Fetcher:
    return Fetcher(
        hosts=wix_hosts(wix.site_url, wix.api_url, wix.media_url, polite=False),
        settings=FetchSettings(**settings),
        sleep=clock.sleep,
        clock=clock.clock,
    )


def query(fetcher: Fetcher, wix: WixStandin, headers: dict[str, str] | None = None) -> Any:
    body = {"query": {"cursorPaging": {"limit": 100}}, "fieldsets": ["URL", "METRICS"]}
    return fetcher.post_json(wix.api_url + QUERY, body, headers=headers or wix.api_headers())


def failure(call: Any) -> str:
    with pytest.raises(FetchError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# Retries and waits


def test_5xx_is_retried_with_growing_backoff_then_succeeds(wix: WixStandin, clock: FakeTime):
    wix.misbehave("api", QUERY, Misbehaviour("status", times=2, status=503))
    with fetcher_for(wix, clock) as fetcher:
        answer = query(fetcher, wix)
    assert [post["slug"] for post in answer["posts"]] == ["table-lamp-by-manu-bañó", "first-post"]
    assert len(wix.requests_to("api", QUERY)) == 3
    # 1 s, then 2 s, each plus up to 1 s of jitter.
    assert len(clock.waits) == 2
    assert 1 <= clock.waits[0] <= 2 and 2 <= clock.waits[1] <= 3


@pytest.mark.parametrize("status", [429, 500, 502, 504])
def test_each_transient_status_is_retried(wix: WixStandin, clock: FakeTime, status: int):
    wix.misbehave("api", QUERY, Misbehaviour("status", times=1, status=status))
    with fetcher_for(wix, clock) as fetcher:
        assert len(query(fetcher, wix)["posts"]) == 2
    assert len(wix.requests_to("api", QUERY)) == 2


def test_retry_after_in_seconds_is_the_wait(wix: WixStandin, clock: FakeTime):
    wix.misbehave("api", QUERY, Misbehaviour("status", times=2, status=429, retry_after="7"))
    with fetcher_for(wix, clock) as fetcher:
        query(fetcher, wix)
    assert clock.waits == [7, 7]


def test_retry_after_holds_back_every_request_to_that_host(wix: WixStandin, clock: FakeTime):
    # One worker's request is refused with a wait; the next, as another worker
    # would send it, waits too. Another host is not held back.
    wix.misbehave("api", QUERY, Misbehaviour("status", times=1, status=429, retry_after="7"))
    with fetcher_for(wix, clock, attempts=1) as fetcher:
        failure(lambda: query(fetcher, wix))
        fetcher.get_bytes(wix.media_url + "abc~mv2.jpg")
        assert clock.waits == []
        assert len(query(fetcher, wix)["posts"]) == 2
    assert clock.waits == [7]


def test_retry_after_as_an_http_date_is_the_wait(wix: WixStandin, clock: FakeTime):
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    wix.misbehave("api", QUERY, Misbehaviour("status", times=1, status=503, retry_after=when))
    with fetcher_for(wix, clock) as fetcher:
        query(fetcher, wix)
    assert len(clock.waits) == 1 and 27 <= clock.waits[0] <= 30


@pytest.mark.parametrize("value", ["\u00b2", "\u0661\u0662", "7 s", "-3", "1e3"])
def test_a_retry_after_that_is_no_number_of_seconds_gets_the_usual_backoff(
    wix: WixStandin, clock: FakeTime, value: str
):
    # "²" and Arabic-Indic digits pass str.isdigit() but are no seconds to float().
    wix.misbehave("api", QUERY, Misbehaviour("status", times=1, status=429, retry_after=value))
    with fetcher_for(wix, clock) as fetcher:
        assert len(query(fetcher, wix)["posts"]) == 2
    assert len(clock.waits) == 1 and 1 <= clock.waits[0] <= 2


def test_retry_after_beyond_the_cap_is_an_error_naming_the_wait(wix: WixStandin, clock: FakeTime):
    wix.misbehave("api", QUERY, Misbehaviour("status", status=429, retry_after="3600"))
    with fetcher_for(wix, clock) as fetcher:
        message = failure(lambda: query(fetcher, wix))
    assert message == (
        f"{wix.api_url}{QUERY}: HTTP 429, the server asks to wait 3600 s (more than 60 s); "
        "try again later"
    )
    assert clock.waits == [] and len(wix.requests_to("api", QUERY)) == 1


def test_retries_run_out_with_one_line_naming_status_and_tries(wix: WixStandin, clock: FakeTime):
    wix.misbehave("api", QUERY, Misbehaviour("status", status=500))
    with fetcher_for(wix, clock) as fetcher:
        message = failure(lambda: query(fetcher, wix))
    # Wix's system errors carry an empty message: only the status is said.
    assert message == f"{wix.api_url}{QUERY}: HTTP 500 (tried 5 times)"
    assert len(wix.requests_to("api", QUERY)) == 5 and len(clock.waits) == 4
    assert clock.waits[-1] <= 9  # 8 s, plus jitter


def test_429_says_what_wix_said(wix: WixStandin, clock: FakeTime):
    wix.misbehave("api", QUERY, Misbehaviour("status", status=429))
    with fetcher_for(wix, clock, attempts=2) as fetcher:
        message = failure(lambda: query(fetcher, wix))
    assert message == (
        f"{wix.api_url}{QUERY}: HTTP 429, Wix says: Too many requests (RESOURCE_EXHAUSTED) "
        "(tried 2 times)"
    )


def test_an_unreachable_host_is_retried_then_named(clock: FakeTime):
    with serve(WixStandin().handler("site")) as port:
        closed = f"http://127.0.0.1:{port}"
    hosts = {host_of(closed): HostPolicy(0, robots=False)}
    with Fetcher(hosts=hosts, sleep=clock.sleep, clock=clock.clock) as fetcher:
        message = failure(lambda: fetcher.get_text(closed + "/post/x?token=secret"))
    assert message == (
        f"{closed}/post/x: cannot connect (connection refused or host not found) (tried 5 times)"
    )
    assert len(clock.waits) == 4


def test_a_client_error_is_not_retried(wix: WixStandin, clock: FakeTime):
    with fetcher_for(wix, clock) as fetcher:
        message = failure(lambda: fetcher.get_text(wix.site_url + "/post/no-such-post"))
    assert message == f"{wix.site_url}/post/no-such-post: HTTP 404"
    assert len(wix.requests_to("site", "/post/no-such-post")) == 1 and clock.waits == []


# Wix's errors and the key


def test_wrong_key_is_one_line_with_wix_message_and_without_the_key(
    wix: WixStandin, clock: FakeTime
):
    wrong = {"Authorization": "IST.wrong-key-987654321", "wix-site-id": wix.site_id}
    with fetcher_for(wix, clock) as fetcher:
        message = failure(lambda: query(fetcher, wix, wrong))
    assert message == (
        f"{wix.api_url}{QUERY}: HTTP 403, Wix says: The API key, its permissions or the site id "
        "are not valid for this call (PERMISSION_DENIED)"
    )
    assert len(wix.requests_to("api", QUERY)) == 1  # a refusal is not retried


def test_a_key_the_server_echoes_is_hidden(wix: WixStandin, clock: FakeTime):
    wix.misbehave("api", QUERY, Misbehaviour("echo"))
    with fetcher_for(wix, clock) as fetcher:
        message = failure(lambda: query(fetcher, wix))
    assert wix.api_key not in message
    assert message == (
        f"{wix.api_url}{QUERY}: HTTP 403, Wix says: bad key [hidden] ::error::injected "
        "(PERMISSION_DENIED)"
    )


@pytest.mark.parametrize(
    "splice",
    ["\x07", "\u200b", "\u00ad", " ", "\t", "\u2028"],
    ids=["bell", "zero-width-space", "soft-hyphen", "space", "tab", "line-separator"],
)
def test_a_key_echoed_split_by_a_character_is_not_shown_in_any_part(
    wix: WixStandin, clock: FakeTime, splice: str
):
    wix.misbehave("api", QUERY, Misbehaviour("echo", splice=splice))
    with fetcher_for(wix, clock) as fetcher, pytest.raises(FetchError) as caught:
        query(fetcher, wix)
    message, said = str(caught.value), caught.value.said
    # Wix's words are dropped whole: what is left names the address and the status.
    assert message == f"{wix.api_url}{QUERY}: HTTP 403" and said == ""
    assert caught.value.status == 403


# Limits


def test_an_announced_size_over_the_limit_is_refused_before_reading(
    wix: WixStandin, clock: FakeTime
):
    wix.misbehave("media", "/media/big.jpg", Misbehaviour("oversized", size=3_000_000))
    with fetcher_for(wix, clock) as fetcher:
        message = failure(lambda: fetcher.get_bytes(wix.media_url + "big.jpg", max_bytes=1_000_000))
    assert message == f"{wix.media_url}big.jpg: the answer is 3 MB, more than 1 MB"
    assert len(wix.requests_to("media")) == 1  # a size limit is not retried


def test_an_endless_answer_stops_at_the_limit(wix: WixStandin, clock: FakeTime):
    wix.misbehave("api", QUERY, Misbehaviour("endless"))
    with fetcher_for(wix, clock) as fetcher:
        message = failure(
            lambda: fetcher.post_json(wix.api_url + QUERY, {}, wix.api_headers(), max_bytes=500_000)
        )
    assert message == f"{wix.api_url}{QUERY}: the answer is larger than 500,000 bytes"


def test_a_trickling_answer_meets_the_deadline(wix: WixStandin, clock: FakeTime):
    wix.misbehave("api", QUERY, Misbehaviour("trickle", seconds=0.05))
    started = time.monotonic()
    with fetcher_for(wix, clock, deadline=0.3, attempts=2) as fetcher:
        message = failure(lambda: query(fetcher, wix))
    assert (
        message == f"{wix.api_url}{QUERY}: the answer did not arrive within 0.3 s (tried 2 times)"
    )
    assert time.monotonic() - started < 2  # the whole answer would take 2.3 s a try


def test_a_silent_server_meets_the_read_timeout(wix: WixStandin, clock: FakeTime):
    wix.misbehave("site", "/sitemap.xml", Misbehaviour("timeout", seconds=2))
    with fetcher_for(wix, clock, read_timeout=0.2, attempts=1) as fetcher:
        message = failure(lambda: fetcher.get_text(wix.site_url + "/sitemap.xml"))
    assert message == f"{wix.site_url}/sitemap.xml: no answer within the time allowed (tried once)"


def test_malformed_json_names_the_address_without_its_query(wix: WixStandin, clock: FakeTime):
    wix.misbehave("api", "/blog/v3/categories", Misbehaviour("malformed"))
    with fetcher_for(wix, clock) as fetcher:
        message = failure(
            lambda: fetcher.get_json(
                wix.api_url + "/blog/v3/categories?paging.limit=100&sig=s3cret", wix.api_headers()
            )
        )
    assert message.startswith(f"{wix.api_url}/blog/v3/categories: the answer is not JSON (")
    assert "s3cret" not in message and "?" not in message


# Politeness


def test_each_host_is_asked_no_faster_than_its_interval(wix: WixStandin, clock: FakeTime):
    hosts = wix_hosts(wix.site_url, wix.api_url, wix.media_url)
    with Fetcher(hosts=hosts, sleep=clock.sleep, clock=clock.clock) as fetcher:
        for _ in range(3):
            query(fetcher, wix)
        fetcher.get_bytes(wix.media_url + "abc~mv2.jpg")  # another host: no wait for the API
        fetcher.get_bytes(wix.media_url + "abc~mv2.jpg")
    assert clock.waits == pytest.approx([0.3, 0.3, 0.1])


def test_robots_crawl_delay_slows_the_crawl(wix: WixStandin, clock: FakeTime):
    wix.robots_txt = "User-agent: *\nCrawl-delay: 5\n"
    with fetcher_for(wix, clock) as fetcher:
        fetcher.get_text(wix.site_url + "/sitemap.xml")
        fetcher.get_text(wix.site_url + "/blog-posts-sitemap.xml")
    assert clock.waits == [5]


def test_the_user_agent_names_the_project(wix: WixStandin, clock: FakeTime):
    with fetcher_for(wix, clock) as fetcher:
        fetcher.get_text(wix.site_url + "/sitemap.xml")
    assert {r.headers["user-agent"] for r in wix.requests} == {USER_AGENT}
    assert "blog-extras" in USER_AGENT


# robots.txt


def test_a_disallowed_page_is_an_error_naming_it_and_is_not_fetched(
    wix: WixStandin, clock: FakeTime
):
    wix.robots_txt = "User-agent: blog-extras\nDisallow: /post/\n\nUser-agent: *\nAllow: /\n"
    with fetcher_for(wix, clock) as fetcher:
        fetcher.get_text(wix.site_url + "/sitemap.xml")
        message = failure(lambda: fetcher.get_text(wix.post_url(wix.posts[0])))
    assert message == (
        f"{wix.site_url}/post/first-post: the site's robots.txt does not allow fetching it"
    )
    assert wix.requests_to("site", "/post/first-post") == []
    assert len(wix.requests_to("site", "/robots.txt")) == 1  # read once a run


def test_wix_default_robots_allows_the_crawl(wix: WixStandin, clock: FakeTime):
    # Wix's generated file disallows only other bots (PetalBot) and lightbox links.
    post = wix.posts[1]
    with fetcher_for(wix, clock) as fetcher:
        page = fetcher.get_text(wix.post_url(post))
    assert "<title>Table lamp</title>" in page and 'id="wix-warmup-data"' in page
    assert wix.requests_to("site")[1].path == "/post/table-lamp-by-manu-ba%C3%B1%C3%B3"


def test_no_robots_txt_allows_everything(wix: WixStandin, clock: FakeTime):
    wix.robots_txt = None
    with fetcher_for(wix, clock) as fetcher:
        assert "<sitemapindex" in fetcher.get_text(wix.site_url + "/sitemap.xml")


def test_robots_is_not_read_for_the_api_and_media(wix: WixStandin, clock: FakeTime):
    wix.robots_txt = "User-agent: *\nDisallow: /\n"
    with fetcher_for(wix, clock) as fetcher:
        query(fetcher, wix)
        fetcher.get_bytes(wix.media_url + "abc~mv2.jpg")
    assert [r.path for r in wix.requests] == [QUERY, "/media/abc~mv2.jpg"]


def test_a_robots_txt_over_500_kib_is_obeyed_as_far_as_google_reads(
    wix: WixStandin, clock: FakeTime
):
    padding = "# a comment line of the long robots.txt\n" * 13_000  # 520 KB
    wix.robots_txt = f"User-agent: *\nDisallow: /post/first-post\n{padding}Disallow: /\n"
    with fetcher_for(wix, clock) as fetcher:
        assert "<sitemapindex" in fetcher.get_text(wix.site_url + "/sitemap.xml")
        message = failure(lambda: fetcher.get_text(wix.post_url(wix.posts[0])))
    assert message.endswith("the site's robots.txt does not allow fetching it")


def test_an_unreadable_robots_txt_stops_the_crawl(wix: WixStandin, clock: FakeTime):
    wix.misbehave("site", "/robots.txt", Misbehaviour("status", status=503))
    with fetcher_for(wix, clock, attempts=2) as fetcher:
        message = failure(lambda: fetcher.get_text(wix.site_url + "/sitemap.xml"))
    assert message == (
        f"{wix.site_url}/robots.txt: HTTP 503 (tried 2 times); "
        "without its robots.txt the site is not crawled"
    )


# Redirects


def test_a_redirect_to_another_host_drops_every_header_the_caller_passed(
    wix: WixStandin, clock: FakeTime
):
    wix.misbehave(
        "api",
        "/members/v1/members/m",
        Misbehaviour("redirect", location=wix.media_url + "abc~mv2.jpg"),
    )
    headers = wix.api_headers() | {"X-Other-Token": "t0ken-for-the-api"}
    with fetcher_for(wix, clock) as fetcher:
        media = fetcher.get_bytes(wix.api_url + "/members/v1/members/m", headers)
    assert media.data == wix.media[next(iter(wix.media))] and media.content_type == "image/jpeg"
    sent = wix.requests_to("api")[0].headers
    assert sent["authorization"] == "[set]" and sent["wix-site-id"] == wix.site_id
    (followed,) = wix.requests_to("media")
    assert not {"authorization", "wix-site-id", "x-other-token"} & set(followed.headers)


def test_a_redirect_within_the_api_keeps_the_key(wix: WixStandin, clock: FakeTime):
    target = "/members/v1/members/member-1"
    wix.misbehave("api", "/members/v1/members/old", Misbehaviour("redirect", location=target))
    with fetcher_for(wix, clock) as fetcher:
        answer = fetcher.get_json(wix.api_url + "/members/v1/members/old", wix.api_headers())
    assert answer["member"]["profile"]["nickname"] == "Ada Writer"
    assert wix.requests_to("api", target)[0].headers["wix-site-id"] == wix.site_id


def test_the_key_goes_only_to_the_api(wix: WixStandin, clock: FakeTime):
    with fetcher_for(wix, clock) as fetcher:
        query(fetcher, wix)
        fetcher.get_text(wix.site_url + "/blog-posts-sitemap.xml")
        fetcher.get_bytes(wix.media_url + "abc~mv2.jpg")
    assert all("authorization" not in r.headers for r in wix.requests if r.role != "api")


def test_a_redirect_out_of_http_is_refused(wix: WixStandin, clock: FakeTime):
    wix.misbehave("site", "/sitemap.xml", Misbehaviour("redirect", location="file:///etc/passwd"))
    with fetcher_for(wix, clock) as fetcher:
        message = failure(lambda: fetcher.get_text(wix.site_url + "/sitemap.xml"))
    assert message == f"{wix.site_url}/sitemap.xml: redirects to a file: address"


def test_a_redirect_loop_stops(wix: WixStandin, clock: FakeTime):
    wix.misbehave("site", "/sitemap.xml", Misbehaviour("redirect", location="/sitemap.xml"))
    with fetcher_for(wix, clock) as fetcher:
        message = failure(lambda: fetcher.get_text(wix.site_url + "/sitemap.xml"))
    assert message == f"{wix.site_url}/sitemap.xml: more than 5 redirects"
    assert len(wix.requests_to("site", "/sitemap.xml")) == 6


# The stand-in's shapes, as the fetcher reads them


def test_cursor_pages_smaller_than_asked(wix: WixStandin, clock: FakeTime):
    wix.posts = [Post(f"p{n}", f"P{n}", f"2024-01-{n:02d}T00:00:00.000Z") for n in range(1, 8)]
    wix.page_size = 3
    slugs: list[str] = []
    cursor = None
    with fetcher_for(wix, clock) as fetcher:
        for _ in range(10):
            paging = {"limit": 100, **({"cursor": cursor} if cursor else {})}
            body = {"query": {"cursorPaging": paging}, "fieldsets": ["RICH_CONTENT"]}
            page = fetcher.post_json(wix.api_url + QUERY, body, wix.api_headers())
            slugs += [post["slug"] for post in page["posts"]]
            assert all("richContent" in post for post in page["posts"])
            cursor = page["pagingMetadata"]["cursors"].get("next")
            if not cursor:
                break
    assert slugs == [f"p{n}" for n in range(7, 0, -1)]


def test_messages_never_show_a_query_or_credentials():
    assert shown_url("https://user:pw@www.wixapis.com/x/y?key=1#f") == "https://www.wixapis.com/x/y"


def test_retry_after_forms():
    assert retry_after_seconds("12") == 12
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds("\u00b2") is None and retry_after_seconds("\u0967") is None
    assert retry_after_seconds("1.5") == 1.5  # GoatCounter's reset header
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # past: no wait


def test_the_sitemaps_lead_to_every_post_and_its_cover(wix: WixStandin, clock: FakeTime):
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "image": "http://www.google.com/schemas/sitemap-image/1.1",
    }
    with fetcher_for(wix, clock) as fetcher:
        index = ElementTree.fromstring(fetcher.get_text(wix.site_url + "/sitemap.xml"))
        (posts_sitemap,) = [
            loc.text for loc in index.iterfind("s:sitemap/s:loc", namespaces)
            if loc.text and loc.text.endswith("/blog-posts-sitemap.xml")
        ]  # fmt: skip
        urlset = ElementTree.fromstring(fetcher.get_text(posts_sitemap))
    rows = [
        (url.findtext("s:loc", None, namespaces), url.findtext("s:lastmod", None, namespaces),
         url.findtext("image:image/image:loc", None, namespaces))
        for url in urlset.iterfind("s:url", namespaces)
    ]  # fmt: skip
    assert rows == [
        (f"{wix.site_url}/post/first-post", "2024-01-09", f"{wix.media_url}abc~mv2.jpg"),
        (f"{wix.site_url}/post/table-lamp-by-manu-ba%C3%B1%C3%B3", "2024-05-19", None),
    ]


def warmup_post_page(page: str, slug: str) -> Any:
    island = page.split('<script type="application/json" id="wix-warmup-data">')[1]
    warmup = json.loads(island.split("</script>")[0])
    entry = warmup["appsWarmupData"][BLOG_APP_ID][f"OldPostPageWarmupData-{slug}"]
    return json.loads(entry)["data"]["postPage"]  # the entry is a JSON string


@pytest.mark.parametrize("markup", ["2024", "2025"])
def test_a_post_page_embeds_the_post_and_renders_the_article(
    wix: WixStandin, clock: FakeTime, markup: str
):
    wix.markup = markup  # type: ignore[assignment]
    wix.categories = [Category("c1", "Lamps", "lamps")]
    wix.tags = [Tag("t1", "light", "light")]
    post = wix.posts[1]
    post.category_ids, post.tag_ids, post.views = ["c1"], ["t1"], 31
    post.rich_content = paragraphs("<script>alert(1)</script>")
    with fetcher_for(wix, clock) as fetcher:
        page = fetcher.get_text(wix.post_url(post))
    data = warmup_post_page(page, post.slug)
    assert data["post"]["title"] == "Table lamp"
    assert data["post"]["metrics"]["views"] == 31
    assert data["post"]["owner"]["name"] == "Ada Writer"
    assert data["post"]["richContent"] == post.rich_content
    assert [c["label"] for c in data["categories"]] == ["Lamps"]
    assert [t["label"] for t in data["tags"]] == ["light"]
    assert '<article class="blog-post" data-hook="post">' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert ('<h1 data-hook="post-title">Table lamp</h1>' in page) == (markup == "2025")
    assert ('data-hook="time-ago"' in page) == (markup == "2025")
    assert ('<div id="post-footer">' in page) == (markup == "2024")


def test_the_api_lists_categories_tags_and_members(wix: WixStandin, clock: FakeTime):
    wix.categories = [Category("c1", "Lamps", "lamps")]
    wix.tags = [Tag("t1", "light", "light")]
    headers = wix.api_headers()
    with fetcher_for(wix, clock) as fetcher:
        categories = fetcher.get_json(wix.api_url + "/blog/v3/categories?paging.limit=100", headers)
        tags = fetcher.post_json(wix.api_url + "/blog/v3/tags/query", {"query": {}}, headers)
        member = fetcher.get_json(wix.api_url + "/members/v1/members/member-1", headers)
        missing = failure(
            lambda: fetcher.get_json(wix.api_url + "/members/v1/members/nobody", headers)
        )
        no_site = failure(
            lambda: fetcher.get_json(
                wix.api_url + "/blog/v3/categories", {"Authorization": wix.api_key}
            )
        )
    assert [c["label"] for c in categories["categories"]] == ["Lamps"]
    assert [t["label"] for t in tags["tags"]] == ["light"]
    assert member["member"]["profile"]["nickname"] == "Ada Writer"
    assert missing == (
        f"{wix.api_url}/members/v1/members/nobody: HTTP 404, Wix says: Member not found (NOT_FOUND)"
    )
    assert no_site.startswith(f"{wix.api_url}/blog/v3/categories: HTTP 403, Wix says: ")


def test_media_and_its_sized_variants_are_served(wix: WixStandin, clock: FakeTime):
    with fetcher_for(wix, clock) as fetcher:
        original = fetcher.get_bytes(wix.media_url + "abc~mv2.jpg")
        sized = fetcher.get_bytes(wix.media_url + "abc~mv2.jpg/v1/fit/w_978,h_1000/file.jpg")
    assert original == sized
    assert original.data.startswith(b"\xff\xd8") and original.content_type == "image/jpeg"


def test_one_fetcher_reuses_its_connections(wix: WixStandin, clock: FakeTime):
    with fetcher_for(wix, clock) as fetcher:
        for _ in range(3):
            query(fetcher, wix)
    assert len({r.client_port for r in wix.requests_to("api")}) == 1


def test_the_servers_words_are_kept_apart_for_the_caller(wix: WixStandin, clock: FakeTime):
    with fetcher_for(wix, clock) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get_json(wix.api_url + "/members/v1/members/nobody", wix.api_headers())
    assert caught.value.status == 404
    assert caught.value.said == "Member not found (NOT_FOUND)"
