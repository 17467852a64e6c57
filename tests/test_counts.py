from blog_extras.content.counts import comments_phrase, views_phrase


def test_plural_counts_read_as_on_the_old_page():
    assert views_phrase(43) == "43 views"
    assert comments_phrase(0) == "0 comments"


def test_one_is_singular():
    assert views_phrase(1) == "1 view"
    assert comments_phrase(1) == "1 comment"


def test_thousands_are_grouped():
    assert views_phrase(1234) == "1,234 views"
    assert views_phrase(1_234_567) == "1,234,567 views"
