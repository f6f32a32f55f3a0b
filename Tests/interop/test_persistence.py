"""The mock's --data directory survives a restart; SIGTERM stops it cleanly."""
import os

from azure.storage.blob import BlobServiceClient

from conftest import MockServer


def test_blobs_survive_a_restart(tmp_path):
    data_dir = str(tmp_path / "data")
    single, multi = os.urandom(1000), os.urandom(200 * 1024)
    first = MockServer("--data", data_dir)
    try:
        svc = BlobServiceClient.from_connection_string(first.connection_string, max_single_put_size=32 * 1024,
                                                       max_block_size=32 * 1024)
        c = svc.create_container("keep")
        c.upload_blob("one.bin", single, metadata={"k": "v"})
        c.upload_blob("dir/multi.bin", multi)
    finally:
        assert first.stop() == 0
    second = MockServer("--data", data_dir)
    try:
        c = BlobServiceClient.from_connection_string(second.connection_string).get_container_client("keep")
        assert sorted(b.name for b in c.list_blobs()) == ["dir/multi.bin", "one.bin"]
        assert c.download_blob("one.bin").readall() == single
        assert c.get_blob_client("one.bin").get_blob_properties().metadata == {"k": "v"}
        assert c.download_blob("dir/multi.bin", offset=1000, length=70000).readall() == multi[1000:71000]
    finally:
        assert second.stop() == 0


def test_bad_arguments_fail_with_one_line(tmp_path):
    import subprocess
    from conftest import mockblob_binary
    r = subprocess.run([mockblob_binary(), "--fault-rate", "7"], capture_output=True, text=True, timeout=30)
    assert r.returncode != 0
    assert len(r.stderr.strip().splitlines()) == 1 and "--fault-rate" in r.stderr
