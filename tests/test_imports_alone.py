"""Every module of ecouch imports on its own, in a fresh interpreter.

A test run imports modules in one order and hides cycles that only bite when a module
is imported first (`content.safety_plan` once did: it reached the block registry, which
imports it back). The commands import lazily, so any module may be the first one.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import ecouch_tui

#: Importing it runs the program (`python -m ecouch_tui`), so it is run instead, below.
RUNS_ON_IMPORT = {"ecouch_tui.__main__"}


def walk(path: Path, prefix: str) -> Iterator[str]:
    """Module names under a package folder, found without importing any of them (so a
    package that fails to import still has its modules listed)."""
    for info in pkgutil.iter_modules([str(path)]):
        name = prefix + info.name
        yield name
        if info.ispkg:
            yield from walk(path / info.name, name + ".")


def all_modules() -> list[str]:
    (root,) = ecouch_tui.__path__
    return ["ecouch_tui", *walk(Path(root), "ecouch_tui.")]


def import_alone(module: str) -> tuple[str, str | None]:
    """(module, None) when it imports in a fresh interpreter, else (module, the error)."""
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    if result.returncode == 0:
        return module, None
    return module, result.stderr.strip() or f"exit status {result.returncode}"


def test_the_walk_finds_every_layer() -> None:
    modules = set(all_modules())
    assert len(modules) > 100
    for known in (
        "ecouch_tui.cli",
        "ecouch_tui.content.blocks.base",
        "ecouch_tui.content.safety_plan",
        "ecouch_tui.course.unlock",
        "ecouch_tui.store.db",
        "ecouch_tui.ui.screens.safety_plan",
        "ecouch_tui.commands.serve",
    ):
        assert known in modules, known


@pytest.mark.slow
def test_every_module_imports_alone() -> None:
    modules = [m for m in all_modules() if m not in RUNS_ON_IMPORT]
    # One interpreter per module, two at a time (about ten seconds on two cores).
    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = {module: error for module, error in pool.map(import_alone, modules) if error}
    assert not failures, "\n\n".join(f"{m}:\n{e}" for m, e in failures.items())


def test_python_dash_m_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ecouch_tui", "--version"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ecouch ")
