"""Writing an export file: atomically, refusing what is not a regular file of ours.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
>>> atomic_write(target, "hello").read_text()
'hello'
"""

from __future__ import annotations

from pathlib import Path

from .filters import ExportError

__all__ = ["atomic_write"]

def atomic_write(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically with :func:`actorgraph.store.safeio.write_file`.

    ``-`` and ``/dev/stdout`` are standard output; a symlink's target is
    replaced, never the link; a device, FIFO or directory is refused.
    Raises :class:`ExportError` (one line) when the path cannot be written.
    """
    from ..core.errors import WriteError
    from ..store.safeio import write_file

    try:
        return write_file(path, data)
    except WriteError as exc:
        raise ExportError(str(exc)) from None
