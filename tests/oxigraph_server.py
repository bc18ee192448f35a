"""A real Oxigraph server on 127.0.0.1 for the tests (the `oxigraph` pip package's binary)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(directory: Path, command: str = "serve", port: int | None = None,
          union_default_graph: bool = True) -> tuple[str, subprocess.Popen]:
    """Start ``oxigraph COMMAND`` over a store directory; return its base URL once it answers, and the process.

    Skips the test when the server is not installed; fails it when the server does not come up in 20 s.
    """
    exe = shutil.which("oxigraph")
    if not exe:
        pytest.skip("the `oxigraph` server (pip install oxigraph) is not installed")
    port = port or free_port()
    args = [exe, command, "--location", str(directory), "--bind", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(args + (["--union-default-graph"] if union_default_graph else []),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            return base, proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph {command} did not start: {proc.stderr.read().decode()[:500]}")
            time.sleep(0.1)


def stop(proc: subprocess.Popen) -> None:
    """Terminate the server, killing it when it does not stop within 10 s."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def running(directory: Path, command: str = "serve", **options) -> Iterator[tuple[str, subprocess.Popen]]:
    """:func:`start`, then :func:`stop` on the way out."""
    base, proc = start(directory, command, **options)
    try:
        yield base, proc
    finally:
        stop(proc)
