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

    def __init__(self, file: str, problems: list[str], total: int | None = None):
        self.file = file
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        super().__init__(f"{file}: {self.total} problem{'s' if self.total != 1 else ''}; nothing was written")


# -- writes to a shared server (issue 12) -------------------------------------
class ConflictError(ActorGraphError):
    """Another writer changed what this write read, between the read and the commit: nothing was written."""


# -- extraction (issue 14: actorgraph extract / review) ------------------------
class ExtractError(ActorGraphError):
    """A report cannot be read or yields nothing: empty, binary, unknown encoding, no known actor."""


__all__ += ["ExtractError"]
