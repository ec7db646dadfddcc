"""Child processes for the fault tests: each runs on its own, to be killed, raced or limited.

Run as `python tests/faults_child.py KIND ARGS...`. Every save is made through the real
Store API and reported on stdout only after it returned, one line per save, so the
parent knows exactly what the store promised to keep. What is written is derived from
the uid (or day) and a version number alone, so the parent can check any row it finds
is whole, byte for byte, without the child telling it.
"""

from __future__ import annotations

import hashlib
import random
import sys
from datetime import date, timedelta
from pathlib import Path

#: Day 0 of the mood rows the children write.
EPOCH = date(2000, 1, 3)


def entry_data(uid: str, version: int) -> dict[str, object]:
    """An entry's data: a line, or a few KB spanning overflow pages; not only ASCII."""
    seed = hashlib.sha256(f"{uid}:{version}".encode()).hexdigest()
    size = [12, 300, 2_500, 9_000][int(seed[0], 16) % 4]
    text = ((seed + " ça va 😔 ") * (size // 70 + 1))[:size]
    return {
        "uid": uid,
        "version": version,
        "text": text,
        "digest": hashlib.sha256(text.encode()).hexdigest(),
    }


def mood_note(day: date, version: int) -> str:
    seed = hashlib.sha256(f"{day}:{version}".encode()).hexdigest()
    return f"v{version} " + seed * (int(seed[0], 16) % 8)


def mood_score(day: date, version: int) -> int:
    return (day.toordinal() + version) % 11


def _open(path: str):  # type: ignore[no-untyped-def]
    from ecouch_tui.clock import SystemClock
    from ecouch_tui.store.db import Store

    return Store.open(Path(path), SystemClock())


def crash_writer(path: str, round_no: str, seed: str) -> None:
    """Save new entries, update earlier ones and log moods until killed."""
    rng = random.Random(f"{seed}:{round_no}")
    store = _open(path)
    print("ready", flush=True)
    versions: dict[str, int] = {}
    days: dict[date, int] = {}
    n = 0
    while True:
        roll = rng.random()
        if roll < 0.2 and versions:
            uid = rng.choice(sorted(versions))
            versions[uid] += 1
        elif roll < 0.4:
            day = EPOCH + timedelta(days=int(round_no) * 50 + rng.randrange(50))
            days[day] = days.get(day, 0) + 1
            version = days[day]
            store.save_mood(day, mood_score(day, version), note=mood_note(day, version))
            print(f"M {day.isoformat()} {version}", flush=True)
            continue
        else:
            uid = f"r{round_no}-{n}"
            n += 1
            versions[uid] = 1
        store.save_entry(
            uid=uid,
            module_id="faults",
            page_id="crash",
            block_id="loop",
            kind="reflection",
            data=entry_data(uid, versions[uid]),
        )
        print(f"E {uid} {versions[uid]}", flush=True)


def api_writer(path: str, name: str, count: str, first_day: str) -> None:
    """Save `count` entries (and a mood every fifth, from day `first_day`) as fast as it
    can, alongside another writer."""
    from ecouch_tui.store.errors import StoreError

    store = _open(path)
    print("ready", flush=True)
    for i in range(int(count)):
        uid = f"{name}-{i}"
        try:
            store.save_entry(
                uid=uid,
                module_id="faults",
                page_id="race",
                block_id=name,
                kind="reflection",
                data=entry_data(uid, 1),
            )
            if i % 5 == 0:
                day = EPOCH + timedelta(days=int(first_day) + i)
                store.save_mood(day, i % 11, note=uid)
        except StoreError as exc:
            print(f"ERROR {exc}", flush=True)
            continue
        print(f"E {uid}", flush=True)
    store.close()


def app_on_a_full_disk(data_dir: str, modules_dir: str, how: str) -> None:
    """The app, typing a reflection, when the disk fills up mid-session, then frees.

    `how` is "rlimit" (RLIMIT_FSIZE at the WAL's size, SIGXFSZ ignored: writes fail with
    EFBIG) or "fill" (a filler file takes the last byte of a small tmpfs: ENOSPC). Prints
    one JSON object saying what was on screen and in the store at each step.
    """
    import asyncio
    import json
    import os
    import resource
    import signal

    from helpers import enrol, screen_text, squash

    from ecouch_tui.clock import FixedClock
    from ecouch_tui.session import SessionConfig
    from ecouch_tui.ui.app import EcouchApp

    config = SessionConfig(
        data_dir=Path(data_dir), modules_dir=Path(modules_dir), clock=FixedClock(date(2026, 1, 5))
    )
    enrol(config)
    filler = Path(data_dir) / "filler"
    wal = config.store_path.with_name(config.store_path.name + "-wal")
    seen: dict[str, object] = {}

    def fill_up() -> None:
        if how == "rlimit":
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
            seen["limits"] = [soft, hard]
            resource.setrlimit(resource.RLIMIT_FSIZE, (wal.stat().st_size, hard))
        else:
            fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
            try:
                for size in (65536, 4096, 1):  # down to the very last byte
                    while True:
                        try:
                            if os.write(fd, b"\0" * size) == 0:
                                break
                        except OSError as exc:
                            seen["filler"] = exc.strerror
                            break
            finally:
                os.close(fd)

    def free_up() -> None:
        if how == "rlimit":
            soft, hard = seen["limits"]  # type: ignore[misc]
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        else:
            os.unlink(filler)

    async def run() -> None:
        app = EcouchApp(config)
        async with app.run_test(size=(80, 30), notifications=True) as pilot:
            await pilot.pause()
            app.open_week(1, page_index=3)
            await pilot.pause()
            await pilot.press("tab", *"before", "space")
            app.flush_savers()
            await pilot.pause()
            fill_up()
            await pilot.press(*"during")
            app.screen.query_one("TextArea").insert(" the full disk")  # type: ignore[attr-defined]
            await pilot.pause()
            app.flush_savers()
            await pilot.pause()
            seen["while_full"] = squash(screen_text(app))
            seen["box_while_full"] = app.screen.query_one("TextArea").text  # type: ignore[attr-defined]
            await pilot.press("escape")  # leave the page: the box goes away
            await pilot.pause()
            seen["after_leaving"] = type(app.screen).__name__
            seen["window_text"] = app.screen.query_one("#unsaved-text").text  # type: ignore[attr-defined]
            seen["window"] = squash(screen_text(app))
            await pilot.press("escape")
            await pilot.pause()
            free_up()
            app.open_week(1, page_index=3)
            await pilot.pause()
            await pilot.press("tab", "end", *"after")
            app.flush_savers()
            await pilot.pause()
            seen["after_freeing"] = squash(screen_text(app))
            await pilot.press("ctrl+q")
            await pilot.pause()

    asyncio.run(run())
    from ecouch_tui.store.db import Store

    with Store.open(config.store_path, config.clock) as store:
        seen["stored"] = [e.as_dict() for e in store.entries(kind="reflection")]
    print(json.dumps(seen))


def app_opening(data_dir: str, modules_dir: str) -> None:
    """Start the app headless and print, as JSON, which screen it shows and its text."""
    import asyncio
    import json

    from helpers import screen_text, squash

    from ecouch_tui.clock import FixedClock
    from ecouch_tui.session import SessionConfig
    from ecouch_tui.ui.app import EcouchApp

    config = SessionConfig(
        data_dir=Path(data_dir), modules_dir=Path(modules_dir), clock=FixedClock(date(2026, 1, 5))
    )
    seen: dict[str, object] = {}

    async def run() -> None:
        app = EcouchApp(config)
        async with app.run_test(size=(80, 30), notifications=True) as pilot:
            await pilot.pause()
            seen["screen"] = type(app.screen).__name__
            seen["text"] = squash(screen_text(app))
            await pilot.press("f1")
            seen["f1"] = type(app.screen).__name__
            await pilot.press("escape")
            await pilot.pause()
            if app.screen.query("#again"):
                await pilot.click("#again")
                await pilot.pause()
                seen["after_again"] = type(app.screen).__name__
            await pilot.press("ctrl+q")

    asyncio.run(run())
    print(json.dumps(seen))


if __name__ == "__main__":
    kinds = {
        "crash": crash_writer,
        "api": api_writer,
        "app-full": app_on_a_full_disk,
        "app-open": app_opening,
    }
    kinds[sys.argv[1]](*sys.argv[2:])
