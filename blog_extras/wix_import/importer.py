"""``make import-wix SRC=...``: turn Wix blog content into posts of this blog.

SRC is a page capture (``.txt``), a saved post page (``.html``, images beside
it) or the blog's feed (``blog-feed.xml``). Each post becomes
``docs/blog/posts/<slug>.md`` with its title, dates, carried-over counts,
categories, Markdown text with an excerpt separator, images in
``docs/blog/posts/<slug>/``, and its old Wix address (``wix.path``), which the
build turns into a redirect.

Safe to run again: the file records a fingerprint of what the importer wrote,
so importing the same source changes nothing, and a post edited since is kept
unless ``--force`` (``FORCE=1``) is given. A post whose source lacks something
essential (title, date, text, an image of a saved page) is not written at all;
what is missing is reported. Files are written whole or not at all.

A feed's images (and its cover, the ``<enclosure>``, as the post's first picture)
are downloaded as the whole-blog import downloads pictures (:mod:`.media`): only
https addresses, a Wix media address by its media id from ``WIX_MEDIA_URL``; an
http, ``data:`` or relative address is left out with a note, as is a download
refused for good (not an image, a 4xx answer). A download a later run may get (a
timeout, 429 or 5xx after the retries) keeps its post from being written: it is
named, the run exits non-zero, and the next run imports it. A feed without
images is imported without the network. A post with pictures records what it
was made from (``wix.revision``): a run that finds it as written, from the same
item, leaves it without downloading its pictures again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode

from blog_extras import engine
from blog_extras.authoring import fields, safe_yaml
from blog_extras.authoring.checks import display_path, front_matter_and_body, one_line
from blog_extras.authoring.config_categories import (
    ConfigEditError,
    add_allowed_categories,
    insert_lines,
    last_line,
    name_problem,
    yaml_scalar,
)
from blog_extras.authoring.settings import (
    CheckSettings,
    SettingsError,
    check_settings,
    load_site_config,
)
from blog_extras.content.paths import shorten_slug, slug_problem
from blog_extras.wix_import.fetch import Fetcher, FetchError, media_host
from blog_extras.wix_import.media import DEFAULT_MEDIA_URL, GetBytes, fetch_pictures
from blog_extras.wix_import.sources import (
    NotWixError,
    WixPost,
    attach_pictures,
    clean_post,
    read_capture,
    read_feed,
    read_saved_page,
    wix_slug,
)

EXCERPT_SEPARATOR = "<!-- more -->"
STILL_TO_COME = """\
!!! note "The rest of this post is still to come"

    Only the opening lines above could be recovered from the old blog so far.
    The full text will be added here."""
# The avatar of an author the importer adds (Material's authors need one).
AVATAR = "assets/avatar.svg"
AUTHORS_HEADER = (
    "# The blog's authors (Material's authors file): a post names its own with\n"
    "# `authors: [<key>]`. Change a name, description or avatar here.\n"
)
MAX_SOURCE_BYTES = 32 * 10**6
# The writer puts the fingerprint on the front matter's last line (``wix`` is its
# last key, ``fingerprint`` the last of ``wix``), so it is read from there, never
# searched for in the text; and as the line's own characters, not as YAML, which
# would read a fingerprint of digits only as a number.
_BLANK_FINGERPRINT = "  fingerprint: ''\n"
_WRITTEN_FINGERPRINT = re.compile(r"  fingerprint: [0-9a-f]{16}\n")


class _PlainDumper(yaml.SafeDumper):
    """YAML without anchors: two equal dates are written out twice, as a person would."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _with_fingerprint(front: str, body: str) -> str:
    """The post file of ``front`` (front matter whose last line is the blank
    fingerprint) and ``body``, its fingerprint filled in: the hash of the file
    with the fingerprint blank."""
    blank = f"---\n{front}---\n{body}"
    value = hashlib.sha256(blank.encode("utf-8")).hexdigest()[:16]
    return f"---\n{front.removesuffix(_BLANK_FINGERPRINT)}  fingerprint: {value}\n---\n{body}"


def is_unedited(text: str) -> bool:
    """Whether a post file is exactly as the importer wrote it: written again with
    its fingerprint blank and then filled in, it comes out the same."""
    parts = front_matter_and_body(text)
    if parts is None:
        return False
    front, body = parts
    last = front[front.rstrip("\n").rfind("\n") + 1 :]
    if not _WRITTEN_FINGERPRINT.fullmatch(last):
        return False
    return _with_fingerprint(front.removesuffix(last) + _BLANK_FINGERPRINT, body) == text


