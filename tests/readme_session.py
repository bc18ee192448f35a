"""The README's "A session" block, run for real: every ``$ command`` and what it prints.

    python tests/readme_session.py           # say whether the README is up to date (exit 1 if not)
    python tests/readme_session.py --write   # rewrite the block from what the commands print now

The commands run in bash (they pipe into ``cut``, ``grep``…) in a temporary
directory, with the installed ``actorgraph``, the bundled graph and a
100-column terminal; stderr is shown after stdout, as a terminal shows a
command's last words. ``tests/test_readme.py`` fails when the README and the
commands disagree.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- session:start -->\n```console\n)(.*?)(```\n<!-- session:end -->)", re.S)
COLUMNS = "100"


def commands(text: str) -> list[str]:
    """The ``$ `` lines of the README's session block."""
    match = BLOCK.search(text)
    if match is None:
        raise SystemExit("README.md has no <!-- session:start --> console block")
    return [line[2:] for line in match.group(2).splitlines() if line.startswith("$ ")]


def run(command: str, cwd: Path) -> str:
    """What ``command`` prints (stdout, then stderr), as the README shows it."""
    env = {k: v for k, v in os.environ.items() if k != "ACTORGRAPH_GRAPH"} | {"COLUMNS": COLUMNS, "NO_COLOR": "1"}
    proc = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    lines = [line.rstrip() for line in (proc.stdout + proc.stderr).splitlines()]
    return "".join(f"{line}\n" for line in lines)


def session(text: str) -> str:
    """The block as the commands print it today."""
    with tempfile.TemporaryDirectory() as tmp:
        return "".join(f"$ {c}\n" + run(c, Path(tmp)) for c in commands(text))


def main(argv: list[str]) -> int:
    if shutil.which("actorgraph") is None:
        print("actorgraph is not installed (pip install -e .)", file=sys.stderr)
        return 2
    text = README.read_text(encoding="utf-8")
    fresh = session(text)
    current = BLOCK.search(text).group(2)
    if "--write" in argv:
        README.write_text(BLOCK.sub(lambda m: m.group(1) + fresh + m.group(3), text), encoding="utf-8")
        print("README.md session rewritten" if fresh != current else "README.md session already up to date")
        return 0
    print("up to date" if fresh == current else "README.md session differs: python tests/readme_session.py --write")
    return 0 if fresh == current else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
