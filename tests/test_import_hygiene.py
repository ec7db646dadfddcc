"""The layers import only what they may, so shell commands start quickly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

#: The repository, where pyproject.toml holds the import-linter contracts (the layers of
#: README's "How it is built": which layer may import what).
REPO = Path(__file__).resolve().parents[1]


def loaded_after(imports: list[str]) -> set[str]:
    code = "import sys\n" + "".join(f"import {m}\n" for m in imports)
    code += "print('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return set(out.split())


def test_the_layers_keep_their_import_contracts() -> None:
    """`lint-imports`: content and the store never reach Textual, course does no I/O, the
    headless layers and shell commands never reach Textual, nothing imports cli or
    commands from below. It reads every import, lazy ones included, so the contracts
    hold for any order in which modules are first imported."""
    if not (REPO / "pyproject.toml").is_file():
        pytest.skip("no pyproject.toml beside the tests (not a source checkout)")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=REPO,
        # The source tree, not an installed copy, is what the contracts are about.
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


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


def test_the_app_loads_nothing_of_the_board_until_it_is_opened() -> None:
    """The peer board is opt-in: its Matrix client (nio, aiohttp) and our client of it
    stay unloaded by the app and by every shell command outside `ecouch board`."""
    loaded = loaded_after(["ecouch_tui.cli", "ecouch_tui.ui.app", "ecouch_tui.session"])
    for heavy in ("nio", "aiohttp", "ecouch_tui.board.client", "ecouch_tui.ui.screens.board"):
        assert heavy not in loaded, heavy
