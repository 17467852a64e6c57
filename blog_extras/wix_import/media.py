"""The pictures of a live Wix blog, downloaded to be kept beside each post (issue 21).

Decisions, and why:

- **Which file.** A picture with a Wix media id is fetched from ``WIX_MEDIA_URL``
  (``https://static.wixstatic.com/media/``) as a sized variant no wider than
  :data:`IMAGE_WIDTH`: ``<id>/v1/fit/w_<W>,h_<H>,al_c,q_85/<id>`` (FACTS B.10).
  The width is twice the widest the theme ever shows a picture, for sharp
  screens: Material's page grid is at most 61rem, 1220 CSS pixels at its 125 %
  root size, and the article column is never wider. ``fit`` keeps the picture's
  proportions inside the box; the box's height is the picture's own height
  scaled to that width when Wix gives both sizes, else four times the width (no
  post shows a taller picture). A picture known to be no wider than that, and an
  animated GIF (a variant would be its first frame), is fetched as uploaded.
- **By address.** A picture Wix names by an address only (a YouTube thumbnail,
  an image from elsewhere) is fetched from it when it is https; anything else is
  left out with a note.
- **Typed by its bytes.** Whatever the server says, a file is kept only when its
  first bytes are a JPEG, PNG, GIF, WebP or AVIF; anything else (SVG, which can
  hold scripts; an HTML error page served as ``image/png``) is refused with a
  note. The extension is the one its bytes give. At most :data:`MAX_IMAGE_BYTES`.
- **When a picture cannot be had.** A refusal that another try will not change
  (not an image, a 4xx answer: the file is gone from Wix) leaves the post written
  without it, with a note in its front matter and in the report: a missing
  picture must not keep a post out forever. Anything a later run may get right
  (a timeout, 429 or 5xx after the retries, a broken connection, an answer over
  the size limit) fails the whole post: it is not written, the run exits non-zero
  naming it, and the next run imports it. A post written without a picture
  would count as imported, and the picture would never be asked for again.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from blog_extras.wix_import.fetch import FetchError, Media
from blog_extras.wix_import.markdown_out import escape_text
from blog_extras.wix_import.remote import media_id, media_ref_from

CONTENT_WIDTH = 1220  # CSS pixels: Material's .md-grid, 61rem at a 20 px root
IMAGE_WIDTH = 2 * CONTENT_WIDTH  # pixels: sharp on screens of two pixels per CSS pixel
MAX_IMAGE_BYTES = 20_000_000  # Wix takes uploads up to 25 MB; a sized variant is far less
DEFAULT_MEDIA_URL = "https://static.wixstatic.com/media/"
COVER = "wix-media-cover"  # the placeholder a post's cover picture is named by
_IMAGE_BLOCK = re.compile(r"^\[?!\[")
_FENCE = re.compile(r"^(`{3,}|~{3,})")

GetBytes = Callable[[str, int], Media]


@dataclass(frozen=True)
class Picture:
    """One picture a post shows: the placeholder its Markdown names it by, and
    either its Wix media id or an absolute address."""

    placeholder: str
    media_id: str = ""
    url: str = ""
    alt: str = ""
    width: int | None = None
    height: int | None = None


class PictureRefused(ValueError):
    """The picture cannot be kept, and another try would not change that; the
    message says why, in a few words."""


def image_extension(data: bytes) -> str:
    """The extension the first bytes of ``data`` give ("jpg", "png", "gif", "webp",
    "avif"), or "" when they are none of these."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "webp"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return "avif"
    return ""


def picture_address(picture: Picture, media_url: str) -> str:
    """Where ``picture`` is fetched from (see the module's decisions); "" when it
    has no address that may be fetched (not https)."""
    if picture.media_id:
        name = quote(picture.media_id, safe="~")
        base = media_url.rstrip("/") + "/" + name
        width, height = picture.width, picture.height
        if picture.media_id.lower().endswith(".gif") or (width and width <= IMAGE_WIDTH):
            return base
        box_height = round(height * IMAGE_WIDTH / width) if width and height else 4 * IMAGE_WIDTH
        return f"{base}/v1/fit/w_{IMAGE_WIDTH},h_{max(1, box_height)},al_c,q_85/{name}"
    parts = urlsplit(picture.url)
    return picture.url if parts.scheme == "https" and parts.hostname else ""


def file_stem(picture: Picture) -> str:
    """The name a picture's file starts from: its media id, or its address's last
    segment, without the extension (the bytes give that)."""
    name = picture.media_id or urlsplit(picture.url).path.rstrip("/").rpartition("/")[2]
    stem = name.rpartition(".")[0] if "." in name else name
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:80] or "image"


