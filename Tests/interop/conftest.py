"""Starts tiergate-mockblob (path in TIERGATE_MOCKBLOB) on a free loopback port for the interop tests."""
import os
import subprocess
import uuid

import pytest

ACCOUNT = "devstoreaccount1"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


class Mock:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.connection_string = (
            f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={KEY};BlobEndpoint={endpoint};"
        )


@pytest.fixture(scope="session")
def mock(tmp_path_factory):
    binary = os.environ.get("TIERGATE_MOCKBLOB")
    assert binary and os.path.exists(binary), "set TIERGATE_MOCKBLOB to the tiergate-mockblob executable"
    data = tmp_path_factory.mktemp("blobs")
    proc = subprocess.Popen(
        [binary, "--host", "127.0.0.1", "--port", "0", "--data", str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    line = proc.stdout.readline().strip()
    assert line.startswith("listening on http://127.0.0.1:"), line
    yield Mock(line.removeprefix("listening on "))
    proc.terminate()
    assert proc.wait(timeout=10) == 0, "the mock did not stop cleanly on SIGTERM"


@pytest.fixture
def container_name():
    return "it-" + uuid.uuid4().hex[:20]
