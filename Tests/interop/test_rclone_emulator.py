"""rclone with its emulator settings (SharedKey, --azureblob-endpoint) copying a tree to the mock and back."""
import filecmp
import os
import shutil
import subprocess

import pytest

RCLONE = shutil.which("rclone")
pytestmark = pytest.mark.skipif(RCLONE is None, reason="rclone is not installed")


def rclone(endpoint, *args):
    env = dict(os.environ, RCLONE_CONFIG="/dev/null")
    cmd = [RCLONE, "--azureblob-use-emulator", "--azureblob-endpoint", endpoint, "--retries", "1",
           "--low-level-retries", "3", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)


def test_copy_check_and_copy_back(mock_endpoint, tmp_path, container_name):
    src = tmp_path / "src"
    (src / "points" / "2026-01-02T030405Z").mkdir(parents=True)
    (src / "points" / "2026-01-02T030405Z" / "disk.vhdx").write_bytes(os.urandom(17 * 1024 * 1024 + 123))
    (src / "points" / "2026-01-02T030405Z" / ".complete").write_bytes(b"")
    (src / "source.json").write_text('{"server": "fs01", "kind": "bmr"}')
    remote = f":azureblob:{container_name}"
    r = rclone(mock_endpoint, "copy", str(src), remote)
    assert r.returncode == 0, r.stderr
    r = rclone(mock_endpoint, "check", str(src), remote)
    assert r.returncode == 0, r.stderr
    assert "0 differences found" in r.stderr
    back = tmp_path / "back"
    r = rclone(mock_endpoint, "copy", remote, str(back))
    assert r.returncode == 0, r.stderr
    cmp = filecmp.dircmp(src, back)
    assert not cmp.left_only and not cmp.right_only and not cmp.diff_files
    assert (back / "points" / "2026-01-02T030405Z" / "disk.vhdx").read_bytes() == \
        (src / "points" / "2026-01-02T030405Z" / "disk.vhdx").read_bytes()
    r = rclone(mock_endpoint, "lsf", "-R", "--files-only", remote)
    assert sorted(r.stdout.split()) == ["points/2026-01-02T030405Z/.complete", "points/2026-01-02T030405Z/disk.vhdx",
                                        "source.json"]
