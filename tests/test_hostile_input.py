"""Hostile and careless posts, one row each: `make build` (``blog build``) refuses
them with a message naming the file (and the line), exits non-zero without a
traceback, leaves the last good ``site/`` byte for byte as it was, and writes
nothing outside ``site/`` or ``docs/``.

The rows the checks of posts and pages refuse are built together, each in a file of
its own, since one run of the checks tells every file's problems: one build instead
of one a row, and each row still a test of its own, asserting its own message with
its own file and line. The others (ALONE) each get a build of their own."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.project import Project, copy_project

POSTS = "docs/blog/posts"


def post(front: str, body: str = "Text.\n") -> str:
    return f"---\n{front}\n---\n\n{body}"


def symlink_to(target: Callable[[Path], Path]) -> Callable[[Project], None]:
    def make(project: Project) -> None:
        (project.root / "docs" / "leak.md").symlink_to(target(project.root))

    return make


def linked_folder(project: Project) -> None:
    (project.root / "docs" / "loop").symlink_to(project.root / "docs", target_is_directory=True)


def folder_linked_to_hidden_one(project: Project) -> None:
    """A folder MkDocs leaves out (its name starts with a dot), published under
    another name through a link: its script and its posts, which no check reads."""
    hidden = project.root / "docs" / ".stash"
    hidden.mkdir()
    (hidden / "evil.js").write_text("document.title = 'pwned'", encoding="utf-8")
    (hidden / "x.md").write_text("---\ntitle: [1]\n---\n\nText.\n", encoding="utf-8")
    (project.root / "docs" / "pub").symlink_to(".stash", target_is_directory=True)


def folder_outside(project: Project) -> None:
    (project.root / "docs" / "outside").symlink_to(project.root, target_is_directory=True)


@dataclass(frozen=True)
class Written:
    """A change that writes ``text`` to ``relative`` (below the project): a post, a
    page or the authors file."""

    relative: str
    text: str | bytes

    def __call__(self, project: Project) -> None:
        path = project.root / self.relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(self.text, bytes):
            path.write_bytes(self.text)
        else:
            path.write_text(self.text, encoding="utf-8")


def file(relative: str, text: str | bytes) -> Written:
    """A change that writes ``text`` to ``relative`` (below the project)."""
    return Written(relative, text)


AUTHORS = "docs/blog/.authors.yml"


def author(**values: str) -> Written:
    """The authors file with one author 'me' of ``values`` (line 3 on)."""
    settings = {"name": "Me", "description": '""', "avatar": "assets/avatar.svg", **values}
    lines = "".join(f"    {key}: {value}\n" for key, value in settings.items())
    return file(AUTHORS, f"authors:\n  me:\n{lines}")


def nothing(project: Project) -> None:
    """No change to the project: the build's environment is the hostile part."""


# The environment of the build of a case, where it is the hostile part.
ENVIRONMENT: dict[str, dict[str, str]] = {
    "site address with markup": {"SITE_URL": 'https://blog.example.org/"><script>alert(1)</script>'},
    "site address as javascript:": {"SITE_URL": "javascript:alert(1)"},
    "counter host adding sources": {
        "BLOG_GOATCOUNTER": "https://x.goatcounter.com data: 'unsafe-eval'"},
    "counter host with a path": {"BLOG_GOATCOUNTER": "https://x.goatcounter.com/count"},
    "site address with an open bracket": {"SITE_URL": "https://[::1"},
    "counter host with an open bracket": {"BLOG_GOATCOUNTER": "https://[x"},
    "counter script with a quote": {"BLOG_GOATCOUNTER": "https://x.goatcounter.com",
                                    "BLOG_GOATCOUNTER_SCRIPT": "https://gc.zgo.at/c.js'"},
    "comments host over http": {"BLOG_GISCUS_ORIGIN": "http://giscus.example.org"},
    "repository name with markup": {
        "GITHUB_REPOSITORY": 'jane/blog"><script>alert(1)</script>'},
}  # fmt: skip


# A kilobyte of YAML that stands for 10^9 links, each reference to the one above.
BILLION_LAUGHS = "title: X\ndate: 2021-01-01\nl0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{'links' if n == 9 else f'l{n}'}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n"
    for n in range(1, 10)
)

