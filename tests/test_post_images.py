"""`make check` names a post's missing images and its photos too large for a phone
(blog_extras/authoring/post_images.py), with the post's file and line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import markdown
import pytest

from blog_extras import engine
from blog_extras.authoring import check
from blog_extras.authoring.post_images import (
    PHOTO_LIMIT,
    image_sources,
    lines_of,
    photo_warning,
)
from tests.project import Project, copy_project
from tests.test_images import jpeg, png

# The site's own extensions (mkdocs.yml), as `make check` reads posts.
READER = markdown.Markdown(
    extensions=["admonition", "attr_list", "md_in_html", "tables", "fenced_code", "toc"]
)


def test_only_what_the_build_makes_an_image_of_is_an_image():
    body = """\
Intro ![a](one.jpg) and ![b](<with space.jpg> "a title")

```
![in a fence](fenced.jpg)
```

    ![indented code](indented.jpg)

`![in a code span](span.jpg)` and <!-- ![in a comment](comment.jpg) -->

![c][pic]

<div markdown>
<img src="raw.png" alt="raw HTML">
</div>

<p>Inline <IMG alt="y" SRC='inline.png'></p>

[pic]: reference.jpg
"""
    assert image_sources(body, READER) == [
        "one.jpg", "with space.jpg", "reference.jpg", "raw.png", "inline.png",
    ]  # fmt: skip


def test_a_post_without_pictures_is_not_converted():
    class Refuses(markdown.Markdown):
        def convert(self, source: str) -> str:
            raise AssertionError("converted")

    assert image_sources("Just text, and a [link](x.md).\n", Refuses()) == []


def test_a_post_whose_only_picture_is_html_is_read():
    assert image_sources('Text.\n\n<P><Img Src="drawing.png"></P>\n', READER) == ["drawing.png"]


def test_the_nth_image_with_a_path_is_on_the_nth_line_holding_it():
    body = "```\n![example](a.jpg)\n```\n\n![a](a.jpg)\n\n![b](b&c.jpg)\n<img src='a.jpg'>\n"
    # The fenced one is no image (image_sources does not list it): the two images
    # a.jpg are the ones on lines 14 and 17.
    assert lines_of(body, 10, ["a.jpg", "b&c.jpg", "a.jpg"]) == [14, 16, 17]
    assert lines_of(body, 10, ["gone.jpg"]) == [None]


def test_a_photo_within_the_limit_is_fine():
    assert photo_warning(Path("p.jpg"), PHOTO_LIMIT.kilobytes * 1000, PHOTO_LIMIT.width) is None


@pytest.mark.parametrize(
    ("size", "width", "message"),
    [
        (2_400_000, 4032,
         "the photo docs/p.jpg is 2.4 MB and 4032 pixels wide, more than the 300 KB and 1600 "
         "pixels recommended: resize it to 1600 pixels wide, so that the page loads quickly "
         "on a phone"),
        (200_000, 1601,
         "the photo docs/p.jpg is 200 KB and 1601 pixels wide, more than the 300 KB and 1600 "
         "pixels recommended: resize it to 1600 pixels wide, so that the page loads quickly "
         "on a phone"),
        (300_001, None,
         "the photo docs/p.jpg is 300 KB, more than the 300 KB and 1600 pixels recommended: "
         "resize it to 1600 pixels wide, so that the page loads quickly on a phone"),
        (505_000, 1200,
         "the photo docs/p.jpg is 505 KB and 1200 pixels wide, more than the 300 KB and 1600 "
         "pixels recommended: save it again with more compression (as a JPEG of about 80% "
         "quality), so that the page loads quickly on a phone"),
    ],
)  # fmt: skip
def test_a_photo_over_the_limit_is_named_with_its_size(size: int, width: int, message: str):
    assert photo_warning(Path("docs/p.jpg"), size, width) == message


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path, with_posts=False)


POST = """\
---
title: Pictures
date: 2021-01-01
---

The opening ![a river](pictures/river.jpg).

<!-- more -->

![the old town](pictures/old-town.jpg)

```markdown
![an example in a code block](pictures/example.jpg)
```

