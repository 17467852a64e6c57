"""Mistakes shown in the browser while ``make serve`` runs.

MkDocs' live-reload server (``mkdocs/livereload``) runs each rebuild and, when
one fails, logs "The server will appear stuck until build errors are
resolved": it holds every request until a build succeeds, so the browser's tab
spins until it times out. The author watches the browser, not the terminal.

Under ``mkdocs serve`` with live reload, the ``blog-extras`` plugin hands the
server to :meth:`PreviewErrors.show_in_browser` (MkDocs' ``on_serve`` event),
which wraps two things of it:

* its builder: a rebuild that fails is caught and the browsers reloaded, as after
  any rebuild. What failed is kept as :class:`Problem` s: the post checks'
  findings (file, line, what to fix) when the checks refused posts, else the
  errors MkDocs logged during the rebuild, else the exception itself;
* its web application: while the last rebuild failed, every page's address
  answers with one page listing those problems (:func:`error_page`), which the
  server sends with its live-reload script as it does every page. The next
  rebuild, failed or not, reloads it; once one succeeds, each address shows
  the site again.

Why this design, rather than a preview built without the broken post and a
banner on every page:

* A refused rebuild changes nothing: the checks refuse before MkDocs writes a
  file. After the fix, the quick preview (``speed/preview.py``) compares with
  the last good build and redoes the edited post and the pages showing it. A
  build without the post would change the blog's layout: two full rebuilds, the
  slowest kind on a large blog, one for the mistake and one for the fix.
* ``mkdocs build`` runs the code it always ran: the checks raise, as before.
* Every error that stops a rebuild reaches the browser, not only the checks': a
  mistake in mkdocs.yml, in an override, or one Material raises.
* The error page needs no template, so a broken template cannot hide it. It
  has no script of its own, only a style, which the site's policy allows
  (``html/csp.py``); the live-reload script is the server's, as on every page
  of the preview.

The first build is the exception: ``mkdocs serve`` ends when it fails, before
``on_serve``. When the checks refuse posts in that build, it goes on without
any post (:meth:`PreviewErrors.leave_out_posts`, when :func:`may_leave_out`
allows), succeeds, and the error page shows from the start; the rebuild after
the fix is a full one, the blog's layout having changed. (With
``--no-livereload`` there is no ``on_serve``: that preview shows the blog
without its posts, and the terminal says why.)
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Protocol, TypeVar

from blog_extras.authoring.checks import Finding, one_line
from blog_extras.content.paths import inside_folder

# In the folder the preview serves; no page of the site can have such an address.
# A rebuild that empties the folder keeps it, for its name starts with a dot:
ERROR_FILE = ".blog-preview-error.html"  # Internals: MkDocs' clean_directory skips dot-files

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass(frozen=True)
class Problem:
    """One thing that stopped the preview: a message, and the file and line it is
    about when it is about one."""

    message: str
    where: str = ""
    line: int | None = None


def problems_of(findings: Iterable[Finding]) -> list[Problem]:
    """The errors among the post checks' findings (notices do not stop a build)."""
    return [
        Problem(one_line(finding.message), one_line(finding.path), finding.line)
        for finding in findings
        if finding.is_error
    ]


def may_leave_out(findings: Iterable[Finding], post_root: Path) -> bool:
    """Whether leaving the posts out of a build lets it go on: every error is about
    a post file itself, a plain file below the posts' folder. Not so for a link
    leading out of docs/, which MkDocs would follow while it lists the files."""
    errors = [finding for finding in findings if finding.is_error]
    return bool(errors) and all(
        inside_folder(post_root, Path(finding.path))
        and Path(finding.path).is_file()
        and not Path(finding.path).is_symlink()
        for finding in errors
    )


class _Source(Protocol):
    src_uri: str

    def is_documentation_page(self) -> bool: ...


SourceT = TypeVar("SourceT", bound=_Source)


def posts_among(files: Iterable[SourceT], post_dir: str) -> list[SourceT]:
    """The posts among a build's files (``post_dir``: below docs/)."""
    folder = post_dir.strip("/") + "/"
    return [
        file for file in files if file.is_documentation_page() and file.src_uri.startswith(folder)
    ]