# name: (the post written, or a change to the project; the file and line the message
# names; words the message holds)
CASES: dict[str, tuple[str | Callable[[Project], None], str, str]] = {
    "slug climbs out of site/": (
        post("title: X\ndate: 2021-01-01\nslug: ../../x"), f"{POSTS}/case.md, line 4",
        "'slug: ../../x' cannot be the post's address",
    ),
    "slug is the feed": (
        post("title: X\ndate: 2021-01-01\nslug: feed.xml"), f"{POSTS}/case.md, line 4",
        "may hold only letters, digits",
    ),
    "slug is an archive page": (
        post("title: X\ndate: 2021-01-01\nslug: archive/2021"), f"{POSTS}/case.md, line 4",
        "no '/'",
    ),
    "slug is a dot": (
        post('title: X\ndate: 2021-01-01\nslug: "."'), f"{POSTS}/case.md, line 4",
        "cannot be the post's address",
    ),
    "slug with encoded dots": (
        post("title: X\ndate: 2021-01-01\nslug: '%2e%2e'"), f"{POSTS}/case.md, line 4",
        "no '/', '.', spaces or '%'",
    ),
    "slug with a backslash": (
        post('title: X\ndate: 2021-01-01\nslug: "..\\\\x"'), f"{POSTS}/case.md, line 4",
        "cannot be the post's address",
    ),
    "slug takes the assets folder": (
        post("title: X\ndate: 2021-01-01\nslug: assets"), f"{POSTS}/case.md, line 4",
        "belongs to the site itself (/assets)",
    ),
    "slug takes the search folder": (
        post("title: X\ndate: 2021-01-01\nslug: search"), f"{POSTS}/case.md, line 4",
        "belongs to the site itself (/search)",
    ),
    "slug takes the category pages": (
        post("title: X\ndate: 2021-01-01\nslug: category"), f"{POSTS}/case.md, line 4",
        "belongs to the site itself (/category)",
    ),
    "slug takes the stylesheets folder": (
        post("title: X\ndate: 2021-01-01\nslug: stylesheets"), f"{POSTS}/case.md, line 4",
        "belongs to the site itself (/stylesheets)",
    ),
    "slug takes the old addresses' folder": (
        post("title: X\ndate: 2021-01-01\nslug: post"), f"{POSTS}/case.md, line 4",
        "belongs to the site itself (/post)",
    ),
    "pin as text": (
        post('title: X\ndate: 2021-01-01\npin: "yes"'), f"{POSTS}/case.md, line 4",
        "'pin' is not valid for Material's blog",
    ),
    "draft as text": (
        post('title: X\ndate: 2021-01-01\ndraft: "no"'), f"{POSTS}/case.md, line 4",
        "'draft' is not valid for Material's blog",
    ),
    "slug as a number": (
        post("title: X\ndate: 2021-01-01\nslug: 123"), f"{POSTS}/case.md, line 4",
        "'slug' is not valid for Material's blog",
    ),
    "readtime as words": (
        post("title: X\ndate: 2021-01-01\nreadtime: lots"), f"{POSTS}/case.md, line 4",
        "'readtime' is not valid for Material's blog",
    ),
    "author nobody knows": (
        post("title: X\ndate: 2021-01-01\nauthors: [x]"), f"{POSTS}/case.md, line 4",
        "the author 'x' is not in docs/blog/.authors.yml",
    ),
    "template that does not exist": (
        post("title: X\ndate: 2021-01-01\ntemplate: missing.html"), f"{POSTS}/case.md, line 4",
        "the template 'missing.html' is neither in overrides/ nor in the theme",
    ),
    "template outside the theme": (
        post("title: X\ndate: 2021-01-01\ntemplate: ../../../etc/passwd"),
        f"{POSTS}/case.md, line 4", "'template' must name a theme template",
    ),
    "title of 10,000 characters": (
        post(f"title: {'a' * 10_000}\ndate: 2021-01-01"), f"{POSTS}/case.md, line 2",
        "more than a file name can hold",
    ),
    "title of 90 CJK characters": (
        post(f"title: {'漢' * 90}\ndate: 2021-01-01"), f"{POSTS}/case.md, line 2",
        "more than a file name can hold",
    ),
    "title of emoji only": (
        post('title: "🎬🍿"\ndate: 2021-01-01'), f"{POSTS}/case.md, line 2",
        "no letters or digits",
    ),
    "title with an unclosed tag": (
        post("title: '\"><img src=x onerror=alert(1) x='\ndate: 2021-01-01"),
        f"{POSTS}/case.md, line 2", "the title contains HTML",
    ),
    "time zone at year 1": (
        post("title: X\ndate: 0001-01-01T00:30:00+01:00"), f"{POSTS}/case.md, line 3",
        "not a year of this era",
    ),
    "time zone at year 9999": (
        post("title: X\ndate: 9999-12-31T23:30:00-01:00"), f"{POSTS}/case.md, line 3",
        "not a year of this era",
    ),
    "old address climbs up": (
        post("title: X\ndate: 2021-01-01\nwix:\n  path: /post/.."), f"{POSTS}/case.md, line 4",
        "it leaves its folder",
    ),
    "old address with encoded dots": (
        post("title: X\ndate: 2021-01-01\nwix:\n  path: /post/%2E%2E"),
        f"{POSTS}/case.md, line 4", "it leaves its folder",
    ),
    "old address over two lines": (
        post('title: X\ndate: 2021-01-01\nwix:\n  path: "/post/a\\n::error::x"'),
        f"{POSTS}/case.md, line 4", "not a single line of text",
    ),
    "link to a file outside docs/": (
        symlink_to(lambda root: Path("/proc/self/environ")), "docs/leak.md",
        "a link to a place outside docs/",
    ),
    "link to the project's mkdocs.yml": (
        symlink_to(lambda root: root / "mkdocs.yml"), "docs/leak.md",
        "a link to a place outside docs/",
    ),
    "link in a circle": (
        symlink_to(lambda root: root / "docs" / "leak.md"), "docs/leak.md",
        "a link to a place outside docs/ (or to nothing, or in a circle)",
    ),
    "folder linked inside itself": (linked_folder, "docs/loop", "a circle"),
    "folder linked outside docs/": (folder_outside, "docs/outside", "outside docs/"),
    "folder linked to a hidden one inside docs/": (
        folder_linked_to_hidden_one, "docs/pub", "a symbolic link: the build would publish what",
    ),
    "script under a Markdown suffix in capitals": (
        file("docs/evil.MD", "document.title = 'pwned'"), "docs/evil.MD",
        "a .MD file here would be published as it is",
    ),
    # Every file MkDocs builds is checked, whatever its Markdown suffix.
    "old address home, in a .markdown post": (
        file(f"{POSTS}/hijack.markdown",
             post("title: X\ndate: 2021-01-01\nwix:\n  path: /post/..")),
        f"{POSTS}/hijack.markdown, line 4", "it leaves its folder",
    ),
    "old address over another post, in a .mkd post": (
        file(f"{POSTS}/hijack.mkd", post(
            "title: X\ndate: 2021-01-01\nwix:\n  path: /post/../the-corner-of-the-sidewalk")),
        f"{POSTS}/hijack.mkd, line 4", "it leaves its folder",
    ),
    "HTML title in a .mdown post": (
        file(f"{POSTS}/case.mdown", post("title: <b>X</b>\ndate: 2021-01-01")),
        f"{POSTS}/case.mdown, line 2", "the title contains HTML",
    ),
    "page not in UTF-8": (
        file("docs/about.md", b"---\ntitle: Caf\xe9\n---\n\nText.\n"), "docs/about.md, line 2",
        "the file is not UTF-8 text",
    ),
    "page named with markup": (
        file("docs/<img src=x onerror=alert(1)>.md", "Text.\n"),
        "docs/<img src=x onerror=alert(1)>.md", "which the navigation would read as markup",
    ),
    "folder of pages named with markup": (
        file("docs/\"><b>x/page.md", "# Page\n"), "docs/\"><b>x/page.md",
        "the name '\"><b>x' holds",
    ),
    "page with broken front matter": (
        file("docs/about.mkdn", "---\ntitle: X\ntitle: Y\n---\n\nText.\n"),
        "docs/about.mkdn, line 3", "the key 'title' appears twice",
    ),
    # Text Material prints: plain text, without control characters.
    "title with a control character": (
        post('title: "Bell \\a"\ndate: 2021-01-01'), f"{POSTS}/case.md, line 2",
        "the title cannot be used: it holds the control character '\\x07'",
    ),
    "description with an escape character": (
        post('title: X\ndate: 2021-01-01\ndescription: "\\e[31m"'), f"{POSTS}/case.md, line 4",
        "the description cannot be used: it holds the control character",
    ),
    "page title with a control character": (
        file("docs/about.md", '---\ntitle: "About \\x0b"\n---\n\nText.\n'),
        "docs/about.md, line 2", "the title cannot be used: it holds the control character",
    ),
    "page subtitle with markup": (
        file("docs/about.md", "---\nsubtitle: <img src=x onerror=alert(1)>\n---\n\nText.\n"),
        "docs/about.md, line 2", "'subtitle' cannot be used: it holds HTML",
    ),
    "page author closing the head": (
        file("docs/about.md", "---\nauthor: '\"><body><p>x'\n---\n\nText.\n"),
        "docs/about.md, line 2", "'author' cannot be used: it holds HTML",
    ),
    "page author as a list": (
        file("docs/about.md", "---\nauthor: ['\"><b>']\n---\n\nText.\n"),
        "docs/about.md, line 2", "'author' cannot be used: it must be text",
    ),
    "page status leaving its class": (
        file("docs/about.md", "---\nstatus: 'new\" onmouseover=\"alert(1)'\n---\n\nText.\n"),
        "docs/about.md, line 2", "cannot be used: it must be one word",
    ),
    "page icon outside the icons": (
        file("docs/about.md", "---\nicon: ../partials/header\n---\n\nText.\n"),
        "docs/about.md, line 2", "it must name one of the theme's icons",
    ),
    "page icon the theme lacks": (
        file("docs/about.md", "---\nicon: material/no-such-icon\n---\n\nText.\n"),
        "docs/about.md, line 2", "the theme has no icon 'material/no-such-icon'",
    ),
    "page template outside the theme": (
        file("docs/about.md", "---\ntemplate: ../../etc/passwd\n---\n\nText.\n"),
        "docs/about.md, line 2", "'template' must name a theme template",
    ),
    "page as Material's redirect to javascript:": (
        file("docs/about.md", "---\ntemplate: redirect.html\nlocation: 'javascript:alert(1)'\n"
                              "---\n\nText.\n"),
        "docs/about.md, line 2", "the template 'redirect.html' is not one for a page",
    ),
    "page subtitle in MultiMarkdown style": (
        file("docs/about.md", "Subtitle: <script>alert(1)</script>\n\nText.\n"),
        "docs/about.md, line 1", "'subtitle' cannot be used: it holds HTML",
    ),
    # A post's links: their titles are text, their addresses web or local; each told
    # with the entry's own line.
    "link title with markup": (
        post("title: X\ndate: 2021-01-01\nlinks:\n  - '<img src=x onerror=alert(1)>': https://example.org"),
        f"{POSTS}/case.md, line 5", "in 'links' cannot be used: it holds HTML",
    ),
    "link to javascript:": (
        post("title: X\ndate: 2021-01-01\nlinks:\n  - Click: 'javascript:alert(1)'"),
        f"{POSTS}/case.md, line 5", "'javascript:' addresses are not allowed",
    ),
    "link to data: in a section": (
        post("title: X\ndate: 2021-01-01\nlinks:\n  - More:\n    - 'data:text/html,x'"),
        f"{POSTS}/case.md, line 6", "'data:' addresses are not allowed",
    ),
    "link leaving its attribute": (
        post("title: X\ndate: 2021-01-01\nlinks:\n  - 'https://example.org/\" onclick=\"x'"),
        f"{POSTS}/case.md, line 5", "it holds a space, a quote",
    ),
    # The authors file: names and descriptions are text, addresses web or local.
    "author name over two lines": (
        author(name='"Me\\n::error::x"'), f"{AUTHORS}, line 3",
        "the author 'me': 'name' cannot be used: it holds the control character '\\n'",
    ),
    "author description with a control character": (
        author(description='"a\\x1bb"'), f"{AUTHORS}, line 4",
        "'description' cannot be used: it holds the control character",
    ),
    "author url as javascript:": (
        author(url="'javascript:alert(1)'"), f"{AUTHORS}, line 6",
        "'url' cannot be used: 'javascript:' addresses are not allowed",
    ),
    "author avatar as data:": (
        author(avatar="'data:image/svg+xml,<svg onload=alert(1)>'"), f"{AUTHORS}, line 5",
        "'avatar' cannot be used",
    ),
    "author values behind a merge key": (
        file(AUTHORS, "authors:\n  me:\n    <<: {url: 'javascript:alert(1)', name: \"E\\x01\"}\n"
                      "    description: ''\n    avatar: assets/avatar.svg\n"),
        f"{AUTHORS}, line 3", "YAML merge keys ('<<', copying another mapping's values) are not",
    ),
    # Settings from the environment (ENVIRONMENT above).
    "site address with markup": (nothing, "SITE_URL", "cannot be used: it holds a space, a quote"),
    "site address as javascript:": (nothing, "SITE_URL", "it does not start with https://"),
    "counter host adding sources": (nothing, "'goatcounter'", "it holds a space, a quote"),
    "counter host with a path": (nothing, "'goatcounter'", "the host alone"),
    "site address with an open bracket": (nothing, "SITE_URL", "its host is not a plain name"),
    "counter host with an open bracket": (nothing, "'goatcounter'", "its host is not a plain name"),
    "counter script with a quote": (nothing, "'goatcounter_script'", "it holds a space, a quote"),
    "comments host over http": (nothing, "'giscus.origin'", "it uses http; use https"),
    # Printed in the header and into "Edit this page" addresses (content/github.py).
    "repository name with markup": (
        nothing, "GITHUB_REPOSITORY", "cannot be used: GitHub's owner and repository names",
    ),
    # Caught by MkDocs or Material, not by the checks: the site stays all the same.
    "broken link, strict build": (
        post("title: X\ndate: 2021-01-01", "See [this](nowhere.md).\n"), "case.md",
        "nowhere.md",
    ),
    "related link to a missing page": (
        post("title: X\ndate: 2021-01-01\nlinks:\n  - nowhere.md"), "",
        "Couldn't find file for link 'nowhere.md'",
    ),
    # Bounds (issue 20, item 6): nothing a post holds makes a build run for ever.
    "links that hold themselves": (
        post("title: X\ndate: 2021-01-01\nlinks: &l [*l]"), f"{POSTS}/case.md, line 4",
        "YAML aliases (*name, repeating a value marked &name) are not allowed",
    ),
    "billion laughs in links": (post(BILLION_LAUGHS), f"{POSTS}/case.md, line 4",
                                "YAML aliases"),
    "alias of a title": (
        post("title: &t X\ndate: 2021-01-01\ndescription: *t"), f"{POSTS}/case.md, line 2",
        "YAML aliases",
    ),
    "post of 3 MB": (
        post("title: X\ndate: 2021-01-01", "Words.\n\n" * 400_000), f"{POSTS}/case.md",
        "the file is larger than 2 MB",
    ),
    "page with a paragraph of 1 MB": (
        file("docs/about.md", "---\ntitle: About\n---\n\n" + "word " * 200_000),
        "docs/about.md, line 5", "longer than 50,000 characters",
    ),
    "page with aliases": (
        file("docs/about.md", "---\ntitle: &t About\nsubtitle: *t\n---\n\nText.\n"),
        "docs/about.md, line 2", "YAML aliases",
    ),
    "paragraph of 1 MB": (
        post("title: X\ndate: 2021-01-01", "Intro.\n\n" + "word " * 200_000),
        f"{POSTS}/case.md, line 8", "longer than 50,000 characters",
    ),
    "paragraph of 4,000 brackets": (
        post("title: X\ndate: 2021-01-01", "[" * 4000), f"{POSTS}/case.md, line 6",
        "more than 500 '[' and '<'",
    ),
    "authors file with an alias": (
        lambda project: (project.root / "docs" / "blog" / ".authors.yml").write_text(
            "authors:\n  jane: &j\n    name: Jane\n    avatar: assets/avatar.svg\n  bo: *j\n",
            encoding="utf-8",
        ),
        "docs/blog/.authors.yml, line 2", "YAML aliases",
    ),
}  # fmt: skip


