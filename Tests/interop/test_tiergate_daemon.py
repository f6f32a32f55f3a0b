"""The daemon and the policy commands with the real binary: configuration errors listed and
refused, a daemon that backs up on start (catch-up), reports status and stops within seconds
on SIGTERM — also mid-backup, leaving a repository that checks clean."""
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.request

import pytest
from azure.storage.blob import BlobServiceClient

from conftest import MockServer, tiergate_binary
from test_tiergate_restore import make_store

CONFIG = """
store: {store}
state: {state}
timezone: Europe/Berlin
cloud:
  container: daemon
passphrase-file: {passphrase}
groups:
  - name: fs01
    members: [fs01-bmr, fs02-missing]
    schedule:
      daily: ["03:00", "15:00"]
    retention:
      daily: 30
      weekly: {{keep: 4, on: sunday}}
throttle:
  work-hours: {{days: [monday, tuesday, wednesday, thursday, friday], from: "08:00", to: "18:00", rate: 1000Mbps}}
  other-hours: 1000Mbps
"""


@pytest.fixture
def site(tmp_path):
    server = MockServer("--data", str(tmp_path / "blobs"))
    (tmp_path / "passphrase").write_text("daemon test\n")
    config = tmp_path / "tiergate.yaml"
    config.write_text(CONFIG.format(store=tmp_path / "store", state=tmp_path / "state", passphrase=tmp_path / "passphrase"))
    env = dict(os.environ, TIERGATE_CONNECTION_STRING=server.connection_string, TIERGATE_CONFIG=str(config))
    for k in ("TIERGATE_STORE", "TIERGATE_STATE", "TIERGATE_CONTAINER", "TIERGATE_PASSPHRASE", "TIERGATE_PASSPHRASE_FILE"):
        env.pop(k, None)
    run = lambda *a: subprocess.run([tiergate_binary(), *a], env=env, capture_output=True, text=True, timeout=120)
    try:
        yield tmp_path, env, run, config
    finally:
        server.stop()


def test_an_invalid_configuration_lists_every_error_and_the_daemon_refuses_to_start(site):
    tmp_path, env, run, config = site
    config.write_text("""
groups:
  - name: fs01
    members: [fs01-bmr]
    schedule: {daily: ["01:00", "12:00", "22:00"]}
    retention: {daily: 0, weekly: {keep: 6000, on: sunday}}
    retension: {}
throttle: {other-hours: 2Gbps}
""")
    for args in (["config", "validate"], ["run"]):
        out = run(*args)
        assert out.returncode != 0
        err = out.stderr
        for key in ("groups[0].schedule.daily", "groups[0].retention.daily", "groups[0].retention.weekly.keep",
                    "retension", "throttle.other-hours"):
            assert key in err, (key, err)
        assert "5 errors" in err, err


def test_config_validate_prints_the_normalized_configuration(site):
    tmp_path, env, run, config = site
    out = run("config", "validate")
    assert out.returncode == 0, out.stderr
    assert "timezone: Europe/Berlin" in out.stdout and "03:00" in out.stdout


