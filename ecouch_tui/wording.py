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


#: English month abbreviations, so dates read the same whatever the machine's locale.
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_month(day: date) -> str:
    """'7 Dec' (no leading zero)."""
    return f"{day.day} {MONTH_ABBR[day.month - 1]}"


def dated(day: date, today: date) -> str:
    """'Mon 7 Dec', with the year when it is not this one ('Mon 7 Dec 2025')."""
    return short_date(day) if day.year == today.year else f"{short_date(day)} {day.year}"


def relative_day(day: date, today: date) -> str:
    """'today', 'tomorrow', 'yesterday', or '' for other days."""
    return {0: "today", 1: "tomorrow", -1: "yesterday"}.get((day - today).days, "")


def one_line(text: str, limit: int = 60) -> str:
    """Text on one line for lists and summaries, cut at a word with an ellipsis when long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:") + "…"
