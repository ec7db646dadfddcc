"""A personal safety plan (Stanley & Brown 2012), offered from the safety screen.

Not a course block: the user writes it when a check-in shows they may be at risk, and
can reopen it from the Workbook. Storage shape: one `SafetyPlan` (uid "safety_plan").
"""

from __future__ import annotations

from typing import ClassVar

from ecouch_tui.content.entries import SectionedPlan

KIND = "safety_plan"

SECTIONS: dict[str, str] = {
    "warning_signs": "Warning signs that a crisis may be starting",
    "coping_alone": "Things I can do on my own to take my mind off it",
    "distractions": "People and places that take my mind off things",
    "ask_for_help": "People I can ask for help",
    "professionals": "Professionals and crisis lines I can contact",
    "safe_surroundings": "Making my surroundings safe",
}


class SafetyPlan(SectionedPlan, kw_only=True):
    LABELS: ClassVar[dict[str, str]] = SECTIONS
    warning_signs: str = ""
    coping_alone: str = ""
    distractions: str = ""
    ask_for_help: str = ""
    professionals: str = ""
    safe_surroundings: str = ""
