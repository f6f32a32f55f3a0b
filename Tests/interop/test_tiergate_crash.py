"""tiergate itself, killed with SIGKILL mid-backup: the repository still checks clean, and the
next run completes the point (the binary comes from $TIERGATE, else next to tiergate-mockblob)."""
import json
import os
import signal
import subprocess
import time

from azure.storage.blob import BlobServiceClient

from conftest import MockServer, tiergate_binary


def make_store(root, size):
    point = root / "fs01-bmr" / "2026-11-21T220000Z"
    (point / "WindowsImageBackup" / "fs01").mkdir(parents=True)
    (root / "fs01-bmr" / "source.json").write_text('{"server": "fs01.contoso.local", "kind": "bmr"}')
    with open(point / "WindowsImageBackup" / "fs01" / "disk.vhdx", "wb") as f:
        for i in range(size // (1 << 20)):
            f.write(os.urandom(1 << 20) if i % 3 else bytes(1 << 20))
    (point / ".complete").write_bytes(b"")


def test_sigkill_mid_backup_leaves_a_checkable_repository(tmp_path):
    server = MockServer("--data", str(tmp_path / "blobs"))
    try:
        env = dict(os.environ, TIERGATE_CONNECTION_STRING=server.connection_string, TIERGATE_CONTAINER="crash",
                   TIERGATE_PASSPHRASE="crash test", TIERGATE_STORE=str(tmp_path / "store"),
                   TIERGATE_STATE=str(tmp_path / "state"))
        make_store(tmp_path / "store", 192 << 20)
        tg = tiergate_binary()
        run = lambda *a: subprocess.run([tg, *a], env=env, capture_output=True, text=True, timeout=300)
        assert run("init").returncode == 0

        container = BlobServiceClient.from_connection_string(server.connection_string).get_container_client("crash")
        job = subprocess.Popen([tg, "backup"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while time.time() < deadline and job.poll() is None:
            if sum(1 for _ in container.list_blobs(name_starts_with="data/")) >= 2:
                break
            time.sleep(0.05)
        assert job.poll() is None, "the backup finished before it could be killed; make the point larger"
        job.send_signal(signal.SIGKILL)
        job.wait()

        assert not list(container.list_blobs(name_starts_with="points/")), "a killed job made its point visible"
        check = run("check")
        assert check.returncode == 0, check.stdout + check.stderr

        again = run("backup", "--json")
        assert again.returncode == 0, again.stderr
        report = json.loads(again.stdout)
        assert report["point"] == "2026-11-21T220000Z" and report["files"] == 1
        assert list((tmp_path / "state").glob("catalog-*.sqlite")), "the catalog was not written under --state"
        deep = run("check", "--read-data")
        assert deep.returncode == 0, deep.stdout + deep.stderr
        assert "1 points" in deep.stdout and "no errors" in deep.stdout
    finally:
        server.stop()