def imported_fields(text: str) -> dict[str, Any]:
    """The ``wix`` settings an import wrote in a post file's front matter (its old
    address ``path``, its ``revision``...), read as YAML; {} when the file has none
    or its front matter is not readable."""
    parts = front_matter_and_body(text)
    if parts is None:
        return {}
    try:
        data = safe_yaml.load(parts[0], "a post")
    except safe_yaml.YamlFileError:
        return {}
    wix = data.get("wix") if isinstance(data, dict) else None
    return wix if isinstance(wix, dict) else {}


def _text_field(fields_read: Mapping[str, Any], key: str) -> str:
    value = fields_read.get(key)
    return value if isinstance(value, str) else ""


def post_files(posts_dir: Path) -> list[Path]:
    """The blog's post files, in subfolders too (an author may sort posts into
    folders), but not in folders or files whose names start with a dot: MkDocs
    skips those, and the importer stages its downloads in one."""
    if not posts_dir.is_dir():
        return []
    return sorted(
        path
        for path in posts_dir.rglob("*.md")
        if not any(part.startswith(".") for part in path.relative_to(posts_dir).parts)
    )


@dataclass(frozen=True)
class OnDisk:
    """A post file of the blog: where it is, the old address it was imported from
    ("" for a post written here), whether it is as the importer wrote it, and the
    revision it records."""

    file: Path
    old_address: str
    unedited: bool
    revision: str


def posts_on_disk(posts_dir: Path) -> list[OnDisk]:
    """Every post file of the blog (:func:`post_files`)."""
    found: list[OnDisk] = []
    for path in post_files(posts_dir):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        imported = imported_fields(text)
        old, revision = _text_field(imported, "path"), _text_field(imported, "revision")
        found.append(OnDisk(path, old, is_unedited(text), revision))
    return found


def by_old_address(posts: list[OnDisk]) -> dict[str, OnDisk]:
    """The imported posts by their old address (the first file of each)."""
    found: dict[str, OnDisk] = {}
    for post in posts:
        if post.old_address:
            found.setdefault(post.old_address, post)
    return found


def slugs_in_use(posts: list[OnDisk]) -> dict[str, str]:
    """Each post file's slug (its name) -> the old address it was imported from."""
    return {post.file.stem: post.old_address for post in reversed(posts)}


def reserved_slugs(settings: CheckSettings) -> frozenset[str]:
    """Slugs no imported post may take: the last part of each address the site
    keeps for itself (the post checks refuse a post there: the feed, search,
    Material's archive and category pages...), the pages at the top of docs/
    (``tags.md`` is the page at /tags/), and "index" (MkDocs reads a file
    ``index.md`` as its folder's own page)."""
    own = {address.rsplit("/", 1)[-1] for address in settings.reserved}
    pages = {path.stem for path in settings.docs_dir.glob("*.md")}
    return frozenset({*own, *pages, "index"})


def render_post(
    post: WixPost, slug: str, allowed_categories: tuple[str, ...], source: str,
    explicit_slug: bool = False, author_id: str = "",
) -> str:  # fmt: skip
    """The post file's text, fingerprint included (``explicit_slug``: the post's
    address is not the one its title gives, so it is written out as ``slug:``;
    ``author_id``: the post's author in Material's authors file, else the author's
    name is kept under ``wix.author``)."""
    dates: dict[str, object] = {"created": post.published}
    if post.updated:
        dates["updated"] = post.updated
    meta: dict[str, object] = {"title": post.title, "date": dates}
    if explicit_slug:
        meta["slug"] = slug
    estimated = [
        name
        for name, guessed in (("created", post.date_estimated), ("updated", post.updated_estimated))
        if guessed and (name == "created" or post.updated)
    ]
    if estimated:
        meta["date_estimated"] = estimated
    if post.views is not None:
        meta["views"] = post.views
    if post.comments is not None:
        meta["comments"] = post.comments
    if post.likes is not None:  # kept, though no page shows it (yet)
        meta["likes"] = post.likes
    if post.tags:  # Material's tags: the front matter's own key
        meta["tags"] = post.tags
    categories = [name for name in post.categories if name in allowed_categories]
    if categories:
        meta["categories"] = categories
    wix: dict[str, object] = {"path": post.wix_path} if post.wix_path else {}
    wix["source"] = source
    if post.author and author_id:
        meta["authors"] = [author_id]
    elif post.author:
        wix["author"] = post.author
    others = [name for name in post.categories if name not in allowed_categories]
    if others:
        wix["categories"] = others
    tags, refused = _usable_tags(post.tags)
    if tags:
        meta["tags"] = tags
    if refused:
        wix["tags"] = refused
    if post.notes:
        wix["notes"] = post.notes
    if post.revision:
        wix["revision"] = post.revision
    wix["fingerprint"] = ""
    meta["wix"] = wix
    # No width: a long value folded onto the next line could read as another key.
    front = yaml.dump(
        meta, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=float("inf")
    )
    blocks = post.blocks
    lead = max(1, post.lead)
    body = "\n\n".join([*blocks[:lead], EXCERPT_SEPARATOR, *blocks[lead:]])
    if any(note.startswith("text cut off") for note in post.notes):
        body += "\n\n" + STILL_TO_COME
    return _with_fingerprint(front, f"\n{body}\n")


