"""Posts as Wix showed them and as Material writes them: header lines around the
title, authors, both dates, old-style addresses, one date format, unknown
counts, and saved pages in Wix's current editor markup (tests/fixtures/wix/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from blog_extras.wix_import.importer import render_post
from blog_extras.wix_import.sources import parse_wix_date, read_capture
from tests import mkdocs_yaml
from tests.project import Project, copy_project
from tests.sites import text_of

WIX = Path(__file__).parent / "fixtures" / "wix"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "blog"
    root.mkdir()
    return copy_project(root)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def body_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def capture(*lines: str) -> str:
    return "\n\n".join(["top of page", *lines, "bottom of page"]) + "\n"


def import_source(project: Project, name: str, text: str):
    source = project.root / name
    source.write_text(text, encoding="utf-8")
    return project.run("blog_extras.cli", "import-wix", str(source))


def page(project: Project, address: str) -> BeautifulSoup:
    html = (project.site / address / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


SPRING = capture(
    "Writer's picture", "Jane Reyes", "Mar 3, 2022", "2 min read",
    "A Spring Walk",
    "Updated: Mar 5, 2022",
    "We walked along the river until the light went.",
    "The second paragraph.",
    "12 views", "1 comment",
)  # fmt: skip


def test_header_above_the_title_and_updated_below_it(project: Project):
    result = import_source(project, "spring.txt", SPRING)
    assert result.returncode == 0, result.stdout + result.stderr
    post = project.posts / "a-spring-walk.md"
    meta = front_matter(post)
    assert meta["title"] == "A Spring Walk"
    assert (str(meta["date"]["created"]), str(meta["date"]["updated"])) == (
        "2022-03-03", "2022-03-05",
    )  # fmt: skip
    assert "date_estimated" not in meta
    body = body_of(post)
    for header_line in ["Updated", "Jane Reyes", "2 min read", "Mar 3, 2022", "Writer"]:
        assert header_line not in body
    assert body.lstrip().startswith("We walked along the river")


def test_the_author_is_added_to_materials_authors_file_and_shown_by_the_date(
    project: Project,
):
    assert import_source(project, "spring.txt", SPRING).returncode == 0
    meta = front_matter(project.posts / "a-spring-walk.md")
    assert meta["authors"] == ["jane-reyes"]
    authors = yaml.safe_load((project.root / "docs/blog/.authors.yml").read_text("utf-8"))
    assert authors["authors"]["jane-reyes"] == {
        "name": "Jane Reyes", "description": "", "avatar": "assets/avatar.svg"
    }  # fmt: skip
    build = project.run("blog_extras.cli", "build")
    assert build.returncode == 0, build.stderr
    header = page(project, "a-spring-walk").select_one("header.blog-post-header")
    meta_line = text_of(header.select_one(".blog-post-header__meta"))
    assert meta_line == "Jane Reyes · Updated: Mar 5, 2022 · 1 min read"
    card = next(
        card for card in page(project, "").select("article.md-post--excerpt")
        if "A Spring Walk" in text_of(card)
    )  # fmt: skip
    assert text_of(card.select_one(".blog-author")) == "Jane Reyes"
    # Material's own sidebar names the author too, with the avatar.
    sidebar = page(project, "a-spring-walk").select_one(".md-post__authors")
    assert sidebar is not None and sidebar.select_one("img")["alt"] == "Jane Reyes"
    # The Recent Posts excerpt is the text, not a header line.
    recent = page(project, "miracle-in-cell-no-7").select("nav.blog-recent li")
    spring = next(item for item in recent if "A Spring Walk" in text_of(item))
    assert text_of(spring.select_one(".blog-recent__excerpt")).startswith("We walked")
    # A second import by the same author adds nobody.
    again = import_source(project, "autumn.txt", SPRING.replace("A Spring Walk", "An Autumn Walk"))
    assert again.returncode == 0 and "added the author" not in again.stdout


def test_posts_without_an_author_look_as_before(project: Project):
    assert project.run("blog_extras.cli", "build").returncode == 0
    miracle = page(project, "miracle-in-cell-no-7")
    assert miracle.select(".blog-author") == [] and miracle.select(".md-post__authors") == []
    assert text_of(miracle.select_one(".blog-post-header__meta")) == (
        "Updated: May 29, 2021 · 2 min read"
    )
    assert text_of(miracle.select_one(".blog-post-header .blog-counts")) == (
        "43 views · 0 comments"
    )


def test_feed_items_at_every_wix_post_address_are_imported_and_redirected(project: Project):
    feed = (WIX / "blog-feed.xml").read_text(encoding="utf-8")
    feed = feed.replace(
        "https://jane.wixsite.com/blog/post/a-year-of-masks",
        "https://jane.wixsite.com/blog/single-post/2021/03/16/A-Year-of-Masks",
    )
    feed = feed.replace(
        "<item>\n<title>Rainy Season Notes</title>",
        "<item>\n<title>About me</title>\n<link>https://jane.wixsite.com/about</link>\n"
        "<pubDate>Mon, 07 Jun 2021 08:00:00 GMT</pubDate>\n"
        "<description>Not a post</description>\n</item>\n"
        "<item>\n<title>Rainy Season Notes</title>",
    )
    result = import_source(project, "blog-feed.xml", feed)
    # The one item that is no post is named, with the reason; the others are written.
    assert "not written: About me: skipped: its link 'https://jane.wixsite.com/about' is not" in (
        result.stdout
    )
    masks = front_matter(project.posts / "a-year-of-masks.md")
    assert masks["wix"]["path"] == "/single-post/2021/03/16/A-Year-of-Masks"
    rainy = front_matter(project.posts / "rainy-season-notes.md")
    assert rainy["wix"]["path"] == "/post/rainy-season-notes"
    build = project.run("blog_extras.cli", "build")
    assert build.returncode == 0, build.stderr
    old = project.site / "single-post/2021/03/16/A-Year-of-Masks/index.html"
    assert 'url=../../../../../a-year-of-masks/"' in old.read_text(encoding="utf-8")
    assert (project.site / "post/rainy-season-notes/index.html").is_file()


def test_a_feed_with_no_wix_post_at_all_is_refused(project: Project):
    feed = (WIX / "blog-feed.xml").read_text(encoding="utf-8")
    result = import_source(project, "feed.xml", feed.replace("/post/", "/articles/"))
    assert result.returncode == 1
    assert "none of its items links to a Wix post (/post/… or /single-post/…)" in result.stderr


@pytest.mark.parametrize(
    ("text", "day"),
    [("Sept. 3, 2021", "2021-09-03"), ("Mar 3, 2022", "2022-03-03"),
     ("March 3, 2022", "2022-03-03"), ("3 March 2022", "2022-03-03"),
     ("2022-03-03", "2022-03-03")],
)  # fmt: skip
def test_wix_dates_are_read(text: str, day: str):
    assert str(parse_wix_date(text)) == day
    (post,) = read_capture(capture("A title", text, "Some text of the post."), "x")
    assert str(post.published) == day and post.problems == []


def spring_dates(project: Project) -> dict[str, list[str]]:
    """How each place writes the dates of "A Spring Walk"."""
    post = page(project, "a-spring-walk")

    def card_dates(address: str) -> list[str]:
        cards = page(project, address).select("article.md-post--excerpt")
        card = next(card for card in cards if "A Spring Walk" in text_of(card))
        return [text_of(time) for time in card.select(".blog-date time")]

    recent = page(project, "miracle-in-cell-no-7").select("nav.blog-recent li")
    item = next(item for item in recent if "A Spring Walk" in text_of(item))
    return {
        "post header": [text_of(post.select_one(".blog-post-header .blog-date"))],
        "index": card_dates(""),
        "archive": card_dates("archive/2022"),
        "recent posts": [text_of(item.select_one(".blog-date time"))],
        "Material's sidebar": [text_of(time) for time in post.select(".md-sidebar--post time")],
    }


def test_one_date_format_everywhere_and_one_setting_changes_it(project: Project):
    assert import_source(project, "spring.txt", SPRING).returncode == 0
    # Wix's "Mar 5, 2022" by default (mkdocs.yml's "medium"), then Babel's "long".
    for date_format, created, updated in [
        (None, "Mar 3, 2022", "Mar 5, 2022"),
        ("long", "March 3, 2022", "March 5, 2022"),
    ]:
        if date_format:
            config = mkdocs_yaml.load(project.root / "mkdocs.yml")
            plugins = config["plugins"]
            blog = next(p["blog"] for p in plugins if isinstance(p, dict) and "blog" in p)
            blog["post_date_format"] = date_format
            mkdocs_yaml.dump(config, project.root / "mkdocs.yml")
        assert project.run("blog_extras.cli", "build").returncode == 0
        assert spring_dates(project) == {
            "post header": [f"Updated: {updated}"], "index": [updated], "archive": [updated],
            "recent posts": [updated], "Material's sidebar": [created, updated],
        }  # fmt: skip


def test_a_saved_page_in_wixs_editor_markup_keeps_its_structure(project: Project):
    result = project.run("blog_extras.cli", "import-wix", str(WIX / "editor-post.html"))
    assert result.returncode == 0, result.stdout + result.stderr
    post = project.posts / "notes-from-the-harbour.md"
    meta = front_matter(post)
    assert (meta["views"], meta["comments"]) == (87, 2)
    assert meta["authors"] == ["jane-reyes"]
    body = body_of(post)
    for furniture in ["Facebook", "liked", "Recent Posts", "All Posts", "3 min read",
                      "Writer's picture", "top of page"]:  # fmt: skip
        assert furniture not in body
    build = project.run("blog_extras.cli", "build")
    assert build.returncode == 0, build.stderr
    article = page(project, "notes-from-the-harbour").select_one("article.md-content__inner")
    assert text_of(article.select_one("strong")) == "The harbour"
    assert text_of(article.select_one("em")) == "slowly"
    assert "1. this is not a list." in text_of(article)
    assert text_of(article.select_one("h2")).removesuffix("¶") == "What I packed"
    outer = article.select_one("ul:not(.blog-share__list)")
    assert len(outer.find_all("li", recursive=False)) == 2
    nested = outer.select_one("li ul")
    assert [text_of(li) for li in nested.select("li")] == ["with a hood", "and deep pockets"]
    assert article.select_one("a[href='https://example.org/thermos']") is not None
    code = article.select_one("pre code")
    assert code is not None and 'tide = check("harbour")\nif tide < 2:\n    wait()' in code.text
    table = article.select_one("table")
    assert [text_of(th) for th in table.select("th")] == ["Day", "Boats"]
    assert [[text_of(td) for td in row.select("td")] for row in table.select("tbody tr")] == [
        ["Monday", "12"], ["Tuesday", "7"]
    ]  # fmt: skip
    image = article.select_one("img")
    assert image["alt"] == "Fishing boats at the harbour wall"
    assert (project.site / "notes-from-the-harbour" / image["src"]).resolve().is_file()
    assert text_of(article.select_one("blockquote")) == "The sea does not hurry."


def test_imported_text_never_becomes_markup_or_script_links(project: Project):
    html = (
        (WIX / "editor-post.html")
        .read_text(encoding="utf-8")
        .replace(
            "<span> wakes up </span>",
            "<span> wakes &lt;script&gt;alert(1)&lt;/script&gt; up </span>"
            '<a href="javascript:alert(1)">a trap</a>',
        )
    )
    source = project.root / "editor-post.html"
    source.write_text(html, encoding="utf-8")
    (project.root / "editor-post_files").mkdir()
    (project.root / "editor-post_files" / "harbour.png").write_bytes(
        (WIX / "editor-post_files" / "harbour.png").read_bytes()
    )
    assert project.run("blog_extras.cli", "import-wix", str(source)).returncode == 0
    assert project.run("blog_extras.cli", "build").returncode == 0
    article = page(project, "notes-from-the-harbour").select_one("article.md-content__inner")
    assert article.select("script") == [] and article.select("a[href^=javascript]") == []
    assert "wakes <script>alert(1)</script> up a trap" in text_of(article)


@pytest.mark.parametrize(
    ("shown", "today", "day"),
    [
        ("Nov 27", "2026-12-02", "2026-11-27"),  # earlier this year
        ("Nov 27", "2026-11-27", "2026-11-27"),  # today
        ("Dec 30", "2027-01-05", "2026-12-30"),  # still to come this year: last year's
        ("27 Nov", "2026-12-02", "2026-11-27"),
        ("Feb 29", "2027-03-01", "2024-02-29"),  # the last leap year
    ],
)
def test_a_capture_dated_without_a_year_is_this_years_post(shown: str, today: str, day: str):
    text = capture("A title", shown, "Some text of the post.")
    (post,) = read_capture(text, "x", today=date.fromisoformat(today))
    assert str(post.published) == day and post.problems == []
    assert post.date_estimated
    assert any(f"'{shown}' shows no year; read as {day}" in note for note in post.notes)
    front = yaml.safe_load(render_post(post, "a-title", (), "x").split("---\n")[1])
    assert str(front["date"]["created"]) == day
    assert front["date_estimated"] == ["created"]


def test_an_update_without_a_year_marks_only_that_date_estimated():
    text = capture("A title", "Mar 3, 2026", "Updated: Nov 27", "Some text of the post.")
    (post,) = read_capture(text, "x", today=date(2026, 12, 2))
    front = yaml.safe_load(render_post(post, "a-title", (), "x").split("---\n")[1])
    assert str(front["date"]["created"]) == "2026-03-03"
    assert str(front["date"]["updated"]) == "2026-11-27"
    assert front["date_estimated"] == ["updated"]
