"""The one file a joined board leaves on this computer: `board.json` in the data folder,
mode 0600, holding the account's access token and where the board's rooms are.

Written whole or not at all (a new file beside it, synced, then renamed over it), never
through a link, and deleted by `ecouch board leave`. Nothing from the course is in it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import msgspec

from ecouch_tui.paths import UnsafePlace, ensure_private_dir, not_a_link

FILENAME = "board.json"
#: A moderator's own sign-in (`ecouch board moderate login`), apart from a member's.
MODERATOR_FILENAME = "board-moderator.json"


class Profile(msgspec.Struct, frozen=True, kw_only=True):
    """A member's short story (U2plus's profile), posted once a moderator approves them."""

    age_group: str = ""
    recovered: str = ""
    story: str = ""
    posted: bool = False

    def fields(self) -> dict[str, str]:
        return {"age_group": self.age_group, "recovered": self.recovered, "story": self.story}

    @property
    def empty(self) -> bool:
        return not any(self.fields().values())


class Credentials(msgspec.Struct, frozen=True, kw_only=True):
    homeserver: str
    user_id: str
    device_id: str
    access_token: str
    #: Generated at joining; kept so the member can also sign in with another client.
    password: str
    space_id: str
    #: The board's rooms by kind ("talk", "achieved", "thought_records").
    rooms: dict[str, str]
    joined_on: str
    profile: Profile = Profile()
    #: A moderator's sign-in: the moderators' own room.
    moderators_room: str = ""
    #: The rules the board published (its space's rules event), as text; empty when it
    #: published none (the bundled rules are used then).
    rules_yaml: str = ""


def path_in(data_dir: Path, filename: str = FILENAME) -> Path:
    return data_dir / filename


def load(data_dir: Path, filename: str = FILENAME) -> Credentials | None:
    """The saved board account, or None when this user has not joined one. An unreadable
    file counts as none (the member can join again); a link is refused (UnsafePlace)."""
    path = path_in(data_dir, filename)
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(found.st_mode):
        raise not_a_link(path, "the board's own file")
    if not stat.S_ISREG(found.st_mode):
        return None
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(1_000_000)
    try:
        return msgspec.json.decode(data, type=Credentials)
    except msgspec.DecodeError:
        return None


def ready(data_dir: Path) -> None:
    """Check, before any account is made on a server, that the sign-in can be kept here:
    the folder private (made if missing), a file writable in it. UnsafePlace or OSError
    otherwise, with nothing sent anywhere."""
    ensure_private_dir(data_dir)
    probe = data_dir / f".{FILENAME}.{os.getpid()}.probe"
    fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
    os.close(fd)
    probe.unlink()


def save(data_dir: Path, credentials: Credentials, filename: str = FILENAME) -> Path:
    """Write `board.json` (0600) whole: a new file, synced, renamed into place."""
    ensure_private_dir(data_dir)
    path = path_in(data_dir, filename)
    if path.is_symlink():
        raise not_a_link(path, "the board's own file")
    temp = data_dir / f".{filename}.{os.getpid()}.new"
    fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(msgspec.json.encode(credentials))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def forget(data_dir: Path, filename: str = FILENAME) -> bool:
    """Delete `board.json`; whether there was one. A link in its place is removed (the
    link only, never what it points to)."""
    path = path_in(data_dir, filename)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except IsADirectoryError as exc:
        raise UnsafePlace(path, f"{path} is a folder; ecouch leaves it.") from exc
    return True
