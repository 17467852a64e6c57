"""Every post of a live Wix blog written as posts of this blog (issue 21), whichever
route read them (:mod:`~blog_extras.wix_import.site_route` or
:mod:`~blog_extras.wix_import.api_route`): one writer for both, the file
importer's (:func:`blog_extras.wix_import.importer.import_posts`), so a post reads
the same whether it came from a saved page, the site or the API.

Decisions, and why:

- **The text** is the post's rich content (Ricos, :mod:`.ricos`), else the
  server-rendered article (:func:`.markdown_out.html_to_markdown`), else the
  excerpt, marked "still to come" as a feed's excerpt is. Front matter: the
  title; ``date.created`` the day first published, ``date.updated`` the day last
  published when later (days only: a post's date line shows days); ``views``,
  ``comments``, ``likes``; ``tags``; categories and authors as the writer does
  for every source; ``wix.path``, the old ``/post/<slug>`` (decoded), which the
  build turns into a redirect.
- **The cover** is the post's first picture, above the excerpt separator with
  the first paragraph, so it is the post's card on listings and its social
  preview (the blog takes a post's first picture for ``og:image``); unless the
  text already starts with that picture.
- **Pictures** are downloaded (:mod:`.media`), kept beside the post
  (``<slug>/<name>.<ext>``) and shown from the site; nothing is hotlinked.
- **Links between posts.** Every post's file is planned before any is written:
  the file a post was imported to before (found by its ``wix.path``), else the
  file its title gives (``slug-2`` when taken). A link to one of the blog's
  posts (``https://<site>/post/<slug>``, ``/single-post/...``, percent-encoded or
  not, ``www.`` or not) becomes a relative link to that post's ``.md`` file,
  which MkDocs checks and turns into the post's address; only once every post
  has been read and its pictures downloaded, so that a link never points at a
  post this run failed to write (it stays absolute, and the next run, which
  imports that post, rewrites it). Links to anything else stay as they are.
- **Resumable and idempotent.** A post's ``wix.revision`` fingerprints what it
  was made from (the converted text with its links, its pictures' sources, its
  front matter). A post whose file is as the importer wrote it, with the same
  revision, is left untouched without downloading its pictures again; a post
  edited since its import is kept, and not downloaded either (``--force``
  overwrites). A post that cannot be read, converted or downloaded is not
  written at all and is named with its reason; the others are written.
- **Nothing half-written.** Pictures are downloaded into a hidden folder inside
  the posts folder (MkDocs skips dot-folders), removed at the end; a post's
  pictures and then its file are each written whole (atomically) only when all
  its pictures are in.
- **Concurrency.** Pages and pictures are fetched by a few threads, the fetcher
  keeping each host's pace (its intervals are per host and shared), so a polite
  run is as slow as it must be and a run against a local stand-in is fast. Files
  are planned and written by one thread, in the blog's order.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from blog_extras.authoring import fields
from blog_extras.content.paths import (
    OLD_POST_PREFIXES,
    old_address_problem,
    shorten_slug,
    slug_problem,
)
from blog_extras.wix_import import importer
from blog_extras.wix_import.fetch import FetchError, one_line
from blog_extras.wix_import.markdown_out import (
    TooComplex,
    escape_text,
    html_to_markdown,
    link_target,
)
from blog_extras.wix_import.media import (
    COVER,
    GetBytes,
    Picture,
    Staged,
    fetch_pictures,
    lead_of,
    picture_from_src,
    with_cover,
    without_picture,
)
from blog_extras.wix_import.remote import RemoteError, RemotePost
from blog_extras.wix_import.ricos import place_media, ricos_to_markdown
from blog_extras.wix_import.sources import (
    WixPost,
    check_old_address,
    clean_post,
    named_images,
    old_path,
    require_essentials,
)

# Bumped when the same Wix post would be written otherwise: every post's revision
# changes with it, so a run after an upgrade rewrites the posts nobody has edited.
WRITER_VERSION = 1
WORKERS = 4
_LINK = re.compile(r"(\]\()([^()\s]+)(\))")
_FENCE = re.compile(r"^(`{3,}|~{3,})")


@dataclass
class Draft:
    """A post converted to Markdown, before its pictures are downloaded and its
    links pointed at the other posts. Its blocks name pictures by placeholder."""

    remote: RemotePost
    wix_path: str
    blocks: list[str]
    pictures: list[Picture]
    notes: list[str]
    lead: int = 1  # blocks above the excerpt separator
    slug: str = ""  # the file planned for it
    folder: str = "."  # where that file is in the posts folder (an author may move it)

    @property
    def file(self) -> str:
        """The planned file, from the posts folder, as a link names it."""
        return posixpath.join(self.folder, f"{self.slug}.md")


@dataclass
class Ready:
    """A draft with its pictures downloaded (into the staging folder): to write."""

    draft: Draft
    images: Staged
    notes: list[str]


@dataclass
class Summary:
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (address, reason)
    skipped: list[str] = field(default_factory=list)  # what was not read, and why


# -- From a record to a draft ---------------------------------------------------


def old_post_path(remote: RemotePost) -> str:
    """The post's old address on its site, decoded: ``/post/<slug>``. RemoteError
    when it has none that a redirect page can be built at (a slug that is no
    single path segment, or too long for a file name): the old address is how a
    later run finds the post's file, so a post without one is not imported."""
    path = "/post/" + remote.slug if remote.slug else ""
    problem = old_address_problem(path, OLD_POST_PREFIXES) if path else "no usable slug"
    if problem:
        raise RemoteError(f"its address on Wix cannot be kept ({problem}); not imported")
    return path


