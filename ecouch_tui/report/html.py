"""The report page: one self-contained HTML file, made to be printed on A4 and read by a GP.

Self-contained means no scripts, no fonts, images or styles from anywhere else, and no
web address at all (not even in an attribute): it opens the same on any machine,
offline, years from now. Layout is for paper first: A4 margins, system fonts, pale
fills that hold up in greyscale, numbers always written out, and charts and tables
kept whole across page breaks.

The page speaks in the person's voice ("my check-ins"), because they are the one
handing it over; the plans it quotes are already written that way.
"""

from __future__ import annotations

from datetime import date
from html import escape

from ecouch_tui.course.mood import one_decimal, score_range
from ecouch_tui.report import svg
from ecouch_tui.report.model import InstrumentReport, MoodReport, Report, WrittenPlan

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


# -- the page ------------------------------------------------------------------------------


def render(report: Report) -> str:
    """The whole page as one string (UTF-8 when written)."""
    period = span_words(report.period.start, report.period.end)
    body = "".join(
        (
            _header(report),
            _glance(report),
            # The weekly check-in and daily mood first, one chart above the other with the
            # same dates; then any other questionnaire.
            "".join(_instrument(report, i) for i in report.instruments[:1]),
            _mood(report),
            "".join(_instrument(report, i) for i in report.instruments[1:]),
            _meaning(report),
            _weeks(report),
            _safety(report),
            "".join(_plan(plan) for plan in report.plans),
            _footer(report),
        )
    )
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
        "on my own computer. This page sums up what I recorded in it during the period "
        "below: my weekly check-in questionnaires, my daily mood, the course weeks I "
        "finished and the plans I wrote. It is a self-help record, not a clinical record "
        "or a diagnosis; every score comes from questions I answered myself."
        "</p>"
        f'<dl class="facts">{rows}</dl>'
        '<p class="fill-in"><span>Name</span><span class="line"></span>'
        '<span>Date of birth</span><span class="line short"></span></p>'
        "</header>"
    )


def _lower_first(text: str) -> str:
    """'A twelve-week course' -> 'a twelve-week course', but 'PHQ-9' stays."""
    if len(text) > 1 and (text[1].islower() or text[1] == " "):
        return text[:1].lower() + text[1:]
    return text


def _glance(report: Report) -> str:
    items: list[str] = []
    for instrument in report.instruments:
        rows = instrument.rows
        first, last = rows[0], rows[-1]
        count = f"{len(rows)} check-in{'s' if len(rows) != 1 else ''}"
        if len(rows) == 1:
            text = f"{last.total} ({last.band}) on {table_day(last.day)}; {count}."
        else:
            text = (
                f"{first.total} ({first.band}) on {svg.day_month(first.day)}, "
                f"latest {last.total} ({last.band}) on {svg.day_month(last.day)}; {count}."
            )
        items.append(f"<li><b>{escape(instrument.name)}:</b> {escape(text)}</li>")
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
    if report.safety:
        days = sorted({s.day for s in report.safety})
        text = f"shown {times(len(report.safety))} ({', '.join(map(svg.day_month, days))})."
    else:
        text = "not shown in this period."
    items.append(f"<li><b>Help screen:</b> {escape(text)}</li>")
    return f'<section class="glance box"><h2>At a glance</h2><ul>{"".join(items)}</ul></section>'


# -- check-ins -----------------------------------------------------------------------------


def _instrument(report: Report, instrument: InstrumentReport) -> str:
    """One questionnaire: what it asks, the chart on its bands, the table, its citation."""
    about = ""
    if instrument.stem:
        about = _p(
            f"{instrument.title}. It asks: “{instrument.stem}” Totals run from "
            f"{instrument.lowest} to {instrument.highest}; higher means more symptoms."
        )
    caption = (
        f"{instrument.name} totals over time. The shaded areas are the published bands"
        + (f" ({instrument.bands_source})" if instrument.bands_source else "")
        + ", named on the right; each total is written beside its point."
        if instrument.bands
        else f"{instrument.name} totals over time, each written beside its point."
    )
    figure = (
        '<figure class="chart">'
        f"{svg.checkin_chart(instrument, report.period)}"
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )
    cite = ""
    if instrument.source or instrument.notice:
        cite = _p(" ".join(x for x in (instrument.source, instrument.notice) if x), "cite")
    table, notes = _checkin_table(instrument)
    return (
        f'<section class="instrument" id="{escape(instrument.id)}">'
        f'<div class="keep"><h2>My check-ins: {escape(instrument.name)}</h2>{about}{figure}</div>'
        f'{table}<div class="table-notes">{notes}{cite}</div></section>'
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
            f"<td>{escape(row.band)}</td>",
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


def _mood(report: Report) -> str:
    mood: MoodReport | None = report.mood
    if mood is None:
        return (
            '<section class="mood"><h2>My daily mood</h2>'
            + _p("No mood was logged in this period.")
            + "</section>"
        )
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
        '<section class="mood"><div class="keep"><h2>My daily mood</h2>'
        + _p(
            "Each day I logged my mood from 0 (very low) to 10 (very good). Days I did not "
            "log are left as gaps, not counted as low days."
        )
        + '<figure class="chart">'
        + svg.mood_chart(mood, report.period)
        + f"<figcaption>{escape(_mood_caption(report))}</figcaption>"
        + "</figure>"
        + f'<dl class="facts mood-facts">{facts_html}</dl></div>'
        + (
            f'<div class="weekly"><h3>Weekly averages (week starting)</h3>'
            f'<ol class="weeks">{cells}</ol></div>'
            if weeks
            else ""
        )
        + "</section>"
    )


def _mood_caption(report: Report) -> str:
    if svg.mood_is_dense(report.period):
        return (
            "Daily mood (points) and the average of each Monday-to-Sunday week (the dark "
            "line); the weekly numbers are listed below."
        )
    return (
        "Daily mood (points, joined where days follow one another) and the average of each "
        "Monday-to-Sunday week (bars; the number above each week)."
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


def _safety(report: Report) -> str:
    rules = list(report.safety_rules)
    when = f"shows {any_of(rules)}" if rules else "meets one of its safety rules"
    intro = (
        "The course pauses and shows a help screen, with crisis lines and a suggestion to "
        f"contact my GP, when a check-in {when}."
    )
    if not report.safety:
        return (
            '<section class="safety"><h2>Times the help screen was shown</h2>'
            + _p(intro + " It was not shown in this period.")
            + "</section>"
        )
    rows = "".join(
        f"<tr><td>{escape(table_day(s.day))}</td><td>{escape(_sentence(s.reason))}</td>"
        f"<td>{escape(_sentence(s.detail) or '–')}</td></tr>"
        for s in report.safety
    )
    return (
        '<section class="safety"><h2>Times the help screen was shown</h2>'
        + _p(intro + f" It was shown {times(len(report.safety))} in this period:")
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
.lead { font-size: 10.5pt; max-width: 44em; }
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
