"""make serve's rebuilds run without Python's full collections, and the garbage
they leave is still freed, a moment after each rebuild."""

from __future__ import annotations

import gc
import time
import weakref

from blog_extras.speed.collector import CollectWhenIdle
from tests.waiting import eventually


class Cycle:
    """Garbage only a collection frees: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


def test_a_rebuild_runs_no_full_collection_and_its_garbage_is_freed_after():
    before = gc.get_threshold()
    collector = CollectWhenIdle(idle_seconds=0.2)
    full = []

    def count_full(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(info)

    gc.callbacks.append(count_full)
    try:
        collector.build_starts()
        # What a rebuild does: make and drop a great many objects with cycles.
        for _ in range(300_000):
            Cycle()
        left = Cycle()
        gone = weakref.ref(left)
        del left
        assert full == []  # Python alone would have run several by now
        assert gone() is not None
        collector.build_ends()
        assert eventually(lambda: gone() is None)  # freed once the rebuild is over
        assert len(full) == 1
    finally:
        gc.callbacks.remove(count_full)
        collector.stop()
    assert gc.get_threshold() == before


def test_the_next_rebuild_cancels_the_waiting_collection():
    collector = CollectWhenIdle(idle_seconds=0.3)
    try:
        collector.build_starts()
        left = Cycle()
        gone = weakref.ref(left)
        del left
        collector.build_ends()
        collector.build_starts()  # the author saved again at once
        time.sleep(0.6)
        assert gone() is not None  # nothing ran in the middle of that rebuild
        collector.build_ends()
        assert eventually(lambda: gone() is None)
    finally:
        collector.stop()


def test_the_idle_collection_gives_python_its_own_schedule_back():
    # No rebuild with the collector follows (`- blog-speed` was taken out of
    # mkdocs.yml): Python's full collections must not stay off.
    before = gc.get_threshold()
    collector = CollectWhenIdle(idle_seconds=0.1)
    try:
        collector.build_starts()
        assert gc.get_threshold() != before
        collector.build_ends()
        assert eventually(lambda: gc.get_threshold() == before)
    finally:
        collector.stop()
