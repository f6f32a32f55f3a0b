"""Interop fixtures: run the real `tiergate-mockblob` binary and point Azure clients at it.

The binary comes from $TIERGATE_MOCKBLOB, else the newest build under .build*/ (release or debug).
"""
import glob
import os
import subprocess
import tempfile
import threading
import uuid

import pytest
from azure.storage.blob import BlobServiceClient

ACCOUNT = DEV_ACCOUNT = "devstoreaccount1"
KEY = DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def mockblob_binary():
    path = os.environ.get("TIERGATE_MOCKBLOB")
    if path:
        return path
    found = glob.glob(os.path.join(ROOT, ".build*", "*", "tiergate-mockblob"))
    found += glob.glob(os.path.join(ROOT, ".build*", "*", "*", "tiergate-mockblob"))
    found = [p for p in found if os.path.isfile(p) and os.access(p, os.X_OK)]
    if not found:
        pytest.fail("tiergate-mockblob not built: set TIERGATE_MOCKBLOB or run swift build --product tiergate-mockblob")
    return max(found, key=os.path.getmtime)


def tiergate_binary():
    """The tiergate binary: $TIERGATE, else the one built next to tiergate-mockblob."""
    path = os.environ.get("TIERGATE") or os.path.join(os.path.dirname(mockblob_binary()), "tiergate")
    if not os.path.exists(path):
        pytest.fail("tiergate not built: set TIERGATE or run swift build --product tiergate")
    return path


class MockServer:
    """One running `tiergate-mockblob` process."""

    def __init__(self, *args):
        self.log = tempfile.NamedTemporaryFile(prefix="mockblob-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [mockblob_binary(), "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = [None]
        reader = threading.Thread(target=lambda: line.__setitem__(0, self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(30)
        if not line[0] or not line[0].startswith("listening on "):
            self.proc.kill()
            raise RuntimeError(f"mock did not start: {line[0]!r}; log in {self.log.name}")
        self.endpoint = line[0].split("listening on ", 1)[1].strip()

    @property
    def connection_string(self):
        return (f"DefaultEndpointsProtocol=http;AccountName={DEV_ACCOUNT};AccountKey={DEV_KEY};"
                f"BlobEndpoint={self.endpoint};")

    def stop(self):
        """SIGTERM, then the exit code (the mock shuts down gracefully)."""
        self.proc.terminate()
        try:
            return self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


@pytest.fixture(scope="session")
def mock():
    """The session's in-memory mock (`.endpoint`, `.connection_string`); must stop cleanly on SIGTERM."""
    server = MockServer("--in-memory")
    yield server
    assert server.stop() == 0, "the mock did not stop cleanly on SIGTERM"


@pytest.fixture(scope="session")
def mock_endpoint(mock):
    """`http://127.0.0.1:PORT/devstoreaccount1` of the session's in-memory mock."""
    return mock.endpoint


@pytest.fixture
def container_name():
    return "it-" + uuid.uuid4().hex[:20]


@pytest.fixture
def service(mock):
    """A Python SDK client of the session's mock."""
    return BlobServiceClient.from_connection_string(mock.connection_string)


@pytest.fixture
def container(service, container_name):
    """A fresh container, deleted afterwards."""
    c = service.create_container(container_name)
    yield c
    c.delete_container()
