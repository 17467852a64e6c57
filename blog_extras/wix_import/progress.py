"""The progress of a whole-blog import, on stderr, so that stdout keeps the report.

On a terminal, a tqdm bar per stage (posts done, total, rate, time left), and the
report's lines are printed above it. Anywhere else (a CI log, a file) a bar's
carriage returns would make a mess: plain lines instead, one at each tenth of a
stage (and at most one every few seconds for long stages), with the time left.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from tqdm import tqdm

PLAIN_EVERY_SECONDS = 5.0


class Progress:
    def __init__(self, stream: TextIO | None = None, out: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.out = out or sys.stdout
        self.terminal = self.stream.isatty()
        self._bar: tqdm | None = None

    def say(self, line: str) -> None:
        """A line of the report, on stdout, above the bar when there is one."""
        if self._bar is not None:
            tqdm.write(line, file=self.out)
        else:
            print(line, file=self.out, flush=True)

    def stage(self, name: str, total: int) -> Callable[[], None]:
        """Start a stage of ``total`` posts; the function to call as each is done."""
        self.close()
        if self.terminal:
            bar = tqdm(total=total, desc=name, unit="post", file=self.stream, leave=True)
            self._bar = bar

            def advance() -> None:
                bar.update(1)

            return advance
        started, done, shown = time.monotonic(), 0, [0.0]
        tenth = max(1, total // 10)

        def step() -> None:
            nonlocal done
            done += 1
            now = time.monotonic()
            if done != total and (done % tenth or now - shown[0] < PLAIN_EVERY_SECONDS):
                return
            shown[0] = now
            elapsed = now - started
            left = elapsed / done * (total - done)
            print(
                f"{name}: {done}/{total} posts, {elapsed:.0f} s so far, about {left:.0f} s left",
                file=self.stream,
                flush=True,
            )

        if total:
            print(f"{name}: 0/{total} posts", file=self.stream, flush=True)
        return step

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