def test_the_daemon_catches_up_on_start_reports_status_and_stops_on_sigterm(site):
    tmp_path, env, run, config = site
    make_store(tmp_path / "store", 8)
    assert run("init").returncode == 0
    daemon = subprocess.Popen([tiergate_binary(), "run", "--metrics-port", "0"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    log = []
    threading.Thread(target=lambda: log.extend(iter(daemon.stdout.readline, "")), daemon=True).start()
    try:
        deadline = time.time() + 60
        points = []
        while time.time() < deadline:
            out = run("points", "--json")
            points = json.loads(out.stdout) if out.returncode == 0 else []
            if points:
                break
            time.sleep(0.3)
        assert [p["source"] for p in points] == ["fs01-bmr"], "the daemon did not catch up on start:\n" + "".join(log)
        time.sleep(0.5)
        status = run("status", "--json")
        assert status.returncode == 0, status.stderr
        rows = {r["source"]: r for r in json.loads(status.stdout)}
        assert rows["fs01-bmr"]["lastBackup"]["outcome"] == "succeeded" and rows["fs01-bmr"]["points"] == 1
        assert rows["fs01-bmr"]["nextBackup"], "a scheduled source has a next backup"
        assert rows["fs02-missing"]["inStore"] is False and rows["fs02-missing"]["lastBackup"]["outcome"] == "failed"
        urls = [m.group(1) for line in log for m in [re.search(r"metrics on (http://\S+/metrics)", line)] if m]
        assert urls, "the daemon did not say where its metrics are: " + "".join(log)
        metrics = urllib.request.urlopen(urls[0]).read().decode()
        def value(name, **labels):
            for line in metrics.splitlines():
                if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
                    return float(line.rsplit(" ", 1)[1])
            return None
        assert value("tiergate_backups_total", source="fs01-bmr", outcome="succeeded") == 1, metrics
        assert value("tiergate_backups_total", source="fs02-missing", outcome="failed") >= 1, metrics
        assert value("tiergate_backup_read_bytes_total", source="fs01-bmr") == (8 << 20) + 14 + 300_000, metrics
        assert value("tiergate_cloud_points", source="fs01-bmr") == 1, metrics
        started = time.time()
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(10) == 0
        assert time.time() - started < 5
    finally:
        if daemon.poll() is None:
            daemon.kill()


def test_sigterm_mid_backup_stops_within_seconds_and_the_next_run_resumes(site):
    tmp_path, env, run, config = site
    make_store(tmp_path / "store", 384)
    assert run("init").returncode == 0
    container = BlobServiceClient.from_connection_string(env["TIERGATE_CONNECTION_STRING"]).get_container_client("daemon")
    daemon = subprocess.Popen([tiergate_binary(), "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not list(container.list_blobs(name_starts_with="data/")):
        time.sleep(0.05)
    started = time.time()
    daemon.send_signal(signal.SIGTERM)
    code = daemon.wait(15)
    log = daemon.stdout.read()
    assert time.time() - started < 5, "the daemon took too long to stop"
    assert code == 0, log
    assert "backup of fs01-bmr done" not in log, "the backup finished before SIGTERM; make the point larger"
    assert not list(container.list_blobs(name_starts_with="points/")), "a stopped job made its point visible"
    check = run("check")
    assert check.returncode == 0, check.stdout + check.stderr
    again = run("backup", "--source", "fs01-bmr", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout.splitlines()[-1])["point"] == "2026-11-21T220000Z"


def test_retention_apply_then_prune_keeps_exactly_what_the_rules_say(site):
    tmp_path, env, run, config = site
    config.write_text(f"""
store: {tmp_path / "store"}
state: {tmp_path / "state"}
cloud: {{container: daemon}}
passphrase-file: {tmp_path / "passphrase"}
groups:
  - name: fs01
    members: [fs01-bmr]
    schedule: {{daily: ["22:00"]}}
    retention: {{daily: 2, weekly: {{keep: 2, on: sunday}}}}
""")
    points = ["2026-11-01T220000Z", "2026-11-05T220000Z", "2026-11-08T220000Z", "2026-11-10T220000Z",
              "2026-11-12T220000Z", "2026-11-13T120000Z"]
    source = tmp_path / "store" / "fs01-bmr"
    source.mkdir(parents=True)
    (source / "source.json").write_text('{"server": "fs01.contoso.local", "kind": "files"}')
    for i, p in enumerate(points):
        (source / p).mkdir()
        (source / p / "data.bin").write_bytes(os.urandom(300_000))  # unique per point: prune has work
        (source / p / "shared.txt").write_text("the same in every point\n" * 1000)
        (source / p / ".complete").write_bytes(b"")
    assert run("init").returncode == 0
    out = run("backup", "--all-new", "--json")
    assert out.returncode == 0, out.stderr

    # At 2026-11-13 23:00 UTC (a Friday): daily 2 keeps after Nov 11 23:00 (Nov 12 22:00, Nov 13
    # 12:00); weekly 2 on sunday keeps the Sundays Nov 8 and Nov 1 at 22:00; Nov 13 is newest.
    preview = run("retention", "apply", "--dry-run", "--at", "2026-11-13T23:00:00Z", "--json")
    assert preview.returncode == 0, preview.stderr
    decisions = {d["point"]: (d["keep"], d["rules"]) for d in json.loads(preview.stdout)}
    assert decisions == {
        "2026-11-01T220000Z": (True, ["weekly"]),
        "2026-11-05T220000Z": (False, []),
        "2026-11-08T220000Z": (True, ["weekly"]),
        "2026-11-10T220000Z": (False, []),
        "2026-11-12T220000Z": (True, ["daily"]),
        "2026-11-13T120000Z": (True, ["daily", "newest"]),
    }
    assert len(json.loads(run("points", "--json").stdout)) == 6, "a dry run removes nothing"

    applied = run("retention", "apply", "--at", "2026-11-13T23:00:00Z")
    assert applied.returncode == 0, applied.stderr
    left = [p["point"] for p in json.loads(run("points", "--json").stdout)]
    assert left == ["2026-11-01T220000Z", "2026-11-08T220000Z", "2026-11-12T220000Z", "2026-11-13T120000Z"]

    pruned = run("prune", "--json")
    assert pruned.returncode == 0, pruned.stderr
    assert json.loads(pruned.stdout)["bytesFreed"] >= 2 * 300_000
    check = run("check", "--read-data", "--json")
    assert check.returncode == 0, check.stdout + check.stderr
    report = json.loads(check.stdout)
    assert report["errors"] == [] and report["warnings"] == [] and report["points"] == 4 and report["bytesRead"] > 0
    restored = run("restore", "--source", "fs01-bmr", "--point", "2026-11-12T220000Z", "--to", str(tmp_path / "r"))
    assert restored.returncode == 0, restored.stderr
    assert (tmp_path / "r" / "data.bin").read_bytes() == (source / "2026-11-12T220000Z" / "data.bin").read_bytes()


def test_a_metrics_port_in_use_is_a_one_line_error(site):
    tmp_path, env, run, config = site
    assert run("init").returncode == 0
    import socket
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        out = run("run", "--metrics-port", str(taken.getsockname()[1]))
    finally:
        taken.close()
    assert out.returncode != 0
    assert out.stderr.strip().splitlines()[-1].endswith("the port is in use; choose another --metrics-port or TIERGATE_METRICS_PORT"), out.stderr
