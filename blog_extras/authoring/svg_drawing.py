"""Whether an SVG is plainly a drawing: judged by parsing it, against allow-lists.

An SVG opened on its own is a document: a ``<script>``, an ``onload=``, a link,
an ``<foreignObject>`` holding HTML, a stylesheet or an XSLT processing
instruction can run script or bring in another document on the blog's address.
A pattern looking for those misses what it was not written for (a namespace
prefix, an entity, an escape), so the SVG is parsed as XML (with DTDs and
entities refused, by defusedxml), and every element, attribute and address must
be one a drawing needs: shapes, paths, text, gradients, clips, masks, patterns
and markers, in the SVG namespace; links only to a part of the drawing itself
(``#id``); pictures only as PNG, JPEG, GIF, WebP or AVIF data.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from xml.sax import SAXException, SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.xmlreader import AttributesNSImpl

from defusedxml import DefusedXmlException
from defusedxml.expatreader import create_parser

MAX_SVG_BYTES = 1_000_000  # the favicon and the avatar are under 1 KB

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

DRAWING_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc",
        "path", "circle", "ellipse", "rect", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
        "image",
    }
)  # fmt: skip

# Geometry, paint and text attributes, and those for accessibility. None names a
# script or an address; `href` and `style` are judged by their value below.
DRAWING_ATTRIBUTES = frozenset(
    {
        # Which part, and where it is.
        "id", "class", "lang", "version", "baseProfile", "viewBox", "preserveAspectRatio",
        "x", "y", "width", "height", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
        "x1", "y1", "x2", "y2", "d", "points", "pathLength", "transform", "transform-origin",
        "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing",
        "side", "offset", "gradientUnits", "gradientTransform", "spreadMethod",
        "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits",
        "maskUnits", "maskContentUnits", "markerUnits", "markerWidth", "markerHeight",
        "refX", "refY", "orient",
        # Paint and text.
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
        "stroke-dashoffset", "opacity", "color", "display", "visibility", "overflow",
        "clip-path", "clip-rule", "mask", "marker-start", "marker-mid", "marker-end",
        "stop-color", "stop-opacity", "paint-order", "vector-effect", "shape-rendering",
        "text-rendering", "image-rendering", "color-interpolation", "mix-blend-mode",
        "isolation", "font-family", "font-size", "font-style", "font-weight",
        "font-variant", "font-stretch", "text-anchor", "dominant-baseline",
        "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
        "text-decoration", "writing-mode", "direction", "unicode-bidi", "white-space",
        # For readers of a screen reader.
        "role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
        "focusable",
        # Judged by their value.
        "href", "style",
    }
)  # fmt: skip
XML_ATTRIBUTES = frozenset({"space", "lang"})  # xml:space, xml:lang

_LOCAL_REFERENCE = re.compile(r"#[^\s#]*")
_PICTURE_DATA = re.compile(r"data:image/(?:png|jpeg|jpg|gif|webp|avif)[;,]", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)

_ADVICE = (
    "an SVG here may hold only a drawing (shapes, paths, text, colours), as anything else "
    "could run script or load a document when the SVG is opened on its own; export it as "
    "plain SVG, or through an optimiser such as SVGO, or use a PNG"
)


class SvgProblem(NamedTuple):
    message: str
    line: int | None


class _Refused(SAXException):
    """Stops the parse at the first thing that is not a drawing."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _value_problem(element: str, name: str, value: str) -> str | None:
    """Why an attribute's value could load something from outside the drawing, or None."""
    if "\\" in value:
        # A CSS escape can spell url( or an address without the letters in it.
        return f"<{element} {name}=> holds a backslash (a CSS escape)"
    for found in _CSS_URL.finditer(value):
        target = found.group(2).strip()
        if not _LOCAL_REFERENCE.fullmatch(target):
            return f"<{element} {name}=> holds url({target[:60]}), outside the drawing"
    if "url(" in _CSS_URL.sub("", value).lower():
        return f"<{element} {name}=> holds an unclosed url("
    return None


def _href_problem(element: str, name: str, value: str) -> str | None:
    """Why a link is to something other than a part of this drawing, or None."""
    address = value.strip()
    if _LOCAL_REFERENCE.fullmatch(address):
        return None
    if element == "image" and _PICTURE_DATA.match(address):
        return None
    return f'<{element} {name}="{address[:60]}"> links outside the drawing'


def attribute_problem(element: str, namespace: str | None, name: str, value: str) -> str | None:
    """Why one attribute of a drawing element is not plainly part of a drawing, or None."""
    if name.lower().startswith("on"):
        return f"<{element} {name}=> is an event attribute, which runs script"
    if namespace == XLINK_NAMESPACE and name == "href":
        return _href_problem(element, "xlink:href", value)
    if namespace == XML_NAMESPACE and name in XML_ATTRIBUTES:
        return None
    if namespace:
        return f"<{element} {name}=> is an attribute of another namespace ({namespace})"
    if name not in DRAWING_ATTRIBUTES:
        return f"<{element} {name}=> is not an attribute of a drawing"
    if name == "href":
        return _href_problem(element, name, value)
    return _value_problem(element, name, value)


def element_problem(namespace: str | None, name: str) -> str | None:
    """Why an element is not one of a drawing's, or None."""
    if namespace is None:
        return f'<{name}> is outside the SVG namespace (xmlns="{SVG_NAMESPACE}" is missing)'
    if namespace != SVG_NAMESPACE:
        return f"<{name}> is an element of another namespace ({namespace})"
    if name not in DRAWING_ELEMENTS:
        return f"<{name}> is not an element of a drawing"
    return None


class _DrawingHandler(ContentHandler):
    """Refuses the first element, attribute or instruction a drawing does not need."""

    def startElementNS(
        self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl
    ) -> None:
        namespace, element = name
        problem = element_problem(namespace, element)
        for (attribute_namespace, attribute), value in attrs.items():
            if problem is not None:
                break
            problem = attribute_problem(element, attribute_namespace, attribute, value)
        if problem is not None:
            raise _Refused(problem)

    def processingInstruction(self, target: str, data: str) -> None:
        # <?xml-stylesheet?> brings in a stylesheet, or an XSLT that makes a page.
        raise _Refused(f"the instruction <?{target}?> is not part of a drawing")


def svg_problem(svg: bytes | str) -> SvgProblem | None:
    """Why the SVG ``svg`` is not plainly a drawing, with the line, or None."""
    raw = svg.encode("utf-8") if isinstance(svg, str) else svg
    if len(raw) > MAX_SVG_BYTES:
        return SvgProblem(
            f"this SVG is larger than {MAX_SVG_BYTES // 1_000_000} MB, far more than a "
            "favicon or an avatar; make it smaller, or use a PNG",
            None,
        )
    parser = create_parser()
    parser.setFeature(feature_namespaces, True)
    parser.forbid_dtd = True
    parser.forbid_entities = True
    parser.forbid_external = True
    parser.setContentHandler(_DrawingHandler())
    try:
        parser.feed(raw)
        parser.close()
    except _Refused as refused:
        return SvgProblem(f"{refused.message}: {_ADVICE}", parser.getLineNumber())
    except DefusedXmlException:  # DTDs, entities, external references
        return SvgProblem(f"a DOCTYPE or an entity declaration: {_ADVICE}", parser.getLineNumber())
    except SAXParseException as broken:
        return SvgProblem(
            f"this SVG is not well-formed XML ({broken.getMessage()}), so browsers do not "
            "draw it; fix it, or export it again",
            broken.getLineNumber(),
        )
    return None
