"""The one safe writer for every file actorgraph writes (exports, workspaces).

Rules (a write never replaces what is not a regular file of ours):

* ``-``, ``/dev/stdout`` (and ``/dev/fd/1``, ``/proc/self/fd/1``) write to
  standard output — never replace the device or the symlink;
* a symlink is followed (to the end of its chain) and its *target* is
  replaced atomically; the link stays a link;
* any other existing target that is not a regular file (directory, device
  such as ``/dev/full``, FIFO, socket) is refused with a one-line error;
* a regular file is replaced atomically: a temporary file in the same
  directory, written (and fsynced when asked), given the old file's mode,
  then ``os.replace``; the old content stays intact on any failure.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_file(d / "out.txt", "hello").name
'out.txt'
>>> (d / "link.txt").symlink_to(d / "out.txt")
>>> _ = write_file(d / "link.txt", "again")
>>> (d / "link.txt").is_symlink(), (d / "out.txt").read_text()
(True, 'again')
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ..core.errors import WriteError

__all__ = ["write_file", "is_stdout", "writable_target", "STDOUT_NAMES"]

#: Output names that mean standard output.
STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")

_KINDS = [(stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket")]


def is_stdout(path: str | os.PathLike | None) -> bool:
    """True when ``path`` names standard output."""
    return path is not None and os.fspath(path) in STDOUT_NAMES


def writable_target(path: str | os.PathLike) -> Path:
    """The regular file a write to ``path`` replaces (a symlink's final target).

    Raises :class:`~actorgraph.core.errors.WriteError` when that target exists and
    is not a regular file.
    """
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISREG(mode):
        return target
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    via = f" (via the symlink {path})" if target != path else ""
    raise WriteError(f"cannot write {target}{via}: it is {kind}, not a regular file; refusing to replace it")


def _to_stdout(data: str | bytes | Callable[[IO[str]], None]) -> Path:
    if callable(data):
        data(sys.stdout)
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
    sys.stdout.flush()
    return Path("-")


def write_file(path: str | os.PathLike, data: str | bytes | Callable[[IO[str]], None], *,
               fsync: bool = False) -> Path:
    """Write ``data`` (text, bytes, or ``writer(text_file)``) to ``path`` by the module's rules.

    Returns the path written (``Path("-")`` for standard output). Raises
    :class:`~actorgraph.core.errors.WriteError` (one line) when the target is
    refused or cannot be written; nothing is left behind then.
    """
    if is_stdout(path):
        return _to_stdout(data)
    path = Path(path)
    target = writable_target(path)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        if callable(data):
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                data(fh)
                fh.flush()
                if fsync:
                    os.fsync(fh.fileno())
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
                fh.flush()
                if fsync:
                    os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    if fsync:
        _fsync_dir(target.parent)
    return path


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:  # some filesystems refuse fsync on directories
        pass
