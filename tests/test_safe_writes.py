"""Writes never clobber what is not theirs: stdout names, symlinks, devices, FIFOs, directories.

Devices are made with mknod inside tmp_path (as root), never the machine's
own /dev entries; the literal /dev/stdout test only ever writes to standard
output.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from actorgraph.core.errors import WriteError
from actorgraph.store.safeio import write_file


@pytest.fixture
def export_cli(runner, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)

    def invoke(*args):
        result = runner.invoke(__import__("cli").main, ["export", *args])
        return result.exit_code, result.stdout, result.stderr

    return invoke


def test_dash_and_dev_stdout_write_to_stdout(export_cli, tmp_path):
    for name in ("-", "/dev/stdout"):
        code, out, err = export_cli("mermaid", "-o", name)
        assert code == 0, err
        assert out.startswith("%% actorgraph") and "flowchart LR" in out
        assert "wrote" not in out
    assert Path("/dev/stdout").is_symlink()  # the device link is untouched
    assert os.listdir(tmp_path) == []  # no file named "-", nothing else


def test_a_symlink_is_followed_and_its_target_replaced(export_cli, tmp_path):
    real = tmp_path / "data" / "real.mmd"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.mmd"
    link.symlink_to(Path("data") / "real.mmd")  # relative link
    chain = tmp_path / "chain.mmd"
    chain.symlink_to(link)
    for target in (link, chain):
        code, out, err = export_cli("mermaid", "-o", str(target))
        assert code == 0, err
        assert link.is_symlink() and chain.is_symlink()
        assert real.read_text().startswith("%% actorgraph")
        assert stat.S_IMODE(real.stat().st_mode) == 0o600  # the target keeps its mode
    dangling = tmp_path / "dangling.dot"
    dangling.symlink_to(tmp_path / "made.dot")
    assert export_cli("dot", "-o", str(dangling))[0] == 0
    assert dangling.is_symlink() and (tmp_path / "made.dot").read_text().startswith("digraph")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chain.mmd", "dangling.dot", "data", "link.mmd", "made.dot"]
    assert os.listdir(real.parent) == ["real.mmd"]  # no temp file left


def _char_device(path: Path) -> Path:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # what /dev/full is
    except PermissionError:
        pytest.skip("mknod needs root (CAP_MKNOD)")
    return path


def test_a_device_is_refused_and_left_alone(export_cli, tmp_path):
    device = _char_device(tmp_path / "full")
    code, out, err = export_cli("png", "-o", str(device))
    assert code != 0
    assert err.startswith(f"Error: cannot write {device}: it is a character device") and err.count("\n") == 1
    assert stat.S_ISCHR(device.lstat().st_mode)
    link = tmp_path / "to-device.svg"
    link.symlink_to(device)
    code, _, err = export_cli("svg", "-o", str(link))
    assert code != 0 and "character device" in err and "via the symlink" in err
    assert stat.S_ISCHR(device.lstat().st_mode) and link.is_symlink()


def test_a_fifo_and_a_directory_are_refused(export_cli, tmp_path):
    fifo = tmp_path / "pipe.dot"
    os.mkfifo(fifo)
    code, _, err = export_cli("dot", "-o", str(fifo))  # must not block on the FIFO either
    assert code != 0 and "it is a FIFO" in err and err.count("\n") == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    folder = tmp_path / "folder.mmd"
    folder.mkdir()
    code, _, err = export_cli("mermaid", "-o", str(folder))
    assert code != 0 and "directory" in err
    assert folder.is_dir() and os.listdir(folder) == []


def test_csv_with_a_file_name_says_it_writes_a_directory(export_cli, tmp_path):
    code, _, err = export_cli("csv", "-o", "out.csv")
    assert code != 0
    assert "nodes.csv and edges.csv" in err and "directory" in err and err.count("\n") == 1
    assert not (tmp_path / "out.csv").exists()
    code, _, err = export_cli("csv", "-o", "out")
    assert code == 0, err
    assert sorted(os.listdir(tmp_path / "out")) == ["edges.csv", "nodes.csv"]


def test_workspace_write_through_a_symlink_keeps_the_link(runner, ws, tmp_path):
    from cli import main

    link = tmp_path / "link.trig"
    link.symlink_to(ws.path)
    result = runner.invoke(main, ["--graph", str(link), "add", "actor", "Symlink Front", "--type", "NonStateArmedGroup"])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert "Symlink Front" in Path(ws.path).read_text(encoding="utf-8")


def test_write_file_refuses_and_leaves_nothing(tmp_path):
    device = _char_device(tmp_path / "dev")
    with pytest.raises(WriteError, match="character device"):
        write_file(device, "x")
    with pytest.raises(WriteError, match="directory"):
        write_file(tmp_path, "x")
    assert sorted(os.listdir(tmp_path)) == ["dev"]
    written = write_file(tmp_path / "sub" / "f.txt", lambda fh: fh.write("by a writer"), fsync=True)
    assert written.read_text() == "by a writer"
