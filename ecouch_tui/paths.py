"""Where ecouch keeps things: the data folder, the course folder, the bundled content.

Resolution order is the same everywhere: command-line option, then environment
variable, then the default. platformdirs is imported only when the default is needed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

APP_NAME = "ecouch"
STORE_FILENAME = "ecouch.sqlite3"

#: What a course folder holds, besides its module files.
MANIFEST_NAME = "course.yaml"
CRISIS_NAME = "crisis_lines.yaml"
QUESTIONNAIRES_DIR = "questionnaires"
#: The peer board's rules, inside a course folder (and the bundled one).
BOARD_RULES_NAME = "board/rules.yaml"


def bundled_modules_dir() -> Path:
    """The course that ships with ecouch.

    In an installed wheel it sits inside the package; in a source checkout (editable
    install) it is the repository's top-level `modules/` folder.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "modules"
    if packaged.is_dir():
        return packaged
    return here.parent / "modules"


def modules_dir(option: str | os.PathLike[str] | None = None) -> Path:
    chosen = option or os.environ.get("ECOUCH_MODULES")
    return Path(chosen).expanduser() if chosen else bundled_modules_dir()


def data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    chosen = option or os.environ.get("ECOUCH_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


class UnsafePlace(OSError):
    """A folder or file ecouch will not use or change, and why, in words for the user.

    An OSError, so that code which gives up quietly on a disk problem (the content
    cache) gives up on this too; code that reports to the user shows `str()` as it is.
    """

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])


def kind_of(mode: int) -> str:
    """What a thing that is not an ordinary file is, for messages: 'a named pipe (FIFO)'."""
    kinds = {
        stat.S_ISLNK: "a link",
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a named pipe (FIFO)",
        stat.S_ISCHR: "a device",
        stat.S_ISBLK: "a device",
        stat.S_ISSOCK: "a socket",
        stat.S_ISREG: "a file",
    }
    return next((name for test, name in kinds.items() if test(mode)), "not an ordinary file")


def describe_link(path: Path) -> str:
    """'PATH is a link (to TARGET)': for refusals, so the user sees where it led."""
    try:
        return f"{path} is a link (to {os.readlink(path)})"
    except OSError:
        return f"{path} is a link"


def not_a_link(path: Path, what: str) -> UnsafePlace:
    return UnsafePlace(
        path,
        f"{describe_link(path)}, where ecouch expects {what}. ecouch never follows a link "
        "it did not make, so that whatever a link points to is never changed. Remove the "
        "link (ecouch makes what it needs itself) or move the real thing into its place, "
        "then try again. Nothing was written.",
    )


#: What to do instead of using a folder ecouch refuses.
ELSEWHERE = (
    "choose a folder of your own with --data-dir or ECOUCH_DATA_DIR (ecouch creates a "
    "missing one, readable only by you)"
)


def _refuse_unless_private(path: Path, found: os.stat_result) -> None:
    """A folder ecouch did not make just now: used as it is only if it is a folder of
    this user's that nobody else can enter. ecouch never chmods it: that could open or
    close a folder others rely on (as root, `/etc`)."""
    if hasattr(os, "geteuid") and found.st_uid != os.geteuid():
        raise UnsafePlace(
            path,
            f"ecouch will not keep your data in {path}: it belongs to another account "
            f"(user id {found.st_uid}). Please {ELSEWHERE}. Nothing was written.",
        )
    loose = stat.S_IMODE(found.st_mode) & 0o077
    if loose:
        who = "change what is in it" if loose & 0o022 else "see into it"
        raise UnsafePlace(
            path,
            f"ecouch will not keep your data in {path}: other people on this computer can "
            f"{who} (its mode is {stat.S_IMODE(found.st_mode):04o}, and ecouch did not make "
            f"it). If the folder is yours alone, run 'chmod 700 {path}' and try again; "
            f"otherwise {ELSEWHERE}. Nothing was written.",
        )


def ensure_private_dir(path: Path, *, link_ok: bool = False) -> Path:
    """Create `path` 0700 (missing parents as usual), or check the folder already there.

    A folder made here is set to 0700 through its own descriptor. One that was there is
    never changed: it must be this user's and private (no group or other access), or
    UnsafePlace says why and what to do. `link_ok`: `path` may be a link to such a folder
    (the data folder, which a user may keep elsewhere on purpose); ecouch's own
    subfolders (`backups/`, `cache/`) must never be links. OSError on other failures.
    """
    if link_ok:
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        # One of ecouch's own subfolders: its parent is the data folder, which is made
        # (or checked) as such first; made by mkdir's parents, it would be 0755.
        ensure_private_dir(path.parent, link_ok=True)
    nofollow = 0 if link_ok else os.O_NOFOLLOW
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | nofollow)
        except OSError as exc:
            if os.path.islink(path) and not link_ok:
                raise not_a_link(path, f"its own folder {path.name}/") from exc
            raise  # a file where the folder should be: the OS's words say so
        try:
            _refuse_unless_private(path, os.fstat(fd))
        finally:
            os.close(fd)
        return path
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        os.fchmod(fd, 0o700)  # the mode given to mkdir is masked by umask, never widened
    finally:
        os.close(fd)
    return path
