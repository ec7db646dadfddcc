"""The crisis lines as F1 and the safety screen show them: the emergency number first.

Each line is a bullet whose wrapped text stays indented under its first word (a Rich
grid, not spaces that a wrap would lose). The words come from `course.crisis_text`, so
the app and `ecouch checkin` say the same; course data is never read as markup.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ecouch_tui.content.crisis import Region
from ecouch_tui.course import crisis_text as words


def crisis_renderable(region: Region | None) -> RenderableType:
    if region is None:
        return Text(words.NO_REGION)
    bullets = Table.grid(padding=(0, 1))
    # The bullet, indented: right-justified, as a cell's leading spaces are dropped.
    bullets.add_column(width=3, no_wrap=True, justify="right")
    bullets.add_column()
    for line in region.lines:
        entry = Text.assemble((line.name, "bold"), ": ", line.contact)
        if line.note:
            entry.append(f"\n{line.note}")
        bullets.add_row("•", entry)
    return Group(
        Text(words.danger_line(region), style="bold"),
        Text(""),
        Text(words.lines_heading(region), style="bold"),
        bullets,
    )


class CrisisLines(Static):
    """The region's emergency number and crisis lines; `show()` again after a change."""

    def show(self, region: Region | None) -> None:
        self.update(crisis_renderable(region))
