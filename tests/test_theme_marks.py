"""The templates mark their own <script>, <meta> and <link> as Jinja loads them
(blog_extras/html/theme_marks.py): a value printed into a template, even raw,
carries no mark."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from blog_extras.html.theme_marks import MARK, mark_template, mark_theme

TOKEN = "0123456789abcdef"


def _env(templates: dict[str, str]) -> tuple[Environment, list[tuple[str, list[str]]]]:
    reported: list[tuple[str, list[str]]] = []
    env = Environment(loader=DictLoader(templates))
    mark_theme(env, TOKEN, lambda name, values: reported.append((name, values)))
    return env, reported


def test_the_template_s_tags_carry_the_token_and_printed_values_do_not():
    env, reported = _env({
        "page.html": '<meta charset="utf-8"><meta name="author" content="{{ author }}">'
                     '<link rel="icon" href="x.svg"><script>var a = 1</script>'
                     '<script src="{{ src }}"></script><p>{{ text }}</p>',
    })  # fmt: skip
    hostile = '"><script>window.__pwned=1</script><meta http-equiv="refresh" content="0">'
    html = env.get_template("page.html").render(author=hostile, src="b.js", text=hostile)
    mark = f'data-blog-theme="{TOKEN}"'
    assert html.count(mark) == 5
    assert f'<meta {mark} charset="utf-8">' in html
    assert f"<script {mark}>var a = 1</script>" in html
    assert "<script>window.__pwned=1</script>" in html  # twice, both unmarked
    assert f"<script {mark}>window" not in html
    assert reported == []


def test_a_script_printing_a_page_value_is_left_unmarked_and_reported():
    source = '<script>location.replace("{{ page.meta.location }}")</script>'
    marked, unknown = mark_template(source)
    assert marked == source
    assert unknown == ["{{ page.meta.location }}"]
    env, reported = _env({"redirect.html": source})
    env.get_template("redirect.html")
    assert reported == [("redirect.html", ["{{ page.meta.location }}"])]


def test_the_theme_s_known_values_and_data_blocks_keep_the_mark():
    for source in (
        '<script>new URL("{{ config.extra.scope | d(base_url) }}")</script>',
        '<script>{%include "assets/javascripts/light-start.js"%}</script>',
        '<script type="application/json">{{ anything | tojson }}</script>',
        "<script id='x' type='application/ld+json'>{{ post_seo.json_ld | tojson }}</script>",
    ):
        marked, unknown = mark_template(source)
        assert marked.startswith("<script" + MARK), source
        assert unknown == []


def test_tags_inside_a_script_s_text_are_left_alone():
    source = '<script>var s = "<link rel=alternate>"</script><LINK rel="x">'
    marked, _ = mark_template(source)
    assert (
        marked
        == "<script" + MARK + '>var s = "<link rel=alternate>"</script><LINK' + MARK + ' rel="x">'
    )


def test_only_html_templates_are_marked():
    env, _ = _env(
        {"light.js": "/* <script> <meta> */", "a.html": "<script>{% include 'light.js' %}</script>"}
    )
    assert env.get_template("light.js").render() == "/* <script> <meta> */"