def tree_digest(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file below ``root`` (links not followed) and a digest of its bytes."""
    found = {}
    for folder, subfolders, names in os.walk(root):
        relative = Path(folder).relative_to(root)
        subfolders[:] = [name for name in subfolders if (relative / name).parts[0] not in skip]
        for name in names:
            path = Path(folder) / name
            key = (relative / name).as_posix()
            if key.split("/")[0] in skip:
                continue
            found[key] = (
                "link" if path.is_symlink() else hashlib.sha256(path.read_bytes()).hexdigest()
            )
    return found


def fresh_project(workspace: Path, name: str) -> tuple[Path, Project]:
    """A copy of the blog in a folder of its own below ``workspace``."""
    outer = workspace / re.sub(r"[^\w-]+", "-", name)
    (outer / "project").mkdir(parents=True)
    return outer, copy_project(outer / "project")


def around(outer: Path, project: Project, *allowed: str) -> dict[str, str]:
    """Every file outside the folders a command may write to (``allowed``, below
    the project), in the project and beside it."""
    return tree_digest(outer, skip=("project",)) | tree_digest(project.root, skip=allowed)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def written_by(name: str) -> Written | None:
    """The file row ``name`` writes (a post's text is the post case.md), or None when
    it changes the project otherwise (a link) or nothing (its environment)."""
    change = CASES[name][0]
    if isinstance(change, str):
        return file(f"{POSTS}/case.md", change)
    return change if isinstance(change, Written) else None


# The rows that need a build of their own: those whose change is not a file of
# docs/ (a link, which the checks look at first and alone, or the environment),
# those that write the authors file (one per build, read before the posts), and
# those caught only by MkDocs or Material, after the checks. Every other row is
# refused by the checks of posts and pages, which tell every file's problems in one
# run: they are built together, each in a file of its own (shared_build). A new row
# whose message does not show in the shared build belongs here.
ALONE = {
    *(name for name in CASES if (written_by(name) or Written(AUTHORS, "")).relative == AUTHORS),
    "broken link, strict build", "related link to a missing page",
}  # fmt: skip
SHARED = [name for name in CASES if name not in ALONE]


class Build(NamedTuple):
    """A build of a project holding hostile rows, and what it left."""

    returncode: int
    output: str  # standard output and error
    site_before: dict[str, str]  # the last good site, before the build
    site_after: dict[str, str]
    around_before: dict[str, str]  # every file outside site/ and docs/, before
    around_after: dict[str, str]


def build_over_last_good_site(
    outer: Path, project: Project, changes: list[Callable[[Project], None]],
    environment: dict[str, str] | None,
) -> Build:  # fmt: skip
    """``make build`` of ``project`` with ``changes`` made, over the last good site as
    a previous build left it."""
    (project.site / "post").mkdir(parents=True)
    (project.site / "index.html").write_text("the last good site", encoding="utf-8")
    (project.site / "post" / "index.html").write_bytes(b"\x00 a page of it")
    for change in changes:
        change(project)
    site_before = tree_digest(project.site)
    around_before = around(outer, project, "site", "docs")
    result = project.run("blog_extras.cli", "build", env=environment)
    return Build(
        result.returncode, result.stdout + result.stderr, site_before,
        tree_digest(project.site), around_before, around(outer, project, "site", "docs"),
    )  # fmt: skip


def assert_refused(build: Build, where: str, words: str, tried: str) -> None:
    """The build stopped with a message holding ``where`` (the file and line) and
    ``words`` on one line, no traceback, and left site/ and all around it as it was."""
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output
    found = any(where in line and words in line for line in build.output.splitlines())
    assert found, f"{tried}: no line with {where!r} and {words!r} in:\n{build.output}"
    assert "site/ is unchanged" in build.output
    assert build.site_after == build.site_before
    assert build.around_after == build.around_before


@pytest.mark.parametrize("name", sorted(ALONE, key=list(CASES).index))
def test_hostile_post_is_refused_and_the_last_good_site_stays(workspace: Path, name: str):
    change, where, words = CASES[name]
    outer, project = fresh_project(workspace, name)
    change_made = written_by(name) or change
    assert callable(change_made)
    build = build_over_last_good_site(outer, project, [change_made], ENVIRONMENT.get(name))
    assert_refused(build, where, words, name)


def shared_place(name: str) -> tuple[Written, str]:
    """Where row ``name`` is written in the shared build, and where its message must
    point: a file that other shared rows write too (the post case.md, the page
    about.md) gets the row's name in its own (case-slug-is-a-dot.md)."""
    written, where = written_by(name), CASES[name][1]
    assert written is not None, f"{name}: a shared row writes a file"
    shared_paths = [other.relative for other in map(written_by, SHARED) if other]
    if shared_paths.count(written.relative) == 1:
        return written, where
    folder, _, file_name = written.relative.rpartition("/")
    stem, dot, suffix = file_name.partition(".")
    row = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    relative = f"{folder}/{stem}-{row}{dot}{suffix}"
    return Written(relative, written.text), where.replace(written.relative, relative)


@pytest.fixture(scope="module")
def shared_build(workspace: Path) -> Build:
    """One build of a project holding every shared row, each in its own file."""
    outer, project = fresh_project(workspace, "shared")
    changes: list[Callable[[Project], None]] = [shared_place(name)[0] for name in SHARED]
    return build_over_last_good_site(outer, project, changes, None)


@pytest.mark.parametrize("name", SHARED)
def test_hostile_post_among_others_is_refused_naming_its_file(shared_build: Build, name: str):
    written, where = shared_place(name)
    assert_refused(shared_build, where, CASES[name][2], f"{name} (in {written.relative})")


def test_a_good_build_replaces_the_site(tmp_path: Path):
    project = copy_project(tmp_path)
    project.site.mkdir()
    (project.site / "stale.html").write_text("from an older build", encoding="utf-8")
    result = project.run("blog_extras.cli", "build")
    assert result.returncode == 0, result.stderr
    assert not (project.site / "stale.html").exists()
    assert "Miracle in Cell No. 7" in (
        project.site / "miracle-in-cell-no-7" / "index.html"
    ).read_text(encoding="utf-8")
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".site")) == []


