"""Restore with the real binary: disaster recovery on a machine with nothing but the endpoint,
the container and the passphrase; faults on the wire; a restore killed and resumed; bad input."""
import hashlib
import json
import os
import signal
import subprocess
import time
import urllib.request

import pytest
from azure.storage.blob import BlobServiceClient

from conftest import MockServer, tiergate_binary

POINT = "2026-11-21T220000Z"
IMAGE = "WindowsImageBackup/fs01/Backup 2026-11-21 220000/disk.vhdx"


def make_store(root, image_mib):
    """One BMR source with one point: a disk image (random and zeroed MiBs), its XML and a hive."""
    point = root / "fs01-bmr" / POINT
    (point / IMAGE).parent.mkdir(parents=True)
    (root / "fs01-bmr" / "source.json").write_text('{"server": "fs01.contoso.local", "kind": "bmr"}')
    with open(point / IMAGE, "wb") as f:
        for i in range(image_mib):
            f.write(os.urandom(1 << 20) if i % 3 else bytes(1 << 20))
    (point / IMAGE).with_name("BackupSpecs.xml").write_text("<BackupSpecs/>")
    hive = point / "WindowsImageBackup" / "fs01" / "SystemState" / "SYSTEM"
    hive.parent.mkdir(parents=True)
    hive.write_bytes(os.urandom(300_000))
    os.chmod(hive, 0o640)
    os.utime(hive, ns=(1_700_000_000_123_456_789, 1_700_000_000_123_456_789))
    (point / ".complete").write_bytes(b"")
    return point


