"""Small named exceptions of the actorgraph library.

Every error a user can cause derives from :class:`ActorGraphError`; its message
is one line naming the problem (file, line, name, suggestion). The CLI turns
them into one-line errors with a non-zero exit, never a traceback.
"""

from __future__ import annotations

__all__ = [
    "ActorGraphError",
    "DateError",
    "GraphFileError",
    "ImportProblems",
    "QueryError",
    "QueryRefused",
    "ReadOnlyError",
    "UnknownNameError",
    "ValidationError",
    "ConflictError",
    "WriteError",
]


class ActorGraphError(Exception):
    """Base class of every error the library raises on bad input."""


class DateError(ActorGraphError, ValueError):
    """A date is malformed (``2025-1x``) or impossible (``2026-13-45``)."""


class UnknownNameError(ActorGraphError, LookupError):
    """A name resolves to no actor (or relation type); carries suggestions.

    >>> str(UnknownNameError("Pakistn", ["Pakistan"]))
    "unknown actor 'Pakistn'; did you mean: Pakistan?"
    """

    def __init__(self, name: str, suggestions: list[str] | None = None, kind: str = "actor"):
        self.name = name
        self.kind = kind
        self.suggestions = list(suggestions or [])
        hint = f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")


class QueryError(ActorGraphError):
    """A SPARQL query is malformed, not read-only, or has a bad parameter."""


class QueryRefused(QueryError):
    """A query asks for what a read-only graph never does: an update, ``SERVICE``,
    or ``FROM`` naming a graph outside the store (HTTP 403 in ``serve``)."""


class GraphFileError(ActorGraphError, OSError):
    """A graph file is missing, unreadable or unparsable."""


class WriteError(ActorGraphError, OSError):
    """An output cannot be written, or its target is not a regular file (a device, FIFO, directory)."""


class ReadOnlyError(ActorGraphError, PermissionError):
    """A write was attempted on a read-only graph (the bundled one)."""


class ValidationError(ActorGraphError):
    """Data does not conform to the shapes or the extra checks."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        head = self.problems[0] if self.problems else "invalid data"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(head + more)


class ImportProblems(ActorGraphError):
    """An import was refused; ``problems`` lists ``FILE:LINE: column: reason`` lines.

    ``total`` counts every problem found; ``problems`` may be capped.

    >>> str(ImportProblems("x.csv", ["x.csv:2: subject: unknown actor 'Q'"]))
    'x.csv: 1 problem; nothing was written'
    """

    def __init__(self, file: str, problems: list[str], total: int | None = None, warnings: list[str] | None = None):
        self.file = file
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        #: Non-fatal notices found before the import failed (a Windows-1252 file, unknown columns).
        self.warnings = list(warnings or [])
        super().__init__(f"{file}: {self.total} problem{'s' if self.total != 1 else ''}; nothing was written")


# -- writes to a shared server (issue 12) -------------------------------------
class ConflictError(ActorGraphError):
    """Another writer changed what this write read, between the read and the commit: nothing was written."""


# -- extraction (issue 14: actorgraph extract / review) ------------------------
class ExtractError(ActorGraphError):
    """A report cannot be read or yields nothing: empty, binary, unknown encoding, no known actor."""


__all__ += ["ExtractError"]


# -- the filesystem and the store engine refuse (issue 18) --------------------
class StoreError(GraphFileError):
    """An Oxigraph store cannot be opened or read: damaged, unreadable, refused by the filesystem."""


def os_error_message(exc: OSError, path: object = None) -> str:
    """One line saying what the filesystem refused and why, in words (not only ``strerror``).

    ``/proc`` and ``/sys`` answer "No such file or directory" to a new file in
    a directory that exists: that is said as it is.

    >>> os_error_message(OSError(30, "Read-only file system", "/mnt/ws"))
    'cannot write /mnt/ws: read-only file system'
    >>> os_error_message(FileNotFoundError(2, "No such file or directory", "/proc/ws"))
    'cannot create /proc/ws: /proc does not accept new files (a virtual filesystem such as /proc or /sys)'
    """
    import errno
    import os

    target = path if path is not None else exc.filename
    where = os.fspath(target) if target else "a file"
    parent = os.path.dirname(os.path.abspath(where)) if target else ""
    code = exc.errno
    if code == errno.EROFS:
        return f"cannot write {where}: read-only file system"
    if code in (errno.EACCES, errno.EPERM):
        return f"cannot write {where}: permission denied"
    if code == errno.EISDIR or (code == errno.EEXIST and os.path.isdir(where)):
        return f"cannot use {where}: it is a directory"
    if code == errno.ENOTDIR:
        return f"cannot write {where}: a part of the path is not a directory"
    if code == errno.ENOENT:
        if parent and os.path.isdir(parent):
            verb = "write" if os.path.lexists(where) else "create"
            return (f"cannot {verb} {where}: {parent} does not accept new files "
                    "(a virtual filesystem such as /proc or /sys)")
        return f"cannot create {where}: no directory {parent or where}"
    return f"cannot write {where}: {exc.strerror or exc}"  # e.g. No space left on device


def store_error(directory: object, exc: BaseException) -> StoreError:
    """The one-line error for the store engine failing on ``directory`` (open, query or write).

    RocksDB reports damage (an overwritten ``CURRENT``, a truncated ``.sst``)
    as ``RuntimeError: Corruption: …``; nothing is repaired behind the user's back.
    """
    text = " ".join(str(exc).split())[:200]
    if "corrupt" in text.lower() or "Corruption" in text:
        return StoreError(f"{directory}: the Oxigraph store is damaged ({text}); it was left as it is: restore it "
                          f"from a backup, or rebuild it with `actorgraph load FILE --into oxigraph:{directory}`")
    if isinstance(exc, OSError) and exc.errno:
        return StoreError(f"{directory}: {os_error_message(exc)}")
    return StoreError(f"{directory}: cannot open as an Oxigraph store: {text}")


__all__ += ["StoreError", "os_error_message", "store_error"]
