#!/usr/bin/env bash
# Benchmark: one large object uploaded over loopback to tiergate-mockblob (--data on local disk),
# by tiergate's client and by `rclone copy`, in the same run; then the mock's own cost per
# request (small Put Blob and Get Blob per second). Prints a table with ratios.
#   bench/blob-upload.sh [SIZE_MIB]      (default 2048)
#   MOCK_FLAGS=--no-fsync bench/blob-upload.sh   (mock without fsync: measures the clients, not the disk)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-2048}
scripts/setup
swift build -c release --product tiergate --product tiergate-mockblob >/dev/null 2>&1 || swift build -c release
bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d /tmp/tiergate-bench.XXXXXX)
trap 'kill $mock_pid 2>/dev/null || true; rm -rf "$work"' EXIT

echo "generating ${size_mib} MiB of random data..."
head -c $((size_mib * 1048576)) /dev/urandom > "$work/object.bin"

"$bin/tiergate-mockblob" --port 0 --data "$work/blobs" ${MOCK_FLAGS:-} > "$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/mock.out" && break; sleep 0.1; done
endpoint=$(sed -n 's/^listening on //p' "$work/mock.out")
port=$(echo "$endpoint" | sed -E 's#http://[^:]+:([0-9]+)/.*#\1#')
cs="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=$endpoint;"
echo "mock at $endpoint"
# rclone 1.60 (Debian) reaches a non-default endpoint through a container SAS URL.
sas_url=$(python3 - "$endpoint" <<'PY'
import sys
from datetime import datetime, timedelta, timezone
from azure.storage.blob import BlobServiceClient, ContainerSasPermissions, generate_container_sas
key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
ep = sys.argv[1]
BlobServiceClient(account_url=ep, credential={"account_name": "devstoreaccount1", "account_key": key}).create_container("bench")
sas = generate_container_sas("devstoreaccount1", "bench", account_key=key,
    permission=ContainerSasPermissions(read=True, write=True, create=True, add=True, list=True, delete=True),
    expiry=datetime.now(timezone.utc) + timedelta(hours=4))
print(f"{ep}/bench?{sas}")
PY
)

peak_rss() { awk '/Maximum resident/ {print int($6/1024)}' "$1"; }

mb=$((size_mib * 1048576))
start=$(date +%s.%N)
/usr/bin/time -v "$bin/tiergate" blob put "$work/object.bin" --name tg.bin --container bench \
  --connection-string "$cs" --concurrency 16 --block-size-mi-b 4 > /dev/null 2> "$work/tg.time"
tg_s=$(echo "$(date +%s.%N) - $start" | bc)
tg_rss=$(peak_rss "$work/tg.time")

start=$(date +%s.%N)
/usr/bin/time -v rclone copyto "$work/object.bin" ":azureblob:bench/rclone.bin" --config /dev/null \
  --azureblob-sas-url "$sas_url" > /dev/null 2> "$work/rc.time"
rc_s=$(echo "$(date +%s.%N) - $start" | bc)
rc_rss=$(peak_rss "$work/rc.time")

mbps() { echo "scale=1; $mb / 1000000 / $1" | bc; }
echo
printf "%-34s %10s %10s %10s\n" "upload of ${size_mib} MiB (loopback)" seconds "MB/s" "peak MiB"
printf "%-34s %10.2f %10s %10s\n" "tiergate blob put" "$tg_s" "$(mbps "$tg_s")" "$tg_rss"
printf "%-34s %10.2f %10s %10s\n" "rclone copyto" "$rc_s" "$(mbps "$rc_s")" "$rc_rss"
printf "%-34s %10s\n" "tiergate speed / rclone speed" "$(echo "scale=2; $rc_s / $tg_s" | bc)"

echo
"$bin/tiergate" blob bench --connection-string "$cs" --container small --count 5000 --size 4096 --concurrency 16
