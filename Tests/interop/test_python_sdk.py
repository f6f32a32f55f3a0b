"""The official Azure SDK for Python (azure-storage-blob) against tiergate-mockblob."""
import os
from datetime import datetime, timedelta, timezone

import pytest
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError, ResourceExistsError
from azure.storage.blob import (
    AccountSasPermissions, BlobClient, BlobSasPermissions, BlobServiceClient, ContainerClient,
    ContainerSasPermissions, ResourceTypes, generate_account_sas, generate_blob_sas, generate_container_sas,
)

from conftest import ACCOUNT, KEY


def test_containers_create_list_delete(service, container_name):
    service.create_container(container_name)
    with pytest.raises(ResourceExistsError):
        service.create_container(container_name)
    assert container_name in [c.name for c in service.list_containers()]
    service.delete_container(container_name)
    assert container_name not in [c.name for c in service.list_containers()]


def test_small_upload_overwrite_refusal_and_metadata(container):
    blob = container.get_blob_client("dir/small.txt")
    blob.upload_blob(b"hello", metadata={"origin": "sdk"})
    with pytest.raises(ResourceExistsError):
        blob.upload_blob(b"again")
    blob.upload_blob(b"replaced", overwrite=True)
    assert blob.download_blob().readall() == b"replaced"
    props = blob.get_blob_properties()
    assert props.size == 8
    assert props.metadata == {} or "origin" not in props.metadata
    blob.set_blob_metadata({"k": "v"})
    assert blob.get_blob_properties().metadata == {"k": "v"}


def test_multi_block_upload_and_ranged_download(mock, container_name, service):
    service.create_container(container_name)
    data = os.urandom(5 * 1024 * 1024 + 123)
    client = BlobClient.from_connection_string(
        mock.connection_string, container_name, "big.bin", max_block_size=1024 * 1024, max_single_put_size=1024 * 1024
    )
    client.upload_blob(data, max_concurrency=4)
    blocks, _ = client.get_block_list("committed")
    assert len(blocks) == 6
    assert client.download_blob().readall() == data
    assert client.download_blob(offset=1000, length=5000).readall() == data[1000:6000]
    assert client.download_blob(offset=len(data) - 10).readall() == data[-10:]
    with pytest.raises(HttpResponseError) as err:
        client.download_blob(offset=len(data) + 5, length=10).readall()
    assert err.value.status_code == 416


def test_listing_past_a_page_boundary(container):
    names = [f"p/{i:03d}" for i in range(12)]
    for n in names:
        container.upload_blob(n, b"x")
    container.upload_blob("q/other", b"y")
    pages = container.list_blobs(name_starts_with="p/", results_per_page=5).by_page()
    seen = [[b.name for b in page] for page in pages]
    assert [len(p) for p in seen] == [5, 5, 2]
    assert sum(seen, []) == names
    walked = [p.name for p in container.walk_blobs(delimiter="/")]
    assert walked == ["p/", "q/"]


def test_leases(container):
    blob = container.get_blob_client("locked")
    blob.upload_blob(b"1")
    lease = blob.acquire_lease(lease_duration=15)
    with pytest.raises(HttpResponseError) as err:
        blob.upload_blob(b"2", overwrite=True)
    assert err.value.status_code == 412
    blob.upload_blob(b"3", overwrite=True, lease=lease)
    with pytest.raises(HttpResponseError):
        blob.acquire_lease(lease_duration=15)
    lease.release()
    blob.delete_blob()


def test_archive_tier_refuses_reads(container):
    blob = container.get_blob_client("cold")
    blob.upload_blob(b"frozen")
    blob.set_standard_blob_tier("Archive")
    assert blob.get_blob_properties().blob_tier == "Archive"
    with pytest.raises(HttpResponseError) as err:
        blob.download_blob().readall()
    assert err.value.error_code == "BlobArchived"


def test_sas_tokens(mock, container, container_name):
    container.upload_blob("s/one", b"secret")
    future = datetime.now(timezone.utc) + timedelta(hours=1)
    past = datetime.now(timezone.utc) - timedelta(hours=1)

    blob_sas = generate_blob_sas(ACCOUNT, container_name, "s/one", account_key=KEY,
                                 permission=BlobSasPermissions(read=True), expiry=future)
    reader = BlobClient.from_blob_url(f"{mock.endpoint}/{container_name}/s/one?{blob_sas}")
    assert reader.download_blob().readall() == b"secret"
    with pytest.raises(HttpResponseError) as err:
        reader.upload_blob(b"nope", overwrite=True)
    assert err.value.status_code == 403 and err.value.error_code == "AuthorizationPermissionMismatch"

    expired = generate_blob_sas(ACCOUNT, container_name, "s/one", account_key=KEY,
                                permission=BlobSasPermissions(read=True), expiry=past)
    with pytest.raises(ClientAuthenticationError) as err:
        BlobClient.from_blob_url(f"{mock.endpoint}/{container_name}/s/one?{expired}").download_blob().readall()
    assert err.value.error_code == "AuthenticationFailed"

    cont_sas = generate_container_sas(ACCOUNT, container_name, account_key=KEY,
                                      permission=ContainerSasPermissions(read=True, list=True, write=True, create=True),
                                      expiry=future)
    cc = ContainerClient.from_container_url(f"{mock.endpoint}/{container_name}?{cont_sas}")
    cc.upload_blob("s/two", b"via container sas")
    assert sorted(b.name for b in cc.list_blobs(name_starts_with="s/")) == ["s/one", "s/two"]
    with pytest.raises(HttpResponseError) as err:
        cc.delete_blob("s/two")
    assert err.value.status_code == 403

    acct_sas = generate_account_sas(ACCOUNT, KEY, resource_types=ResourceTypes(service=True, container=True, object=True),
                                    permission=AccountSasPermissions(read=True, list=True), expiry=future)
    svc = BlobServiceClient(account_url=mock.endpoint, credential=acct_sas)
    assert container_name in [c.name for c in svc.list_containers()]
    assert svc.get_blob_client(container_name, "s/two").download_blob().readall() == b"via container sas"


def test_wrong_key_is_refused(mock, container_name):
    bad = mock.connection_string.replace(KEY, "AAAAAAAAAAAAAAAAAAAAAA==")
    with pytest.raises(ClientAuthenticationError):
        BlobServiceClient.from_connection_string(bad).create_container(container_name)
