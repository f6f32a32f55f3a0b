#!/usr/bin/env python3
"""Load figures for tiergate-mockblob with wrk (Debian package `wrk`), all on loopback.

Starts the mock (path in $TIERGATE_MOCKBLOB, or --binary), signs a fixed request per scenario with
SharedKey (valid for the mock's 15-minute date window), and runs `wrk` against it:

  put-small   Put Blob, 1 KiB, the same blob over and over
  get-small   Get Blob, 1 KiB
  put-block   Put Block, 4 MiB bodies (MB/s is the figure), onto --data or --in-memory

Usage: mockblob-load.py [--binary PATH] [--data DIR | --in-memory] [--seconds N] [--connections N]
"""
import argparse
import base64
import datetime
import hashlib
import hmac
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

ACCOUNT = "devstoreaccount1"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


def sign(method, path, query, headers):
    """SharedKey string-to-sign (Blob service), as in Sources/AzureAuth/SharedKeySigner.swift."""
    h = {k.lower(): v for k, v in headers.items()}
    std = ["content-encoding", "content-language", "content-length", "content-md5", "content-type", "date",
           "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range"]
    lines = [method] + [("" if (n == "content-length" and h.get(n) == "0") else h.get(n, "")) for n in std]
    s = "\n".join(lines) + "\n"
    s += "".join(f"{k}:{h[k].strip()}\n" for k in sorted(k for k in h if k.startswith("x-ms-")))
    s += f"/{ACCOUNT}{path}"
    for k in sorted(query):
        s += f"\n{k.lower()}:{query[k]}"
    mac = hmac.new(base64.b64decode(KEY), s.encode(), hashlib.sha256).digest()
    return f"SharedKey {ACCOUNT}:{base64.b64encode(mac).decode()}"


def request(base, method, path, query=None, body=b"", extra=None):
    query = query or {}
    headers = {"Content-Type": "application/octet-stream", "x-ms-date": datetime.datetime.now(datetime.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT"),
               "x-ms-version": "2021-08-06", "Content-Length": str(len(body))}
    headers.update(extra or {})
    headers["Authorization"] = sign(method, path, query, headers)
    qs = ("?" + urllib.parse.urlencode(query)) if query else ""
    return base + path + qs, headers


def lua(method, headers, body_size):
    out = [f'wrk.method = "{method}"']
    out += [f'wrk.headers["{k}"] = "{v}"' for k, v in headers.items() if k != "Content-Length"]
    if body_size:
        out.append(f'wrk.body = string.rep("a", {body_size})')
    return "\n".join(out) + "\n"


def run_wrk(url, script, seconds, connections):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", f.name, url],
                         capture_output=True, text=True).stdout
    os.unlink(f.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, int(non2xx.group(1)) if non2xx else 0, out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.environ.get("TIERGATE_MOCKBLOB"))
    ap.add_argument("--data")
    ap.add_argument("--in-memory", action="store_true")
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--no-fsync", action="store_true", help="pass --no-fsync to the mock")
    args = ap.parse_args()
    if not args.binary or not shutil.which("wrk"):
        sys.exit("mockblob-load: need --binary (or TIERGATE_MOCKBLOB) and wrk (apt-get install wrk)")
    tmp = None
    store = ["--in-memory"]
    if not args.in_memory:
        tmp = args.data or tempfile.mkdtemp(prefix="mockblob-load-", dir=os.getcwd())
        store = ["--data", tmp] + (["--no-fsync"] if args.no_fsync else [])
    proc = subprocess.Popen([args.binary, "--port", "0", *store], stdout=subprocess.PIPE, text=True)
    try:
        endpoint = proc.stdout.readline().split("listening on ", 1)[1].strip()
        origin = endpoint.rsplit("/", 1)[0]
        base = origin
        url, h = request(base, "PUT", f"/{ACCOUNT}/load", {"restype": "container"})
        urllib.request.urlopen(urllib.request.Request(url, method="PUT", headers=h)).read()
        small = b"a" * 1024
        url, h = request(base, "PUT", f"/{ACCOUNT}/load/small", body=small, extra={"x-ms-blob-type": "BlockBlob"})
        urllib.request.urlopen(urllib.request.Request(url, data=small, method="PUT", headers=h)).read()
        results = []
        url, h = request(base, "PUT", f"/{ACCOUNT}/load/small", body=small, extra={"x-ms-blob-type": "BlockBlob"})
        rps, bad, _ = run_wrk(url, lua("PUT", h, len(small)), args.seconds, args.connections)
        results.append(("put-small (1 KiB Put Blob)", f"{rps:,.0f} req/s", bad))
        url, h = request(base, "GET", f"/{ACCOUNT}/load/small")
        del h["Content-Length"]
        rps, bad, _ = run_wrk(url, lua("GET", h, 0), args.seconds, args.connections)
        results.append(("get-small (1 KiB Get Blob)", f"{rps:,.0f} req/s", bad))
        size = 4 << 20
        bid = base64.b64encode(b"block-000001").decode()
        url, h = request(base, "PUT", f"/{ACCOUNT}/load/big", {"comp": "block", "blockid": bid}, body=b"a" * size)
        rps, bad, _ = run_wrk(url, lua("PUT", h, size), args.seconds, min(args.connections, 8))
        results.append(("put-block (4 MiB Put Block)", f"{rps * size / 1e6:,.0f} MB/s ({rps:,.1f} req/s)", bad))
        print(f"tiergate-mockblob {' '.join(store)}; wrk -t2 -c{args.connections}, {args.seconds}s each, loopback")
        for name, figure, bad in results:
            print(f"  {name:30} {figure:32} non-2xx: {bad}")
    finally:
        proc.terminate()
        proc.wait(15)
        if tmp and not args.data:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
