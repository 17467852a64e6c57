"""web_address.py: the hosts and the site's address taken from the environment."""

from __future__ import annotations

import pytest

from blog_extras.content.web_address import origin_problem, web_url_problem


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("https://myblog.goatcounter.com", ""),
        ("https://myblog.goatcounter.com/", ""),
        ("http://127.0.0.1:9000", ""),
        ("http://localhost:8000", ""),
        ("http://[::1]:8000", ""),
        ("http://counter.test:9000", ""),
        ("https://x.goatcounter.com data: 'unsafe-eval'", "a space, a quote"),
        ("https://x.goatcounter.com;script-src", "a semicolon"),
        ("https://x.goatcounter.com,data:", "a comma"),
        ("https://x.goatcounter.com/count", "the host alone"),
        ("http://x.goatcounter.com", "it uses http; use https"),
        ("x.goatcounter.com", "does not start with https://"),
        ("javascript:alert(1)", "does not start with https://"),
        ("https://user@x.goatcounter.com", "a user name"),
        ("https://x.goatcounter.com:99999", "port is not a number"),
        ("https://x_y!.com", "not a plain name"),
        ("https://ü.example", "a space, a quote"),
        ("", "it is empty"),
    ],
)
def test_origin(value: str, words: str):
    problem = origin_problem(value)
    assert (words in problem) if words else problem == "", problem


def test_web_url_allows_a_path_and_http_only_where_asked():
    assert web_url_problem("https://gc.zgo.at/count.js") == ""
    assert web_url_problem("https://blog.example.org/my-blog/") == ""
    assert "a space, a quote" in web_url_problem('https://blog.example.org/"><script>')
    assert "http" in web_url_problem("http://blog.example.org/")
    assert web_url_problem("http://blog.example.org/", http_anywhere=True) == ""
