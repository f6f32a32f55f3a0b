"""rclone (Debian package) copying a tree with a file over 16 MiB to the mock, checking it, and back."""
import filecmp
import os
import subprocess
from datetime import datetime, timedelta, timezone

import pytest
from azure.storage.blob import BlobServiceClient, ContainerSasPermissions, generate_container_sas

from conftest import ACCOUNT, KEY


@pytest.fixture
def sas_url(mock, container_name):
    """rclone (1.60 in Debian) reaches a non-default endpoint through a container SAS URL."""
    BlobServiceClient.from_connection_string(mock.connection_string).create_container(container_name)
    sas = generate_container_sas(ACCOUNT, container_name, account_key=KEY,
                                 permission=ContainerSasPermissions(read=True, write=True, delete=True, list=True,
                                                                    add=True, create=True),
                                 expiry=datetime.now(timezone.utc) + timedelta(hours=1))
    return f"{mock.endpoint}/{container_name}?{sas}"


def rclone(sas_url, *args):
    cmd = ["rclone", *args, "--azureblob-sas-url", sas_url, "--config", "/dev/null", "-q"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_copy_check_and_back(sas_url, tmp_path, container_name):
    src = tmp_path / "src"
    (src / "deep" / "er").mkdir(parents=True)
    (src / "big.bin").write_bytes(os.urandom(17 * 1024 * 1024 + 5))
    (src / "small.txt").write_text("small file\n")
    (src / "deep" / "er" / "name with spaces.dat").write_bytes(os.urandom(3000))
    (src / "empty").write_bytes(b"")

    up = rclone(sas_url, "copy", str(src), f":azureblob:{container_name}/tree")
    assert up.returncode == 0, up.stderr
    check = rclone(sas_url, "check", str(src), f":azureblob:{container_name}/tree")
    assert check.returncode == 0, check.stderr
    listed = rclone(sas_url, "lsf", "-R", f":azureblob:{container_name}/tree")
    assert sorted(listed.stdout.split()) == sorted(
        ["big.bin", "small.txt", "empty", "deep/", "deep/er/", "deep/er/name", "with", "spaces.dat"])

    back = tmp_path / "back"
    down = rclone(sas_url, "copy", f":azureblob:{container_name}/tree", str(back))
    assert down.returncode == 0, down.stderr
    cmp = filecmp.dircmp(src, back)
    assert not cmp.diff_files and not cmp.left_only and not cmp.right_only
    assert (back / "big.bin").read_bytes() == (src / "big.bin").read_bytes()
    assert (back / "deep" / "er" / "name with spaces.dat").read_bytes() == (src / "deep" / "er" / "name with spaces.dat").read_bytes()


def test_check_detects_a_difference(sas_url, tmp_path, container_name):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("one\n")
    assert rclone(sas_url, "copy", str(src), f":azureblob:{container_name}").returncode == 0
    (src / "a.txt").write_text("two\n")
    assert rclone(sas_url, "check", str(src), f":azureblob:{container_name}").returncode != 0
