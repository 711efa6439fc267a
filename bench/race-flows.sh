#!/usr/bin/env bash
# Races `fennec flows` (records to /dev/null) against softflowd (pcap to NetFlow v9 datagrams) and nfpcapd (pcap to
# nfcapd files) on the race capture, each pinned to one core, in one run: a warm-up of each, then interleaved rounds;
# prints medians, GB/s, M packets/s and the ratios softflowd/fennec and nfpcapd/fennec. `fennec-t2` is
# `fennec flows --threads 2` on two cores (CORES, default 0,1), raced in the same rounds.
#
#   bench/race-flows.sh                  publish fennec to bench/work/out, build the capture if missing, race
#   FENNEC_BIN=path ROUNDS=5 CAPTURE=file bench/race-flows.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
capture="${CAPTURE:-$here/work/race.pcap}"
rounds="${ROUNDS:-3}"
core="${CORE:-0}"

# shellcheck source=race-lib.sh
. "$here/race-lib.sh"
"$root/scripts/ensure-deps.sh" wireshark-common softflowd nfdump

race_fennec
race_capture

# softflowd sends its datagrams to a port nobody listens on (the kernel drops them); nfpcapd writes files.
port=$((20000 + RANDOM % 20000))
nfdir="$(mktemp -d)"
trap 'rm -rf "$nfdir"' EXIT

names=(fennec fennec-t2 softflowd nfpcapd)
run_tool() {
  case "$1" in
    fennec) wall "$fennec" flows "$capture" ;;
    fennec-t2) core="${CORES:-0,1}" wall "$fennec" flows --threads 2 "$capture" ;;
    softflowd) wall softflowd -r "$capture" -n "127.0.0.1:$port" -v 9 -d -m 1000000 ;;
    nfpcapd) rm -rf "${nfdir:?}"/*; wall nfpcapd -r "$capture" -w "$nfdir" ;;
  esac
}

race_rounds
echo "fennec-t2: fennec flows --threads 2 on cores ${CORES:-0,1}"
ratio softflowd fennec
ratio nfpcapd fennec
ratio softflowd fennec-t2
ratio fennec fennec-t2
