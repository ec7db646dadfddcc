"""The report page: one self-contained HTML file, made to be printed on A4 and read by a GP.

Self-contained means no scripts, no fonts, images or styles from anywhere else, and no
web address at all (not even in an attribute): it opens the same on any machine,
offline, years from now. Layout is for paper first: A4 margins, system fonts, pale
fills that hold up in greyscale, numbers always written out, and charts and tables
kept whole across page breaks.

Page 1 is the summary a GP reads in a minute, whole on one sheet however much was
recorded: at a glance, the help screen, the weekly check-in and daily mood charts. Its
lists are cut short with a count (the MOST_ constants) and its charts give up height
to the text above them when they must. The details follow from page 2 (see
tests/test_report_pages.py, which prints the page with Chromium).

The page speaks in the person's voice ("my check-ins"), because they are the one
handing it over; the plans it quotes are already written that way.
"""

from __future__ import annotations

from datetime import date
from html import escape

from ecouch_tui.course.mood import one_decimal, score_range
from ecouch_tui.report import svg
from ecouch_tui.report.model import (
    CheckinRow,
    InstrumentReport,
    MoodReport,
    OutcomeCell,
    OutcomeReport,
    Report,
    WrittenPlan,
)

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NO_MOOD = "No mood was logged in this period."
#: Page 1 is the whole summary on one A4 sheet, however much was recorded: past these
#: many, lists on it are cut short with a count, and the rest are in the details.
#: Days listed for one reason the help screen was shown (more: a count and a span).
MOST_DAYS_LISTED = 8
#: Lines for questionnaires in "At a glance" (the weekly one first), "and N more" included.
MOST_QUESTIONNAIRES_LISTED = 3
#: Lines for the reasons the help screen was shown, "and N more" included.
MOST_REASONS_LISTED = 3
#: Safety rules named when the help screen was not shown.
MOST_RULES_NAMED = 4
#: Characters of a reason or rule quoted on page 1 (all of it is in the details).
LONGEST_QUOTE = 90
#: Where the details start, in the words page 1 uses for what it leaves out.
IN_THE_DETAILS = "in the details from page 2"


