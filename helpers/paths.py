"""Where the course keeps its files: the repository, its data folder and a local cache."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Callable, TypeVar

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"


def cache_dir() -> Path:
    """The folder for derived files (tokenized corpora, trained vectors); never committed.

    `TOKEN_EMBEDDINGS_CACHE` overrides the default `<repo>/.cache`, e.g. for a read-only checkout.
    """
    folder = Path(os.environ.get("TOKEN_EMBEDDINGS_CACHE", REPO_ROOT / ".cache"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # an unwritable place: reading finds nothing, writing says so once and carries on
    _sweep_stale_temporaries(folder)
    return folder


# --------------------------------------------------------------------------- safe cache files
_NOTICES: set = set()
_SWEPT: set = set()
STALE_SECONDS = 3600


def notice(message: str) -> None:
    """One line on stderr, once per kernel for the same message (caches that heal, etc.)."""
    import sys

    if message not in _NOTICES:
        _NOTICES.add(message)
        print(f"Note: {message}", file=sys.stderr)


def _temporary_name(path: Path) -> Path:
    import secrets

    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _sweep_stale_temporaries(folder: Path) -> None:
    """Remove temporary files left by a kernel that was killed mid-write (older than an hour)."""
    import time

    if folder in _SWEPT:
        return
    _SWEPT.add(folder)
    try:
        # ours (".name.pid.random.tmp") and those of older versions ("name.pid.tmp[.npz]")
        for leftover in [*folder.glob("*.tmp"), *folder.glob("*.tmp.npz")]:
            if time.time() - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
    except OSError:
        pass


def write_atomically(path: Path, write, cache: bool = True) -> bool:
    """Write a cache file through a temporary file and a rename, so that a reader (another
    notebook running at the same time) sees either the old file or the whole new one.

    `write(handle)` writes bytes to an open binary file. Returns False (after one line saying
    so) if the folder cannot be written: the caller carries on without caching. The temporary
    file is removed whatever happens. With `cache=False` (a file the learner asked for) an
    unwritable place is a `DataFileError` instead.
    """
    path = Path(path)
    tmp = _temporary_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
        return True
    except OSError as error:
        reason = error.strerror or type(error).__name__
        if not cache:
            from .errors import DataFileError

            raise DataFileError(f"cannot write path {path} ({reason}). Fix: choose a folder you "
                                "can write to.") from None
        notice(f"cannot write to the cache folder {path.parent} ({reason}): carrying on without "
               "caching; set TOKEN_EMBEDDINGS_CACHE to a writable folder to keep results "
               "between runs")
        return False
    finally:
        try:
            tmp.unlink()
        except OSError:
            pass


def discard(path: Path, reason: str) -> None:
    """Remove a damaged cache file (if allowed) and say so in one line; it is then rebuilt."""
    notice(f"the cache file {Path(path).name} was unreadable ({reason}): rebuilding it")
    try:
        Path(path).unlink()
    except OSError:
        pass


# what reading a damaged .npz cache file raises (truncated zip, missing array, wrong shape...)
NPZ_READ_ERRORS = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile)
T = TypeVar("T")


def read_or_build(path: Path, read: Callable[[Path], T], build: Callable[[], T],
                  errors: tuple = NPZ_READ_ERRORS) -> T:
    """`read(path)` if the cache file exists and `read` accepts it, else `build()` (which
    trains and writes the file). A file `read` refuses with one of `errors` is discarded with
    one line first (`discard`), so a damaged cache heals instead of stopping the notebook."""
    if Path(path).exists():
        try:
            return read(path)
        except errors as error:
            discard(path, f"{type(error).__name__}: {error}")
    return build()