def tree(root):
    """path → (mode, mtime ns, sha256) for every file and folder below root."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            st = os.lstat(path)
            digest = hashlib.sha256(open(path, "rb").read()).hexdigest() if os.path.isfile(path) else "dir"
            out[rel] = (st.st_mode, st.st_mtime_ns, digest)
    out.pop(".complete", None)
    return out


class Gateway:
    """The tiergate command line against one mock, with its own state folder."""

    def __init__(self, server, tmp_path, state="state", store=True):
        self.env = dict(os.environ, TIERGATE_CONNECTION_STRING=server.connection_string, TIERGATE_CONTAINER="drill",
                        TIERGATE_PASSPHRASE="correct horse", TIERGATE_STATE=str(tmp_path / state))
        if store:
            self.env["TIERGATE_STORE"] = str(tmp_path / "store")
        else:
            self.env.pop("TIERGATE_STORE", None)

    def __call__(self, *args, **kw):
        return subprocess.run([tiergate_binary(), *args], env=dict(self.env, **kw), capture_output=True, text=True, timeout=300)


@pytest.fixture
def backed_up(tmp_path):
    server = MockServer("--data", str(tmp_path / "blobs"))
    try:
        point = make_store(tmp_path / "store", 24)
        gw = Gateway(server, tmp_path)
        assert gw("init").returncode == 0
        done = gw("backup")
        assert done.returncode == 0, done.stderr
        yield server, point
    finally:
        server.stop()


def test_disaster_recovery_on_a_new_machine_with_faults(backed_up, tmp_path):
    server, point = backed_up
    # The new machine: an empty state folder, no local store; the mock fails 10% of requests.
    urllib.request.urlopen(urllib.request.Request(server.endpoint.rsplit("/", 1)[0] + "/__admin/faults?fault-rate=0.1&seed=3", method="PUT")).read()
    fresh = Gateway(server, tmp_path, state="new-machine", store=False)
    out = fresh("restore", "--source", "fs01-bmr", "--to", str(tmp_path / "restored"), "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["files"] == 3 and report["bytes"] == (24 << 20) + 14 + 300_000 and report["seconds"] > 0
    assert tree(tmp_path / "restored") == tree(point)
    assert (tmp_path / "restored" / "WindowsImageBackup" / "fs01").is_dir(), "the WindowsImageBackup tree sits at the root"
    # The restore read the index straight into memory; the next command fills the catalog.
    listed = fresh("ls", "--source", "fs01-bmr")
    assert listed.returncode == 0, listed.stderr
    assert "disk.vhdx" in listed.stdout


def test_a_killed_restore_leaves_nothing_that_looks_whole_and_resumes(backed_up, tmp_path):
    server, point = backed_up
    gw = Gateway(server, tmp_path)
    urllib.request.urlopen(urllib.request.Request(server.endpoint.rsplit("/", 1)[0] + "/__admin/faults?reset-rate=0.4&latency-ms=50&seed=5", method="PUT")).read()
    dest = tmp_path / "restored"
    job = subprocess.Popen([tiergate_binary(), "restore", "--source", "fs01-bmr", "--to", str(dest)], env=gw.env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    image = dest / (IMAGE + ".tiergate-partial")
    deadline = time.time() + 60
    while time.time() < deadline and job.poll() is None and not image.exists():
        time.sleep(0.005)
    assert job.poll() is None, "the restore finished before it could be killed"
    job.send_signal(signal.SIGKILL)
    job.wait()
    assert not (dest / IMAGE).exists(), "a partly written image must not carry its real name"

    urllib.request.urlopen(urllib.request.Request(server.endpoint.rsplit("/", 1)[0] + "/__admin/faults?reset-rate=0&latency-ms=0", method="PUT")).read()
    again = gw("restore", "--source", "fs01-bmr", "--to", str(dest), "--json")
    assert again.returncode == 0, again.stderr
    assert tree(dest) == tree(point)
    assert not list(dest.rglob("*.tiergate-partial"))


def test_bad_input_gets_one_line_errors(backed_up, tmp_path):
    server, _ = backed_up
    gw = Gateway(server, tmp_path)
    dest = str(tmp_path / "out")
    cases = [
        (dict(TIERGATE_PASSPHRASE="wrong"), ["--source", "fs01-bmr"], "passphrase"),
        ({}, ["--source", "fs02-bmr"], "no cloud points of source 'fs02-bmr'; sources in the cloud: fs01-bmr"),
        ({}, ["--source", "fs01-bmr", "--point", "2026-01-01T000000Z"], "no cloud point 2026-01-01T000000Z"),
        ({}, ["--source", "fs01-bmr", "--include", "nope"], "'nope' is not in this point"),
    ]
    for env, args, expected in cases:
        out = gw("restore", *args, "--to", dest, **env)
        assert out.returncode != 0
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], out.stderr
    assert not os.path.exists(os.path.join(dest, "WindowsImageBackup"))


def test_a_missing_or_corrupt_pack_names_the_object_and_the_files(backed_up, tmp_path):
    server, _ = backed_up
    gw = Gateway(server, tmp_path)
    container = BlobServiceClient.from_connection_string(server.connection_string).get_container_client("drill")
    # The largest pack holds file data only (tree blobs go into the last, small pack).
    packs = [b.name for b in sorted(container.list_blobs(name_starts_with="data/"), key=lambda b: -b.size)]
    # Corrupt it: same name, one byte flipped in the middle.
    body = bytearray(container.download_blob(packs[0]).readall())
    body[len(body) // 2] ^= 0xFF
    container.upload_blob(packs[0], bytes(body), overwrite=True)
    out = gw("restore", "--source", "fs01-bmr", "--to", str(tmp_path / "a"))
    assert out.returncode != 0
    assert packs[0] in out.stderr and "corrupt" in out.stderr and "holds data of" in out.stderr, out.stderr
    assert not [p for p in (tmp_path / "a").rglob("*") if p.is_file() and p.name != ".tiergate-restore" and p.stat().st_size > 1_000_000], \
        "no large file may look whole"
    assert not list((tmp_path / "a").rglob("*.tiergate-partial")), "partial files are removed"

    container.delete_blob(packs[0])
    out = gw("restore", "--source", "fs01-bmr", "--to", str(tmp_path / "b"))
    assert out.returncode != 0
    assert packs[0] in out.stderr and "missing" in out.stderr, out.stderr


def test_points_can_be_browsed_without_restoring(backed_up, tmp_path):
    server, _ = backed_up
    gw = Gateway(server, tmp_path)
    cal = gw("points", "--source", "fs01-bmr", "--calendar")
    assert cal.returncode == 0, cal.stderr
    assert "November 2026" in cal.stdout and "  21*" in cal.stdout
    listing = gw("ls", "--source", "fs01-bmr", "--json", "WindowsImageBackup/fs01/SystemState")
    assert listing.returncode == 0, listing.stderr
    rows = json.loads(listing.stdout)
    assert [r["path"] for r in rows] == ["WindowsImageBackup", "WindowsImageBackup/fs01", "WindowsImageBackup/fs01/SystemState",
                                         "WindowsImageBackup/fs01/SystemState/SYSTEM"]
    assert rows[-1]["size"] == 300_000 and rows[-1]["mode"] == "640"


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small file system needs root")
def test_a_destination_without_room_is_refused_saying_how_much_is_needed(backed_up, tmp_path):
    server, _ = backed_up
    gw = Gateway(server, tmp_path)
    small = tmp_path / "small"
    small.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(small)], check=True)
    try:
        out = gw("restore", "--source", "fs01-bmr", "--to", str(small / "r"))
        assert out.returncode != 0
        assert "not enough space" in out.stderr and "needs 24.3 MiB" in out.stderr, out.stderr
        assert os.listdir(small / "r") == [".tiergate-restore"]
    finally:
        subprocess.run(["umount", str(small)], check=True)


def test_a_recovery_machine_with_a_read_only_sas_restores(backed_up, tmp_path):
    """Only read and list rights (no lock can be written): the restore still runs."""
    from datetime import datetime, timedelta, timezone
    from azure.storage.blob import ContainerSasPermissions, generate_container_sas
    from conftest import DEV_ACCOUNT, DEV_KEY
    server, point = backed_up
    sas = generate_container_sas(DEV_ACCOUNT, "drill", account_key=DEV_KEY,
                                 permission=ContainerSasPermissions(read=True, list=True),
                                 expiry=datetime.now(timezone.utc) + timedelta(hours=1))
    fresh = Gateway(server, tmp_path, state="read-only-machine", store=False)
    fresh.env["TIERGATE_CONNECTION_STRING"] = f"BlobEndpoint={server.endpoint};SharedAccessSignature={sas}"
    out = fresh("restore", "--source", "fs01-bmr", "--to", str(tmp_path / "ro"), "--json")
    assert out.returncode == 0, out.stderr
    assert tree(tmp_path / "ro") == tree(point)
    denied = fresh("backup")
    assert denied.returncode != 0, "a read-only SAS must not be able to back up"
