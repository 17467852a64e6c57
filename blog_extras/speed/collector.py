"""Python's full garbage collections kept out of ``make serve``'s rebuilds.

A preview holds a whole blog in memory (a thousand posts are millions of
objects), and every rebuild leaves the last one's pages behind as garbage. Python
then runs a full collection during about every other rebuild, a fifth of a second
of the time from saving a post to seeing it. :class:`CollectWhenIdle` lets the
rebuild run without full collections (the young generations are still collected
as usual) and runs the full collection a few seconds after the rebuild, once the
browser has reloaded, on a timer that the next rebuild cancels. Memory is freed
as before, only later.

That idle collection also gives Python its own schedule back: the deferral is
the one change of ``blog-speed`` that outlives the end of a build, by at most
:data:`IDLE_SECONDS`, and only in the process's collection schedule (never in
what a build makes). Ending it when the build ends would not do: the full
collection the rebuild put off would then start at once, while the browser
reloads.
"""

from __future__ import annotations

import gc
import threading

# Full collections wait this long after a rebuild: the browser has reloaded.
IDLE_SECONDS = 3.0
# A threshold for the oldest generation that no rebuild reaches.
_NEVER = 10**9


class CollectWhenIdle:
    def __init__(self, idle_seconds: float = IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self._thresholds: tuple[int, int, int] | None = None  # Python's, while deferred
        self._timer: threading.Timer | None = None
        # The timer runs in a thread of its own; a rebuild may start meanwhile.
        self._lock = threading.Lock()

    def build_starts(self) -> None:
        with self._lock:
            self._cancel()
            if self._thresholds is None:
                self._thresholds = gc.get_threshold()
                young, middle, _ = self._thresholds
                gc.set_threshold(young, middle, _NEVER)

    def build_ends(self) -> None:
        """Collect, and give Python its schedule back, once the author's browser has
        had its reload."""
        with self._lock:
            self._cancel()
            if self._thresholds is None:
                return  # nothing was put off
            self._timer = threading.Timer(self.idle_seconds, self._collect_when_idle)
            self._timer.daemon = True
            self._timer.start()

    def stop(self) -> None:
        """Python's own collection schedule again, at once (the preview has ended)."""
        with self._lock:
            self._cancel()
            self._resume()

    def _collect_when_idle(self) -> None:
        with self._lock:
            if self._timer is not threading.current_thread():
                return  # a rebuild started while this timer was firing: it cancelled it
            self._timer = None
            gc.collect()
            self._resume()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _resume(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
