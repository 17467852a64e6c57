"""Python's full garbage collections kept out of ``make serve``'s rebuilds.

A preview holds a whole blog in memory (a thousand posts are millions of
objects), and every rebuild leaves the last one's pages behind as garbage. Python
then runs a full collection during about every other rebuild, a fifth of a second
of the time from saving a post to seeing it. :class:`CollectWhenIdle` lets the
rebuild run without full collections (the young generations are still collected
as usual) and runs the full collection a few seconds after the rebuild, once the
browser has reloaded, on a timer that the next rebuild cancels. Memory is freed
as before, only later.
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

    def build_starts(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, _NEVER)

    def build_ends(self) -> None:
        """Collect once the author's browser has had its reload."""
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(self.idle_seconds, gc.collect)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        """Python's own collection schedule again (the preview has ended)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
