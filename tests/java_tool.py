"""Compile a one-file Java program against Debian's jars, once per test module, and run it.

The independent readers (OWLAPI's profile check, JGraphT's strict importers)
are small Java programs kept as strings in their test modules; this is the
one place that finds the JDK and the jars, compiles them and runs them.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

JARS = Path("/usr/share/java")


def java_program(tmp_path_factory, class_name: str, source: str, jars: Sequence[str], what: str,
                 apt: str) -> Callable[..., subprocess.CompletedProcess]:
    """Compile ``source`` (public class ``class_name``); return ``run(*args)`` → the finished process.

    Skips (naming the Debian packages to install) when Java or a jar is missing.
    """
    missing = [j for j in jars if not (JARS / j).exists()]
    if not shutil.which("java") or not shutil.which("javac") or missing:
        pytest.skip(f"{what} unavailable (apt-get install -y {apt}); missing: {', '.join(missing) or 'java/javac'}")
    folder = tmp_path_factory.mktemp(class_name.lower())
    (folder / f"{class_name}.java").write_text(source, encoding="utf-8")
    classpath = ":".join([str(folder)] + [str(JARS / j) for j in jars])
    subprocess.run(["javac", "-cp", classpath, "-d", str(folder), str(folder / f"{class_name}.java")],
                   check=True, capture_output=True, timeout=300)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["java", "-cp", classpath, class_name, *args],
                              capture_output=True, text=True, timeout=300)

    return run