def download(get_bytes: GetBytes, picture: Picture, media_url: str) -> tuple[bytes, str]:
    """The picture's bytes and extension. PictureRefused when it cannot be kept
    (see the module's decisions); FetchError when a later try may succeed."""
    address = picture_address(picture, media_url)
    if not address:
        raise PictureRefused("its address is not https")
    try:
        media = get_bytes(address, MAX_IMAGE_BYTES)
    except FetchError as error:
        if error.status is not None and 400 <= error.status < 500 and error.status != 429:
            raise PictureRefused(f"the media host answers HTTP {error.status}") from None
        raise
    extension = image_extension(media.data)
    if not extension:
        said = media.content_type or "no type"
        raise PictureRefused(
            f"not a JPEG, PNG, GIF, WebP or AVIF image (by its bytes; the server says {said})"
        )
    return media.data, extension


Staged = dict[str, tuple[Path, str]]  # placeholder -> (downloaded file, extension)


def fetch_pictures(
    get_bytes: GetBytes, pictures: list[Picture], media_url: str, staging: Path
) -> tuple[Staged, list[str]]:
    """Each of a post's pictures downloaded into a file of ``staging`` (a picture
    named twice, once), and a note for each one left out (module decisions).
    FetchError when one may arrive on a later try: then the post is not written."""
    staged: Staged = {}
    notes: list[str] = []
    fetched: dict[tuple[str, str], tuple[Path, str] | str] = {}
    for picture in pictures:
        key = (picture.media_id, picture.url)
        if key not in fetched:
            try:
                data, extension = download(get_bytes, picture, media_url)
            except PictureRefused as refusal:
                fetched[key] = str(refusal)
            else:
                handle, name = tempfile.mkstemp(dir=staging)
                with open(handle, "wb") as stream:
                    stream.write(data)
                fetched[key] = (Path(name), extension)
        got = fetched[key]
        if isinstance(got, str):
            shown = picture.media_id or picture.url
            notes.append(f"the picture {shown[:120]!r} was left out: {got}")
        else:
            staged[picture.placeholder] = got
    return staged, notes


def picture_from_src(src: str, alt: str, placeholder: str, media_url: str) -> Picture | None:
    """The picture an ``<img src>`` names: a Wix media id when it is on the media
    host (Wix's or ``media_url``), else its https address; None when neither."""
    if src.startswith(media_url):
        found = media_id(src[len(media_url) :].split("/", 1)[0])
        return Picture(placeholder, found, "", alt) if found else None
    ref = media_ref_from(src)
    if ref is None:
        return None
    return Picture(placeholder, ref.media_id, ref.url, alt, ref.width, ref.height)


def with_cover(
    blocks: list[str], pictures: list[Picture], cover: Picture
) -> tuple[list[str], list[Picture]]:
    """The post's blocks and pictures with ``cover`` (named :data:`COVER`) as its
    first picture, unless the text already starts with that picture."""
    first = pictures[0] if pictures and blocks and _IMAGE_BLOCK.match(blocks[0]) else None
    same = first is not None and (
        (cover.media_id and cover.media_id == first.media_id)
        or (cover.url and cover.url == first.url)
    )
    if same:
        return blocks, pictures
    return [f"![{escape_text(cover.alt)}]({COVER})", *blocks], [cover, *pictures]


def lead_of(blocks: list[str]) -> int:
    """How many blocks go above the excerpt separator: leading pictures (and their
    captions) and the first paragraph after them."""
    for at, block in enumerate(blocks):
        picture = _IMAGE_BLOCK.match(block)
        caption = at and _IMAGE_BLOCK.match(blocks[at - 1]) and block.startswith("*")
        if not picture and not caption:
            return at + 1
    return max(1, len(blocks))


def without_picture(blocks: list[str], placeholder: str) -> list[str]:
    """``blocks`` without the picture named ``placeholder`` (a linked picture's
    link goes with it); a block left empty is dropped."""
    pattern = re.compile(
        r"\[!\[(?:\\.|[^\]\\])*\]\(" + re.escape(placeholder) + r"\)\]\([^()\s]*\)"
        r"|!\[(?:\\.|[^\]\\])*\]\(" + re.escape(placeholder) + r"\)"
    )
    out = []
    for block in blocks:
        if _FENCE.match(block):
            out.append(block)
            continue
        changed = pattern.sub("", block).strip()
        if changed:
            out.append(changed)
    return out
