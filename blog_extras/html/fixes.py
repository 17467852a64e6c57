"""Small accessibility fixes to the HTML Material writes, applied to every page.

Material's search overlay is a ``role="dialog"`` element without a name, which
screen readers announce as a nameless dialog (axe and Lighthouse: "ARIA dialog
elements must have accessible names"), and its notices are not announced.
Each fix is an exact replacement of Material's markup;
``tests/test_html_fixes.py`` fails if a Material upgrade changes that markup,
so a fix is never silently lost.
"""

from __future__ import annotations

FIXES: tuple[tuple[str, str], ...] = (
    # autocomplete is not allowed on checkboxes (Nu Html Checker error). Material
    # sets it so that Firefox does not restore an open drawer or search after
    # "Back"; without it, Firefox may, and a tap closes them.
    (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
        'autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
    ),
    (
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
        'autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
    ),
    # Material's notices ("Copied to clipboard") appear in this dialog; screen
    # readers announce them only from a live region.
    (
        '<div class="md-dialog" data-md-component="dialog">',
        '<div class="md-dialog" data-md-component="dialog" role="status" aria-live="polite">',
    ),
    # The sidebar of a post page: two navigation landmarks without names (axe:
    # "landmarks should have a unique role or role/label combination").
    (
        '<nav class="md-nav md-nav--primary">',
        '<nav class="md-nav md-nav--primary" aria-label="About this post">',
    ),
    (
        '<nav class="md-nav">',
        '<nav class="md-nav" aria-label="Post details">',
    ),
    (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
    ),
)


# Fixes needed on some pages only: where they apply is checked by the Nu Html
# Checker's test, which fails on the error each one removes.
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def apply_fixes(html: str) -> str:
    for old, new in FIXES:
        html = html.replace(old, new, 1)
    # A post page's table of contents has a label for the toggle of a navigation
    # drawer the page does not have ("for" must name a form control).
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
