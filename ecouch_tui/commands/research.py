"""`ecouch research on|off|export|forget|summary`: the opt-in use log for research.

The log is off until the user says yes (in the app, once, after week 1; or here). It
holds ids, numbers and times only (docs/research-log.md), and stays in the store on
this computer; nothing is ever sent.

- `on` / `off`: switch it (remembered; the app asks no more).
- `export [-o FILE] [--format json|csv] [--yes] [--force]`: first prints what the file
  will hold (each kind's count, the days it spans), then asks; `--yes` skips the
  question, and without a terminal to ask at, `--yes` is needed. With no `-o` the
  export goes to standard output. A file is written 0600 (`commands/output.py`). With
  the log off and empty, it says so and writes nothing.
- `forget [--yes]`: deletes the log, and nothing else of the course.
- `summary`: the adherence figures (`course.research.adherence`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ecouch_tui.commands.common import fail, open_cli_session, store_problem

if TYPE_CHECKING:
    from ecouch_tui.session import Session

NOT_ASKED = (
    "standard input is not a terminal, so ecouch cannot ask first; add --yes to go "
    "ahead without the question."
)


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "research_command", None) or "summary"
    if action != "on":
        from ecouch_tui.session import session_config

        config = session_config(args)
        if not config.store_path.exists():
            # Opening would create an empty store: say so instead of leaving one behind.
            print(f"There is no ecouch data in {config.data_dir}, so there is no research log.")
            return 0
    session = open_cli_session(args)
    if session is None:
        return 1
    try:
        return _ACTIONS[action](session, args)
    finally:
        session.close()


def _switch(session: Session, on: bool) -> int:
    from ecouch_tui.store.errors import StoreError

    try:
        session.store.set_research(on)
    except StoreError as exc:
        return fail(f"{store_problem(exc)} The research log was not switched.")
    if on:
        print(
            "The research log is on: ids of screens and course pages, numbers and times, "
            "never anything you type. It stays on this computer; nothing is sent. "
            "'ecouch research off' stops it, 'ecouch research forget' deletes it."
        )
    else:
        kept = session.store.research_count()
        tail = f" It still holds {_events(kept)}: 'ecouch research forget' deletes them."
        tail = tail if kept else ""
        print(f"The research log is off: nothing more is recorded.{tail}")
    return 0


def _on(session: Session, args: argparse.Namespace) -> int:
    return _switch(session, True)


def _off(session: Session, args: argparse.Namespace) -> int:
    return _switch(session, False)


def _interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _agrees(question: str) -> bool:
    print(question, end="", file=sys.stderr, flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("y", "yes")


def _export(session: Session, args: argparse.Namespace) -> int:
    from ecouch_tui import __version__
    from ecouch_tui.clock import stamp
    from ecouch_tui.content.cache import content_hash
    from ecouch_tui.course.research import research_csv, research_document, summary_lines

    store = session.store
    events = store.research_events()
    on = store.research_on()
    if not events:
        state = "on but holds no events yet" if on else "off and holds nothing"
        print(f"The research log is {state}, so there is nothing to export. Nothing was written.")
        return 0
    manifest = session.course.manifest
    document = research_document(
        events,
        exported_at=stamp(session.clock.now()),
        app_version=__version__,
        course_title=session.course.title,
        content_hash=content_hash(Path(session.course.root)),
        intended_use=manifest.intended_use if manifest else None,
        log_on=on,
    )
    csv = getattr(args, "format", "json") == "csv"
    if csv:
        data = research_csv(document).encode("utf-8")
    else:
        import json

        data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    output: str | None = getattr(args, "output", None)
    where = "standard output" if output in (None, "-") else str(output)
    lines = [
        f"The research export ({'CSV' if csv else 'JSON'}, to {where}) will hold:",
        *(f"  {line}" for line in summary_lines(events)),
        f"  and: ecouch {__version__}, a hash of the course content, how the log is kept, "
        "and the course's intended use.",
        "  No text you typed: only ids of course pages, screens and exercise kinds, "
        "numbers and times.",
    ]
    print("\n".join(lines), file=sys.stderr)
    if not getattr(args, "yes", False):
        if not _interactive():
            return fail(f"{NOT_ASKED} Nothing was written.")
        if not _agrees("Write it? [y/N] "):
            print("Cancelled; nothing was written.", file=sys.stderr)
            return 1
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    from ecouch_tui.commands.output import OutputRefused, write_private_file

    path = Path(str(output)).expanduser()
    try:
        write_private_file(path, data, replace=bool(getattr(args, "force", False)))
    except OutputRefused as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"could not write {path}: {exc.strerror or exc}. Nothing was written.")
    print(f"Wrote {path} (readable only by you).", file=sys.stderr)
    return 0


def _forget(session: Session, args: argparse.Namespace) -> int:
    from ecouch_tui.store.errors import StoreError

    store = session.store
    count = store.research_count()
    if not count:
        print("The research log holds nothing; there is nothing to delete.")
        return 0
    if not getattr(args, "yes", False):
        if not _interactive():
            return fail(f"{NOT_ASKED} Nothing was deleted.")
        question = (
            f"Delete the research log's {_events(count)}? Your course, mood, check-ins and "
            "exercises are not touched. [y/N] "
        )
        if not _agrees(question):
            print("Cancelled; nothing was deleted.")
            return 1
    try:
        gone = store.forget_research()
    except StoreError as exc:
        return fail(f"{store_problem(exc)} Nothing was deleted.")
    state = "on" if store.research_on() else "off"
    print(
        f"Deleted the research log ({_events(gone)}). Your course data is as it was. "
        f"The log is {state}."
    )
    return 0


def _summary(session: Session, args: argparse.Namespace) -> int:
    from ecouch_tui.course.research import adherence, adherence_lines

    kinds = {
        block.kind
        for module in session.course.modules
        for _, block in module.blocks()
        if block.interactive
    }
    figures = adherence(session.store.research_events(), kinds)
    state = "on" if session.store.research_on() else "off"
    print(f"Research log ({state}):")
    print("\n".join(adherence_lines(figures)))
    return 0


_ACTIONS = {
    "on": _on,
    "off": _off,
    "export": _export,
    "forget": _forget,
    "summary": _summary,
}


def _events(count: int) -> str:
    return f"{count} event" + ("" if count == 1 else "s")
