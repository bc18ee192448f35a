"""Limits a query worker process sets on itself: no network, a memory cap (Linux).

Defence in depth for ``serve``: the guard refuses ``SERVICE`` and foreign
``FROM`` before any engine runs, and pyoxigraph offers no switch to turn its
HTTP client off, so a worker serving a local graph also leaves the network
altogether (a new, empty network namespace: only a loopback that is down).
A memory cap bounds what one runaway query can take from the machine.

>>> import os
>>> pid = os.fork()
>>> if pid == 0:  # a child: what a worker does
...     os._exit(0 if not no_network() or not _can_connect() else 1)
>>> os.waitpid(pid, 0)[1]
0
"""

from __future__ import annotations

import ctypes
import os
import resource
import socket

__all__ = ["no_network", "cap_memory"]

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="ascii") as f:
        f.write(text)


def no_network() -> bool:
    """Move this (single-threaded) process into its own user and network namespaces.

    Afterwards no socket reaches another host or this host's services; files
    read and write as before (the user and group ids map to themselves).
    Returns False, changing nothing, where the kernel does not allow it
    (unprivileged user namespaces disabled, a threaded process, not Linux).
    """
    uid, gid = os.getuid(), os.getgid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
            return False
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    except (OSError, AttributeError):
        return False
    return True


def cap_memory(megabytes: int) -> int:
    """Let this process allocate at most ``megabytes`` more (heap and anonymous mappings: what a
    query allocates), on top of what it holds now (a worker's inherited graph); returns the limit in bytes.

    Past the cap an allocation fails: Oxigraph aborts the process, Python
    raises :class:`MemoryError`. ``0`` leaves the limit as it is (returns 0).
    """
    if megabytes <= 0:
        return 0
    limit = _data_size() + (megabytes << 20)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    return limit


def _data_size() -> int:
    """This process's data segment in bytes (``VmData``), 0 where /proc does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) << 10
    except (OSError, ValueError):
        pass
    return 0


def _can_connect(port: int = 9) -> bool:
    """True when a TCP connection to 127.0.0.1 gets an answer (even a refusal); False: no route."""
    with socket.socket() as s:
        s.settimeout(1)
        try:
            s.connect(("127.0.0.1", port))
        except ConnectionRefusedError:
            return True
        except OSError:
            return False
        return True
