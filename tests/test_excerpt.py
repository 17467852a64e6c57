from blog_extras.content.excerpt import ELLIPSIS, html_to_text, plain_excerpt, shorten


def test_short_text_is_kept_whole():
    assert shorten("A short post.", 50) == "A short post."


def test_long_text_is_cut_at_a_word_boundary_with_an_ellipsis():
    text = "one two three four five six"
    cut = shorten(text, 16)
    assert cut == "one two three" + ELLIPSIS
    assert len(cut) <= 16


def test_cut_drops_dangling_punctuation_before_the_ellipsis():
    assert shorten("first, second third", 10) == "first" + ELLIPSIS


def test_a_single_overlong_word_is_cut_inside_the_word():
    assert shorten("a" * 30, 10) == "a" * 9 + ELLIPSIS


def test_markup_is_dropped_and_entities_decoded():
    html = "<p>Tears &amp; <em>smiles</em></p>\n<p>Second<br>line</p>"
    assert html_to_text(html) == "Tears & smiles Second line"


def test_furniture_is_not_part_of_the_text():
    html = (
        '<h1>Title</h1><h2 id="x">Part<a class="headerlink" href="#x">¶</a></h2>'
        '<div class="admonition note"><p class="admonition-title">Note</p><p>Body</p></div>'
        "<script>alert(1)</script>"
    )
    assert html_to_text(html) == "Part Body"


def test_excerpt_stops_at_the_separator():
    html = "<p>Opening words.</p>\n<!-- more -->\n<p>The rest.</p>"
    assert plain_excerpt(html, "<!-- more -->", 200) == "Opening words."


def test_excerpt_without_separator_uses_the_whole_post():
    assert plain_excerpt("<p>All of it.</p>", "<!-- more -->", 200) == "All of it."