![a photo from another site](https://example.org/photo.jpg)

<p>A drawing: <img src="pictures/drawing.png" alt="a drawing"></p>

![the station](pictures/Station.JPG)

![up and away](../../../../etc/hostname)
"""


def test_missing_images_are_errors_naming_the_post_line_and_path(project: Project):
    (project.posts / "pictures").mkdir()
    (project.posts / "pictures" / "river.jpg").write_bytes(jpeg(1200, 800))
    (project.posts / "pictures" / "station.jpg").write_bytes(jpeg(1200, 800))
    project.write_post("pictures.md", POST)
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    where = "error: docs/blog/posts/pictures.md"
    assert result.stderr.splitlines() == [
        f"{where}, line 10: the image pictures/old-town.jpg is missing: there is no file "
        "docs/blog/posts/pictures/old-town.jpg; check the file name (capitals count), or add "
        "the picture there",
        f"{where}, line 18: the image pictures/drawing.png is missing: there is no file "
        "docs/blog/posts/pictures/drawing.png; check the file name (capitals count), or add "
        "the picture there",
        f"{where}, line 20: the image pictures/Station.JPG is missing: there is no file "
        "docs/blog/posts/pictures/Station.JPG; did you mean pictures/station.jpg? (capitals "
        "count)",
        f"{where}, line 22: the image ../../../../etc/hostname points outside docs/, where the "
        "site's files are: put the picture in the post's folder (docs/blog/posts/pictures/)",
        "4 problems in 1 file: fix them and run the check again.",
    ]


def test_a_photo_too_large_is_a_warning_and_the_check_passes(project: Project):
    (project.posts / "pictures").mkdir()
    (project.posts / "pictures" / "river.jpg").write_bytes(jpeg(4032, 3024, 2_400_000))
    project.write_post(
        "pictures.md",
        "---\ntitle: Pictures\ndate: 2021-01-01\n---\n\n"
        "![a river](pictures/river.jpg)\n\n![the same river](pictures/river.jpg)\n",
    )
    result = project.run("blog_extras.cli", "check", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    message = (
        "the photo docs/blog/posts/pictures/river.jpg is 2.4 MB and 4032 pixels wide, more "
        "than the 300 KB and 1600 pixels recommended: resize it to 1600 pixels wide, so that "
        "the page loads quickly on a phone"
    )
    # Once for the photo, however many times it is shown.
    assert result.stdout.splitlines() == [
        f"warning: docs/blog/posts/pictures.md, line 6: {message}",
        f"::warning file=docs/blog/posts/pictures.md,line=6::{message}",
    ]


def test_a_drawing_of_any_size_is_no_photo(project: Project):
    # SVG drawings live in docs/assets/ (authoring/docs_files.py).
    (project.root / "docs" / "assets" / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"/>' + " " * 400_000
    )
    (project.posts / "pictures").mkdir()
    (project.posts / "pictures" / "small.png").write_bytes(png(64, 64))
    project.write_post(
        "pictures.md",
        "---\ntitle: Pictures\ndate: 2021-01-01\n---\n\n"
        "![a map](../../assets/map.svg) ![an icon](pictures/small.png)\n",
    )
    result = project.run("blog_extras.cli", "check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_make_check_reads_each_post_once(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """The images check reads the posts as the post checks read them: a large blog
    is not read from disk twice."""
    project.write_post("a.md", "---\ntitle: A\ndate: 2021-01-01\n---\n\n![x](pictures/gone.jpg)\n")
    project.write_post("b.md", "---\ntitle: B\ndate: 2021-01-02\n---\n\nText.\n")
    reads: Counter[str] = Counter()
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        reads[path.name] += 1
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    monkeypatch.setattr(engine, "quiet", lambda: None)  # MkDocs' logging as other tests have it
    monkeypatch.chdir(project.root)
    assert check.main([]) == 1
    assert "the image pictures/gone.jpg is missing" in capsys.readouterr().err
    assert (reads["a.md"], reads["b.md"]) == (1, 1)


def test_the_images_are_checked_even_when_a_link_out_of_docs_stops_the_post_checks(
    project: Project,
):
    project.write_post("a.md", "---\ntitle: A\ndate: 2021-01-01\n---\n\n![x](pictures/gone.jpg)\n")
    (project.root / "docs" / "leak.md").symlink_to(project.root / "mkdocs.yml")
    result = project.run("blog_extras.cli", "check")
    assert "this is a link to a place outside docs/" in result.stderr
    assert "the image pictures/gone.jpg is missing" in result.stderr