def test_titles_and_descriptions_show_as_text_everywhere(tmp_path: Path):
    """A page (not a post: the checks refuse HTML in a post's title) whose title and
    description hold markup: Material's header, <title>, navigation and meta
    description all show the text, and no element is made of it."""
    from selectolax.lexbor import LexborHTMLParser

    project = copy_project(tmp_path)
    hostile = '"><img src=x onerror=alert(1) x='
    (project.root / "docs" / "about.md").write_text(
        f"---\ntitle: '{hostile}'\ndescription: 'Says \"hi\" <b>loudly</b>'\n---\n\n"
        "About {{ 7 * 7 }} things.\n",
        encoding="utf-8",
    )
    result = project.run("blog_extras.cli", "build")
    assert result.returncode == 0, result.stderr
    tree = LexborHTMLParser((project.site / "about" / "index.html").read_text(encoding="utf-8"))
    assert tree.css("[onerror]") == [] and tree.css("img[src=x]") == []
    assert tree.css_first("title").text().startswith(hostile)
    assert tree.css(".md-header__topic .md-ellipsis")[-1].text(strip=True) == hostile
    assert tree.css_first("h1").text() == hostile
    description = tree.css_first('meta[name="description"]').attributes["content"]
    assert description == 'Says "hi" <b>loudly</b>'
    assert "About {{ 7 * 7 }} things." in tree.css_first("article").text()
    # The home page's navigation names the page by its title, as text.
    home = LexborHTMLParser((project.site / "index.html").read_text(encoding="utf-8"))
    assert home.css("[onerror]") == []
    assert hostile in [link.text(strip=True) for link in home.css("nav a")]


