"""The Wix importer on the capture of the old page and on Wix inputs written here
(tests/fixtures/wix/: a saved post page with its image, a feed of three posts)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from blog_extras.wix_import.importer import add_authors, author_key, render_post
from blog_extras.wix_import.sources import NotWixError, WixPost, read_capture
from tests.capture import CAPTURE
from tests.project import Project, copy_project
from tests.sites import text_of

FIXTURES = Path(__file__).parent / "fixtures" / "wix"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "blog"
    root.mkdir()
    return copy_project(root, with_posts=False)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def capture(*lines: str) -> str:
    return "\n\n".join(["top of page", *lines, "bottom of page"]) + "\n"


def import_text(project: Project, text: str | bytes, name: str = "page.txt", *flags: str):
    source = project.root / name
    if isinstance(text, bytes):
        source.write_bytes(text)
    else:
        source.write_text(text, encoding="utf-8")
    return project.run("blog_extras.cli", "import-wix", str(source), *flags)


# -- Page captures -------------------------------------------------------------


def test_the_capture_gives_the_post_its_counts_date_and_old_address(project: Project):
    result = project.run("blog_extras.cli", "import-wix", str(CAPTURE))
    assert result.returncode == 0, result.stderr
    post = project.posts / "miracle-in-cell-no-7.md"
    meta = front_matter(post)
    assert (meta["views"], meta["comments"]) == (43, 0)
    assert str(meta["date"]["updated"]) == "2021-05-29"
    assert meta["wix"]["path"] == "/post/miracle-in-cell-no-7"
    text = post.read_text(encoding="utf-8")
    for furniture in [
        "top of page",
        "Recent Posts",
        "See All",
        "43 views",
        "bottom of page",
        "Being Certain",
    ]:
        assert furniture not in text
    assert 'its Recent Posts name "Being Certain in Times of Uncertainty"' in result.stdout


def test_plain_date_author_reading_time_and_single_counts(project: Project):
    text = capture(
        "Writer's picture",
        "Jane Reyes",
        "Mar 16, 2021",
        "2 min read",
        "Café — São Paulo",
        "First paragraph of the post, long enough to be a paragraph and not a title line.",
        "• a bullet point",
        "1. Not a list, a sentence that starts with a number.",
        "1 view",
        "1 comment",
        "Post not marked as liked",
    )
    result = import_text(project, text)
    assert result.returncode == 0, result.stderr
    (post,) = project.posts.glob("*.md")
    meta = front_matter(post)
    assert meta["title"] == "Café — São Paulo"
    assert str(meta["date"]["created"]) == "2021-03-16" and "updated" not in meta["date"]
    assert (meta["views"], meta["comments"]) == (1, 1)
    assert meta["authors"] == ["jane-reyes"] and "author" not in meta["wix"]
    authors = yaml.safe_load((project.root / "docs/blog/.authors.yml").read_text("utf-8"))
    assert authors["authors"]["jane-reyes"]["name"] == "Jane Reyes"
    assert meta["wix"]["path"] == "/post/café-são-paulo"
    body = post.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "- a bullet point" in body
    assert "1\\. Not a list" in body
    assert "liked" not in body and "2 min read" not in body


def test_title_first_then_updated_date_and_joined_thousands(project: Project):
    text = capture("Numbers", "Updated: Jan 5, 2022", "Some text here.", "1,234 views3 comments")
    assert import_text(project, text).returncode == 0
    meta = front_matter(project.posts / "numbers.md")
    assert (meta["views"], meta["comments"]) == (1234, 3)
    assert meta["date_estimated"] == ["created"]


def test_a_post_without_recent_posts_block_or_counts(project: Project):
    result = import_text(project, capture("Quiet", "Feb 2, 2021", "Only text."))
    assert result.returncode == 0
    meta = front_matter(project.posts / "quiet.md")
    assert "views" not in meta
    assert "no view or comment counts" in result.stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", "is empty"),
        ("Just some text\nwithout Wix's page furniture\n", "does not look like a Wix page capture"),
        ("top of page\nTitle\nCafé\n".encode("latin-1") + b"\nbottom of page\n", "not UTF-8"),
    ],
    ids=["empty", "not wix", "wrong encoding"],
)
def test_bad_sources_are_refused(project: Project, content, words: str):
    result = import_text(project, content)
    assert result.returncode == 1
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert list(project.posts.glob("*.md")) == []


def test_a_capture_without_a_date_writes_nothing(project: Project):
    result = import_text(project, capture("No Date Here", "Text of the post."))
    assert result.returncode == 1
    assert "not written: No Date Here: no date" in result.stdout
    assert list(project.posts.iterdir()) == []


def test_capture_reader_counts_variants():
    (post,) = read_capture(capture("T", "May 1, 2021", "Text.", "12 views", "0 comments"), "x")
    assert (post.views, post.comments) == (12, 0)


# -- Re-running ---------------------------------------------------------------------


def test_importing_again_changes_nothing(project: Project):
    assert project.run("blog_extras.cli", "import-wix", str(CAPTURE)).returncode == 0
    post = project.posts / "miracle-in-cell-no-7.md"
    before = post.read_bytes()
    result = project.run("blog_extras.cli", "import-wix", str(CAPTURE))
    assert result.returncode == 0
    assert "unchanged docs/blog/posts/miracle-in-cell-no-7.md" in result.stdout
    assert post.read_bytes() == before


def test_an_edited_post_is_kept_unless_forced(project: Project):
    project.run("blog_extras.cli", "import-wix", str(CAPTURE))
    post = project.posts / "miracle-in-cell-no-7.md"
    edited = post.read_text(encoding="utf-8").replace("Go watch it!", "Go and watch it!")
    post.write_text(edited, encoding="utf-8")
    result = project.run("blog_extras.cli", "import-wix", str(CAPTURE))
    assert result.returncode == 0
    assert "kept docs/blog/posts/miracle-in-cell-no-7.md: edited since it was imported" in (
        result.stdout
    )
    assert post.read_text(encoding="utf-8") == edited
    forced = project.run("blog_extras.cli", "import-wix", str(CAPTURE), "--force")
    assert forced.returncode == 0
    assert "Go watch it!" in post.read_text(encoding="utf-8")


# -- Saved pages and feeds -----------------------------------------------------


def test_saved_page_with_formatting_image_categories_and_counts(project: Project):
    result = project.run("blog_extras.cli", "import-wix", str(FIXTURES / "saved-post.html"))
    assert result.returncode == 0, result.stderr
    post = project.posts / "café-days-in-seoul.md"
    meta = front_matter(post)
    assert meta["title"] == "Café Days in Seoul"
    assert (str(meta["date"]["created"]), str(meta["date"]["updated"])) == (
        "2021-02-14",
        "2021-03-01",
    )
    assert (meta["views"], meta["comments"]) == (1234, 3)
    # Travel was not allowed yet: added to mkdocs.yml, its comments and layout kept.
    assert meta["categories"] == ["Reflections", "Travel"] and "categories" not in meta["wix"]
    assert "added the category Travel to mkdocs.yml" in result.stdout
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "        - Reflections\n        - Travel\n  # Material's tags plugin" in config
    assert meta["tags"] == ["seoul", "coffee"] and "tags" not in meta["wix"]
    assert meta["wix"]["path"] == "/post/café-days-in-seoul"
    assert (project.posts / "café-days-in-seoul" / "seoul-street.png").is_file()
    body = post.read_text(encoding="utf-8").split("---\n", 2)[2]
    for furniture in ["Facebook", "Twitter", "Recent Posts", "All Posts", "2 min read", "Jane"]:
        assert furniture not in body

    build = project.run("mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stderr
    assert (project.site / "category" / "travel" / "index.html").is_file()
    tags = BeautifulSoup(
        (project.site / "café-days-in-seoul" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    ).select("nav.md-tags a")
    assert [(text_of(a), a["href"]) for a in tags] == [
        ("coffee", "../tags/#tag:coffee"), ("seoul", "../tags/#tag:seoul")
    ]  # fmt: skip
    again = project.run("blog_extras.cli", "import-wix", str(FIXTURES / "saved-post.html"))
    assert "unchanged" in again.stdout and "added the category" not in again.stdout
    assert (project.root / "mkdocs.yml").read_text(encoding="utf-8") == config
    page = BeautifulSoup(
        (project.site / "café-days-in-seoul" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    ).select_one("article.md-content__inner")
    assert text_of(page.select_one("strong")) == "cold" and text_of(page.select_one("em")) == "warm"
    assert page.select_one("h2#where-we-went") is not None
    assert [text_of(li) for li in page.select("ul:not(.blog-share__list) li")] == [
        "A tiny café in Mapo",
        "The 1988 bakery",
    ]
    assert page.select_one("a[href='https://example.org/cafe']") is not None
    assert [text_of(li) for li in page.select("ol li")] == ["Order first", "Sit second"]
    assert text_of(page.select_one("blockquote")) == "Coffee is a language of its own."
    image = page.select_one("img")
    assert image["alt"] == "A snowy street in Mapo at dusk"
    assert (project.site / "café-days-in-seoul" / image["src"]).resolve().is_file()
    assert "1. This line starts with a number * and an asterisk." in text_of(page)
    redirect = (project.site / "post" / "café-days-in-seoul" / "index.html").read_text("utf-8")
    assert "url=../../caf%C3%A9-days-in-seoul/" in redirect


def test_saved_page_with_a_missing_image_is_not_written(project: Project, tmp_path: Path):
    page = tmp_path / "lonely.html"
    page.write_text((FIXTURES / "saved-post.html").read_text(encoding="utf-8"), encoding="utf-8")
    result = project.run("blog_extras.cli", "import-wix", str(page))
    assert result.returncode == 1
    assert (
        "image 'saved-post_files/seoul-street.png' not copied: not found beside the page"
        in result.stdout
    )
    assert list(project.posts.iterdir()) == []


def test_feed_with_several_items(project: Project):
    result = project.run("blog_extras.cli", "import-wix", str(FIXTURES / "blog-feed.xml"))
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in project.posts.glob("*.md"))
    assert names == ["a-year-of-masks.md", "rainy-season-notes.md", "ñandú-and-other-words.md"]
    rainy = front_matter(project.posts / "rainy-season-notes.md")
    assert str(rainy["date"]["created"]) == "2021-06-07"
    assert rainy["categories"] == ["Reflections"]
    masks = (project.posts / "a-year-of-masks.md").read_text(encoding="utf-8")
    assert "learning to…" in masks and "The rest of this post is still to come" in masks
    assert "text cut off" in result.stdout
    assert project.run("mkdocs", "build", "--strict").returncode == 0
    assert (project.site / "post" / "ñandú-and-other-words" / "index.html").is_file()


def test_a_feed_neither_takes_the_sites_addresses_nor_repeats_a_moved_post(project: Project):
    feed = (FIXTURES / "blog-feed.xml").read_text("utf-8")
    feed = feed.replace("<title>Rainy Season Notes</title>", "<title>Archive</title>")
    assert import_text(project, feed, "blog-feed.xml").returncode == 0
    assert not (project.posts / "archive.md").exists()
    assert front_matter(project.posts / "archive-2.md")["slug"] == "archive-2"
    (project.posts / "2021").mkdir()
    (project.posts / "a-year-of-masks.md").rename(project.posts / "2021" / "a-year-of-masks.md")
    again = import_text(project, feed, "blog-feed.xml")
    assert again.returncode == 0 and "wrote" not in again.stdout
    names = sorted(p.relative_to(project.posts).as_posix() for p in project.posts.rglob("*.md"))
    assert names == ["2021/a-year-of-masks.md", "archive-2.md", "ñandú-and-other-words.md"]


def test_a_feed_from_elsewhere_is_refused(project: Project):
    feed = (FIXTURES / "blog-feed.xml").read_text(encoding="utf-8").replace("/post/", "/articles/")
    result = import_text(project, feed, "feed.xml")
    assert result.returncode == 1
    assert "not a Wix blog feed" in result.stderr


def test_counts_are_read_from_wixs_counters_however_their_text_is_wrapped(tmp_path: Path):
    from blog_extras.wix_import.sources import read_saved_page

    saved = (FIXTURES / "saved-post.html").read_text(encoding="utf-8")
    counters = (
        '<span data-hook="views-counter"><span>1,234</span> views</span>'
        '<span data-hook="comments-counter">3 comments</span>'
    )
    assert counters in saved
    for shown, counts in [
        (counters, (1234, 3)),
        # Unseparated thousands, and the count a few elements deep.
        ('<b data-hook="views-counter"> <i><u>56789</u></i> views</b>'
         '<b data-hook="comments-counter"><i>0</i> comments</b>', (56789, 0)),
        # A counter whose first text is not a count says nothing.
        ('<b data-hook="views-counter">Views: 12</b>', (None, None)),
    ]:  # fmt: skip
        page = tmp_path / "post.html"
        page.write_text(saved.replace(counters, shown), encoding="utf-8")
        (post,) = read_saved_page(page.read_text(encoding="utf-8"), page)
        assert (post.views, post.comments) == counts


# -- Markdown that Markdown cannot misread (issue 20, item 5) -----------------------


def test_a_code_fence_is_longer_than_any_backtick_run_inside():
    from blog_extras.wix_import.markdown_out import code_fence

    assert code_fence("plain") == "```"
    assert code_fence("a\n```\nb") == "````"
    assert code_fence("`````") == "``````"


def test_link_addresses_are_percent_encoded():
    from blog_extras.wix_import.markdown_out import link_target

    assert link_target("https://x.example/a)<b> c(d)") == "https://x.example/a%29%3Cb%3E%20c%28d%29"
    assert link_target("https://x.example/%C3%A9?a=1&b=[2]#top") == (
        "https://x.example/%C3%A9?a=1&b=%5B2%5D#top"
    )


def test_control_characters_are_removed():
    from blog_extras.wix_import.markdown_out import without_controls

    assert without_controls("a\x1b[2Jb\x00c\u2028d\r\ne\tf") == "a[2Jbcd\ne\tf"


def test_clean_post_keeps_names_as_text():
    from blog_extras.wix_import.sources import WixPost, clean_post

    post = WixPost(title="A\x1b[31m title\x0b", author="<b>Jane</b>", categories=["C\x07", "\x00"])
    clean_post(post)
    assert (post.title, post.author, post.categories) == ("A [31m title", "", ["C"])
    assert post.notes == ["the author's name '<b>Jane</b>' holds markup; not kept as the author"]


def test_two_posts_of_one_title_get_their_own_files(tmp_path: Path):
    from blog_extras.wix_import.importer import free_slug, posts_on_disk, slugs_in_use

    (tmp_path / "same.md").write_text("---\nwix:\n  path: /post/one\n---\n", encoding="utf-8")
    (tmp_path / "mine.md").write_text("---\ntitle: Mine\n---\n", encoding="utf-8")
    in_use = slugs_in_use(posts_on_disk(tmp_path))
    assert free_slug("same", "/post/one", in_use, set()) == "same"  # its own file
    assert free_slug("same", "/post/two", in_use, set()) == "same-2"
    assert free_slug("same", "/post/one", in_use, {"same", "same-2"}) == "same-3"
    assert free_slug("mine", "/post/three", in_use, set()) == "mine-2"  # an author's own


def test_the_report_prints_each_line_as_one_line(tmp_path: Path):
    from blog_extras.wix_import.importer import import_posts
    from blog_extras.wix_import.sources import WixPost

    said: list[str] = []
    post = WixPost(title="X", problems=["no date\n::error::injected \x1b[2J"])
    import_posts([post], tmp_path, lambda t, s: t.lower(), (), "feed.xml", False, said.append)
    assert said == ["not written: X: no date\\n::error::injected \\x1b[2J"]


@pytest.mark.parametrize(
    "text",
    ["#hashtag", "---", "===", "= sign", "~~~", "a {: onclick=alert(1) }", "- item",
     '!!! danger "Your account is closed"', "!!!note", "a | b\n--- | ---\nc | d"],
)  # fmt: skip
def test_escaped_text_reads_as_written_even_where_a_line_would_be_a_block(text):
    import markdown

    from blog_extras.wix_import.markdown_out import escape_text

    extensions = ["attr_list", "tables", "fenced_code", "toc", "admonition", "md_in_html"]
    reader = markdown.Markdown(extensions=extensions)  # the blog's (mkdocs.yml)
    html = reader.convert("Before\n" + escape_text(text))
    assert BeautifulSoup(html, "html.parser").get_text() == "Before\n" + text
    assert "<p>" in html and "onclick" not in html.replace(text, "")


def test_a_saved_page_line_break_and_an_exclamation_before_a_link_read_as_written():
    import markdown

    from blog_extras.wix_import.markdown_out import html_to_markdown

    converted = html_to_markdown(
        '<article><p>Wow!<a href="https://e.example/x">the page</a></p>'
        "<p>line one<br>line two</p></article>",
        "<article",
    )
    html = markdown.Markdown().convert("\n\n".join(converted.blocks))
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find("img")
    assert soup.find("a", href="https://e.example/x").get_text() == "the page"
    assert soup.find("br") and "\\" not in soup.get_text()
    assert soup.get_text().split() == ["Wow!the", "page", "line", "one", "line", "two"]


def test_tags_the_checks_refuse_are_kept_aside_under_wix():
    post = WixPost(title="T", tags=["Seoul", "<b>x</b>", "Seoul", "!!!"], blocks=["Text."])
    text = render_post(post, "t", (), "x")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["tags"] == ["Seoul"] and meta["wix"]["tags"] == ["<b>x</b>", "!!!"]


# -- The authors file ------------------------------------------------------------------

OWNER = """\
# How to name the blog's authors (guidance the importer must keep).
authors:
  me:  # the owner
    name: Your Name
    description: ""
    avatar: assets/avatar.svg

