#!/usr/bin/env bash
# Races `fennec decode --count` against `tcpdump -r F -w /dev/null` (libpcap read and write) and the page-cache read
# floor `dd` on the race capture, each pinned to one core, in one run: a warm-up of each, then rounds that run all
# three in turn; the median of the rounds is reported. Prints seconds, GB/s, M packets/s and tcpdump/fennec.
#
#   bench/race-decode.sh                 publish fennec to bench/work/out, build the capture if missing, race
#   FENNEC_BIN=path bench/race-decode.sh race a fennec already built (no publish)
#   ROUNDS=5 CAPTURE=file bench/race-decode.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
capture="${CAPTURE:-$here/work/race.pcap}"
rounds="${ROUNDS:-3}"
core="${CORE:-0}"

# shellcheck source=race-lib.sh
. "$here/race-lib.sh"
if ! command -v tcpdump >/dev/null || ! command -v capinfos >/dev/null; then
  "$root/scripts/ensure-deps.sh" wireshark-common tcpdump
fi

race_fennec
race_capture

# Fennec must see every packet capinfos counts, or the race is void.
decoded="$(taskset -c "$core" "$fennec" decode --count "$capture" | awk '$1 == "packets" { print $2 }')"
if [ "$decoded" != "$packets" ]; then
  echo "race-decode: fennec decoded $decoded packets, capinfos counts $packets" >&2
  exit 1
fi

names=(fennec tcpdump dd)
run_tool() {
  case "$1" in
    fennec) wall "$fennec" decode --count "$capture" ;;
    tcpdump) wall tcpdump -r "$capture" -w /dev/null ;;
    dd) wall dd if="$capture" of=/dev/null bs=1M ;;
  esac
}

race_rounds
ratio tcpdump fennec