_STYLE = """\
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; }
li { margin: 0 0 1rem; overflow-wrap: break-word; }
pre { white-space: pre-wrap; font-size: 0.9rem; }
"""

_PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: a mistake to fix</title>
<style>
{style}</style>
</head>
<body>
<main>
<h1>The preview is waiting for a fix</h1>
<p>The blog could not be built because of what is listed below. Fix it and save
the file: this page then shows the blog again by itself.</p>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""

# What the error page's address holds once the site builds again: a page asked for
# just before that build, and sent just after it, loads its own address again.
RELOAD_PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0">
<title>Preview</title>
</head>
<body></body>
</html>
"""


def error_page(problems: Sequence[Problem]) -> str:
    """The page every address of the preview shows while ``problems`` stop it. Every
    text is escaped: a message may quote a post."""
    items = "\n".join(_item(problem) for problem in problems)
    return _PAGE.format(style=_STYLE, items=items)


def _item(problem: Problem) -> str:
    message = escape(problem.message)
    if not problem.where:
        return f"<li><pre>{message}</pre></li>"
    where = escape(problem.where) + (f", line {problem.line}" if problem.line else "")
    # Read aloud and copied as the terminal writes it: "file, line 3: message".
    return f"<li><strong>{where}</strong>: {message}</li>"


def is_page_address(path: str, mount_path: str = "/") -> bool:
    """Whether a request for ``path`` asks for a page (rather than the live-reload
    poll, a stylesheet, an image, the search index...)."""
    if path.startswith("/livereload/") or not (path + "/").startswith(mount_path):
        return False
    last = path.rpartition("/")[2]
    return last == "" or last.endswith(".html") or "." not in last


class _ErrorsLogged(logging.Handler):
    """The errors logged by one thread (the one building) while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


class BrowserErrors:
    """What the browser shows of the last rebuild of ``make serve``."""

    def __init__(
        self,
        site_dir: Path,
        mount_path: str,
        watched: logging.Logger,
        log: logging.Logger | logging.LoggerAdapter[Any],
    ) -> None:
        self._file = site_dir / ERROR_FILE
        self._address = mount_path.rstrip("/") + "/" + ERROR_FILE
        self._mount_path = mount_path
        self._watched = watched  # the engine's logger: the errors of a build
        self._log = log
        # Held while a rebuild runs: a page asked for meanwhile waits for its
        # outcome, as MkDocs' server makes it wait for the new site anyway.
        self._lock = threading.Lock()
        self._problems: list[Problem] = []
        self._noted: list[Problem] = []

    def note(self, problems: Sequence[Problem]) -> None:
        """Say what stops the rebuild under way (the post checks' findings), better
        than its exception does."""
        self._noted = list(problems)

    def show(self, problems: Sequence[Problem]) -> None:
        """Every page shows ``problems`` from now on; none: the site again."""
        if not problems and not self._problems and self._file.exists():
            return  # the site showed already: no write in every rebuild
        text = error_page(problems) if problems else RELOAD_PAGE
        # Written whole: the server may be sending the last one meanwhile.
        partial = self._file.with_name(self._file.name + ".new")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, self._file)
        self._problems = list(problems)

    def builder(self, rebuild: Callable[[], None]) -> Callable[[], None]:
        """``rebuild`` (the server's), which no longer fails: a failure is shown."""

        def build() -> None:
            with self._lock:
                self._noted = []
                logged = _ErrorsLogged()
                self._watched.addHandler(logged)
                try:
                    rebuild()
                except Exception as error:  # the server would hang on it
                    failure: Exception | None = error
                else:
                    failure = None
                finally:
                    self._watched.removeHandler(logged)
                if failure is None:
                    self.show([])
                else:
                    self.show(self._problems_of(failure, logged.messages))
                    self._log.info(
                        "The browser shows this error until it is fixed; it then reloads by itself."
                    )

        return build

    def _problems_of(self, error: Exception, logged: list[str]) -> list[Problem]:
        if self._noted:
            return self._noted
        if logged:
            return [Problem(message) for message in logged]
        if isinstance(error, SystemExit):  # MkDocs' Abort: its message says it all
            return [Problem(str(error))]
        # Unexplained: the traceback the server would have printed, for whoever
        # reads the terminal.
        traceback.print_exception(error, file=sys.stderr)
        return [Problem(f"{type(error).__name__}: {error}")]

    def application(self, app: WSGIApp) -> WSGIApp:
        """``app`` (the server's), answering page requests with the error page while
        the last rebuild failed."""

        def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            if is_page_address(environ.get("PATH_INFO", ""), self._mount_path):
                with self._lock:
                    failing = bool(self._problems)
                if failing:
                    # The server sends that file as any page: with its live-reload script.
                    # Internals: LiveReloadServer serves any file of its folder, dot-files
                    # too, and adds its script to every .html it serves.
                    environ = {**environ, "PATH_INFO": self._address}
            return app(environ, start_response)

        return serve


