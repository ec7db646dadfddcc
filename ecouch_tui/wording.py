"""Dates and counts in the words people use (shared by screens and shell commands)."""

from __future__ import annotations

from datetime import date


def long_date(day: date) -> str:
    """'Monday 7 December' (the year only when it is not this one is left to callers)."""
    return f"{day:%A} {day.day} {day:%B}"


def short_date(day: date) -> str:
    """'Mon 7 Dec'."""
    return f"{day:%a} {day.day} {day:%b}"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"