@dataclass
class Outcome:
    written: list[str]
    unchanged: list[str]
    kept: list[str]
    refused: list[str]


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def author_id(name: str) -> str:
    """The key an author's name gives in Material's authors file: "Jane Reyes" ->
    "jane-reyes" (:func:`author_key` picks the key a post uses)."""
    return wix_slug(name)


def listed_authors(authors_file: Path) -> dict[str, str]:
    """``{key: name}`` of Material's authors file (``.authors.yml``); {} when there
    is none yet."""
    if not authors_file.is_file():
        return {}
    shown = display_path(authors_file)
    try:
        return _names_by_key(safe_yaml.load_file(authors_file, shown), shown)
    except safe_yaml.YamlFileError as error:
        raise NotWixError(str(error)) from None


def _authors_in(text: str, shown: str) -> dict[str, str]:
    try:
        return _names_by_key(safe_yaml.load(text, shown), shown)
    except safe_yaml.YamlFileError as error:
        raise NotWixError(str(error)) from None


def _names_by_key(loaded: object, shown: str) -> dict[str, str]:
    listed = loaded.get("authors") if isinstance(loaded, dict) else None
    if listed is None:
        return {}
    if not isinstance(listed, dict):
        raise NotWixError(f"{shown}: 'authors' is not a list of authors")
    return {
        str(key): str(entry.get("name", "")) if isinstance(entry, dict) else ""
        for key, entry in listed.items()
    }


def author_key(listed: dict[str, str], name: str) -> str:
    """The key of the author ``name``: the key already listed with that name (the
    same name is the same author), else the one the name gives, numbered when a
    different author has it (a Wix author "Me" is not the blog owner's ``me``)."""
    same = next((key for key, listed_name in listed.items() if listed_name == name), "")
    base = author_id(name)
    if same or not base:
        return same
    key, number = base, 1
    while key in listed:
        number += 1
        key = f"{base}-{number}"
    return key


def add_authors(authors_file: Path, names: list[str]) -> list[str]:
    """Add each author not yet in Material's authors file (``.authors.yml``), with a
    plain avatar; the names added. The file is edited as text, as mkdocs.yml is
    (:mod:`blog_extras.authoring.config_categories`): new entries are appended to
    its ``authors:``, everything else (its guidance, the owner's entries) is kept
    byte for byte."""
    listed = listed_authors(authors_file)
    entries: dict[str, str] = {}
    for name in names:
        key = author_key(listed, name)
        if key and key not in listed:
            listed[key] = entries[key] = name
    if not entries:
        return []
    shown = display_path(authors_file)
    text = authors_file.read_text(encoding="utf-8") if authors_file.is_file() else AUTHORS_HEADER
    changed = _with_authors(text, entries)
    if _authors_in(changed, shown) != listed:  # the file is not laid out as expected
        raise NotWixError(
            f"{shown}: new authors cannot be added to its 'authors:' (write it one entry "
            f"per line); add {', '.join(entries.values())} by hand"
        )
    _write_atomically(authors_file, changed.encode("utf-8"))
    return list(entries.values())


