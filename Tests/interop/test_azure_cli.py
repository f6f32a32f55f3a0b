"""azure-cli (Debian package) against the mock with a connection string."""
import json
import os
import subprocess


def az(mock, *args):
    env = dict(os.environ, AZURE_CORE_COLLECT_TELEMETRY="false", AZURE_CORE_ONLY_SHOW_ERRORS="true")
    return subprocess.run(["az", "storage", *args, "--connection-string", mock.connection_string],
                          capture_output=True, text=True, timeout=180, env=env)


def test_container_upload_list_download(mock, tmp_path, container_name):
    made = az(mock, "container", "create", "-n", container_name)
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["created"] is True

    src = tmp_path / "in.bin"
    src.write_bytes(os.urandom(300_000))
    up = az(mock, "blob", "upload", "-c", container_name, "-n", "dir/in.bin", "-f", str(src))
    assert up.returncode == 0, up.stderr
    again = az(mock, "blob", "upload", "-c", container_name, "-n", "dir/in.bin", "-f", str(src))
    assert again.returncode != 0, "upload without --overwrite replaced an existing blob"

    listed = az(mock, "blob", "list", "-c", container_name, "-o", "json")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)
    assert [(e["name"], e["properties"]["contentLength"]) for e in entries] == [("dir/in.bin", 300_000)]

    dst = tmp_path / "out.bin"
    down = az(mock, "blob", "download", "-c", container_name, "-n", "dir/in.bin", "-f", str(dst))
    assert down.returncode == 0, down.stderr
    assert dst.read_bytes() == src.read_bytes()
