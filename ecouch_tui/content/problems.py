"""What is wrong with a content file, and where: every message reads `path:line:col: text`."""

from __future__ import annotations

from typing import Literal

import msgspec


class Problem(msgspec.Struct, frozen=True, kw_only=True):
    path: str
    line: int
    col: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}:{self.col}: {prefix}{self.message}"


class ContentError(Exception):
    """Content could not be loaded; `problems` says every reason found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A ' — did you mean …?' suffix for a near miss, or '' when nothing is close."""
    import difflib

    if len(word) < 3:
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
