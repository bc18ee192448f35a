"""A write-ahead journal for big writes into an Oxigraph workspace: all or nothing, fast and lean.

Oxigraph's transactional ``Store.extend`` holds a whole change in memory
(several GB for a 100,000-row ACLED import); ``bulk_extend``/``bulk_load``
are fast and lean but not atomic. So a big change (over :data:`BULK_FROM`
quads, already validated) is written first as a journal in the store
directory, then applied with the bulk loader, then the journal is deleted:

``DIR/actorgraph-journal.nq`` — N-Quads, read by any N-Quads parser as the
quads to **add**; the quads to **remove** come first as comment lines
``#- <s> <p> <o> <g> .`` (so the bulk loader skips them); the last line is
the commit marker ``# actorgraph-journal commit bytes=N`` (``N`` the size of
everything before it), written and fsync'd only after the rest is on disk.

Whoever opens the workspace next — writer or reader — under the write lock:

* a journal with its commit marker (the crash came while applying it) is
  rolled forward: removals, then the bulk load of the additions, then the
  journal is deleted. Applying a delta twice is harmless (quads are a set,
  and a change never adds and removes the same quad);
* a journal without it (the crash came while writing it: nothing was
  applied yet) is deleted.

``kill -9`` at any moment therefore leaves the previous state or, after
recovery, the whole new one; never a part.

**Staged loads.** The bulk loader costs about as much CPU as building the
rows, so a big import into named graphs that are *empty* when it starts
(a dataset's first import) loads its parts on a second thread while the
rest is built (:class:`StagedLoad`). ``DIR/actorgraph-stage.nt`` names
those graphs (one ``<iri>`` a line), written and fsync'd before the first
part is loaded; the journal above then carries what was not loaded yet and
stays the one commit point:

* a complete journal: rolled forward as above (every staged part was
  loaded and flushed before the journal was written), the stage file deleted;
* a stage file without a complete journal (the write failed or was cut
  short): the staged graphs, empty before, are cleared (:func:`undo_stage`),
  then the stage file and any incomplete journal are deleted.

Until then readers wait for the writer (:func:`recover_for_reader`), and
the writer's own reads leave the staged graphs out, so a write sees the
store as it stood when it began.

>>> import tempfile, pyoxigraph as ox
>>> d = Path(tempfile.mkdtemp())
>>> q = ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1"), ox.NamedNode("http://e/g"))
>>> store = ox.Store(str(d / "s"))
>>> apply_with_journal(store, d / "s", [], [q])
>>> len(store), pending(d / "s")
(1, None)
"""

from __future__ import annotations

import io
import mmap
import os
import queue
import re
import threading
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from ..core.errors import GraphFileError

__all__ = ["BULK_FROM", "JOURNAL_FILE", "STAGE_FILE", "StagedLoad", "apply_with_journal", "pending", "roll_forward",
           "write_journal", "discard_incomplete", "staged_graphs", "undo_stage", "end_stage",
           "recover_for_reader", "LOCK_FILE", "quad_lines", "apply_journal"]

#: Changes of more quads (added + removed) than this go through the journal and the bulk loader.
BULK_FROM = 20_000
JOURNAL_FILE = "actorgraph-journal.nq"
#: The writers' lock file inside the store directory (every actorgraph writer holds it).
LOCK_FILE = "actorgraph-write.lock"
#: The graphs a big write is loading parts of while it is built (see the module doc).
STAGE_FILE = "actorgraph-stage.nt"
_HEADER = b"# actorgraph-journal v1: lines '#- ' are quads to remove, other quads are to add\n"
_MARKER = re.compile(rb"# actorgraph-journal commit bytes=(\d+)\n\Z")
_REMOVE = b"#- "
_REMOVE_BATCH = 10_000
#: Most quads per bulk-loader call: a call holds what it is given (about 0.6-1 GB a million quads) and a
#: second call costs CPU (the 3 million quads of 100,000 ACLED rows: 38 s in one call but 1.8 GB, 47 s in two,
#: 53 s in three or four, 57 s in fourteen).
_ADD_CHUNK = int(os.environ.get("ACTORGRAPH_BULK_CHUNK", "800000"))


def _ox():
    import pyoxigraph

    return pyoxigraph