class Server(Protocol):
    """What this module uses of MkDocs' LiveReloadServer."""

    builder: Callable[[], None]
    mount_path: str

    def get_app(self) -> WSGIApp | None: ...

    def set_app(self, application: WSGIApp) -> None: ...


def show_in_browser(
    server: Server,
    site_dir: Path,
    *,
    watched: logging.Logger,
    log: logging.Logger | logging.LoggerAdapter[Any],
    problems: Sequence[Problem] = (),
) -> BrowserErrors:
    """Show the failures of ``server``'s rebuilds in the browser, and ``problems``
    (those of the first build) from the start."""
    errors = BrowserErrors(site_dir, server.mount_path, watched, log)  # Internals: mount_path
    errors.show(problems)
    if problems:
        log.info("The browser shows these errors until they are fixed; it then reloads by itself.")
    # LiveReloadServer calls self.builder() for each rebuild, and holds every
    # request until one succeeds; it answers each request with its WSGI application.
    server.builder = errors.builder(server.builder)  # Internals: LiveReloadServer.builder
    app = server.get_app()  # Internals: LiveReloadServer.get_app
    if app is not None:
        server.set_app(errors.application(app))  # Internals: LiveReloadServer.set_app
    return errors


class PreviewErrors:
    """What the ``blog-extras`` plugin keeps of the post checks' errors during one
    ``mkdocs serve`` (``serving``) or build."""

    def __init__(self, serving: bool) -> None:
        self._serving = serving
        self._first_build = True
        self._browser: BrowserErrors | None = None  # once the server is up
        self._posts_left_out = ""  # the posts' folder below docs/, left out of this build
        self._left_out_problems: list[Problem] = []

    def leave_out_posts(self, errors: Sequence[Finding], post_root: Path, post_dir: str) -> bool:
        """Whether this build goes on without its posts, although the checks found
        ``errors`` in them: the first build of ``mkdocs serve`` does, when that helps.
        Call in every build, once the checks ran."""
        first_build, self._first_build = self._first_build, False
        self._posts_left_out, self._left_out_problems = "", []
        if not errors:
            return False
        if self._browser is not None:
            # The build fails: the browser shows these rather than the exception.
            self._browser.note(problems_of(errors))
            return False
        if self._serving and first_build and may_leave_out(errors, post_root):
            self._posts_left_out = post_dir
            self._left_out_problems = problems_of(errors)
            return True
        return False

    def left_out(self, files: Iterable[SourceT]) -> list[SourceT]:
        """The files of this build's posts, when it leaves them out."""
        return posts_among(files, self._posts_left_out) if self._posts_left_out else []

    def show_in_browser(
        self,
        server: Server,
        site_dir: Path,
        *,
        watched: logging.Logger,
        log: logging.Logger | logging.LoggerAdapter[Any],
    ) -> None:
        """From now on the browser shows what stops a rebuild (MkDocs' ``on_serve``:
        after the first build, and with live reload only)."""
        self._browser = show_in_browser(
            server, site_dir, watched=watched, log=log, problems=self._left_out_problems
        )
