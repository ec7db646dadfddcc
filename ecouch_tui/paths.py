"""Where ecouch keeps things: the data folder, the course folder, the bundled content.

Resolution order is the same everywhere: command-line option, then environment
variable, then the default. platformdirs is imported only when the default is needed.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ecouch"
STORE_FILENAME = "ecouch.sqlite3"

#: What a course folder holds, besides its module files.
MANIFEST_NAME = "course.yaml"
CRISIS_NAME = "crisis_lines.yaml"
QUESTIONNAIRES_DIR = "questionnaires"


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


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make the folder itself 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path
