"""Reading the days people type: "today", "yesterday", "mon", "2026-01-13", "13 jan"."""

from __future__ import annotations

from datetime import date, timedelta

from ecouch_tui.store.records import as_day

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
HELP = "write a day like 'today', 'yesterday', 'mon' or 2026-01-13"
#: Days further from today than this are refused: no one logs or plans them, and a day
#: near the calendar's ends (0001-01-01) breaks every sum of days made from it.
YEARS_AROUND = 10


def parse_day(text: str, today: date, *, future: bool = False) -> date:
    """The day meant by `text`; weekday names mean the last one (or next, if `future`).

    Raises ValueError with a message for the person typing.
    """
    day = _parse_day(text, today, future=future)
    if abs((day - today).days) > YEARS_AROUND * 366 or as_day(day.isoformat()) is None:
        raise ValueError(f"{day.isoformat()} is more than {YEARS_AROUND} years from today; {HELP}")
    return day


def _parse_day(text: str, today: date, *, future: bool) -> date:
    words = text.strip().lower()
    if words in ("", "today", "now"):
        return today
    if words == "yesterday":
        return today - timedelta(days=1)
    if words == "tomorrow":
        return today + timedelta(days=1)
    if words[:3] in WEEKDAYS and words.isalpha():
        target = WEEKDAYS.index(words[:3])
        if future:
            return today + timedelta(days=(target - today.weekday()) % 7 or 7)
        return today - timedelta(days=(today.weekday() - target) % 7)
    try:
        return date.fromisoformat(words)
    except ValueError:
        pass
    parts = words.replace(",", " ").split()
    if len(parts) == 2 and parts[0].isdigit() and parts[1][:3] in MONTHS:
        try:
            day = date(today.year, MONTHS.index(parts[1][:3]) + 1, int(parts[0]))
        except ValueError:
            raise ValueError(f"there is no {text.strip()}; {HELP}") from None
        if not future and day > today:
            day = day.replace(year=today.year - 1)
        return day
    raise ValueError(f"'{text.strip()}' is not a day ecouch understands; {HELP}")
