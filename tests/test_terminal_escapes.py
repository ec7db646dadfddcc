"""Text from the store, an import or the course never controls the terminal (issue 12, 9).

A note, a check-in band, an entry or a module title can hold `ESC ] 0 ; ... BEL`
(retitles the terminal) or `ESC [2J` (clears it). Each test puts such text where a
user's or an author's text goes, runs the real `ecouch` (the shell commands as child
processes, the app in a pseudo-terminal, as in a terminal window) and reads every byte
it wrote: the sequence never arrives whole, and what it held is shown instead
(ESC as ␛). Textual writes sequences of its own (colours, cursor moves), so the checks
look for the injected payload only: `ESC ]0;PWNED` and `ESC [2J` followed by `wiped`.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import run_ecouch

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks import entry_uid
from ecouch_tui.store.db import Store

TODAY = date(2026, 1, 5)  # a Monday: week 1 of a course started today
FIXTURE = Path(__file__).parent / "fixtures" / "course"


def payload(where: str) -> str:
    """Text that retitles the terminal to PWNED-`where` and clears it, if obeyed."""
    return f"{where} \x1b]0;PWNED-{where}\x07\x1b[2Jwiped"


#: What must never reach the terminal: the injected title change and screen clear.
OBEYED = (b"\x1b]0;PWNED", b"\x1b[2Jwiped")


def assert_shown_not_obeyed(said: bytes | str, where: str, *, quoted: bool = False) -> None:
    """No injected sequence in `said`; what it held is shown as pictures (or, when
    `quoted`, however the message quotes it: argparse quotes with repr)."""
    raw = said.encode("utf-8") if isinstance(said, str) else said
    for sequence in OBEYED:
        assert sequence not in raw, f"{sequence!r} reached the terminal: {raw[-400:]!r}"
    shown = f"]0;PWNED-{where}" if quoted else f"␛]0;PWNED-{where}"
    assert shown.encode() in raw, raw[-400:]


def enrolled_store(data: Path) -> Store:
    store = Store.open(data / "ecouch.sqlite3", FixedClock(TODAY))
    store.enrol("AU")
    return store


def ecouch(*args: str, data: Path, course: Path = FIXTURE) -> subprocess.CompletedProcess[str]:
    env = {"ECOUCH_DATA_DIR": str(data), "ECOUCH_TODAY": TODAY.isoformat()}
    return run_ecouch("--modules", str(course), *args, env=env)


def retitled_course(course_dir: Path, title: str) -> Path:
    """The course copy with its week 1 module retitled (YAML's \\e and \\a escapes
    let an author's file hold ESC and BEL)."""
    path = course_dir / "01-welcome.yaml"
    module = yaml.safe_load(path.read_text(encoding="utf-8"))
    module["title"] = title
    path.write_text(yaml.safe_dump(module, sort_keys=False), encoding="utf-8")
    return course_dir


# -- the shell commands ------------------------------------------------------------------------


def test_mood_shows_a_note_with_escapes_without_obeying_them(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = ecouch("mood", "6", "--note", payload("note"), data=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Logged mood for today (Mon 5 Jan): 6/10 · “note ␛]0;PWNED")
    assert_shown_not_obeyed(result.stdout, "note")
    with Store.open(data / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        saved = store.moods()[0].note
    assert saved is not None and "\x1b]0;PWNED" in saved  # shown safely, kept as written


def test_status_shows_a_module_title_with_escapes_on_one_line(
    tmp_path: Path, course_dir: Path
) -> None:
    data = tmp_path / "data"
    enrolled_store(data).close()
    course = retitled_course(course_dir, payload("title") + "\nsecond line")
    result = ecouch("status", data=data, course=course)
    assert result.returncode == 0, result.stderr
    assert_shown_not_obeyed(result.stdout, "title")
    assert result.stdout.count("\n") == 1  # one line still, for a shell prompt
    assert "week 1 of 3: title ␛]0;PWNED-title␇␛[2Jwiped␊second line" in result.stdout


def test_import_errors_show_the_values_they_quote_without_obeying_them(tmp_path: Path) -> None:
    data = tmp_path / "data"
    named = tmp_path / payload("path")
    result = ecouch("import", str(named), data=data)
    assert result.returncode == 1
    assert "does not exist. Nothing was imported." in result.stderr
    assert_shown_not_obeyed(result.stderr + result.stdout, "path")

    with enrolled_store(data) as store:
        store.save_mood(TODAY, 5)
    export = subprocess.run(
        [sys.executable, "-m", "ecouch_tui", "--data-dir", str(data), "export"],
        capture_output=True,
        check=True,
    ).stdout
    document = json.loads(export)
    document["mood"][0]["date"] = payload("date")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = ecouch("import", str(bad), data=tmp_path / "other")
    assert result.returncode == 1 and "Nothing was imported" in result.stderr
    for sequence in OBEYED:
        assert sequence.decode() not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("args", "quoted"),
    [
        (["mood", "--day", payload("arg")], False),  # a message quoting the day it can't read
        (["checkin", payload("arg")], False),  # an unknown questionnaire
        (["export", "--format", payload("arg")], True),  # argparse: invalid choice
    ],
)
def test_an_argument_quoted_back_is_shown_not_obeyed(
    tmp_path: Path, args: list[str], quoted: bool
) -> None:
    result = ecouch(*args, data=tmp_path / "data")
    assert result.returncode != 0
    assert_shown_not_obeyed(result.stderr + result.stdout, "arg", quoted=quoted)


def test_forget_shows_a_folder_name_with_escapes(tmp_path: Path) -> None:
    folder = tmp_path / payload("folder")
    result = run_ecouch("forget", "--yes", "--data-dir", str(folder))
    assert "Nothing to forget" in result.stdout
    assert_shown_not_obeyed(result.stdout + result.stderr, "folder")


def test_validate_shows_a_bad_value_with_escapes(course_dir: Path) -> None:
    path = course_dir / "01-welcome.yaml"
    module = yaml.safe_load(path.read_text(encoding="utf-8"))
    module["pages"][0]["blocks"][0]["type"] = payload("type")
    path.write_text(yaml.safe_dump(module, sort_keys=False), encoding="utf-8")
    result = run_ecouch("validate", str(course_dir))
    assert result.returncode == 1
    assert_shown_not_obeyed(result.stdout + result.stderr, "type")


def test_export_to_a_pipe_is_exact_and_holds_no_escape(tmp_path: Path) -> None:
    """Data into a pipe or file is left exactly as it is (JSON escapes ESC itself); an
    8-bit control character (CSI, U+009B), which JSON leaves as it is, too."""
    data = tmp_path / "data"
    with enrolled_store(data) as store:
        store.save_mood(TODAY, 5, note=payload("export") + " \x9b2J")
    result = subprocess.run(
        [sys.executable, "-m", "ecouch_tui", "--data-dir", str(data), "export"],
        capture_output=True,
        check=True,
    )
    assert b"\x1b" not in result.stdout
    assert "\x9b2J".encode() in result.stdout  # exact: a program reads this
    note = json.loads(result.stdout)["mood"][0]["note"]
    assert note == payload("export") + " \x9b2J"


# -- the app's guards, one by one ---------------------------------------------------------------


def test_content_and_text_show_control_characters_after_the_fixes() -> None:
    """Textual's Content and Rich's Text (what every widget draws) show ESC as ␛ and
    keep the width they are drawn at; BEL and the other four they strip stay stripped."""
    from rich.text import Text
    from textual.content import Content

    from ecouch_tui.ui.widgets import textual_fixes

    textual_fixes.install()
    for made in (Content(payload("c")), Content.from_markup(payload("c")), Text(payload("c"))):
        assert made.plain == "c ␛]0;PWNED-c␛[2Jwiped"
        width = made.cell_len if isinstance(made, Text) else made.cell_length
        assert width == len(made.plain)


def test_a_line_drawn_from_raw_segments_reaches_the_terminal_without_them() -> None:
    """The last guard, for a widget that makes segments itself: the control characters
    go (they take no cell, so nothing moves); Textual's own control segments stay."""
    from rich.console import Console
    from rich.segment import ControlType, Segment
    from textual.strip import Strip

    from ecouch_tui.ui.widgets import textual_fixes

    textual_fixes.install()
    console = Console(force_terminal=True, color_system="truecolor", width=80)
    line = Strip([Segment("ab"), Segment(payload("s")), Segment("cd")])
    width = line.cell_length
    drawn = line.render(console)
    assert "\x1b]0;PWNED" not in drawn and "\x1b[2Jwiped" not in drawn
    assert drawn == "abs ]0;PWNED-s[2Jwipedcd" and line.cell_length == width
    own = Segment("\x1b[?25l", None, [(ControlType.HIDE_CURSOR,)])
    assert Strip([own, Segment("\x1b]0;x")]).render(console) == "\x1b[?25l]0;x"


def test_course_text_shows_control_characters_with_its_styles_in_place() -> None:
    """An author's text with BEL before bold words: Content drops BEL, which moved the
    bold one character on (onto "old "); shown as ␇, the bold stays on "bold"."""
    from ecouch_tui.ui.widgets.course_text import parse

    (paragraph,) = parse("a\x07b **bold** and \x1b[2Jwiped")
    text = paragraph.text
    assert text.plain == "a␇b bold and ␛[2Jwiped"
    assert [text.plain[span.start : span.end] for span in text.spans] == ["bold"]


# -- in a terminal -----------------------------------------------------------------------------


def _drain(primary: int, seconds: float) -> bytes:
    """What the program writes to the terminal in `seconds` (an unread terminal blocks it)."""
    said = b""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([primary], [], [], min(left, 0.05))
        if ready:
            try:
                said += os.read(primary, 65536)
            except OSError:
                break
    return said


class Terminal:
    """`ecouch ARGS` in a pseudo-terminal of 100x30, as in a terminal window."""

    def __init__(self, data: Path, *args: str) -> None:
        import pty

        self.primary, secondary = pty.openpty()
        os.set_blocking(self.primary, False)
        env = {
            **os.environ,
            "ECOUCH_DATA_DIR": str(data),
            "ECOUCH_TODAY": TODAY.isoformat(),
            "TERM": "xterm-256color",
            "COLUMNS": "100",
            "LINES": "30",
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ecouch_tui", "--modules", str(FIXTURE), *args],
            stdin=secondary,
            stdout=secondary,
            stderr=secondary,
            env=env,
            start_new_session=True,
        )
        os.close(secondary)

    def read(self, seconds: float) -> bytes:
        return _drain(self.primary, seconds)

    def press(self, key: bytes, seconds: float = 1.2) -> bytes:
        os.write(self.primary, key)
        return self.read(seconds)

    def close(self) -> bytes:
        said = b""
        if self.proc.poll() is None:
            said = self.press(b"\x11", 2.0)  # Ctrl+Q
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=20)
        os.close(self.primary)
        return said


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_an_export_at_a_terminal_shows_control_characters(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with enrolled_store(data) as store:
        store.save_mood(TODAY, 5, note="csi \x9b2Jwiped")
    terminal = Terminal(data, "export")
    said = terminal.read(3.0)
    terminal.close()
    assert terminal.proc.returncode == 0, said
    assert "\x9b2J".encode() not in said  # 8-bit CSI, which a terminal may obey
    assert "csi �2Jwiped".encode() in said


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_app_shows_stored_text_with_escapes_without_obeying_them(tmp_path: Path) -> None:
    """The Workbook list, an opened entry, the mood form and chart, and History, each
    drawn with a stored text that holds escape sequences."""
    data = tmp_path / "data"
    with enrolled_store(data) as store:
        store.save_mood(TODAY, 4, note=payload("note"))
        store.save_entry(
            module_id="welcome",
            page_id="your-hopes",
            block_id="hopes",
            kind="reflection",
            data={"text": payload("entry")},
            uid=entry_uid("reflection", "welcome", "your-hopes", "hopes"),
        )
        store.save_checkin("phq9", [1, 1, 1, 1, 1, 0, 0, 0, 0], 5, payload("band"))
    terminal = Terminal(data)
    seen: dict[str, bytes] = {}
    try:
        seen["home"] = terminal.read(4.0)
        assert b"Week 1" in seen["home"], seen["home"][-500:]
        seen["workbook"] = terminal.press(b"w")
        seen["entry"] = terminal.press(b"\r")  # the newest entry: the reflection
        terminal.press(b"\x1b", 0.8)  # back to the Workbook
        terminal.press(b"\x1b", 0.8)  # and home
        seen["mood form"] = terminal.press(b"m")
        terminal.press(b"\x1b", 0.8)
        seen["mood chart"] = terminal.press(b"g")
        terminal.press(b"\x1b", 0.8)
        seen["history"] = terminal.press(b"h")
    finally:
        seen["end"] = terminal.close()
    everything = b"".join(seen.values())
    for sequence in OBEYED:
        assert sequence not in everything, [name for name in seen if sequence in seen[name]]
    assert "␛]0;PWNED-entry".encode() in seen["workbook"] + seen["entry"]
    assert "␛]0;PWNED-note".encode() in seen["mood form"] + seen["mood chart"]
    assert "␛]0;PWNED-band".encode() in seen["history"]
