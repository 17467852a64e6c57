"""What a file under docs/ may be (blog_extras/authoring/docs_files.py): Markdown
and pictures anywhere, the blog's look in its two folders, and nothing that runs;
an SVG only when, parsed, it is plainly a drawing (svg_drawing.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from blog_extras.authoring.docs_files import docs_file_problems, file_problem
from blog_extras.authoring.svg_drawing import MAX_SVG_BYTES, svg_problem
from tests.project import REPO, copy_project

ALLOWED = [
    "index.md", "blog/posts/a.md", "blog/posts/a/photo.JPG", "about/pic.webp", "x.avif",
    "stylesheets/blog.css", "assets/favicon.svg", "views.json",
]  # fmt: skip
REFUSED = [
    "evil.js", "blog/posts/evil.js", "x.html", "blog/posts/x.htm", "x.xhtml", "x.svg",
    "blog/posts/x.svg", "assets/deeper/x.svg", "blog/posts/x.css", "stylesheets/x.js",
    "x.mjs", "x.wasm", "x.xml", "x.pdf", "README", "blog/views.json", "x.md.html",
]  # fmt: skip


@pytest.mark.parametrize("name", ALLOWED)
def test_what_a_blog_needs_is_allowed(name: str):
    assert file_problem(Path(name)) is None


@pytest.mark.parametrize("name", REFUSED)
def test_anything_else_is_refused(name: str):
    problem = file_problem(Path(name))
    assert problem is not None and problem.endswith("remove it")


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'
# What was tried -> what the message must name.
ACTIVE = {
    "<script>alert(1)</script>": "<script>",
    '<s:script xmlns:s="http://www.w3.org/2000/svg">x</s:script>': "<script>",
    "<svg:script>x</svg:script>": "not well-formed XML (unbound prefix)",
    '<h:script xmlns:h="http://www.w3.org/1999/xhtml">x</h:script>': "another namespace",
    '<g onload="x()"/>': "<g onload=>",
    "<rect ONclick = 'x()'/>": "<rect ONclick=>",
    '<a href="javascript:x()">a</a>': "<a>",
    '<a xlink:href="https://e.x/">a</a>': "<a>",
    "<foreignObject><div/></foreignObject>": "<foreignObject>",
    '<iframe src="x"/>': "<iframe>",
    '<use href="other.svg#a"/>': '<use href="other.svg#a">',
    '<use xlink:href="https://e.x/a.svg#a"/>': '<use xlink:href="https://e.x/a.svg#a">',
    '<image href="data:image/svg+xml,&lt;svg/&gt;"/>': "<image href=",
    '<image href="https://e.x/tracker.png"/>': "<image href=",
    "<style>rect { fill: red }</style>": "<style>",
    '<animate attributeName="href" to="javascript:x()"/>': "<animate>",
    '<set attributeName="href" to="javascript:x()"/>': "<set>",
    '<rect style="fill: url(https://e.x/a.svg#p)"/>': "<rect style=> holds url(https://e.x/a.svg#p)",
    '<rect fill="url(other.svg#g)"/>': "<rect fill=> holds url(other.svg#g)",
    '<rect style="fill: u\\72l(https://e.x/)"/>': "<rect style=> holds a backslash",
    '<rect i:label="x" xmlns:i="http://www.inkscape.org/namespaces/inkscape"/>': "<rect label=>",
    '<rect formaction="x"/>': "<rect formaction=>",
}
PLAIN = [
    '<rect width="1" height="1" fill="#fff"/>', '<use href="#a"/>', '<use xlink:href="#a"/>',
    '<image href="data:image/png;base64,AAAA"/>', "<text>one = two &amp; three</text>",
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
    '<rect fill="url(#g)" style="stroke: url( \'#g\' ); stroke-width: 2"/>',
    '<clipPath id="c"><circle r="3"/></clipPath><g clip-path="url(#c)"><path d="M0 0"/></g>',
    '<title>A</title><desc>B</desc><text xml:space="preserve"><tspan dx="1">C</tspan></text>',
]  # fmt: skip


@pytest.mark.parametrize(("inside", "named"), ACTIVE.items(), ids=list(ACTIVE))
def test_an_svg_that_could_run_script_is_refused_naming_what(inside: str, named: str):
    problem = svg_problem(SVG.format(inside))
    assert problem is not None and named in problem.message


@pytest.mark.parametrize(
    "document",
    [
        '<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG.format("&x;"),
        '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + SVG.format("&x;"),
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://e.x/svg11.dtd">' + SVG.format(""),
    ],
    ids=["entity", "external entity", "DOCTYPE"],
)
def test_an_svg_with_a_dtd_or_entities_is_refused(document: str):
    problem = svg_problem(document)
    assert problem is not None and "DOCTYPE or an entity" in problem.message


def test_a_stylesheet_or_xslt_instruction_is_refused_with_its_line():
    xslt = '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n'
    problem = svg_problem(xslt + SVG.format(""))
    assert problem is not None and "<?xml-stylesheet?>" in problem.message
    assert problem.line == 2


def test_the_refused_element_s_line_is_given():
    problem = svg_problem(SVG.format('\n  <rect width="1"/>\n  <script>x()</script>\n'))
    assert problem is not None and problem.line == 3


@pytest.mark.parametrize(
    ("document", "named"),
    [
        ("<svg><rect/></svg>", "outside the SVG namespace"),
        (SVG.format("<rect>"), "not well-formed XML"),
        (b"\xff\xfe<svg", "not well-formed XML"),
        (SVG.format("<!--" + "x" * MAX_SVG_BYTES + "-->"), "larger than 1 MB"),
    ],
    ids=["no xmlns", "unclosed element", "not text", "too large"],
)
def test_what_browsers_would_not_draw_is_refused(document: str | bytes, named: str):
    problem = svg_problem(document)
    assert problem is not None and named in problem.message


@pytest.mark.parametrize("inside", PLAIN)
def test_a_plain_drawing_is_allowed(inside: str):
    assert svg_problem(SVG.format(inside)) is None


def test_the_blog_s_own_look_passes(tmp_path: Path):
    # The stylesheet, favicon and avatar every site takes from the repository, with the
    # seed blog's posts and authors file.
    project = copy_project(tmp_path)
    assert list(docs_file_problems(project.root / "docs")) == []
    for svg in (REPO / "docs" / "assets").glob("*.svg"):
        assert svg_problem(svg.read_text(encoding="utf-8")) is None


def test_every_file_is_looked_at_but_unpublished_dot_files(tmp_path: Path):
    for name in ("a.md", "blog/.authors.yml", ".git/x.js", "blog/posts/.x.html", "b/x.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.svg").write_text(SVG.format("<script/>"), encoding="utf-8")
    found = [path.relative_to(tmp_path).as_posix() for path, _, _ in docs_file_problems(tmp_path)]
    assert found == ["assets/a.svg", "b/x.html"]


def test_make_check_names_the_svg_its_line_and_what_it_holds(tmp_path: Path):
    project = copy_project(tmp_path)
    svg = SVG.format('\n<rect width="1"/>\n<rect width="2" onclick="steal()"/>\n')
    (project.root / "docs" / "assets" / "logo.svg").write_text(svg, encoding="utf-8")
    result = project.run("blog_extras.cli", "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "error: docs/assets/logo.svg, line 3: <rect onclick=> is an event attribute" in (
        result.stderr
    ), result.stderr
