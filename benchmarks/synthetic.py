"""Synthetic blogs for the benchmark: N posts of about 600 words, deterministic."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

_TEXT = (
    "movie family father daughter prison cell miracle laugh cry love story quarantine city "
    "street corner pandemic certain uncertain hope fear day night rain sun coffee friend "
    "letter home window road train book music song memory summer winter river mountain "
    "garden market voice silence morning evening light shadow island ocean bridge"
)
WORDS = tuple(_TEXT.split(" "))
CATEGORIES = ["Movies", "Reflections"]


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def write_blog(root: Path, posts: int, seed: int = 7) -> Path:
    """Write docs/ with `posts` posts below root; returns the docs folder."""
    rng = random.Random(seed)
    docs = root / "docs"
    post_dir = docs / "blog" / "posts"
    post_dir.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Blog\n", encoding="utf-8")
    start = date(2015, 1, 1)
    for number in range(posts):
        day = start + timedelta(days=number % 3000)
        body = [paragraph(rng, 60), "<!-- more -->"]
        body += [f"## Part {part}\n\n" + paragraph(rng, 90) for part in range(1, 7)]
        front = (
            f"---\ntitle: Post number {number}\nslug: post-number-{number}\n"
            f"date: {day.isoformat()}\n"
            f"categories: [{CATEGORIES[number % 2]}]\nviews: {number * 3}\n---\n\n"
        )
        (post_dir / f"post-number-{number}.md").write_text(
            front + "\n\n".join(body) + "\n", encoding="utf-8"
        )
    return docs
