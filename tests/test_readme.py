"""The README's session is what the commands print today (tests/readme_session.py rewrites it)."""

from __future__ import annotations

import shutil

import pytest
import readme_session


@pytest.mark.skipif(shutil.which("actorgraph") is None, reason="the actorgraph command is not installed (pip install -e .)")
def test_the_readme_session_is_what_the_commands_print():
    text = readme_session.README.read_text(encoding="utf-8")
    assert len(readme_session.commands(text)) >= 10
    fresh = readme_session.session(text)
    current = readme_session.BLOCK.search(text).group(2)
    assert fresh == current, "README.md's session is stale: python tests/readme_session.py --write"