def draft_of(remote: RemotePost, media_url: str) -> Draft:
    """The post's Markdown and pictures (module decisions). Raises TooComplex for
    content too large or deep to convert, RemoteError for a post with no usable
    old address."""
    wix_path = old_post_path(remote)
    notes = list(remote.notes)
    pictures: list[Picture] = []
    lead_note = ""
    if remote.rich_content is not None:
        converted = ricos_to_markdown(remote.rich_content)
        blocks = list(converted.blocks)
        notes.extend(converted.notes)
        pictures = [
            Picture(m.placeholder, m.media_id, m.url, m.alt, m.width, m.height)
            for m in converted.media
        ]
    elif remote.article_html:
        html = html_to_markdown(remote.article_html, container='data-hook="post-description"')
        blocks = html.blocks
        for found in html.images:
            picture = picture_from_src(found.src, found.alt, found.placeholder, media_url)
            if picture is None:
                notes.append(f"a picture at {found.src[:120]!r} was left out: not an address")
                blocks = without_picture(blocks, found.placeholder)
            else:
                pictures.append(picture)
    else:
        blocks = [escape_text(remote.excerpt)] if remote.excerpt else []
        lead_note = "text cut off: Wix gave only the post's excerpt"
    if lead_note:
        notes.append(lead_note)
    cover = remote.cover
    if cover is not None:
        alt = cover.alt or remote.title
        picture = Picture(COVER, cover.media_id, cover.url, alt, cover.width, cover.height)
        blocks, pictures = with_cover(blocks, pictures, picture)
    return Draft(remote, wix_path, blocks, pictures, notes, lead_of(blocks))


def plain_title(title: str) -> str:
    """A title the post checks accept: they refuse one that reads as HTML (a tag or
    an entity), as the theme prints titles in places where one would be markup.
    Its angle brackets become the look-alike quotation marks and an entity's
    ampersand the full-width one, so the words stay and nothing can be a tag."""
    if not fields.HTML.search(title):
        return title
    title = title.replace("<", "\u2039").replace(">", "\u203a")
    return re.sub(r"&(?=[a-zA-Z#][a-zA-Z0-9]*;)", "\uff06", title)


# -- Links between posts ----------------------------------------------------------


def _host(url_host: str) -> str:
    return url_host.lower().removeprefix("www.")


def link_targets(paths_to_files: Mapping[str, str]) -> dict[str, str]:
    """Old address (``/post/<slug>``, and the ``/single-post/<slug>`` Wix wrote
    before) -> the post's file, from the posts folder (``<slug>.md``)."""
    targets: dict[str, str] = {}
    for path, file in paths_to_files.items():
        targets[path] = file
        old_slug = path.rpartition("/")[2]
        targets.setdefault("/single-post/" + old_slug, file)
    return targets


def rewrite_links(
    blocks: Iterable[str], targets: Mapping[str, str], hosts: set[str], folder: str = "."
) -> list[str]:
    """``blocks`` (of a post in ``folder`` of the posts folder) with each link to a
    post in ``targets`` (on one of ``hosts``, or a path on the same site) pointed
    at its file; code blocks untouched."""

    def target(match: re.Match[str]) -> str:
        address = match[2]
        try:
            parts = urlsplit(address)
        except ValueError:
            return match[0]
        if parts.scheme:
            if parts.scheme.lower() not in ("http", "https"):
                return match[0]
            if _host(parts.hostname or "") not in hosts:
                return match[0]
        elif parts.netloc or not parts.path.startswith("/"):
            return match[0]
        path = old_path(address)
        if path.startswith("/single-post/"):
            path = "/single-post/" + path.rpartition("/")[2]
        found = targets.get(path) or targets.get(unquote(path))
        if not found:
            return match[0]
        anchor = f"#{parts.fragment}" if parts.fragment else ""
        return match[1] + link_target(posixpath.relpath(found, folder)) + anchor + match[3]

    out = []
    for block in blocks:
        out.append(block if _FENCE.match(block) else _LINK.sub(target, block))
    return out


