"""More of the official Python SDK (azure-storage-blob) against the mock: error codes, copy, account SAS, faults."""
import datetime
import os
import urllib.request

import pytest
from azure.core.exceptions import (ClientAuthenticationError, HttpResponseError, ResourceExistsError,
                                   ResourceNotFoundError)
from azure.storage.blob import (AccountSasPermissions, BlobClient, BlobServiceClient, BlobSasPermissions,
                                ContainerClient, ContainerSasPermissions, ResourceTypes, generate_account_sas,
                                generate_blob_sas, generate_container_sas)

from conftest import DEV_ACCOUNT, DEV_KEY


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)


def test_containers_create_list_delete(service, container_name):
    service.create_container(container_name, metadata={"team": "backup"})
    listed = {c.name: c for c in service.list_containers(name_starts_with=container_name, include_metadata=True)}
    assert listed[container_name].metadata == {"team": "backup"}
    assert listed[container_name].last_modified is not None
    with pytest.raises(ResourceExistsError):
        service.create_container(container_name)
    service.delete_container(container_name)
    assert container_name not in [c.name for c in service.list_containers(name_starts_with=container_name)]
    with pytest.raises(HttpResponseError) as bad:
        service.create_container("Bad_Name")
    assert bad.value.error_code == "InvalidResourceName"


def test_small_upload_download_and_overwrite_refused(container):
    container.upload_blob("a/hello.txt", b"hello world")
    assert container.download_blob("a/hello.txt").readall() == b"hello world"
    with pytest.raises(ResourceExistsError):
        container.upload_blob("a/hello.txt", b"other")
    container.upload_blob("a/hello.txt", b"replaced", overwrite=True)
    assert container.download_blob("a/hello.txt").readall() == b"replaced"
    props = container.get_blob_client("a/hello.txt").get_blob_properties()
    assert props.size == 8 and props.blob_type == "BlockBlob" and props.etag


def test_multi_block_upload(mock, container_name):
    svc = BlobServiceClient.from_connection_string(
        mock.connection_string, max_single_put_size=64 * 1024, max_block_size=16 * 1024)
    c = svc.create_container(container_name)
    data = os.urandom(300 * 1024 + 17)
    c.upload_blob("multi.bin", data, max_concurrency=4)
    committed, uncommitted = c.get_blob_client("multi.bin").get_block_list("all")
    assert len(committed) == 19 and not uncommitted
    assert c.download_blob("multi.bin").readall() == data
    assert c.download_blob("multi.bin", max_concurrency=3).readall() == data


def test_ranged_downloads(container):
    data = bytes(range(256)) * 64
    container.upload_blob("r.bin", data)
    assert container.download_blob("r.bin", offset=100, length=50).readall() == data[100:150]
    assert container.download_blob("r.bin", offset=16000).readall() == data[16000:]
    with pytest.raises(HttpResponseError) as e:
        container.download_blob("r.bin", offset=len(data), length=10).readall()
    assert e.value.status_code == 416


def test_listing_past_a_page_boundary(container):
    names = [f"dir{i % 3}/file{i:03}" for i in range(23)] + ["top.txt"]
    for n in names:
        container.upload_blob(n, b"x")
    pages = list(container.list_blobs(results_per_page=7).by_page())
    assert len(pages) == 4
    assert [b.name for p in pages for b in p] == sorted(names)
    top = [item.name for item in container.walk_blobs(delimiter="/")]
    assert top == ["dir0/", "dir1/", "dir2/", "top.txt"]
    assert len(list(container.list_blobs(name_starts_with="dir1/"))) == 8


def test_metadata(container):
    b = container.upload_blob("m.txt", b"m", metadata={"origin": "fs01"})
    assert b.get_blob_properties().metadata == {"origin": "fs01"}
    b.set_blob_metadata({"origin": "fs02", "kind": "bmr"})
    assert b.get_blob_properties().metadata == {"origin": "fs02", "kind": "bmr"}
    listed = list(container.list_blobs(include=["metadata"]))
    assert listed[0].metadata == {"origin": "fs02", "kind": "bmr"}


def test_leases(container):
    b = container.upload_blob("leased.txt", b"v1")
    lease = b.acquire_lease(lease_duration=15)
    with pytest.raises(HttpResponseError) as e:
        b.upload_blob(b"v2", overwrite=True)
    assert e.value.status_code == 412 and e.value.error_code == "LeaseIdMissing"
    b.upload_blob(b"v2", overwrite=True, lease=lease)
    assert b.get_blob_properties().lease.state == "leased"
    with pytest.raises(HttpResponseError) as e:
        b.acquire_lease(lease_duration=-1)
    assert e.value.error_code == "LeaseAlreadyPresent"
    lease.release()
    b.upload_blob(b"v3", overwrite=True)
    assert b.download_blob().readall() == b"v3"


def test_archive_tier_refuses_reads(container):
    b = container.upload_blob("cold.bin", b"frozen")
    b.set_standard_blob_tier("Archive")
    assert b.get_blob_properties().blob_tier == "Archive"
    with pytest.raises(HttpResponseError) as e:
        b.download_blob().readall()
    assert e.value.status_code == 409 and e.value.error_code == "BlobArchived"
    b.set_standard_blob_tier("Hot")  # the session mock rehydrates at once
    assert b.download_blob().readall() == b"frozen"


