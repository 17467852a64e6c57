"""Small accessibility and validity fixes to the markup Material writes.

Each fix acts on elements found by a CSS selector, every match of each, in the
parsed page (``page.py`` runs them). A fix names the kinds of page it must act
on; when it finds nothing there, ``page.py`` reports it at build time, so a
Material upgrade that changes its markup never loses a fix silently.

Material's search overlay is a ``role="dialog"`` element without a name, which
screen readers announce as a nameless dialog (axe and Lighthouse: "ARIA dialog
elements must have accessible names"); its notices ("Copied to clipboard") are
not announced; a post page's sidebar holds navigation landmarks without names;
and a few attributes are not valid HTML (Nu Html Checker).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Kinds of page, as page.py tells them apart.
POST, LISTING, OTHER, NOT_FOUND = "post", "listing", "page", "404"
EVERY_KIND = frozenset({POST, LISTING, OTHER, NOT_FOUND})


@dataclass(frozen=True)
class Fix:
    name: str
    selector: str
    # Changes one matching element; False when it had nothing to change there.
    change: Callable[[LexborNode, LexborHTMLParser], bool]
    must_act_on: frozenset[str] = frozenset()


def _drop_attribute(name: str) -> Callable[[LexborNode, LexborHTMLParser], bool]:
    def drop(node: LexborNode, _tree: LexborHTMLParser) -> bool:
        if name not in node.attributes:
            return False
        del node.attrs[name]
        return True

    return drop


def _set_attributes(**values: str) -> Callable[[LexborNode, LexborHTMLParser], bool]:
    names = {key.replace("_", "-"): value for key, value in values.items()}

    def set_them(node: LexborNode, _tree: LexborHTMLParser) -> bool:
        missing = {key: value for key, value in names.items() if key not in node.attributes}
        for key, value in missing.items():
            node.attrs[key] = value
        return bool(missing)

    return set_them


def _name_sidebar_landmark(node: LexborNode, _tree: LexborHTMLParser) -> bool:
    """A navigation landmark of a post's sidebar gets a name: "About this post" for
    the sidebar itself, else the title of its section ("Metadata", "Related
    links", in the theme's language), so that each landmark's name is its own."""
    attributes = node.attributes
    if "aria-label" in attributes or "aria-labelledby" in attributes:
        return False
    if "md-nav--primary" in (attributes.get("class") or "").split():
        node.attrs["aria-label"] = "About this post"
        return True
    title = node.prev
    while title is not None and title.tag == "-text":
        title = title.prev
    heading = title.text(strip=True) if title is not None else ""
    node.attrs["aria-label"] = heading or "Post details"
    return True


def _unlink_toc_label(node: LexborNode, tree: LexborHTMLParser) -> bool:
    # A label must name a form control: on pages without the table of contents'
    # toggle (#__toc), its "for" names nothing (Nu Html Checker error).
    if tree.css_first("#__toc") is not None:
        return False
    del node.attrs["for"]
    return True


FIXES: tuple[Fix, ...] = (
    # autocomplete is not allowed on checkboxes (Nu Html Checker error). Material
    # sets it so that Firefox does not restore an open drawer or search after
    # "Back"; without it, Firefox may, and a tap closes them.
    Fix("drawer toggle", "input#__drawer[autocomplete]", _drop_attribute("autocomplete"),
        EVERY_KIND),
    Fix("search toggle", "input#__search[autocomplete]", _drop_attribute("autocomplete"),
        EVERY_KIND),
    # Material's notices appear in this dialog; screen readers announce them only
    # from a live region.
    Fix("notices", "div.md-dialog[data-md-component=dialog]",
        _set_attributes(role="status", aria_live="polite"), EVERY_KIND),
    Fix("search dialog", "div.md-search[role=dialog]", _set_attributes(aria_label="Search"),
        EVERY_KIND),
    # The sidebar of a post page: navigation landmarks without names (axe:
    # "landmarks should have a unique role or role/label combination").
    Fix("post sidebar", ".md-sidebar--post nav.md-nav", _name_sidebar_landmark,
        frozenset({POST})),
    Fix("toc label", "label.md-nav__title[for=__toc]", _unlink_toc_label),
)  # fmt: skip


def apply_fixes(tree: LexborHTMLParser, fixes: tuple[Fix, ...] = FIXES) -> set[str]:
    """Apply every fix to every element it matches; the names of those that changed
    something."""
    acted = set()
    for fix in fixes:
        for node in tree.css(fix.selector):
            if fix.change(node, tree):
                acted.add(fix.name)
    return acted


def missed(acted: set[str], kind: str, fixes: tuple[Fix, ...] = FIXES) -> list[str]:
    """The fixes that should have acted on a page of this kind and did not."""
    return [fix.name for fix in fixes if kind in fix.must_act_on and fix.name not in acted]


def missed_fix_warnings(
    missed: Iterable[str], kind: str, page: str, reported: set[tuple[str, str]]
) -> list[str]:
    """What to say of the fixes that found nothing on ``page``, a page of ``kind``:
    each fix once per kind of page (``reported`` holds those said already, and gets
    these), as changed markup misses it on every page of that kind."""
    warnings = []
    for fix in missed:
        if (fix, kind) not in reported:
            reported.add((fix, kind))
            warnings.append(
                f"the fix '{fix}' (blog_extras/html/fixes.py) found nothing to change on "
                f"{page}, a page of the kind '{kind}': Material's markup has changed"
            )
    return warnings