# -- Revisions ---------------------------------------------------------------------


def revision_of(draft: Draft, blocks: list[str]) -> str:
    """A fingerprint of everything the post's file is made from."""
    remote = draft.remote
    data = {
        "version": WRITER_VERSION,
        "title": remote.title,
        "first": remote.first_published.date().isoformat() if remote.first_published else "",
        "last": remote.last_published.date().isoformat() if remote.last_published else "",
        "counts": [remote.views, remote.comments, remote.likes],
        "labels": [remote.categories, remote.tags, remote.author],
        "path": draft.wix_path,
        "notes": draft.notes,
        "blocks": blocks,
        "lead": draft.lead,
        "pictures": [[p.placeholder, p.media_id, p.url, p.alt] for p in draft.pictures],
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- The run -----------------------------------------------------------------------


@dataclass
class Target:
    """Where the posts go, and how the blog names them."""

    posts_dir: Path
    slugify: Callable[[str, str], str]
    allowed: tuple[str, ...]
    source: str  # the site's address, for wix.source
    authors_file: Path | None
    force: bool = False
    # mkdocs.yml, where a category not yet allowed is added as its post is written
    config_file: Path | None = None
    reserved: frozenset[str] = frozenset()  # the site's own slugs


Read = Callable[[], RemotePost]
Tick = Callable[[str, int], Callable[[], None]]  # (stage, total) -> advance by one


def import_blog(
    readers: list[tuple[str, Read]],
    get_bytes: GetBytes,
    media_url: str,
    target: Target,
    report: Callable[[str], None],
    progress: Tick,
    workers: int = WORKERS,
) -> Summary:
    """Read every post (``readers``: its address and how to read it), convert it,
    download its pictures and write it (module decisions)."""
    summary = Summary()
    target.posts_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.posts_dir, prefix=".wix-import-"))
    try:
        # Shut down by hand: on Ctrl-C, the posts not started are dropped rather
        # than fetched first (as leaving a `with` block would).
        pool = ThreadPoolExecutor(max_workers=max(1, workers))
        try:
            drafts = _read_all(readers, media_url, pool, summary, progress)
            posts = importer.posts_on_disk(target.posts_dir)
            on_disk = importer.by_old_address(posts)
            _plan_files(drafts, posts, target)
            hosts = {_host(urlsplit(d.remote.address).hostname or "") for d in drafts}
            hosts.add(_host(urlsplit(target.source).hostname or ""))
            imported_before = {
                path: disk.file.relative_to(target.posts_dir).as_posix()
                for path, disk in on_disk.items()
            }
            planned = {d.wix_path: d.file for d in drafts if d.slug} | imported_before
            step = progress("importing", len(drafts))

            def prepare(draft: Draft) -> Ready | str | Exception:
                return _prepare(draft, on_disk, planned, hosts, get_bytes, media_url, staging,
                                target.force)  # fmt: skip

            prepared = []
            for draft, result in zip(drafts, pool.map(prepare, drafts), strict=True):
                if isinstance(result, Exception):
                    summary.failed.append((draft.remote.address, _reason(result)))
                    report(f"failed {draft.remote.address}: {_reason(result)}")
                    step()
                elif isinstance(result, str):
                    shown = importer.display_path(target.posts_dir / draft.file)
                    getattr(summary, result).append(shown)
                    report(
                        f"kept {shown}: edited since it was imported; import again with "
                        "FORCE=1 to overwrite it"
                        if result == "kept"
                        else f"unchanged {shown}"
                    )
                    step()
                else:
                    prepared.append(result)
                    step()  # its pictures are in: what is left is writing files
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        failed = {address for address, _ in summary.failed}
        written = {d.wix_path: d.file for d in drafts if d.slug and d.remote.address not in failed}
        targets = link_targets(written | imported_before)
        for ready in prepared:
            _write(ready, targets, hosts, target, report, summary)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary


def _reason(error: Exception) -> str:
    return one_line(str(error), 300) or type(error).__name__