def test_copy_within_the_account(container):
    src = container.upload_blob("src.bin", b"copy me", metadata={"a": "1"})
    dst = container.get_blob_client("dst.bin")
    result = dst.start_copy_from_url(src.url)
    assert result["copy_status"] == "success"
    assert dst.download_blob().readall() == b"copy me"
    assert dst.get_blob_properties().metadata == {"a": "1"}


def test_blob_sas_reads_but_cannot_write(mock_endpoint, container):
    container.upload_blob("s.txt", b"secret")
    token = generate_blob_sas(DEV_ACCOUNT, container.container_name, "s.txt", account_key=DEV_KEY,
                              permission=BlobSasPermissions(read=True), expiry=utcnow() + datetime.timedelta(hours=1))
    url = f"{mock_endpoint}/{container.container_name}/s.txt"
    reader = BlobClient.from_blob_url(url, credential=token)
    assert reader.download_blob().readall() == b"secret"
    with pytest.raises(HttpResponseError) as e:
        reader.upload_blob(b"nope", overwrite=True)
    assert e.value.status_code == 403 and e.value.error_code == "AuthorizationPermissionMismatch"
    # A plain HTTP GET with the SAS works too (no SDK involved).
    with urllib.request.urlopen(f"{url}?{token}") as r:
        assert r.read() == b"secret"


def test_expired_sas_is_refused(mock_endpoint, container):
    container.upload_blob("e.txt", b"old")
    token = generate_blob_sas(DEV_ACCOUNT, container.container_name, "e.txt", account_key=DEV_KEY,
                              permission=BlobSasPermissions(read=True), expiry=utcnow() - datetime.timedelta(minutes=1))
    reader = BlobClient.from_blob_url(f"{mock_endpoint}/{container.container_name}/e.txt", credential=token)
    with pytest.raises(ClientAuthenticationError) as e:
        reader.download_blob().readall()
    assert e.value.status_code == 403 and e.value.error_code == "AuthenticationFailed"


def test_container_sas_lists_and_writes(mock_endpoint, container):
    token = generate_container_sas(DEV_ACCOUNT, container.container_name, account_key=DEV_KEY,
                                   permission=ContainerSasPermissions(read=True, write=True, create=True, list=True),
                                   expiry=utcnow() + datetime.timedelta(hours=1))
    client = ContainerClient.from_container_url(f"{mock_endpoint}/{container.container_name}", credential=token)
    client.upload_blob("via-sas.txt", b"ok")
    assert [b.name for b in client.list_blobs()] == ["via-sas.txt"]
    with pytest.raises(HttpResponseError) as e:
        client.delete_blob("via-sas.txt")
    assert e.value.status_code == 403 and e.value.error_code == "AuthorizationPermissionMismatch"


def test_account_sas(mock_endpoint, container_name):
    token = generate_account_sas(DEV_ACCOUNT, DEV_KEY, resource_types=ResourceTypes(service=True, container=True, object=True),
                                 permission=AccountSasPermissions(read=True, write=True, list=True, create=True, delete=True),
                                 expiry=utcnow() + datetime.timedelta(hours=1))
    svc = BlobServiceClient(mock_endpoint, credential=token)
    svc.create_container(container_name)
    svc.get_container_client(container_name).upload_blob("acct.txt", b"account sas")
    assert container_name in [c.name for c in svc.list_containers(name_starts_with=container_name)]
    assert svc.get_blob_client(container_name, "acct.txt").download_blob().readall() == b"account sas"
    svc.delete_container(container_name)
    narrow = generate_account_sas(DEV_ACCOUNT, DEV_KEY, resource_types=ResourceTypes(object=True),
                                  permission=AccountSasPermissions(read=True, list=True),
                                  expiry=utcnow() + datetime.timedelta(hours=1))
    with pytest.raises(HttpResponseError) as e:
        list(BlobServiceClient(mock_endpoint, credential=narrow).list_containers())
    assert e.value.status_code == 403


def test_wrong_key_is_refused(mock_endpoint):
    wrong = DEV_KEY[:-6] + "AAAA=="
    cs = f"DefaultEndpointsProtocol=http;AccountName={DEV_ACCOUNT};AccountKey={wrong};BlobEndpoint={mock_endpoint};"
    with pytest.raises(ClientAuthenticationError) as e:
        list(BlobServiceClient.from_connection_string(cs).list_containers())
    assert e.value.status_code == 403 and e.value.error_code == "AuthenticationFailed"


def test_faults_set_through_the_admin_endpoint(mock, container):
    container.upload_blob("f.txt", b"f")
    base = mock.endpoint.rsplit("/", 1)[0]
    req = urllib.request.Request(f"{base}/__admin/faults?fault-rate=1&seed=3", method="PUT")
    urllib.request.urlopen(req).read()
    try:
        fragile = BlobServiceClient.from_connection_string(mock.connection_string, retry_total=0)
        with pytest.raises(HttpResponseError) as e:
            fragile.get_blob_client(container.container_name, "f.txt").download_blob().readall()
        assert e.value.status_code in (500, 503)
        assert e.value.error_code in ("ServerBusy", "OperationTimedOut")
    finally:
        urllib.request.urlopen(urllib.request.Request(f"{base}/__admin/faults?fault-rate=0", method="PUT")).read()
    assert container.download_blob("f.txt").readall() == b"f"