def test_page_settings_links_and_authors_show_as_text_everywhere(tmp_path: Path):
    """What the checks let through but HTML reads as markup (a quote, '&', '>'), in
    every value of front matter and the authors file Material prints: a page's
    subtitle (the navigation of every page) and author (<head>, where a '">' would
    end the head and leave the page's policy in its body), a post's links (their
    titles, addresses and the subtitle of the page they lead to) and its author's
    name, description and address: each shows as the text written."""
    from selectolax.lexbor import LexborHTMLParser

    project = copy_project(tmp_path)
    text = 'Tom &copy "Jerry" > <3'
    (project.root / "docs" / "about.md").write_text(
        f"---\ntitle: About\nsubtitle: '{text}'\nauthor: '{text}'\n---\n\nAbout.\n",
        encoding="utf-8",
    )
    address = "https://example.org/?a=1&amp;b=2"  # as HTML would read it: ?a=1&b=2
    name = text + " <img src=x onerror=alert(1)>"  # a name may hold '<': it is escaped
    (project.root / AUTHORS).write_text(
        f"authors:\n  me:\n    name: '{name}'\n    description: '{text}'\n"
        f"    avatar: assets/avatar.svg\n    url: '{address}'\n",
        encoding="utf-8",
    )
    project.write_post(
        "links.md",
        post(f"title: Links\ndate: 2021-01-01\nauthors: [me]\nlinks:\n  - about.md\n"
             f"  - '{text}': '{address}'"),
    )  # fmt: skip
    result = project.run("blog_extras.cli", "build")
    assert result.returncode == 0, result.stderr

    about = LexborHTMLParser((project.site / "about" / "index.html").read_text(encoding="utf-8"))
    assert about.css_first('head meta[name="author"]').attributes["content"] == text
    assert about.css_first('head meta[http-equiv="Content-Security-Policy"]') is not None
    assert about.css('body meta[http-equiv="Content-Security-Policy"]') == []
    home = LexborHTMLParser((project.site / "index.html").read_text(encoding="utf-8"))
    assert text in [small.text(strip=True) for small in home.css("nav small")]

    page = LexborHTMLParser((project.site / "links" / "index.html").read_text(encoding="utf-8"))
    assert page.css("b, img:not([src$='avatar.svg'])") == []
    links = page.css(".md-post__meta:last-of-type .md-nav__link")
    assert [(a.attributes["href"], a.text(strip=True)) for a in links] == [
        ("../about/", "About" + text),  # the title, and the subtitle of the page
        (address, text),
    ]
    profile = page.css_first(".md-post__profile")
    assert profile.css_first("img").attributes["alt"] == name
    assert profile.css_first("strong a").attributes["href"] == address
    assert profile.css_first("strong a").text() == name
    assert profile.css_first(".md-profile__description").text(strip=True) == name + text