def _with_authors(text: str, entries: dict[str, str]) -> str:
    """``text`` (an authors file) with ``entries`` ({key: name}) added at the end of
    its ``authors:`` mapping, at the indent of the entries there; ``authors:`` is
    added at the end when the file has none."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return text  # add_authors finds nothing added, and says so
    pairs = root.value if isinstance(root, MappingNode) else []
    key, authors = next(((k, v) for k, v in pairs if k.value == "authors"), (None, None))
    if isinstance(authors, MappingNode) and authors.value and not authors.flow_style:
        indent = authors.value[0][0].start_mark.column
        return insert_lines(text, last_line(authors), _entry_lines(entries, indent))
    if key is not None and isinstance(authors, ScalarNode) and authors.value in ("", "~", "null"):
        start, end = authors.start_mark.index, authors.end_mark.index
        text = text[:start].rstrip(" ") + text[end:]  # `authors: ~` -> `authors:`
        lines = _entry_lines(entries, key.start_mark.column + 2)
        return insert_lines(text, key.start_mark.line, lines)
    if key is None and (root is None or isinstance(root, MappingNode)):
        lines = ["authors:", *_entry_lines(entries, 2)]
        return insert_lines(text, len(text.splitlines()) - 1, lines)
    return text


def _entry_lines(entries: dict[str, str], indent: int) -> list[str]:
    pad, inner = " " * indent, " " * (indent + 2)
    lines = []
    for key, name in entries.items():
        lines += [
            f"{pad}{yaml_scalar(key)}:",
            f"{inner}name: {yaml_scalar(name)}",
            f'{inner}description: ""',
            f"{inner}avatar: {AVATAR}",
        ]
    return lines


def allow_categories(config_file: Path, names: list[str]) -> list[str]:
    """Add ``names`` to ``categories_allowed`` in ``config_file`` (mkdocs.yml), its
    comments and layout kept, written whole; the names added."""
    try:
        text = config_file.read_text(encoding="utf-8")
        changed, added = add_allowed_categories(text, names)
    except (OSError, UnicodeDecodeError) as error:
        raise NotWixError(f"{display_path(config_file)} cannot be read: {error}") from None
    except ConfigEditError as error:
        raise NotWixError(f"{display_path(config_file)}: {error}") from None
    if added:
        _write_atomically(config_file, changed.encode("utf-8"))
    return added


def _usable_tags(names: list[str]) -> tuple[list[str], list[str]]:
    """The tags the post checks accept (fields.tag_problems), and the others, kept
    under ``wix.tags`` for the author to see."""
    usable = [name for name in dict.fromkeys(names) if not list(fields.tag_problems([name]))]
    usable = usable[: fields.MAX_TAGS]
    return usable, [name for name in names if name not in usable]


def _usable_categories(post: WixPost) -> None:
    """A category that cannot be one (no letters, markup) is left out, with a note."""
    for name in list(post.categories):
        problem = name_problem(name)
        if problem:
            post.categories.remove(name)
            post.notes.append(f"the category {name!r} left out: {problem}")


def import_posts(
    posts: list[WixPost],
    posts_dir: Path,
    slugify,
    allowed: tuple[str, ...],
    source: str,
    force: bool,
    report,
    authors_file: Path | None = None,
    config_file: Path | None = None,
    reserved: frozenset[str] = frozenset(),
) -> Outcome:
    """``authors_file``: Material's authors file, where each post's author is added
    (None: Material's authors are off, and the name is kept under ``wix.author``).
    ``config_file``: mkdocs.yml, where a post's categories not yet allowed are added
    when the post is written (None: they are kept under ``wix.categories``).
    ``reserved``: the site's own slugs (:func:`reserved_slugs`). A post imported
    before is written over its file, wherever in the posts folder it was moved."""
    outcome = Outcome([], [], [], [])

    def say(line: str) -> None:
        # Names and notes come from the source: escaped, none starts a new line of
        # the log (a "::error" line is a command to GitHub Actions) or moves a terminal.
        report(one_line(line))

    taken = set(reserved)  # and the slugs of this import's posts
    # Read only when a post's file is to be found (a whole-blog import finds them).
    on_disk = posts_on_disk(posts_dir) if any(not post.slug for post in posts) else []
    imported, in_use = by_old_address(on_disk), slugs_in_use(on_disk)
    for post in posts:
        name = post.title or source
        if post.problems:
            say(f"not written: {name}: " + "; ".join(post.problems))
            outcome.refused.append(name)
            continue
        full = slugify(post.title, "-")
        shortened = post.slug or shorten_slug(full)
        problem = slug_problem(shortened)
        if problem:
            say(f"not written: {name}: its title gives no usable address ({problem})")
            outcome.refused.append(name)
            continue
        earlier = imported.get(post.wix_path) if post.wix_path and not post.slug else None
        if earlier is not None:
            slug, folder = earlier.file.stem, earlier.file.parent
        else:
            # A slug the caller chose is already free (links point at it).
            slug = post.slug or free_slug(shortened, post.wix_path, in_use, taken)
            folder = posts_dir
        explicit = slug != full  # the address is not the one the title gives
        taken.add(slug)
        path = folder / f"{slug}.md"
        for image in post.images:
            post.blocks = [
                b.replace(f"]({image.name})", f"]({slug}/{image.name})") for b in post.blocks
            ]
        writer = (
            author_key(listed_authors(authors_file), post.author)
            if authors_file is not None and post.author
            else ""
        )
        new_categories: list[str] = []
        for name in _usable_tags(post.tags)[1]:
            post.notes.append(f"the tag {name!r} kept under wix.tags: the post checks refuse it")
        if config_file is not None:
            _usable_categories(post)
            new_categories = [name for name in post.categories if name not in allowed]
        text = render_post(
            post, slug, (*allowed, *new_categories), source,
            explicit_slug=explicit, author_id=writer,
        )  # fmt: skip
        shown = display_path(path)
        if path.exists():
            existing = path.read_text(encoding="utf-8", errors="replace")
            if existing == text:
                say(f"unchanged {shown}")
                outcome.unchanged.append(shown)
                continue
            if not is_unedited(existing) and not force:
                say(
                    f"kept {shown}: edited since it was imported; import again with "
                    "FORCE=1 to overwrite it"
                )
                outcome.kept.append(shown)
                continue
        if new_categories and config_file is not None:
            for name in allow_categories(config_file, new_categories):
                say(f"added the category {name} to {display_path(config_file)}")
            allowed = (*allowed, *new_categories)
        if writer and authors_file is not None:
            for name in add_authors(authors_file, [post.author]):
                say(f"added the author {name} to {display_path(authors_file)}")
        for image in post.images:
            _write_atomically(folder / slug / image.name, image.data())
        _write_atomically(path, text.encode("utf-8"))
        say(f"wrote {shown} (old address {post.wix_path or 'none'})")
        for note in post.notes:
            say(f"  note: {note}")
        outcome.written.append(shown)
        if post.mentioned:
            titles = ", ".join(f'"{title}"' for title, _ in post.mentioned)
            say(
                f"  its Recent Posts name {titles}: only their opening lines are here; "
                "import their own pages or the blog's feed"
            )
    return outcome


def free_slug(slug: str, wix_path: str, in_use: Mapping[str, str], taken: set[str]) -> str:
    """The slug for a post: ``slug`` itself, unless it is ``taken`` (the site's own,
    or another post's of this import) or a post file of that name is not this
    old address's import (:func:`slugs_in_use`); then ``slug-2``, ``slug-3``...
    Each post keeps its own file, and so its own old address and redirect."""
    candidate, number = slug, 1
    while candidate in taken or in_use.get(candidate, wix_path) != wix_path:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def read_source(path: Path) -> list[WixPost]:
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise NotWixError(
            f"{path.name} is {size / 1e6:.0f} MB, more than any saved post page or feed "
            f"({MAX_SOURCE_BYTES // 10**6} MB at most)"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise NotWixError(f"{path.name}, line {line}: not UTF-8 text; save it as UTF-8") from None
    suffix = path.suffix.lower()
    start = text.lstrip()[:200].lower()
    if suffix in (".xml", ".rss") or start.startswith(("<?xml", "<rss")):
        posts = read_feed(text, path.name)
    elif suffix in (".html", ".htm") or start.startswith(("<!doctype html", "<html")):
        posts = read_saved_page(text, path)
    else:
        posts = read_capture(text, path.name)
    for post in posts:
        clean_post(post)
    return posts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import posts from a Wix blog.")
    parser.add_argument(
        "source",
        help="the blog's address (https://...: every post), a page capture, a saved page "
        "or the feed",
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite posts edited since their import"
    )
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    engine.quiet()
    # Imported here: the whole-blog import writes through this module's writer.
    from blog_extras.wix_import import live

    if live.is_web_source(args.source):
        return live.run(args.source, args.config_file, args.force)
    return import_file(Path(args.source), args.config_file, args.force)


def import_file(
    source: Path,
    config_file: str,
    force: bool,
    environ: Mapping[str, str] | None = None,
    fetcher: Fetcher | None = None,
) -> int:
    """The command for a capture, a saved page or a feed; its exit status. A feed's
    pictures are downloaded first (``environ``: where ``WIX_MEDIA_URL`` is read;
    ``fetcher``: one made for the run when None, tests hand one in)."""
    if not source.is_file():
        print(f"error: {source}: no such file", file=sys.stderr)
        return 1
    try:
        settings = check_settings(load_site_config(config_file))
        posts = read_source(source)
    except (SettingsError, NotWixError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    posts_dir = settings.docs_dir / settings.post_dir
    authors_file = settings.authors_file if settings.authors is not None else None

    def write(posts: list[WixPost]) -> int:
        try:
            outcome = import_posts(
                posts, posts_dir, settings.slugify, settings.categories_allowed, source.name,
                force, print, authors_file, Path(config_file), reserved_slugs(settings),
            )  # fmt: skip
        except NotWixError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        return 1 if outcome.refused else 0

    posts = to_download(posts, posts_dir, force, print)
    if not any(post.pictures for post in posts):
        return write(posts)  # offline: nothing to download
    from blog_extras.wix_import.live import LiveError, host_setting

    try:
        media_url = host_setting(os.environ if environ is None else environ, "WIX_MEDIA_URL",
                                 DEFAULT_MEDIA_URL)  # fmt: skip
    except LiveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    posts_dir.mkdir(parents=True, exist_ok=True)
    # Downloaded into a hidden folder of the posts (MkDocs skips it), removed at the end.
    staging = Path(tempfile.mkdtemp(dir=posts_dir, prefix=".wix-import-"))
    own = fetcher is None
    fetcher = fetcher or Fetcher(hosts=media_host(media_url))
    try:
        download_pictures(
            posts, lambda url, limit: fetcher.get_bytes(url, max_bytes=limit), media_url, staging
        )
        return write(posts)
    except KeyboardInterrupt:
        print("stopped: the posts written so far are kept; run the command again to go on",
              file=sys.stderr)  # fmt: skip
        return 130
    finally:
        if own:
            fetcher.close()
        shutil.rmtree(staging, ignore_errors=True)


def to_download(
    posts: list[WixPost], posts_dir: Path, force: bool, report: Callable[[str], None]
) -> list[WixPost]:
    """The posts to write. A post with pictures records what it was made from
    (``wix.revision``, :func:`picture_post_revision`); one whose file an earlier run
    wrote from the same item, unedited since, is left as it is without downloading
    its pictures again, and one edited since is kept (unless ``force``)."""
    on_disk = by_old_address(posts_on_disk(posts_dir)) if any(p.pictures for p in posts) else {}
    wanted = []
    for post in posts:
        if post.pictures:
            post.revision = picture_post_revision(post)
        earlier = on_disk.get(post.wix_path) if post.pictures and not post.problems else None
        shown = display_path(earlier.file) if earlier else ""
        if earlier is not None and earlier.unedited and earlier.revision == post.revision:
            report(f"unchanged {shown}")
        elif earlier is not None and not earlier.unedited and not force:
            report(f"kept {shown}: edited since it was imported; import again with FORCE=1 "
                   "to overwrite it")  # fmt: skip
        else:
            wanted.append(post)
    return wanted


def picture_post_revision(post: WixPost) -> str:
    """A fingerprint of what a post with pictures to download is made from."""
    data = {
        "labels": [post.title, str(post.published), post.author, post.categories, post.tags],
        "path": post.wix_path,
        "blocks": post.blocks,
        "lead": post.lead,
        "notes": post.notes,
        "pictures": [[p.placeholder, p.media_id, p.url, p.alt] for p in post.pictures],
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def download_pictures(
    posts: list[WixPost], get_bytes: GetBytes, media_url: str, staging: Path
) -> None:
    """Each post's pictures downloaded into ``staging`` and made its images; one that
    cannot be had is left out with a note (:mod:`.media`). A post one of whose
    pictures may arrive on a later try (a timeout, 5xx after the retries) gets a
    problem instead: it is not written, and the next run imports it."""
    wanted = [post for post in posts if post.pictures and not post.problems]
    count = sum(len(post.pictures) for post in wanted)
    if wanted:
        print(f"downloading {count} picture(s) of {len(wanted)} post(s)")
    for post in wanted:
        try:
            staged, notes = fetch_pictures(get_bytes, post.pictures, media_url, staging)
        except FetchError as error:
            post.problems.append(
                f"a picture did not arrive ({error}); "
                "run the same command again to import this post"
            )
            continue
        attach_pictures(post, staged, notes)


if __name__ == "__main__":
    sys.exit(main())