def long_day(day: date) -> str:
    """'5 January 2026' (English months whatever the machine's locale)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def table_day(day: date) -> str:
    """'Mon 5 Jan 2026': the weekday helps people remember the day."""
    return f"{WEEKDAYS[day.weekday()]} {svg.day_month(day)} {day.year}"


def span_words(start: date, end: date) -> str:
    """'5 January to 23 March 2026' (the year once when both share it)."""
    if start == end:
        return long_day(start)
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} to {long_day(end)}"
    return f"{long_day(start)} to {long_day(end)}"


def change_words(change: int | None) -> str:
    if change is None:
        return "–"
    if change == 0:
        return "no change"
    return f"+{change}" if change > 0 else f"−{-change}"


def any_of(items: list[str]) -> str:
    """'a', 'a or b', 'a, b, or c'."""
    if len(items) <= 2:
        return " or ".join(items)
    return ", ".join(items[:-1]) + ", or " + items[-1]


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _p(text: str, css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return f"<p{attr}>{escape(text)}</p>"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clip(text: str, most: int = LONGEST_QUOTE) -> str:
    """`text`, or its first words up to `most` characters and an ellipsis."""
    if len(text) <= most:
        return text
    return text[: most - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _more(count: int, what: str) -> str:
    """'and 1 more questionnaire, in the details from page 2'."""
    return f"and {count} more {what}{'s' if count != 1 else ''}, {IN_THE_DETAILS}"


# -- the page ------------------------------------------------------------------------------


def render(report: Report) -> str:
    """The whole page as one string (UTF-8 when written)."""
    period = span_words(report.period.start, report.period.end)
    summary = "".join(
        (
            _header(report),
            _glance(report),
            _safety_summary(report),
            # The weekly check-in and daily mood, one chart above the other with the same
            # dates: what a GP reads in a minute.
            "".join(_checkin_chart(report, i) for i in report.instruments[:1]),
            _mood_chart(report),
            _next(report),
        )
    )
    detail = "".join(
        (
            '<header class="part"><h2>The details</h2></header>',
            "".join(_checkin_details(i) for i in report.instruments[:1]),
            "".join(_outcome(o) for o in report.outcomes),
            _mood_details(report),
            "".join(_instrument(report, i) for i in report.instruments[1:]),
            _meaning(report),
            _weeks(report),
            _safety(report),
            "".join(_plan(plan) for plan in report.plans),
            _footer(report),
        )
    )
    body = f'<section class="summary">{summary}</section><div class="detail">{detail}</div>'
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(report.course_title)} summary, {escape(period)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _header(report: Report) -> str:
    what = report.course_subtitle or "a self-help course for low mood"
    facts = [
        ("Period covered", span_words(report.period.start, report.period.end)),
        ("Made on", long_day(report.made_on)),
    ]
    if report.started_on is not None:
        facts.append(("Started the course", long_day(report.started_on)))
    if report.weeks_total:
        label = "Weeks done"
        if report.period.end < report.made_on:
            label += f" by {svg.day_month(report.period.end)}"
        facts.append((label, f"{report.weeks_done_by_end} of {report.weeks_total}"))
    rows = "".join(f"<div><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>" for k, v in facts)
    return (
        '<header class="top">'
        f'<p class="eyebrow">{escape(report.course_title)} · {escape(what)}</p>'
        "<h1>My self-help course: a summary for my GP</h1>"
        '<p class="lead">'
        f"I have been using {escape(report.course_title)}, {escape(_lower_first(what))}, "
        "on my own computer. This is a self-help record, not a clinical record or a "
        "diagnosis: I answered every question myself."
        "</p>"
        f'<dl class="facts">{rows}</dl>'
        '<p class="fill-in"><span>Name</span><span class="line"></span>'
        '<span>Date of birth</span><span class="line short"></span></p>'
        "</header>"
    )


def _next(report: Report) -> str:
    """The last line of page 1: what the details after it hold."""
    parts = []
    if report.instruments:
        parts.append("every check-in")
    if report.mood is not None:
        parts.append("my mood week by week")
    if report.instruments or report.mood is not None:
        parts.append("what the numbers mean")
    if report.weeks_total or report.weeks_done:
        parts.append("the course weeks I finished")
    if report.safety or len(report.safety_rules) > MOST_RULES_NAMED:
        parts.append("each time the help screen was shown")
    parts += [_lower_first(plan.title) for plan in report.plans]
    if not parts:
        return ""
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return _p(f"The details follow from page 2: {listed}.", "next")


def _lower_first(text: str) -> str:
    """'A twelve-week course' -> 'a twelve-week course', but 'PHQ-9' stays."""
    if len(text) > 1 and (text[1].islower() or text[1] == " "):
        return text[:1].lower() + text[1:]
    return text


def _glance(report: Report) -> str:
    items: list[str] = []
    listed = report.instruments
    if len(listed) > MOST_QUESTIONNAIRES_LISTED:
        listed = listed[: MOST_QUESTIONNAIRES_LISTED - 1]
    for instrument in listed:
        rows = instrument.rows
        first, last = rows[0], rows[-1]
        count = f"{len(rows)} check-in{'s' if len(rows) != 1 else ''}"
        # An answer that fired its rule (PHQ-9 question 9 above 0) comes before any band.
        flagged = [row for row in rows if row.fired]
        first_words = ""
        if flagged:
            above = {item.number: item.above for item in instrument.watched}
            asked = " and ".join(f"question {n} above {above.get(n, 0)}" for n in flagged[-1].fired)
            times = f"{len(flagged)} check-in{'s' if len(flagged) != 1 else ''}"
            first_words = (
                f"{_sentence(asked)} on {times}, the latest on "
                f"{svg.day_month(flagged[-1].day)}, as the table in the details shows. "
            )
        if len(rows) == 1:
            text = f"{last.total} ({last.band}) on {table_day(last.day)}; {count}."
        else:
            text = (
                f"{first.total} ({first.band}) on {svg.day_month(first.day)}, "
                f"latest {last.total} ({last.band}) on {svg.day_month(last.day)}; {count}."
            )
        text = first_words + text
        items.append(f"<li><b>{escape(instrument.name)}:</b> {escape(text)}</li>")
    left_out = len(report.instruments) - len(listed)
    if left_out:
        items.append(f"<li>{escape(_sentence(_more(left_out, 'questionnaire')))}.</li>")
    if report.mood is not None:
        numbers = report.mood.numbers
        text = (
            f"average {svg.average(numbers.average)} out of 10, range "
            f"{score_range(numbers.low, numbers.high)}, on {numbers.count} of "
            f"{numbers.total} days logged."
        )
        weeks = [w for w in report.mood.weeks if w.average is not None]
        if len(weeks) > 1:
            text += (
                f" Weekly average {svg.average(weeks[0].average)} in the first week, "
                f"{svg.average(weeks[-1].average)} in the latest."
            )
        items.append(f"<li><b>Daily mood:</b> {escape(text)}</li>")
    if report.weeks_total:
        finished = len(report.weeks_done)
        text = f"{finished} week{'s' if finished != 1 else ''} finished in this period"
        text += f" ({report.weeks_done_by_end} of {report.weeks_total} in all)."
        items.append(f"<li><b>Course:</b> {escape(text)}</li>")
    return f'<section class="glance box"><h2>At a glance</h2><ul>{"".join(items)}</ul></section>'


# -- check-ins -----------------------------------------------------------------------------


def _checkin_chart(report: Report, instrument: InstrumentReport, *, full: bool = False) -> str:
    """A questionnaire's heading, what it measures, and its chart on the bands.

    The full section (for the questionnaires after the weekly one) also quotes what it
    asks; the weekly one's question is quoted in the details.
    """
    what = f"{instrument.lowest} to {instrument.highest}, higher means more symptoms"
    bands = ""
    if instrument.bands:
        source = f" ({instrument.bands_source})" if instrument.bands_source else ""
        bands = f", on its published bands{source}"
    about = ""
    if full and instrument.stem:
        about = _p(f"{instrument.title}. It asks: “{instrument.stem}”")
    caption = f"{instrument.name} totals ({what}){bands}."
    return (
        f'<div class="keep checkin-chart" id="{escape(instrument.id)}">'
        f"<h2>My check-ins: {escape(instrument.name)}</h2>{about}"
        '<figure class="chart">'
        f"{svg.checkin_chart(instrument, report.period)}"
        f"<figcaption>{escape(caption)}</figcaption></figure></div>"
    )


def _checkin_details(instrument: InstrumentReport, *, heading: bool = True) -> str:
    """Every check-in of one questionnaire as a table, with its notes and citation."""
    cite = ""
    if instrument.source or instrument.notice:
        cite = _p(" ".join(x for x in (instrument.source, instrument.notice) if x), "cite")
    table, notes = _checkin_table(instrument)
    asks = ""
    if heading and instrument.stem:
        asks = _p(f"It asks: “{instrument.stem}”")
    title = f"<h2>Every {escape(instrument.name)} check-in</h2>{asks}" if heading else ""
    return (
        f'<section class="instrument-table">{title}'
        f'{table}<div class="table-notes">{notes}{cite}</div></section>'
    )


def _outcome(outcome: OutcomeReport) -> str:
    """An outcome questionnaire side by side, as a trial reports it: the start, the end of
    the course and each follow-up in columns, and the change from the start."""
    head = "".join(f'<th scope="col" class="num">{escape(c.label)}</th>' for c in outcome.cells)

    def cell(c: OutcomeCell, what: str) -> str:
        if c.total is None:
            if what != "day":
                return '<td class="num">–</td>'
            if c.status in ("due", "upcoming") and c.due_on is not None:
                return f'<td class="num">due {escape(table_day(c.due_on))}</td>'
            words = {"skipped": "skipped", "missed": "not taken", "waiting": "after the course"}
            return f'<td class="num">{escape(words.get(c.status, c.status))}</td>'
        if what == "day":
            return f'<td class="num">{escape(table_day(c.day)) if c.day else ""}</td>'
        if what == "total":
            return f'<td class="num"><b>{c.total}</b></td>'
        return f'<td class="num">{escape(c.band)}</td>'

    rows = "".join(
        f'<tr><th scope="row">{name}</th>{"".join(cell(c, what) for c in outcome.cells)}</tr>'
        for name, what in (("Date", "day"), ("Total", "total"), ("Band", "band"))
    )
    taken = [c for c in outcome.cells if c.total is not None]
    change = ""
    if len(taken) > 1 and outcome.cells[0].total is not None:
        first, last = taken[0], taken[-1]
        assert first.total is not None and last.total is not None
        moved = last.total - first.total
        amount = f"{change_words(moved)} points" if moved else "no change"
        change = _p(
            f"{first.label}: {first.total}; {last.label.lower()}: {last.total} ({amount}).",
            "note",
        )
    return (
        f'<section class="outcomes keep"><h2>{escape(outcome.name)}: start, end of the course '
        "and follow-ups</h2>"
        + _p(
            "My totals on the course's outcome questionnaire side by side, as a trial "
            "reports them: at the start, at the end of the course and at each follow-up."
        )
        + f'<table class="scores"><thead><tr><td></td>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>{change}</section>"
    )


def _instrument(report: Report, instrument: InstrumentReport) -> str:
    """A questionnaire after the weekly one, whole: what it asks, its chart, the table."""
    return (
        f'<section class="instrument">{_checkin_chart(report, instrument, full=True)}'
        f"{_checkin_details(instrument, heading=False)}</section>"
    )


def _checkin_table(instrument: InstrumentReport) -> tuple[str, str]:
    """The table of check-ins, and the notes that explain its columns."""
    difficulty = any(row.difficulty for row in instrument.rows)
    head = ["Date", "Total", "Band", "Change"]
    head += [f"Q{item.number}†" for item in instrument.watched]
    if difficulty:
        head.append("How difficult‡")
    numeric = {"Total", "Change"}
    cells = "".join(
        f'<th{" class=num" if h in numeric else ""} scope="col">{escape(h)}</th>' for h in head
    )
    body: list[str] = []
    for row in instrument.rows:
        line = [
            f"<td>{escape(table_day(row.day))}</td>",
            f'<td class="num"><b>{row.total}</b></td>',
            f"<td>{escape(_band_cell(instrument, row))}</td>",
            f'<td class="num">{escape(change_words(row.change))}</td>',
        ]
        line += [f"<td>{escape(answer)}</td>" for answer in row.watched]
        if difficulty:
            line.append(f"<td>{escape(row.difficulty or '–')}</td>")
        body.append(f"<tr>{''.join(line)}</tr>")
    scale = f" (answers {instrument.answer_scale})" if instrument.answer_scale else ""
    notes = [f"† Question {item.number}: “{item.text}”{scale}." for item in instrument.watched]
    if difficulty:
        notes.append(f"‡ {instrument.difficulty_question} (optional, not scored)")
    notes.insert(0, "Change: points up (+) or down (−) since the check-in before.")
    return (
        f'<table class="scores"><thead><tr>{cells}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>",
        "".join(_p(note, "note") for note in notes),
    )


def _band_cell(instrument: InstrumentReport, row: CheckinRow) -> str:
    """The band, after the question that fired its rule (never the band alone then)."""
    if not row.fired:
        return row.band
    above = {item.number: item.above for item in instrument.watched}
    fired = " and ".join(f"Q{n} above {above.get(n, 0)}" for n in row.fired)
    return f"{fired} · {row.band}"


def _meaning(report: Report) -> str:
    """The bands in words: the published ranges, and what ecouch says about each."""
    if not report.instruments and report.mood is None:
        return ""
    parts = [
        '<section class="meaning box"><h2>What the numbers mean</h2>',
        _p(
            (
                "These are screening questionnaires answered at home: they describe how I "
                "said I felt, and are not a diagnosis. Each total falls in a published band; "
                "beside each band is what ecouch told me when my result was in it. "
                if report.instruments
                else ""
            )
            + "Daily mood is my own rating from 0 (very low) to 10 (very good), not a "
            "validated measure.",
            "intro",
        ),
    ]
    for instrument in report.instruments:
        if not instrument.bands:
            continue
        rows = "".join(
            f'<tr><td class="num">{escape(b.range_text)}</td><td><b>{escape(b.name)}</b></td>'
            f"<td>{escape(b.meaning)}</td></tr>"
            for b in instrument.bands
        )
        source = f" (bands: {instrument.bands_source})" if instrument.bands_source else ""
        parts.append(
            f"<h3>{escape(instrument.name)}{escape(source)}</h3>"
            '<table class="bands"><thead><tr><th class="num" scope="col">Total</th>'
            '<th scope="col">Band</th><th scope="col">What ecouch told me with this result'
            f"</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    parts.append("</section>")
    return "".join(parts)


# -- mood ----------------------------------------------------------------------------------


def _mood_chart(report: Report) -> str:
    """Daily mood on the summary page: the chart, or a calm word that nothing was logged."""
    mood: MoodReport | None = report.mood
    if mood is None:
        return '<div class="mood"><h2>My daily mood</h2>' + _p(NO_MOOD) + "</div>"
    return (
        '<div class="keep mood"><h2>My daily mood</h2><figure class="chart">'
        + svg.mood_chart(mood, report.period)
        + f"<figcaption>{escape(_mood_caption(report))}</figcaption>"
        + "</figure></div>"
    )


def _mood_details(report: Report) -> str:
    """The mood numbers in words, and each week's average, for the details pages."""
    mood: MoodReport | None = report.mood
    if mood is None:
        return ""
    numbers = mood.numbers
    facts = [
        (
            "Latest",
            f"{one_decimal(numbers.latest or 0)} on {table_day(numbers.latest_on)}"
            if numbers.latest_on
            else "–",
        ),
        ("Average", svg.average(numbers.average)),
        ("Range", score_range(numbers.low, numbers.high)),
        ("Days logged", f"{numbers.count} of {numbers.total}"),
    ]
    facts_html = "".join(f"<div><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>" for k, v in facts)
    weeks = [w for w in mood.weeks if w.average is not None]
    cells = "".join(
        f"<li><span class=wk>{escape(svg.day_month(w.monday))}</span> "
        f"<b>{escape(svg.average(w.average))}</b> "
        f'<span class="days">{w.days} day{"s" if w.days != 1 else ""}</span></li>'
        for w in weeks
    )
    return (
        '<section class="mood-numbers"><h2>My daily mood in numbers</h2>'
        f'<dl class="facts mood-facts">{facts_html}</dl>'
        + (
            f'<div class="weekly"><h3>Weekly averages (week starting)</h3>'
            f'<ol class="weeks">{cells}</ol></div>'
            if weeks
            else ""
        )
        + "</section>"
    )


