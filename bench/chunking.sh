#!/usr/bin/env bash
# Chooses the chunker's sizes by measurement: a BMR-like image (zeroed, random and text-like
# 1 MiB regions) and its next-day version (1% of 64 KiB regions changed by a 4 KiB write, plus
# small insertions), chunked at several average sizes; prints the second day's new bytes, the
# chunk count and index size, and the chunker's speed on one core.
#   bench/chunking.sh [SIZE_MIB]   (default 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tiergate-bench >/dev/null
"$(swift build -c release --show-bin-path)/tiergate-bench" chunking "${1:-1024}"