def _fsync_dir(directory: Path) -> None:
    fd = os.open(str(directory), os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def quad_lines(quads: Iterable[Any]) -> Iterator[str]:
    """N-Quads lines of pyoxigraph quads."""
    return (f"{q} .\n" for q in quads)


def _write_lines(fh, lines: Iterable[str], prefix: str = "") -> None:
    chunk: list[str] = []
    for line in lines:
        chunk.append(prefix + line if prefix else line)
        if len(chunk) >= 20_000:
            fh.write("".join(chunk).encode("utf-8"))
            chunk = []
    if chunk:
        fh.write("".join(chunk).encode("utf-8"))


def write_journal(directory: Path, removed: Iterable[Any], added: Iterable[Any], lines: bool = False) -> Path:
    """Write the delta to ``directory``'s journal, durably, commit marker last.

    ``removed`` and ``added`` are pyoxigraph quads, or N-Quads lines (one
    quad each, ending in a newline) when ``lines``.
    """
    path = Path(directory) / JOURNAL_FILE
    if not lines:
        removed, added = quad_lines(removed), quad_lines(added)
    with open(path, "wb") as fh:
        fh.write(_HEADER)
        _write_lines(fh, removed, _REMOVE.decode())
        fh.write(b"# add\n")
        _write_lines(fh, added)
        fh.flush()
        size = fh.tell()
        os.fsync(fh.fileno())  # the body is on disk before the marker says it is complete
        fh.write(b"# actorgraph-journal commit bytes=%d\n" % size)
        fh.flush()
        os.fsync(fh.fileno())
    _fsync_dir(path.parent)
    return path


def pending(directory: Path) -> str | None:
    """``"complete"``, ``"incomplete"`` or ``None`` (no journal) for the store at ``directory``."""
    path = Path(directory) / JOURNAL_FILE
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            fh.seek(max(0, size - 64))
            tail = fh.read()
    except FileNotFoundError:
        return None
    match = _MARKER.search(tail)
    if match and int(match.group(1)) + len(match.group(0)) == size:
        return "complete"
    return "incomplete"


def discard_incomplete(directory: Path) -> bool:
    """Delete a journal without its commit marker (nothing of it was applied); whether there was one."""
    if pending(directory) != "incomplete":
        return False
    (Path(directory) / JOURNAL_FILE).unlink()
    _fsync_dir(Path(directory))
    return True


def _removals(path: Path) -> Iterable[Any]:
    """The quads the journal removes (its ``#- `` lines, which all come before ``# add``)."""
    ox = _ox()
    batch: list[bytes] = []
    with open(path, "rb") as fh:
        for line in fh:
            if line.startswith(_REMOVE):
                batch.append(line[len(_REMOVE):])
                if len(batch) >= _REMOVE_BATCH:
                    yield from ox.parse(b"".join(batch), format=ox.RdfFormat.N_QUADS)
                    batch = []
            elif line.startswith(b"# add"):
                break
    if batch:
        yield from ox.parse(b"".join(batch), format=ox.RdfFormat.N_QUADS)


class _LinesReader(io.RawIOBase):
    """The next ``lines`` lines of a binary file, read as a file of their own (one bulk-loader chunk)."""

    def __init__(self, fh, lines: int):
        self._fh, self._left, self.at_end = fh, lines, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        data = self._fh.read(len(buffer))
        if not data:
            self.at_end = True
            return 0
        count = data.count(b"\n")
        if count >= self._left:  # the chunk ends inside this block: after its last line
            cut = -1
            for _ in range(self._left):
                cut = data.index(b"\n", cut + 1)
            self._fh.seek(cut + 1 - len(data), os.SEEK_CUR)
            data, count = data[:cut + 1], self._left
            self.at_end = not self._fh.peek(1)
        self._left -= count
        buffer[:len(data)] = data
        return len(data)


def _line_count(path: Path) -> int | None:
    """The journal's number of lines, or ``None`` when it may hold a blank node (``_:`` anywhere: a literal
    holding it only costs the slower path)."""
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data.find(b"_:") != -1:
            return None
        count, start, block = 0, 0, 1 << 24
        while start < len(data):
            count += data[start:start + block].count(b"\n")
            start += block
        return max(count, 1)


def apply_journal(store: Any, path: Path) -> None:
    """Apply a complete journal (removals, then additions through the bulk loader) and delete it.

    The additions go to ``Store.bulk_load`` straight from the file (parsed in
    Rust, no Python quad objects: about a third less CPU on 3 million quads);
    a journal with blank nodes is parsed here instead, as ``bulk_load`` would
    relabel them.
    """
    ox = _ox()
    for quad in _removals(path):
        store.remove(quad)  # absent already (a second roll-forward): a no-op
    lines = _line_count(path)
    if lines is not None:  # no blank node; comment lines (removals, marker) are skipped by the N-Quads parser
        calls = -(-lines // _ADD_CHUNK)
        per_call = -(-lines // calls)  # even parts: 3.1 million lines in 4 calls of 0.77 million, not 3 × 0.8 + 0.7
        with open(path, "rb") as fh:
            while True:
                part = _LinesReader(fh, per_call)
                store.bulk_load(io.BufferedReader(part, 1 << 20), format=ox.RdfFormat.N_QUADS, lenient=True)
                if part.at_end:
                    break
    else:
        # parse (blank node labels kept, unlike bulk_load's) and bulk-insert
        quads = ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=True)
        while True:  # in chunks: the bulk loader buffers what it is given (about 1.2 GB per million quads)
            chunk = list(islice(quads, _ADD_CHUNK))
            if not chunk:
                break
            store.bulk_extend(chunk)
            del chunk
    store.flush()
    path.unlink()
    _fsync_dir(path.parent)


def roll_forward(store: Any, directory: Path) -> str | None:
    """Finish or undo a big write left by a crash (call under the write lock, store open read-write).

    Returns ``"rolled forward"``, ``"rolled back"`` (a staged load undone),
    ``"discarded"`` or ``None`` (nothing pending).
    """
    directory = Path(directory)
    state = pending(directory)
    if state == "complete":
        apply_journal(store, directory / JOURNAL_FILE)
        _unlink(directory / STAGE_FILE)
        return "rolled forward"
    if (directory / STAGE_FILE).exists():
        undo_stage(store, directory)
        return "rolled back"
    if state == "incomplete":
        discard_incomplete(directory)
        return "discarded"
    return None


def end_stage(directory: Path) -> None:
    """Delete the stage file, durably: called once the journal is complete (the write now rolls forward)."""
    _unlink(Path(directory) / STAGE_FILE)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    _fsync_dir(path.parent)


def staged_graphs(directory: Path) -> list[str]:
    """The IRIs of the graphs a staged load is filling (empty when none)."""
    try:
        text = (Path(directory) / STAGE_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line.strip()[1:-1] for line in text.splitlines() if line.startswith("<") and line.strip().endswith(">")]


#: Quads removed per update when a staged load is undone (each update is one transaction).
_UNDO_BATCH = 200_000


def undo_stage(store: Any, directory: Path) -> None:
    """Undo a staged load that did not commit: clear its graphs (empty before it began), then delete the
    stage file and any incomplete journal. Cleared in bounded transactions, so a crash here is undone again
    on the next open; it costs about as long as loading them did."""
    directory = Path(directory)
    for iri in staged_graphs(directory):
        name = "<" + iri.replace(">", "%3E") + ">"
        while store.query(f"ASK {{ GRAPH {name} {{ ?s ?p ?o }} }}"):
            store.update(f"DELETE {{ GRAPH {name} {{ ?s ?p ?o }} }} WHERE {{ {{ SELECT ?s ?p ?o WHERE "
                         f"{{ GRAPH {name} {{ ?s ?p ?o }} }} LIMIT {_UNDO_BATCH} }} }}")
    store.flush()
    if pending(directory) == "incomplete":
        discard_incomplete(directory)
    _unlink(directory / STAGE_FILE)


class StagedLoad:
    """Bulk-load parts of a big write on a second thread while the rest is built (see the module doc).

    ``graphs`` are the IRIs of the named graphs the parts go to, all empty
    now. :meth:`put` queues a part (N-Quads bytes, no blank node: the bulk
    loader would relabel them) and blocks while one waits, which bounds the
    memory held; :meth:`finish` waits for every part and flushes. Nothing
    is committed here: the journal written after :meth:`finish` is.

    >>> import tempfile, pyoxigraph as ox
    >>> d = Path(tempfile.mkdtemp())
    >>> store = ox.Store(str(d))
    >>> load = StagedLoad(store, d, ["http://e/g"])
    >>> load.put(b'<http://e/a> <http://e/p> "1" <http://e/g> .\\n')
    >>> load.finish(); len(store), staged_graphs(d)
    (1, ['http://e/g'])
    >>> undo_stage(store, d); len(store), staged_graphs(d)
    (0, [])
    """

    def __init__(self, store: Any, directory: Path, graphs: Iterable[str]):
        self.store, self.directory = store, Path(directory)
        self.graphs = list(graphs)
        path = self.directory / STAGE_FILE
        with open(path, "wb") as fh:
            fh.write(b"# actorgraph staged load: these graphs were empty when it began\n")
            fh.write("".join(f"<{g}>\n" for g in self.graphs).encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        _fsync_dir(self.directory)
        self.loaded = 0  # quads handed to the loader so far
        self.error: BaseException | None = None
        self._parts: queue.Queue = queue.Queue(maxsize=1)  # one loading, one waiting: about 200 MB of text
        self._thread = threading.Thread(target=self._load, name="actorgraph-staged-load", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        ox = _ox()
        try:  # the build is the critical path: on a busy machine its core goes first (the loader's threads inherit this)
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (AttributeError, OSError):  # not on Linux, or not allowed: the same load, at the same priority
            pass
        while True:
            part = self._parts.get()
            if part is None:
                return
            data, graph = part
            if self.error is None:
                try:  # pyoxigraph releases the GIL while it loads: Python builds the next part meanwhile
                    if graph is None:
                        self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
                    else:  # one graph's triples: N-Triples, a fifth less text than N-Quads
                        self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph),
                                             lenient=True)
                except BaseException as exc:  # kept for the writer's thread, which raises it
                    self.error = exc

    def put(self, part: bytes, quads: int = 0, graph: str | None = None) -> None:
        """Queue ``part`` (N-Quads lines of ``quads`` quads; N-Triples lines when ``graph``, the IRI of the
        staged graph they all go to) for loading."""
        if self.error is not None:
            raise self.error
        self._parts.put((part, graph))
        self.loaded += quads

    def finish(self) -> None:
        """Wait until every part is loaded, then flush; re-raises the loader's failure."""
        self._stop()
        if self.error is not None:
            raise self.error
        self.store.flush()

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._parts.put(None)
            self._thread.join()

    def abort(self) -> None:
        """The write failed: stop loading and undo what was loaded (:func:`undo_stage`)."""
        self._stop()
        undo_stage(self.store, self.directory)


def apply_with_journal(store: Any, directory: Path, removed: Iterable[Any], added: Iterable[Any],
                       lines: bool = False) -> None:
    """Write the journal of a validated delta (see :func:`write_journal`), apply it with the bulk loader, delete it."""
    apply_journal(store, write_journal(directory, removed, added, lines))


def recover_for_reader(directory: Path, wait: float = 120.0) -> str | None:
    """Before a read-only open: make sure no half-applied big write is visible.

    Cheap when there is no journal (one ``stat``). With a journal:

    * no writer holds the lock: a crash left it — roll it forward (or
      discard it when incomplete), as a writer would;
    * a writer holds the lock and the journal is complete: the writer is
      applying it right now — wait for it (up to ``wait`` s), then read the
      whole new state;
    * a writer holds the lock and the journal is incomplete: it is still
      being written and nothing is applied yet — read the previous state;
    * a writer holds the lock and stages a load (``STAGE_FILE``): parts of
      it are in the store already — wait for it, as for a complete journal;
      still staging after ``wait`` s: a one-line error, never a part read as
      the data.

    Any failure here (no write permission, the store held by another
    program) is left to the read-only open that follows: the reader then
    sees the store as it is.
    """
    directory = Path(directory)
    if not (directory / JOURNAL_FILE).exists() and not (directory / STAGE_FILE).exists():
        return None
    from filelock import FileLock, Timeout

    lock = FileLock(str(directory / LOCK_FILE), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        if pending(directory) != "complete" and not (directory / STAGE_FILE).exists():
            return None
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            if (directory / STAGE_FILE).exists():  # a part of the write is in the store: never read it as the data
                raise GraphFileError(f"{directory}: a big import is still being loaded after {wait:.0f} s; "
                                     "try again when it ends") from None
            return None
        except OSError:
            return None
    except OSError:
        return None
    try:
        if pending(directory) is None and not (directory / STAGE_FILE).exists():  # the writer finished meanwhile
            return None
        try:
            store = _ox().Store(str(directory))
        except OSError:
            return None
        try:
            return roll_forward(store, directory)
        finally:
            del store
    finally:
        lock.release()