# -- The Wix importer --------------------------------------------------------------

WIX = Path(__file__).parent / "fixtures" / "wix"
SAVED_PAGE = (WIX / "saved-post.html").read_text(encoding="utf-8")
FEED = (WIX / "blog-feed.xml").read_text(encoding="utf-8")
PNG = (WIX / "saved-post_files" / "seoul-street.png").read_bytes()


def page_with_image(src: str) -> str:
    return SAVED_PAGE.replace('src="saved-post_files/seoul-street.png"', f'src="{src}"')


def with_files(*files: tuple[str, bytes]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        for name, data in files:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)

    return make


def link_beside(name: str, target: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).symlink_to(target)

    return make


def nested(depth: int) -> str:
    body = "<div>" * depth + "<p>deep</p>" + "</div>" * depth
    return SAVED_PAGE.replace("<p>Seoul in winter", body + "<p>Seoul in winter")


def feed_link(link: str) -> str:
    return FEED.replace("https://jane.wixsite.com/blog/post/rainy-season-notes", link)


NO_FILES: Callable[[Path], None] = with_files()

# name: (the source's file name, its text, files beside it, the words of the message)
IMPORTS: dict[str, tuple[str, str, Callable[[Path], None], str]] = {
    "image climbing out": (
        "page.html", page_with_image("../../../../etc/passwd"), NO_FILES,
        "image '../../../../etc/passwd' not copied: outside the saved page's folder",
    ),
    "image at an absolute path": (
        "page.html", page_with_image("/etc/hostname"), NO_FILES,
        "image '/etc/hostname' not copied: not a file beside the page",
    ),
    "image as a file: address": (
        "page.html", page_with_image("file:///etc/passwd"), NO_FILES,
        "image 'file:///etc/passwd' not copied: not a file beside the page",
    ),
    "image with encoded dots": (
        "page.html", page_with_image("%2e%2e/%2e%2e/%2e%2e/etc/passwd"), NO_FILES,
        "not copied: outside the saved page's folder",
    ),
    "image that is a post": (
        "page.html", page_with_image("files/sneaky.md"),
        with_files(("files/sneaky.md", b"---\ntitle: Injected\ndate: 2021-01-01\n---\nHi\n")),
        "image 'files/sneaky.md' not copied: not an image file (.md",
    ),
    "image that is a script": (
        "page.html", page_with_image("files/evil.js"), with_files(("files/evil.js", b"alert(1)")),
        "image 'files/evil.js' not copied: not an image file (.js",
    ),
    "image that is SVG": (
        "page.html", page_with_image("files/pic.svg"),
        with_files(("files/pic.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)"
                                     b"</script></svg>")),
        "image 'files/pic.svg' not copied: not an image file (.svg",
    ),
    "image whose bytes are not its kind": (
        "page.html", page_with_image("files/fake.png"),
        with_files(("files/fake.png", b"<script>alert(1)</script>")),
        "image 'files/fake.png' not copied: its content is not a PNG image",
    ),
    "image linked to a file outside": (
        "page.html", page_with_image("files/link.png"),
        link_beside("files/link.png", "/etc/passwd"),
        "image 'files/link.png' not copied: outside the saved page's folder",
    ),
    "image as a data: address": (
        "page.html", page_with_image("data:image/png;base64,iVBORw0KGgo="), NO_FILES,
        "not copied: not a file beside the page",
    ),
    "HTML nested 3,000 deep": (
        "page.html", nested(3000), NO_FILES, "nests elements more than 256 deep",
    ),
    "feed item at /post/..": (
        "blog-feed.xml", feed_link("https://jane.wixsite.com/blog/post/.."), NO_FILES,
        "its old address '/post/..' cannot be used: it leaves its folder",
    ),
    "feed item at /post/%2E%2E": (
        "blog-feed.xml", feed_link("https://jane.wixsite.com/post/%2E%2E"), NO_FILES,
        "its old address '/post/..' cannot be used",
    ),
    "capture with an emoji title": (
        "page.txt",
        "top of page\n\n🎬🍿\n\nMar 3, 2022\n\nSome text of the post.\n\nbottom of page\n",
        NO_FILES, "the title has no letters or digits",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", IMPORTS)
def test_hostile_import_writes_no_post_and_nothing_outside(workspace: Path, name: str):
    file_name, text, beside, words = IMPORTS[name]
    outer, project = fresh_project(workspace, "import-" + name)
    sources = outer / "saved"
    sources.mkdir()
    (sources / file_name).write_text(text, encoding="utf-8")
    beside(sources)
    docs_before = tree_digest(project.root / "docs")
    around_before = around(outer, project, "docs")

    result = project.run("blog_extras.cli", "import-wix", str(sources / file_name))

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert words in output, output
    if name.startswith("image"):
        assert "not written: Café Days in Seoul: image" in output  # the post refused is named
    docs_after = tree_digest(project.root / "docs")
    if file_name == "blog-feed.xml":
        # The feed's other items are written; the hostile one is not, nor any redirect
        # it asked for.
        assert "not written: Rainy Season Notes" in output
        written = sorted(set(docs_after) - set(docs_before))
        assert written == [
            f"blog/posts/{n}.md" for n in ("a-year-of-masks", "ñandú-and-other-words")
        ]
    else:
        assert "wrote " not in output
        assert docs_after == docs_before
    assert around(outer, project, "docs") == around_before


def test_a_long_title_is_imported_under_a_shortened_address(tmp_path: Path):
    project = copy_project(tmp_path)
    title = " ".join(["Wonderful"] * 40)
    source = tmp_path / "page.txt"
    source.write_text(
        f"top of page\n\n{title}\n\nMar 3, 2022\n\nSome text of the post.\n\nbottom of page\n",
        encoding="utf-8",
    )
    result = project.run("blog_extras.cli", "import-wix", str(source))
    assert result.returncode == 0, result.stdout + result.stderr
    (written,) = [p for p in project.posts.glob("wonderful-*.md")]
    assert len(written.stem.encode()) <= 100 and not written.stem.endswith("-")
    assert f"slug: {written.stem}" in written.read_text(encoding="utf-8")
    assert project.run("blog_extras.cli", "build").returncode == 0
    assert (project.site / written.stem / "index.html").is_file()


# -- The importer's Markdown (issue 20, item 5): hostile sources are written as text --

REFRESH = '&lt;meta http-equiv="refresh" content="0;url=https://evil.example"&gt;'


def page_opening(html: str) -> str:
    """The saved page with ``html`` at the start of its text (so in the excerpt)."""
    return SAVED_PAGE.replace("<p>Seoul in winter", html + "<p>Seoul in winter")


def feed_item(title: str, creator: str, text: str, slug: str) -> str:
    return (
        f"<item><title>{title}</title><link>https://jane.wixsite.com/blog/post/{slug}</link>"
        f"<pubDate>Mon, 07 Jun 2021 08:00:00 GMT</pubDate><dc:creator>{creator}</dc:creator>"
        f"<content:encoded><![CDATA[{text}]]></content:encoded></item>"
    )


def feed_with(*items: str) -> str:
    return FEED.replace("</channel>", "".join(items) + "</channel>")


def two_posts_one_file(project: Project, output: str) -> None:
    first = (project.posts / "same-title.md").read_text(encoding="utf-8")
    second = (project.posts / "same-title-2.md").read_text(encoding="utf-8")
    assert "path: /post/same-title-one" in first and "path: /post/same-title-two" in second
    assert "slug: same-title-2" in second
    for old, new in (("same-title-one", "same-title"), ("same-title-two", "same-title-2")):
        redirect = (project.site / "post" / old / "index.html").read_text(encoding="utf-8")
        assert f"/{new}/" in redirect


def author_as_text(project: Project, output: str) -> None:
    authors = (project.root / "docs" / "blog" / ".authors.yml").read_text(encoding="utf-8")
    assert "<script" not in authors and "alert" not in authors
    assert "holds markup; not kept as the author" in output


def no_controls(project: Project, output: str) -> None:
    (path,) = project.posts.glob("café-*.md")
    written = path.read_text(encoding="utf-8")
    assert "\x1b" not in written and "\x0b" not in written and "Café [31mDays" in written
    assert "added the author Jane [2J ::error::pwned" in output  # one line, no escape code


# name: (the source's file name, its text, what the report says, a check of the result)
IMPORTS_WRITTEN: dict[str, tuple[str, str, str, Callable[[Project, str], None] | None]] = {
    "code block holding a fence": (
        "page.html", page_opening(f"<pre>a\n```\n{REFRESH}\n```\nb</pre>"), "wrote ", None,
    ),
    "link address holding a parenthesis": (
        "page.html",
        page_opening(f"<p><a href='https://x.example/a){REFRESH}(b'>a link</a></p>"),
        "wrote ", None,
    ),
    "image alt holding markup": (
        "page.html",
        page_opening("<figure><img src='saved-post_files/seoul-street.png' "
                     f"alt='x](y) {REFRESH} ![z'></figure>"),
        "wrote ", None,
    ),
    "feed author holding a script": (
        "blog-feed.xml",
        feed_with(feed_item("Scripted", "&lt;script&gt;alert(1)&lt;/script&gt;", "<p>Hi.</p>",
                            "scripted")),
        "not kept as the author", author_as_text,
    ),
    "two feed items with one title": (
        "blog-feed.xml",
        feed_with(feed_item("Same Title", "Jane Reyes", "<p>One.</p>", "same-title-one"),
                  feed_item("Same Title", "Jane Reyes", "<p>Two.</p>", "same-title-two")),
        "wrote docs/blog/posts/same-title-2.md", two_posts_one_file,
    ),
    "control characters in the title and author": (
        "page.html",
        SAVED_PAGE.replace('"headline":"Café Days', '"headline":"Café \\u001b[31mDays\\u000b')
        .replace('"name":"Jane Reyes"', '"name":"Jane\\u001b[2J\\n::error::pwned"'),
        "wrote ", no_controls,
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", IMPORTS_WRITTEN)
def test_hostile_import_is_written_as_text(workspace: Path, name: str):
    """Written, and built: the home page and the posts hold no element made of the
    source's text (a <meta http-equiv=refresh> would send every reader away), the
    feed is well-formed, and the report is plain lines."""
    from xml.etree import ElementTree

    from selectolax.lexbor import LexborHTMLParser

    file_name, text, words, check = IMPORTS_WRITTEN[name]
    outer, project = fresh_project(workspace, "import-written-" + name)
    sources = outer / "saved"
    sources.mkdir()
    (sources / file_name).write_text(text, encoding="utf-8")
    with_files(("saved-post_files/seoul-street.png", PNG))(sources)

    result = project.run("blog_extras.cli", "import-wix", str(sources / file_name))
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in output, output
    assert words in output, output
    assert "\x1b" not in output and not any(line.startswith("::") for line in output.splitlines())
    build = project.run("blog_extras.cli", "build")
    assert build.returncode == 0, build.stdout + build.stderr
    redirects = {"post", "single-post"}
    for page in project.site.rglob("*.html"):
        if page.relative_to(project.site).parts[0] in redirects:
            continue
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        refresh = [m for m in tree.css("meta[http-equiv]")
                   if (m.attributes.get("http-equiv") or "").lower() == "refresh"]  # fmt: skip
        assert refresh == [], page
        assert tree.css("script[src*=evil], [onerror]") == [], page
    ElementTree.parse(project.site / "feed.xml")  # well-formed
    if check:
        check(project, output)
