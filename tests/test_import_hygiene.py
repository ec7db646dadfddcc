"""The headless layers import without Textual, so shell commands start quickly."""

from __future__ import annotations

import subprocess
import sys

HEADLESS = [
    "ecouch_tui.cli",
    "ecouch_tui.content.loader",
    "ecouch_tui.content.cache",
    "ecouch_tui.content.validate",
    "ecouch_tui.content.schema",
    "ecouch_tui.course.unlock",
    "ecouch_tui.course.progress",
    "ecouch_tui.store.db",
    "ecouch_tui.session",
    "ecouch_tui.course.mood",
    "ecouch_tui.commands.mood",
    "ecouch_tui.commands.export",
    "ecouch_tui.store.export",
    "ecouch_tui.course.workbook",
    "ecouch_tui.course.checkin",
    "ecouch_tui.course.checkin_text",
    "ecouch_tui.commands.checkin",
    "ecouch_tui.course.activity",
    "ecouch_tui.course.relaxation",
    "ecouch_tui.course.schedule",
    "ecouch_tui.wording",
    "ecouch_tui.course.outline",
    "ecouch_tui.course.due",
    "ecouch_tui.commands.status",
    "ecouch_tui.commands.import_",
    "ecouch_tui.commands.forget",
    "ecouch_tui.commands.report",
    "ecouch_tui.commands.new_module",
    "ecouch_tui.report.html",
    "ecouch_tui.report.svg",
    "ecouch_tui.demo.history",
]


def loaded_after(imports: list[str]) -> set[str]:
    code = "import sys\n" + "".join(f"import {m}\n" for m in imports)
    code += "print('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return set(out.split())


def test_headless_layers_do_not_import_textual() -> None:
    loaded = loaded_after(HEADLESS)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}
    assert "rich" not in loaded


def test_the_command_line_entry_point_imports_almost_nothing() -> None:
    loaded = loaded_after(["ecouch_tui.cli"])
    for heavy in ("textual", "yaml", "sqlite_utils", "msgspec", "platformdirs"):
        assert heavy not in loaded, heavy


def test_opening_a_session_does_not_import_sqlite_utils_or_yaml_from_cache(tmp_path) -> None:
    """The app's start-up path: a cached course and a migrated store need neither."""
    code = f"""
import sys
from pathlib import Path
from ecouch_tui.clock import FixedClock
from datetime import date
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig, open_session
config = SessionConfig(data_dir=Path({str(tmp_path)!r}), modules_dir=bundled_modules_dir(),
                       clock=FixedClock(date(2026, 1, 5)))
open_session(config).close()  # first run: migrates and fills the cache
for name in [m for m in sys.modules if m.startswith(("yaml", "sqlite_utils"))]:
    del sys.modules[name]
session = open_session(config)
session.weeks()
print("yaml" in sys.modules, "sqlite_utils" in sys.modules)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.split() == ["False", "False"]