# A closing comment.
"""


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            OWNER,
            OWNER.replace(
                "\n\n# A closing",
                "\n  me-2:\n    name: Me\n"
                '    description: ""\n    avatar: assets/avatar.svg\n\n# A closing',
            ),
        ),
        (
            "# Only a comment\n",
            "# Only a comment\nauthors:\n  me:\n    name: Me\n"
            '    description: ""\n    avatar: assets/avatar.svg\n',
        ),
        (
            "# Empty\nauthors:\n",
            "# Empty\nauthors:\n  me:\n    name: Me\n"
            '    description: ""\n    avatar: assets/avatar.svg\n',
        ),
    ],
    ids=["beside-the-owner", "no-authors-key", "authors-key-alone"],
)
def test_an_author_is_added_as_text_keeping_the_rest_byte_for_byte(
    tmp_path: Path, before: str, after: str
):
    authors_file = tmp_path / ".authors.yml"
    authors_file.write_text(before, encoding="utf-8")
    assert add_authors(authors_file, ["Me"]) == ["Me"]
    assert authors_file.read_text(encoding="utf-8") == after
    assert add_authors(authors_file, ["Me"]) == []  # the same name is the same author


def test_an_authors_key_taken_by_another_name_is_numbered_and_a_name_keeps_its_key():
    listed = {"me": "Your Name", "jane-reyes": "Jane Reyes", "me-2": "Mé"}
    assert author_key(listed, "Me") == "me-3"
    assert author_key(listed, "Your Name") == "me"
    assert author_key(listed, "Jane Reyes") == "jane-reyes"
    assert author_key(listed, "Ann Lee") == "ann-lee"


def test_an_authors_file_in_flow_style_is_left_alone_with_one_line_saying_so(tmp_path: Path):
    authors_file = tmp_path / ".authors.yml"
    authors_file.write_text('authors: {me: {name: "Your Name"}}\n', encoding="utf-8")
    with pytest.raises(NotWixError, match=r"add Ann Lee by hand$"):
        add_authors(authors_file, ["Ann Lee"])
    assert authors_file.read_text(encoding="utf-8") == 'authors: {me: {name: "Your Name"}}\n'
