"""ecouch's speed, each figure beside the floor it is measured against, in one run.

Speed is a benchmark, not a test: nothing here fails the build. Every figure is taken
beside its floor in the same run, configurations interleaved round by round (so a
busy machine slows both alike), and reported as a ratio of medians with the raw
times (median, min, spread, runs). The table is issue 6's:

    cold start to the home screen painted, headless and in a real pty / an empty
        Textual app with one Label, started the same way          <= 1.3x
    next page in the module player -> painted, the slowest page    <= 100 ms
    load + validate the 12 bundled modules, cold process / a bare
        libyaml (CSafeLoader) parse of the same files              <= 1.2x
        (and the same from the warm validated-content cache)
    one durable save (synchronous=FULL) / 100 bytes + fsync        <= 2.5x
    the Mood screen with 3,650 days of entries -> painted          <= 35 ms after the read
    a synthetic 120-module course: load, and the home screen /
        the 12-module figure x 10                                  linear or better
    `ecouch status` / `python -c pass`, clean and garbled store    <= 5x
    peak memory of a session through one module / the empty app    <= 1.3x

Run: `python benchmarks/bench.py [--runs N] [--page-runs N] [--quick] [--dir DIR]`.
Everything happens in a temporary HOME; your own data is never read.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import platform
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD = str(HERE / "_child.py")
sys.path.insert(0, str(HERE))

import status as status_bench  # noqa: E402  (benchmarks/status.py: its prepare and command)

MARKER = b"\x1b]2;ecouch-bench-painted\x07"
SIZE = (24, 80)  # rows, columns: what Textual's headless driver uses too
MEMORY_WEEK = 3  # the longest bundled module (03-what-helps.yaml)
MOOD_DAYS = 3650
LOADED = ("elapsed", "work")  # what a `load` child reports

# -- the machine ------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    from importlib.metadata import version

    return [
        f"machine: {cpu}, {os.cpu_count()} cores; {platform.platform()}",
        f"python {platform.python_version()} ({sys.executable}); textual {version('textual')}, "
        f"PyYAML {version('PyYAML')}, msgspec {version('msgspec')}, "
        f"SQLite {__import__('sqlite3').sqlite_version}",
    ]


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def filesystem(path: Path) -> str:
    """The type of the filesystem holding `path` (tmpfs makes fsync free: say so)."""
    best, kind = "", "?"
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            if len(parts) > 2 and str(path).startswith(parts[1]) and len(parts[1]) > len(best):
                best, kind = parts[1], parts[2]
    except OSError:
        pass
    return kind


# -- running children --------------------------------------------------------------------


@dataclass
class Run:
    wall: float  # spawn to exit, seconds
    rss_kb: int  # peak resident memory of the child
    out: dict[str, float] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    painted: float | None = None  # pty runs: spawn to the first frame on the terminal


def _read_out(path: Path) -> tuple[dict[str, float], list[str]]:
    values: dict[str, float] = {}
    lines: list[str] = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            name, _, value = line.partition("=")
            if name == "page":
                lines.append(value)
            else:
                values[name] = float(value)
        path.unlink()
    return values, lines


def spawn(argv: list[str], env: dict[str, str], out: Path) -> Run:
    """A fresh process, stdout and stdin not a terminal; wall time and peak RSS."""
    env = {**env, "BENCH_OUT": str(out)}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{argv} failed:\n{errors.read().decode(errors='replace')}")
    values, lines = _read_out(out)
    return Run(wall=wall, rss_kb=usage.ru_maxrss, out=values, lines=lines)


def spawn_pty(argv: list[str], env: dict[str, str], timeout: float = 60.0) -> Run:
    """A fresh process in a pseudo-terminal of SIZE, so Textual uses its Linux driver.

    `painted`: spawn until the marker that follows the first frame arrives; `wall`:
    spawn until exit (the driver's start and stop included).
    """
    import fcntl
    import termios

    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its controlling terminal and stdio
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    painted: float | None = None
    tail = b""
    seen: list[bytes] = []
    deadline = start + timeout
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:  # EIO: every end of the terminal is closed, the child is gone
                break
            if not chunk:
                break
            if painted is None:
                tail += chunk
                if MARKER in tail:
                    painted = time.perf_counter() - start
                tail = tail[-len(MARKER) :]
            if len(seen) < 64:
                seen.append(chunk)
    finally:
        os.close(fd)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0 or painted is None:
        text = b"".join(seen)[-2000:].decode(errors="replace")
        raise RuntimeError(f"{argv} in a pty failed (status {status}):\n{text}")
    return Run(wall=wall, rss_kb=usage.ru_maxrss, painted=painted)


# -- preparing data ----------------------------------------------------------------------


def compile_bytecode() -> None:
    """pip compiles bytecode on install; a source checkout may not have it yet."""
    import ecouch_tui

    compileall.compile_dir(Path(ecouch_tui.__file__).parent, quiet=1)
    for name in (
        "textual",
        "rich",
        "yaml",
        "msgspec",
        "sqlite_utils",
        "platformdirs",
        "markdown_it",
        "mdurl",
        "pygments",
        "typing_extensions",
        "sqlite_fts4",
        "click",
        "tabulate",
        "dateutil",
    ):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            where = Path(spec.origin)
            if where.name == "__init__.py":
                compileall.compile_dir(where.parent, quiet=1)
            else:
                compileall.compile_file(where, quiet=1)


def child_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    for name in (
        "ECOUCH_DATA_DIR",
        "ECOUCH_MODULES",
        "ECOUCH_TODAY",
        "PYTHONDONTWRITEBYTECODE",
        "NO_COLOR",
        "TEXTUAL",
        "TEXTUAL_DRIVER",
        "BENCH_OUT",
    ):
        env.pop(name, None)
    env["TERM"] = "xterm-256color"
    return env


def everyday_home(home: Path) -> Path:
    """A user twelve weeks in (the demo's lived-in history, every week open), with a warm
    content cache; returns their data folder."""
    from ecouch_tui.clock import FixedClock
    from ecouch_tui.commands.demo import make_demo

    folder = home / "data" / "ecouch"  # where platformdirs puts it under XDG_DATA_HOME
    folder.mkdir(parents=True, mode=0o700)
    config = make_demo(folder, clock=FixedClock(date.today()), region="AU")
    assert config.data_dir == folder
    return folder


def mood_home(home: Path) -> Path:
    """Ten years of daily mood (3,650 entries), enrolled ten years ago."""
    import random

    from ecouch_tui.clock import FixedClock
    from ecouch_tui.content.cache import load_course_cached
    from ecouch_tui.paths import bundled_modules_dir
    from ecouch_tui.store.db import Store

    folder = home / "data" / "ecouch"
    today = date.today()
    first = today - timedelta(days=MOOD_DAYS - 1)
    clock = FixedClock(first)
    tags = ["slept well", "saw friends", "exercised", "outdoors", "work stress", "alone"]
    rng = random.Random(3650)
    with Store.open(folder / "ecouch.sqlite3", clock) as store:
        store.conn.execute("PRAGMA synchronous=OFF")  # set-up only: the saves are not timed
        store.enrol("AU", started_on=first)
        for n in range(MOOD_DAYS):
            day = first + timedelta(days=n)
            clock.set(day)
            store.save_mood(
                day,
                rng.randint(1, 9),
                note="a day like the others" if n % 3 else "",
                tags=rng.sample(tags, rng.randint(0, 3)),
                sleep_hours=rng.choice([None, 6.5, 7.0, 8.0]),
            )
    load_course_cached(bundled_modules_dir(), folder / "cache")
    return folder


def big_course(target: Path, copies: int = 10) -> Path:
    """The bundled course `copies` times over (120 modules), ids and weeks renumbered."""
    from ecouch_tui.paths import bundled_modules_dir

    source = bundled_modules_dir()
    target.mkdir(parents=True)
    shutil.copytree(source / "questionnaires", target / "questionnaires")
    shutil.copy(source / "crisis_lines.yaml", target)
    manifest = (source / "course.yaml").read_text(encoding="utf-8")
    names = re.findall(r"(?m)^  - (\S+\.yaml)$", manifest)
    listed = []
    for copy in range(copies):
        for number, name in enumerate(names, 1):
            text = (source / name).read_text(encoding="utf-8")
            week = copy * len(names) + number
            if copy:
                text = re.sub(r"(?m)^id: (\S+)$", rf"id: \1-{copy + 1}", text, count=1)
                text = re.sub(r"(?m)^title: (.+)$", rf"title: \1 ({copy + 1})", text, count=1)
            text = re.sub(r"(?m)^week: \d+$", f"week: {week}", text, count=1)
            new = f"{week:03d}-{name.split('-', 1)[1]}"
            (target / new).write_text(text, encoding="utf-8")
            listed.append(new)
    head = manifest.split("\nmodules:\n")[0]
    body = "".join(f"  - {name}\n" for name in listed)
    (target / "course.yaml").write_text(f"{head}\nmodules:\n{body}", encoding="utf-8")
    return target


def garbled_home(source: Path, target: Path, data: Path) -> dict[str, str]:
    """A copy of `source`'s home whose store holds values a bug or a hand edit could leave:
    one mood row's tags not JSON, and an enrolment date that is no date. Its environment.
    """
    import sqlite3

    shutil.copytree(source, target)
    store = target / data.relative_to(source) / "ecouch.sqlite3"
    with sqlite3.connect(store) as conn:
        last = "(SELECT MAX(day) FROM mood)"
        conn.execute(f"UPDATE mood SET tags = 'exercised, [not json' WHERE day = {last}")
        conn.execute("UPDATE enrolment SET started_on = 'the 31st of Nevember'")
    conn.close()
    env = {**child_env(target), "XDG_DATA_HOME": str(target / "data")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# -- statistics ---------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: list[float]) -> float:
    """Interquartile range over the median: how noisy the samples were."""
    if len(values) < 4:
        return float("nan")
    q = statistics.quantiles(values, n=4)
    return (q[2] - q[0]) / statistics.median(values)


def ms(values: list[float]) -> str:
    if not values:
        return "—"
    return f"{median(values) * 1000:.1f} ms (min {min(values) * 1000:.1f}, ±{spread(values):.0%})"


# -- the run ----------------------------------------------------------------------------------


@dataclass
class Samples:
    data: dict[str, list[float]] = field(default_factory=dict)
    pages: dict[tuple[int, str, str], list[float]] = field(default_factory=dict)
    page_cpu: dict[tuple[int, str, str], list[float]] = field(default_factory=dict)
    first_frames: list[float] = field(default_factory=list)
    #: Why a figure could not be taken (the last line of what the child said).
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, value: float) -> None:
        self.data.setdefault(name, []).append(value)

    def __getitem__(self, name: str) -> list[float]:
        return self.data.get(name, [])

    def add_pages(self, lines: list[str]) -> None:
        for line in lines:
            week, page, kinds, settled, first, cpu = line.split("\t")
            key = (int(week), page, kinds)
            self.pages.setdefault(key, []).append(float(settled))
            self.page_cpu.setdefault(key, []).append(float(cpu))
            self.first_frames.append(float(first))


def durable_saves(folder: Path, count: int, samples: Samples) -> None:
    """`count` pairs, interleaved: 100 bytes + fsync, then one Store.save_entry."""
    from ecouch_tui.clock import SystemClock
    from ecouch_tui.store.db import Store

    data = {"answers": {"q1": "b", "q2": "a", "q3": "c"}, "note": "x" * 40}
    with Store.open(folder / "save.sqlite3", SystemClock()) as store:
        store.save_entry(module_id="m", page_id="p", block_id="b", kind="quiz", data=data)
        fd = os.open(folder / "fsync.bin", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for n in range(count):
                start = time.perf_counter()
                os.write(fd, b"x" * 100)
                os.fsync(fd)
                samples.add("fsync", time.perf_counter() - start)
                start = time.perf_counter()
                store.save_entry(module_id="m", page_id="p", block_id="b", kind="quiz", data=data)
                samples.add("save", time.perf_counter() - start)
                start = time.perf_counter()
                store.save_entry(
                    module_id="m", page_id="p", block_id="b", kind="quiz", data=data, uid="same"
                )
                samples.add("save.update", time.perf_counter() - start)
                if n % 10 == 0:
                    store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="rounds of the cold-process runs")
    parser.add_argument("--page-runs", type=int, default=3, help="walks through all 12 weeks")
    parser.add_argument("--saves", type=int, default=200, help="durable saves (and fsyncs)")
    parser.add_argument("--quick", action="store_true", help="5 rounds, 1 walk, 50 saves")
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to work (default: the system temp folder)"
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated: start,pages,load,save,mood,scale,status,memory (default: all)",
    )
    options = parser.parse_args()
    if options.quick:
        options.runs, options.page_runs, options.saves = 5, 1, 50
    chosen = set(filter(None, options.only.split(","))) or {
        "start",
        "pages",
        "load",
        "save",
        "mood",
        "scale",
        "status",
        "memory",
    }

    print(f"ecouch benchmark, {time.strftime('%Y-%m-%d %H:%M')}")
    for line in machine():
        print(line)
    print(f"load average at start: {load_average()}")
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="ecouch-bench-", dir=options.dir) as tmp:
        folder = Path(tmp)
        print(f"working in {folder} ({filesystem(folder)})")
        samples = run_all(folder, options, chosen)
    print(f"load average at end: {load_average()}")
    print()
    print_table(samples, options)


def run_all(folder: Path, options: argparse.Namespace, chosen: set[str]) -> Samples:
    from ecouch_tui.paths import bundled_modules_dir

    py = sys.executable
    everyday = folder / "everyday"
    everyday_home(everyday)
    env = child_env(everyday)
    bundled = str(bundled_modules_dir())
    samples = Samples()
    out = folder / "out.txt"
    jobs: list[tuple[str, Callable[[], None]]] = []
    failures: list[str] = []

    def job(name: str, argv: list[str], environ: dict[str, str], *, keep: tuple[str, ...] = ()):
        def run() -> None:
            result = spawn(argv, environ, out)
            samples.add(name, result.wall)
            samples.add(f"{name}.rss", float(result.rss_kb))
            for key in keep:
                samples.add(f"{name}.{key}", result.out[key])
            samples.add_pages(result.lines)

        jobs.append((name, run))

    def pty_job(name: str, argv: list[str], environ: dict[str, str]) -> None:
        def run() -> None:
            result = spawn_pty(argv, environ)
            samples.add(name, result.wall)
            assert result.painted is not None
            samples.add(f"{name}.painted", result.painted)

        jobs.append((name, run))

    if "start" in chosen or "memory" in chosen:
        job("start.empty", [py, CHILD, "start", "empty"], env, keep=("painted",))
    if "start" in chosen:
        job("start.ecouch", [py, CHILD, "start", "ecouch"], env, keep=("painted", "mount"))
        pty_job("pty.empty", [py, CHILD, "start", "empty"], env)
        pty_job("pty.ecouch", [py, CHILD, "start", "ecouch"], env)
    if "load" in chosen or "scale" in chosen:
        cache = str(folder / "everyday" / "data" / "ecouch" / "cache")
        job("load.yaml", [py, CHILD, "load", "yaml", bundled], env, keep=LOADED)
        job("load.validate", [py, CHILD, "load", "validate", bundled], env, keep=LOADED)
    if "load" in chosen:
        job("load.cached", [py, CHILD, "load", "cached", bundled, cache], env, keep=LOADED)
    if "scale" in chosen:
        root = str(big_course(folder / "course120"))
        env120 = {**env, "ECOUCH_MODULES": root, "BENCH_LONG_COURSE": "1"}
        spawn([py, CHILD, "start", "ecouch"], env120, out)  # writes its content cache
        job("load.yaml120", [py, CHILD, "load", "yaml", root], env120, keep=LOADED)
        job("load.validate120", [py, CHILD, "load", "validate", root], env120, keep=LOADED)
        if "start" not in chosen:
            job("start.ecouch", [py, CHILD, "start", "ecouch"], env, keep=("painted", "mount"))
        job("start.ecouch120", [py, CHILD, "start", "ecouch"], env120, keep=("painted", "mount"))
    if "status" in chosen:
        status_env, status_data = status_bench.prepare(folder / "status")
        status_env.pop("PYTHONDONTWRITEBYTECODE", None)
        job("python", [py, "-c", "pass"], status_env)
        job("status", [*status_bench.ecouch_command(), "status"], status_env)
        garbled_env = garbled_home(folder / "status", folder / "garbled", status_data)
        status_garbled = [*status_bench.ecouch_command(), "status"]
        try:  # `ecouch status` must not crash on garbled values; if it does, say so
            spawn(status_garbled, garbled_env, out)
        except RuntimeError as exc:
            samples.add("status.garbled.failed", 1.0)
            failures.append(str(exc).strip().splitlines()[-1])
        else:
            job("status.garbled", status_garbled, garbled_env)
    if "memory" in chosen:
        job("walk.one", [py, CHILD, "walk", str(MEMORY_WEEK)], env)
    if "mood" in chosen:
        mood_env = child_env(folder / "mood")
        mood_home(folder / "mood")
        job(
            "mood",
            [py, CHILD, "mood"],
            mood_env,
            keep=("open", "after_read", "year", "months", "days_read"),
        )

    for _, run in jobs:  # warm the OS file cache once, untimed
        run()
    garbled_failed = samples["status.garbled.failed"]
    samples = Samples()
    for _ in garbled_failed:
        samples.add("status.garbled.failed", 1.0)
    samples.notes = failures
    total = options.runs
    for round_ in range(total):
        print(f"\rround {round_ + 1}/{total}", end="", file=sys.stderr, flush=True)
        shift = round_ % max(1, len(jobs))
        for _, run in jobs[shift:] + jobs[:shift]:
            run()
        if "save" in chosen:
            durable_saves(folder, max(1, options.saves // total), samples)
    print(file=sys.stderr)
    if "pages" in chosen:
        weeks = [str(w) for w in range(1, 13)]
        for n in range(options.page_runs):
            print(f"\rwalking every page {n + 1}/{options.page_runs}", end="", file=sys.stderr)
            result = spawn([py, CHILD, "walk", *weeks], env, out)
            samples.add_pages(result.lines)
            samples.add("walk.all.rss", float(result.rss_kb))
        print(file=sys.stderr)
    return samples


def ratio(figure: list[float], floor: list[float]) -> float:
    return median(figure) / median(floor) if figure and floor else float("nan")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def print_table(s: Samples, options: argparse.Namespace) -> None:
    rows: list[tuple[str, str, str, str, str]] = []

    def row(figure: str, target: str, measured: str, ok: bool | None, raw: str) -> None:
        rows.append((figure, target, measured, "" if ok is None else verdict(ok), raw))

    def versus(name: str, floor: str, label: str, target: float) -> None:
        if s[name] and s[floor]:
            r = ratio(s[name], s[floor])
            row(
                label,
                f"<= {target}x",
                f"{r:.2f}x",
                r <= target,
                f"{ms(s[name])} vs {ms(s[floor])}, runs={len(s[name])}",
            )

    def aside(name: str, floor: str, label: str, note: str = "(info)") -> None:
        """A ratio shown for context, with no target of its own."""
        if s[name] and s[floor]:
            r = ratio(s[name], s[floor])
            row(label, note, f"{r:.2f}x", None, f"{ms(s[name])} vs {ms(s[floor])}")

    versus("start.ecouch", "start.empty", "cold start -> home painted, headless (spawn->exit)", 1.3)
    if s["pty.ecouch"]:
        versus(
            "pty.ecouch.painted",
            "pty.empty.painted",
            "cold start -> home on the terminal, pty (spawn->first frame)",
            1.3,
        )
        versus("pty.ecouch", "pty.empty", "cold start, pty, to exit (driver start+stop)", 1.3)
    if s.pages:
        per_page = {key: median(values) for key, values in s.pages.items()}
        worst = sorted(per_page.items(), key=lambda kv: -kv[1])
        values = sorted(per_page.values())
        p90 = values[int(0.9 * (len(values) - 1))]
        (week, page, kinds), slowest = worst[0]
        row(
            f"next page -> painted, the SLOWEST page ({len(values)} pages, each its median)",
            "<= 100 ms",
            f"worst {slowest * 1000:.0f} ms",
            slowest <= 0.100,
            f"slowest: week {week} {page} ({kinds}); median page {median(values) * 1000:.0f} "
            f"ms, p90 {p90 * 1000:.0f}; walks={options.page_runs}; first frame after the "
            f"page is built: median {median(s.first_frames) * 1000:.0f} ms",
        )
        cpu = {key: median(values) for key, values in s.page_cpu.items()}
        (week, page, kinds), busiest = max(cpu.items(), key=lambda kv: kv[1])
        row(
            "  the same in CPU time of the process (less disturbed by other load)",
            "(info)",
            f"worst {busiest * 1000:.0f} ms",
            None,
            f"week {week} {page} ({kinds}); median page {median(list(cpu.values())) * 1000:.0f} ms",
        )
    versus("load.validate", "load.yaml", "load + validate 12 modules, cold process", 1.2)
    aside(
        "load.validate.elapsed",
        "load.yaml.elapsed",
        "  the same, in-process (imports + work, no interpreter start)",
    )
    aside(
        "load.cached",
        "load.yaml",
        "load 12 modules from the warm validated-content cache, cold process",
        "(may < 1x)",
    )
    versus("save", "fsync", "one durable save (save_entry, new entry)", 2.5)
    aside("save.update", "fsync", "  the same, updating an entry (autosave)")
    if s["mood.after_read"]:
        after = median(s["mood.after_read"])
        row(
            f"Mood screen, {MOOD_DAYS} days of entries -> painted, after the read",
            "<= 35 ms",
            f"{after * 1000:.0f} ms",
            after <= 0.035,
            f"open (key->painted) {ms(s['mood.open'])}; rows read "
            f"{median(s['mood.days_read']):.0f}; a year (3) {ms(s['mood.year'])}; "
            f"3 months (2) {ms(s['mood.months'])}",
        )
    if s["load.validate120.work"]:
        # The loading alone: interpreter start and imports are the same for both sizes
        # and would flatter the big course.
        r = median(s["load.validate120.work"]) / (10 * median(s["load.validate.work"]))
        row(
            "120-module course: load + validate (the work) / (12-module x 10)",
            "<= 1.0",
            f"{r:.2f}",
            r <= 1.0,
            f"{ms(s['load.validate120.work'])} vs {ms(s['load.validate.work'])}; YAML parse "
            f"alone {ms(s['load.yaml120.work'])} vs {ms(s['load.yaml.work'])}",
        )
    if s["start.ecouch120.mount"]:
        home12 = [
            p - m for p, m in zip(s["start.ecouch.painted"], s["start.ecouch.mount"], strict=True)
        ]
        home120 = [
            p - m
            for p, m in zip(s["start.ecouch120.painted"], s["start.ecouch120.mount"], strict=True)
        ]
        r = median(home120) / (10 * median(home12))
        row(
            "120-module course: open session + home painted / (12-module x 10)",
            "<= 1.0",
            f"{r:.2f}",
            r <= 1.0,
            f"{ms(home120)} vs {ms(home12)}",
        )
        aside(
            "start.ecouch120",
            "start.ecouch",
            "  cold start to home, 120 vs 12 modules (cache warm)",
        )
    versus("status", "python", "ecouch status (everyday)", 5.0)
    versus("status.garbled", "python", "ecouch status, garbled store (bad tags, bad date)", 5.0)
    if s["status.garbled.failed"]:
        row(
            "ecouch status, garbled store (bad tags, bad date)",
            "<= 5.0x",
            "crashed",
            False,
            "waits on the status read path tolerating garbled values: " + "; ".join(s.notes)[:200],
        )
    if s["walk.one.rss"] and s["start.empty.rss"]:
        r = ratio(s["walk.one.rss"], s["start.empty.rss"])
        row(
            f"peak memory (max RSS), start -> week {MEMORY_WEEK}, every page -> quit",
            "<= 1.3x",
            f"{r:.2f}x",
            r <= 1.3,
            f"{median(s['walk.one.rss']) / 1024:.1f} MiB vs "
            f"{median(s['start.empty.rss']) / 1024:.1f} MiB (empty app)",
        )
    if s["walk.all.rss"]:
        # A long sitting: what old pages keep alive shows here (textual#6665).
        empty = s["start.empty.rss"]
        row(
            "  peak memory, start -> every page of all 12 weeks -> quit",
            "(info)",
            f"{ratio(s['walk.all.rss'], empty):.2f}x" if empty else "",
            None,
            f"{median(s['walk.all.rss']) / 1024:.1f} MiB",
        )

    width = max(len(r[0]) for r in rows)
    print(f"{'figure':{width}}  {'target':>10}  {'measured':>10}  {'':7}  raw")
    for figure, target, measured, ok, raw in rows:
        print(f"{figure:{width}}  {target:>10}  {measured:>10}  {ok:7}  {raw}")
    if s.pages:
        print("\nslowest pages (week, page, blocks: median ms):")
        worst = sorted(s.pages.items(), key=lambda kv: -median(kv[1]))[:8]
        for (week, page, kinds), values in worst:
            print(f"  week {week:2} {page:28} {kinds:45} {median(values) * 1000:6.0f}")


if __name__ == "__main__":
    main()
