"""Cold start of `ecouch` to its painted home screen, beside an empty Textual app.

Both are started the same way (a fresh `python` process, headless), interleaved, many
times; the figure is the median wall time from spawn to exit, and the ratio of the two.
Run: `python benchmarks/startup.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = str(Path(__file__).with_name("_start_child.py"))


def prepare(home: Path) -> dict[str, str]:
    """An enrolled user with a warm content cache (the everyday start); returns the env."""
    from datetime import date

    import ecouch_tui
    from ecouch_tui.clock import FixedClock
    from ecouch_tui.paths import bundled_modules_dir, data_dir
    from ecouch_tui.session import SessionConfig, open_session

    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    env.pop("ECOUCH_DATA_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.update(HOME=env["HOME"], XDG_DATA_HOME=env["XDG_DATA_HOME"])
    config = SessionConfig(
        data_dir=data_dir(), modules_dir=bundled_modules_dir(), clock=FixedClock(date.today())
    )
    session = open_session(config)
    session.store.enrol("AU")
    session.close()
    # pip compiles bytecode on install; a source checkout may not have it yet.
    compileall.compile_dir(Path(ecouch_tui.__file__).parent, quiet=1)
    return env


def once(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, CHILD, *args], check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = prepare(Path(folder))
        configs = {"empty Textual app (1 Label)": ["empty"], "ecouch home": ["ecouch"]}
        for args in configs.values():  # warm the OS file cache once, untimed
            once(args, env)
        times: dict[str, list[float]] = {name: [] for name in configs}
        for _ in range(options.runs):
            for name, args in configs.items():
                times[name].append(once(args, env))
    floor = statistics.median(times["empty Textual app (1 Label)"])
    print(f"{'configuration':32} {'median':>9} {'min':>9} {'ratio':>6}   (runs={options.runs})")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(
            f"{name:32} {median * 1000:7.0f}ms {min(samples) * 1000:7.0f}ms {median / floor:6.2f}"
        )


if __name__ == "__main__":
    main()