def _mood_caption(report: Report) -> str:
    week = "the dark line" if svg.mood_is_dense(report.period) else "bars"
    return (
        "Mood each day, 0 (very low) to 10 (very good), and each Monday-to-Sunday week's "
        f"average ({week}); gaps are days not logged."
    )


# -- weeks, safety, plans ------------------------------------------------------------------


def _weeks(report: Report) -> str:
    if not report.weeks_total and not report.weeks_done:
        return ""
    if not report.weeks_done:
        return (
            '<section class="weeks-done"><h2>Course weeks finished</h2>'
            + _p(
                f"No course weeks were finished in this period "
                f"({report.weeks_done_by_end} of {report.weeks_total} finished by its end)."
            )
            + "</section>"
        )
    rows = "".join(
        f'<tr><td class="num">{w.week or "–"}</td><td>{escape(w.title)}</td>'
        f"<td>{escape(table_day(w.finished_on))}</td></tr>"
        for w in report.weeks_done
    )
    return (
        '<section class="weeks-done"><h2>Course weeks finished</h2>'
        + _p(
            f"The course has {report.weeks_total} weekly sessions, one released each week. "
            f"I finished these in this period ({report.weeks_done_by_end} of "
            f"{report.weeks_total} by its end):"
        )
        + '<table class="weeks-table"><thead><tr><th class="num" scope="col">Week</th>'
        '<th scope="col">Topic</th><th scope="col">Finished on</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _safety_intro(report: Report, *, short: bool = False) -> str:
    """What shows the help screen; `short` (page 1) names a few rules, clipped."""
    rules = list(report.safety_rules)
    if short and len(rules) > MOST_RULES_NAMED:
        when = f"meets one of its {len(rules)} safety rules (each is {IN_THE_DETAILS})"
    elif rules:
        when = f"shows {any_of([_clip(r) if short else r for r in rules])}"
    else:
        when = "meets one of its safety rules"
    return (
        f"The course shows a help screen, with crisis lines and advice to contact my GP, "
        f"when a check-in {when}."
    )


def _safety_summary(report: Report) -> str:
    """On page 1: when the help screen was shown and why, one line per reason.

    When it was never shown, the rules say what that means (no answer above 0 on
    PHQ-9 item 9, say); when it was, the reasons do, and the rules wait for the details.
    """
    if not report.safety:
        body = _p(_safety_intro(report, short=True) + " It was not shown in this period.")
    else:
        by_reason: dict[str, list[date]] = {}
        for shown in report.safety:
            days = by_reason.setdefault(_sentence(shown.reason), [])
            if shown.day not in days:
                days.append(shown.day)
        # The reason seen on the most days first; else in the order first seen.
        reasons = sorted(by_reason.items(), key=lambda item: -len(item[1]))
        lines = [
            f"<li><b>{escape(_clip(reason))}:</b> {escape(_days_words(sorted(days)))}</li>"
            for reason, days in reasons
        ]
        if len(lines) > MOST_REASONS_LISTED:
            left_out = len(lines) - MOST_REASONS_LISTED + 1
            lines[MOST_REASONS_LISTED - 1 :] = [
                f"<li>{escape(_sentence(_more(left_out, 'reason')))}.</li>"
            ]
        items = "".join(lines)
        body = (
            _p(
                f"Shown {times(len(report.safety))}, with crisis lines and advice to contact "
                "my GP, after check-ins that showed:"
            )
            + f"<ul>{items}</ul>"
        )
    return (
        '<section class="safety box"><h2>Times the help screen was shown</h2>' + body + "</section>"
    )


def _days_words(days: list[date]) -> str:
    """'6 Jan, 13 Jan', or '12 days from 6 Jan to 27 Mar' when there are many.

    With the year too ('30 Dec 2025, 2 Jan 2026') when the days are not all in one.
    """
    with_year = days[0].year != days[-1].year

    def words(day: date) -> str:
        return f"{svg.day_month(day)} {day.year}" if with_year else svg.day_month(day)

    if len(days) > MOST_DAYS_LISTED:
        return f"{len(days)} days from {words(days[0])} to {words(days[-1])}"
    return ", ".join(map(words, days))


def _safety(report: Report) -> str:
    """Each time the help screen was shown, with its check-in result (details pages)."""
    if not report.safety:
        if len(report.safety_rules) <= MOST_RULES_NAMED:
            return ""  # page 1 has said so, with the rules
        return (
            '<section class="safety-detail"><h2>When the help screen is shown</h2>'
            + _p(_safety_intro(report) + " It was not shown in this period.")
            + "</section>"
        )
    rows = "".join(
        f"<tr><td>{escape(table_day(s.day))}</td><td>{escape(_sentence(s.reason))}</td>"
        f"<td>{escape(_sentence(s.detail) or '–')}</td></tr>"
        for s in report.safety
    )
    return (
        '<section class="safety-detail"><h2>Each time the help screen was shown</h2>'
        + _p(_safety_intro(report))
        + '<table class="safety-table"><thead><tr><th scope="col">Date</th>'
        '<th scope="col">What led to it</th><th scope="col">Check-in result</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _plan(plan: WrittenPlan) -> str:
    saved = f" Last saved on {long_day(plan.updated_on)}." if plan.updated_on else ""
    written = len(plan.sections)
    count = (
        ""
        if written == plan.total_sections
        else f" {written} of {plan.total_sections} sections written."
    )
    parts = [
        f'<div class="plan-part"><h3>{escape(s.title)}</h3><p>{escape(s.text)}</p></div>'
        for s in plan.sections
    ]
    # The heading travels with the first section, never alone at the foot of a page.
    return (
        f'<section class="plan"><div class="keep"><h2>{escape(plan.title)}</h2>'
        + _p(plan.about + saved + count)
        + parts[0]
        + "</div>"
        + "".join(parts[1:])
        + "</section>"
    )


def _footer(report: Report) -> str:
    version = f" {report.ecouch_version}" if report.ecouch_version else ""
    return (
        '<footer class="end">'
        + _p(
            f"Made by {report.course_title}{version} on my own computer on "
            f"{long_day(report.made_on)}. {report.course_title} has no account and no "
            "internet connection: nothing was sent anywhere, and this page exists only "
            "where I saved it."
        )
        + "</footer>"
    )


# -- style ---------------------------------------------------------------------------------

#: System fonts only: every machine has one of these, and nothing is downloaded.
FONTS = (
    '"Segoe UI", "Helvetica Neue", Helvetica, Arial, "Noto Sans", "Liberation Sans", '
    '"DejaVu Sans", sans-serif'
)

CSS = (
    """
@page { size: A4; margin: 15mm 16mm 16mm 16mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font: 8pt FONTS; color: #56616e; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9edf1; color: #1c2a3a; font: 10pt/1.45 FONTS;
  font-variant-numeric: tabular-nums; }
main { max-width: 190mm; margin: 8mm auto; padding: 12mm 14mm; background: #fff; }
@media print { body { background: #fff; } main { max-width: none; margin: 0; padding: 0; } }
h1 { font-size: 19pt; font-weight: 600; line-height: 1.2; margin: 0 0 6pt; }
h2 { font-size: 12.5pt; font-weight: 600; margin: 0 0 6pt; padding-bottom: 2pt;
  border-bottom: 0.75pt solid #b9c4d0; break-after: avoid; }
h3 { font-size: 10pt; font-weight: 600; margin: 8pt 0 3pt; break-after: avoid; }
p { margin: 0 0 6pt; }
section { margin: 0 0 14pt; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 8pt;
  color: #56616e; margin-bottom: 3pt; }
.lead { font-size: 10pt; }
.top { border-bottom: 1.5pt solid #1c2a3a; padding-bottom: 8pt; margin-bottom: 12pt; }
dl { margin: 0; }
.facts { display: flex; flex-wrap: wrap; gap: 4pt 22pt; margin: 8pt 0 4pt; }
.facts dt { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.06em;
  color: #56616e; }
.facts dd { margin: 0; font-weight: 600; }
.fill-in { display: flex; align-items: flex-end; gap: 6pt; margin: 10pt 0 0;
  font-size: 9pt; color: #56616e; }
.fill-in .line { flex: 1; border-bottom: 0.75pt solid #8f9aa6; height: 12pt;
  margin-right: 14pt; }
.fill-in .line.short { flex: 0 0 32mm; margin-right: 0; }
.box { background: #f1f4f7; border-left: 3pt solid #35516e; padding: 8pt 11pt 4pt; }
.box h2 { border-bottom: none; padding-bottom: 0; margin-bottom: 4pt; }
.glance ul { margin: 0 0 4pt; padding-left: 14pt; }
.glance li { margin-bottom: 2pt; }
figure { margin: 4pt 0 6pt; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #56616e; margin-top: 2pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 2pt 0 5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { text-align: left; font-weight: 600; border-bottom: 1pt solid #1c2a3a;
  padding: 2pt 6pt 2pt 0; vertical-align: bottom; }
td { border-bottom: 0.5pt solid #d5dce4; padding: 2.5pt 6pt 2.5pt 0; vertical-align: top; }
.num { text-align: right; padding-right: 12pt; white-space: nowrap; }
.scores td:first-child, .safety-table td:first-child { white-space: nowrap; }
.note, .cite { font-size: 8pt; color: #56616e; margin-bottom: 2pt; }
.cite { margin-top: 4pt; font-style: italic; }
.keep { break-inside: avoid; }
/* The notes under a table go with its last rows, never alone at the top of a page. */
.table-notes { break-inside: avoid; break-before: avoid; }
.weeks-done, .safety { break-inside: avoid; }
/* A long list of times the help screen was shown may run over pages, never from a
   heading left alone at the foot of one. */
.safety-detail > p { break-after: avoid; }
/* Page 1 is the summary, whole on its own; the details start on page 2. */
.summary { break-after: page; }
.summary > .top { padding-bottom: 6pt; margin-bottom: 8pt; }
.summary > section, .summary > div { margin-bottom: 8pt; }
.summary .fill-in { margin-top: 6pt; }
.summary figure { margin-bottom: 2pt; }
.safety ul { margin: 0 0 4pt; padding-left: 14pt; }
.part { border-bottom: 1.5pt solid #1c2a3a; margin-bottom: 12pt; }
.part h2 { border-bottom: none; font-size: 14pt; margin-bottom: 2pt; }
.next { font-size: 9pt; color: #56616e; margin: 4pt 0 0; }
/* On paper page 1 is one A4 sheet tall (the page less its margins, and a little), and
   the two charts give up height when the text above them is long, so it never spills
   onto page 2; the line saying where the details are sits at its foot. */
@media print {
  .summary { height: 264mm; display: flex; flex-direction: column; margin: 0; }
  .summary > * { flex: none; }
  .summary > .keep, .summary figure { flex: 0 1 auto; min-height: 0; display: flex;
    flex-direction: column; }
  .summary figure svg { flex: 0 1 auto; min-height: 0; }
  .summary > .next { margin-top: auto; padding-top: 4pt; }
}
.scores { width: auto; min-width: 62%; }
.scores th, .scores td { padding-right: 16pt; }
.meaning { -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.meaning > h2, .meaning > .intro { break-after: avoid; }
.meaning .intro { font-size: 9pt; }
.meaning table { background: #fff; }
.meaning h3:first-of-type { margin-top: 2pt; }
.bands td:first-child { width: 12%; }
.bands td:nth-child(2) { width: 20%; }
.mood-facts { margin-top: 2pt; }
.weekly { break-inside: avoid; }
.weeks { list-style: none; padding: 0; margin: 0; display: grid;
  grid-template-columns: repeat(6, 1fr); gap: 3pt 6pt; font-size: 9pt; }
.weeks li { border-bottom: 0.5pt solid #d5dce4; padding: 1pt 0; white-space: nowrap; }
.weeks .wk { color: #56616e; display: inline-block; min-width: 3.9em; }
.weeks .days { color: #56616e; font-size: 7.5pt; }
.weeks-table { width: auto; min-width: 75%; }
.weeks-table td, .weeks-table th { padding-right: 18pt; }
.safety-table td:nth-child(2) { width: 58%; }
.plan-part { break-inside: avoid; margin: 0 0 7pt; padding-left: 8pt;
  border-left: 2pt solid #c5d2e0; }
.plan-part h3 { margin: 0; font-size: 9.5pt; }
.plan-part p { margin: 1pt 0 0; white-space: pre-wrap; }
.end { break-before: avoid; margin-top: 16pt; padding-top: 6pt; border-top: 0.75pt solid #b9c4d0;
  font-size: 8.5pt; color: #56616e; break-inside: avoid; }
""".replace("FONTS", FONTS).strip()
    + "\n"
)