def _read_all(
    readers: list[tuple[str, Read]],
    media_url: str,
    pool: ThreadPoolExecutor,
    summary: Summary,
    progress: Tick,
) -> list[Draft]:
    step = progress("reading", len(readers))

    def read(reader: tuple[str, Read]) -> Draft | Exception:
        try:
            return draft_of(reader[1](), media_url)
        except (FetchError, RemoteError, TooComplex) as error:
            return error

    drafts: list[Draft] = []
    first_at: dict[str, str] = {}  # old address -> the address it was read from
    for (address, _), result in zip(readers, pool.map(read, readers), strict=True):
        step()
        if isinstance(result, Exception):
            summary.failed.append((address, _reason(result)))
        elif result.wix_path in first_at:
            summary.skipped.append(
                f"{address}: its old address {result.wix_path} is that of "
                f"{first_at[result.wix_path]}, imported instead"
            )
        else:
            first_at[result.wix_path] = address
            drafts.append(result)
    return drafts


def _plan_files(drafts: list[Draft], posts: list[importer.OnDisk], target: Target) -> None:
    """Each draft's file: its earlier import's, wherever it was moved, else its
    title's (module decisions); no slug when its title gives none (the writer
    says why)."""
    on_disk = importer.by_old_address(posts)
    # Every file there is taken, an author's own posts too, and the site's own
    # addresses: a new post never lands on one (a file of this post's old address
    # is its own, above).
    taken = {post.file.stem for post in posts} | target.reserved
    for draft in drafts:
        earlier = on_disk.get(draft.wix_path)
        if earlier is not None:
            draft.slug = earlier.file.stem
            draft.folder = earlier.file.parent.relative_to(target.posts_dir).as_posix()
            continue
        slug = shorten_slug(target.slugify(draft.remote.title, "-"))
        if not draft.remote.title or slug_problem(slug):
            continue
        draft.slug = importer.free_slug(slug, draft.wix_path, {}, taken)
        taken.add(draft.slug)


def _prepare(
    draft: Draft,
    on_disk: Mapping[str, importer.OnDisk],
    planned: Mapping[str, str],
    hosts: set[str],
    get_bytes: GetBytes,
    media_url: str,
    staging: Path,
    force: bool,
) -> Ready | str | Exception:
    """The word "unchanged" or "kept" when the post's file stays as it is; else the post with
    its pictures downloaded, or the error that fails it."""
    earlier = on_disk.get(draft.wix_path)
    if earlier is not None:
        if not earlier.unedited and not force:
            return "kept"
        blocks = rewrite_links(draft.blocks, link_targets(planned), hosts, draft.folder)
        if earlier.unedited and earlier.revision == revision_of(draft, blocks):
            return "unchanged"
    try:
        images, notes = fetch_pictures(get_bytes, draft.pictures, media_url, staging)
    except FetchError as error:
        return error
    return Ready(draft, images, notes)


def _write(
    ready: Ready,
    targets: Mapping[str, str],
    hosts: set[str],
    target: Target,
    report: Callable[[str], None],
    summary: Summary,
) -> None:
    draft, remote = ready.draft, ready.draft.remote
    blocks = rewrite_links(draft.blocks, targets, hosts, draft.folder)
    revision = revision_of(draft, blocks)
    images, names = named_images(draft.pictures, ready.images)
    for picture in draft.pictures:
        if picture.placeholder not in names:
            blocks = without_picture(blocks, picture.placeholder)
    blocks = place_media(blocks, names)
    for placeholder, name in names.items():  # the article HTML's placeholders
        blocks = [block.replace(f"]({placeholder})", f"]({name})") for block in blocks]
    first, last = remote.first_published, remote.last_published
    title = plain_title(remote.title)
    notes = [*draft.notes, *ready.notes]
    if title != remote.title:
        notes.append(
            "its title reads as HTML: written with \u2039 \u203a for < > (and \uff06 for &)"
        )
    post = WixPost(
        title=title,
        published=first.date() if first else None,
        updated=last.date() if first and last and last.date() > first.date() else None,
        author=remote.author,
        views=remote.views,
        comments=remote.comments,
        likes=remote.likes,
        categories=list(remote.categories),
        tags=list(remote.tags),
        blocks=blocks,
        images=images,
        wix_path=draft.wix_path,
        notes=notes,
        slug=draft.slug,
        revision=revision,
        lead=draft.lead,
    )
    clean_post(post)
    check_old_address(post)
    require_essentials(post, no_date="no date of first publishing")
    if post.title and not post.slug:
        post.problems.append("its title gives no usable address")
    outcome = importer.import_posts(
        [post], target.posts_dir / draft.folder, target.slugify, target.allowed, target.source,
        target.force, report, target.authors_file, target.config_file,
    )  # fmt: skip
    summary.imported.extend(outcome.written)
    summary.unchanged.extend(outcome.unchanged)
    summary.kept.extend(outcome.kept)
    for _ in outcome.refused:
        reason = "; ".join(post.problems) or "not written"
        summary.failed.append((remote.address, reason))
