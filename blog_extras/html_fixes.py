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
    # Material's notices ("Copied to clipboard") appear in this dialog; screen
    # readers announce them only from a live region.
    (
        '<div class="md-dialog" data-md-component="dialog">',
        '<div class="md-dialog" data-md-component="dialog" role="status" aria-live="polite">',
    ),
    (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
    ),
)


def apply_fixes(html: str) -> str:
    for old, new in FIXES:
        html = html.replace(old, new, 1)
    return html
