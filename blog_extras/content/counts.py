"""Wording of the view and comment counts shown beside each post."""

from __future__ import annotations


def count_phrase(count: int, singular: str, plural: str) -> str:
    """``1 view``, ``43 views``, ``1,234 views``: thousands grouped as on the old Wix page."""
    noun = singular if count == 1 else plural
    return f"{count:,} {noun}"


def views_phrase(count: int) -> str:
    return count_phrase(count, "view", "views")


def comments_phrase(count: int) -> str:
    return count_phrase(count, "comment", "comments")
