"""The crisis lines in words, for F1, the safety screen and `ecouch checkin` alike.

The sentences follow what a region's entries are: "call one of these lines" only when
there are lines to call, "this line" when there is one, and a website is to be visited,
not called. "Somewhere else" is a choice on a list, not a place, so it is never named in
a heading. Plain text, no Textual: the shell command must start fast.
"""

from __future__ import annotations

import re

from ecouch_tui.content.crisis import CrisisLine, Region

#: The code of the international entry (see content/crisis.py).
ELSEWHERE = "other"

NO_REGION = (
    "If you are in danger now, call your local emergency number.\n"
    "findahelpline.com lists crisis services country by country."
)

#: "call 13 11 14", "text SHOUT to 85258", "116 123": a number to call or text. Not a
#: number anywhere in the text: "findahelpline.com lists …" is a website's description.
_PHONE = re.compile(r"^\s*((call|text|phone|ring)\b|\+?\d)", re.IGNORECASE)
_TEXTS = re.compile(r"\btext\b", re.IGNORECASE)


def is_phone(line: CrisisLine) -> bool:
    """A number to call or text (not a website or a directory)."""
    return bool(_PHONE.search(line.contact))


def danger_line(region: Region) -> str:
    return f"If you are in danger now, call {region.emergency}."


def lines_heading(region: Region) -> str:
    """'Talk to someone now (Australia):'; no place named for 'Somewhere else'."""
    where = "" if region.code == ELSEWHERE else f" ({region.name})"
    return f"Talk to someone now{where}:"


def entry_text(line: CrisisLine) -> str:
    """What follows the line's name: how to reach it, and its note."""
    return f"{line.contact} ({line.note})" if line.note else line.contact


def reach_out(region: Region) -> str:
    """How to use the entries shown: 'call one of these lines', 'call or text this line',
    'use the website above to find a line near you'."""
    entries = region.lines
    phones = [line for line in entries if is_phone(line)]
    if phones and len(phones) == len(entries):
        verb = "call or text" if any(_TEXTS.search(p.contact) for p in phones) else "call"
        return f"{verb} {'this line' if len(entries) == 1 else 'one of these lines'}"
    if not phones and len(entries) == 1:
        return "use the website above to find a line near you"
    return "contact one of the services above"


def act_now(region: Region | None) -> str:
    """The sentence for someone who might act on thoughts of harming themselves."""
    if region is None:
        return (
            "If you might act on thoughts of harming yourself, please call your local "
            "emergency number now."
        )
    return (
        "If you might act on thoughts of harming yourself, please call "
        f"{region.emergency} now, or {reach_out(region)}."
    )


def crisis_lines(region: Region | None) -> str:
    """The region's crisis lines and emergency number, as plain text (bulleted)."""
    if region is None:
        return NO_REGION
    lines = [danger_line(region), "", lines_heading(region)]
    lines += [f"  • {line.name}: {entry_text(line)}" for line in region.lines]
    return "\n".join(lines)


def safety_advice(region: Region | None) -> str:
    """After the lines on the safety screen: today, a doctor or a line; now, if at risk."""
    if region is None:
        return (
            "Please contact your doctor (GP) today. If you might act on thoughts of harming "
            "yourself, call your local emergency number now."
        )
    now = f"If you might act on thoughts of harming yourself, call {region.emergency} now."
    if all(is_phone(line) for line in region.lines):
        these = "this line" if len(region.lines) == 1 else "one of these lines"
        return f"Please contact your doctor (GP) or {these} today. {now}"
    return f"Please contact your doctor (GP) today, or {reach_out(region)}. {now}"
