"""`ecouch status` (a cold process, as a shell prompt runs it) beside `python -c pass`.

Each configuration is a fresh process started the same way, interleaved run by run,
many times; the figure is the median wall time from spawn to exit and its ratio to
the floor (`python -c pass` on the same interpreter). Target: the everyday case (an
enrolled user, warm content cache, default data folder) within 6x of the floor.

Run: `python benchmarks/status.py [--runs N]`. Uses a temporary HOME; your own data is
never read.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 6.0


def ecouch_command() -> list[str]:
    """The installed `ecouch` script beside this interpreter (what users run), else -m."""
    script = Path(sys.executable).with_name("ecouch")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ecouch_tui"]


def prepare(home: Path) -> tuple[dict[str, str], Path]:
    """An enrolled user three weeks in, with mood, check-ins and a warm content cache."""
    from datetime import date, timedelta

    import ecouch_tui
    from ecouch_tui.clock import FixedClock
    from ecouch_tui.paths import bundled_modules_dir, data_dir
    from ecouch_tui.session import SessionConfig, open_session

    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    for name in ("ECOUCH_DATA_DIR", "ECOUCH_MODULES", "ECOUCH_TODAY", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    os.environ.update(HOME=env["HOME"], XDG_DATA_HOME=env["XDG_DATA_HOME"])
    today = date.today()
    clock = FixedClock(today - timedelta(days=20))
    config = SessionConfig(data_dir=data_dir(), modules_dir=bundled_modules_dir(), clock=clock)
    session = open_session(config)  # also writes the content cache
    store = session.store
    store.enrol("AU")
    for day in range(1, 21):
        store.save_mood(today - timedelta(days=day), 3 + day % 5, note="a day", tags=["exercised"])
    for entry in session.course.entries[:3]:
        if entry.module is not None:
            for page in entry.module.pages[:3]:
                store.visit_page(entry.module.id, page.id)
            store.complete_module(entry.module.id)
        clock.advance(days=7)
    clock.set(today - timedelta(days=3))
    store.save_checkin("phq9", [1] * 9, 9, "mild")
    session.close()
    # pip compiles bytecode on install; a source checkout may not have it yet.
    compileall.compile_dir(Path(ecouch_tui.__file__).parent, quiet=1)
    return env, config.data_dir


def once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=31)
    options = parser.parse_args()
    ecouch = ecouch_command()
    with tempfile.TemporaryDirectory() as folder:
        env, data = prepare(Path(folder))
        stale = Path(folder) / "stale"  # the same store, but no content cache: YAML fallback
        shutil.copytree(data, stale, ignore=shutil.ignore_patterns("cache"))
        configs = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "ecouch status (everyday)": [*ecouch, "status"],
            "ecouch status --data-dir": [*ecouch, "status", "--data-dir", str(data)],
            "ecouch status, not started": [*ecouch, "status", "--data-dir", f"{folder}/none"],
            "ecouch status, no cache": [*ecouch, "status", "--data-dir", str(stale)],
        }
        line = subprocess.run(
            configs["ecouch status (everyday)"], check=True, capture_output=True, text=True, env=env
        ).stdout.strip()
        for command in configs.values():  # warm the OS file cache once, untimed
            once(command, env)
        times: dict[str, list[float]] = {name: [] for name in configs}
        for _ in range(options.runs):
            for name, command in configs.items():
                times[name].append(once(command, env))
        assert not (stale / "cache").exists(), "status must not write a cache"
        from ecouch_tui.commands.status import peek_cache
        from ecouch_tui.paths import bundled_modules_dir

        if peek_cache(bundled_modules_dir(), data / "cache") is None:
            print("warning: ecouch's content code changed during the run, so the content cache")
            print("went stale and the everyday figure includes YAML loading; run it again.")
    floor = statistics.median(times["python -c pass"])
    print(f"status line: {line}")
    print(f"{'configuration':30} {'median':>9} {'min':>9} {'ratio':>6}   (runs={options.runs})")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(
            f"{name:30} {median * 1000:7.1f}ms {min(samples) * 1000:7.1f}ms {median / floor:6.2f}"
        )
    ratio = statistics.median(times["ecouch status (everyday)"]) / floor
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"everyday ecouch status: {ratio:.2f}x python -c pass (target <= {TARGET:.0f}x: ", end="")
    print(f"{verdict})")


if __name__ == "__main__":
    main()
