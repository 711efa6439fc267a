#!/usr/bin/env bash
# Builds bench/work/race.pcap, the capture that bench/race-decode.sh races on, as shared/reference/PEERS.md
# describes: real corpus captures concatenated with `mergecap -F pcap -a`, then COPIES copies shifted by
# 100,000 s each and concatenated again. Skips the work when the file already exists.
#
# A capture is taken when it is classic pcap (microsecond) with Ethernet framing, its timestamps are sane
# (2000 onwards, not in the future, in order), no frame exceeds 1518 bytes (ordinary sizes: no offload giants),
# it has at least 200 packets, and its bytes differ from every capture already taken (the corpus holds copies).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
shared="${FENNEC_SHARED:-$(dirname "$root")/shared}"
corpus="$shared/corpus"
work="$here/work"
out="$work/race.pcap"
copies="${COPIES:-30}"
folders=(arkime-session-tests joy-captures ndpi-tests netspot-captures nfstream-tests pmacct-test-automation tcpdump-tests)

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v mergecap >/dev/null || ! command -v tcpdump >/dev/null; then
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wireshark-common tcpdump >/dev/null
fi

report() {
  printf '%s: %s bytes (%s MB), %s packets\n' "$out" "$(stat -c %s "$out")" \
    "$(( $(stat -c %s "$out") / 1000000 ))" "$(capinfos -M -c -T -r "$out" | cut -f2)"
}

if [ -s "$out" ]; then
  report
  exit 0
fi
[ -d "$corpus" ] || { echo "make-race-capture: no corpus at $corpus (set FENNEC_SHARED)" >&2; exit 1; }
mkdir -p "$work"
tmp="$(mktemp -d "$work/race.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

now="$(date +%s)"
declare -A seen=()
picked=()
while IFS= read -r -d '' f; do
  # Fields: type, encapsulation, packets, start, end, in order (tab-separated, machine-readable, no header).
  IFS=$'\t' read -r _ type encap packets start end ordered < <(capinfos -T -r -M -S -t -E -c -a -e -o "$f" 2>/dev/null) || continue
  if [ "$type" != pcap ] || [ "$encap" != ether ] || [ "$ordered" != True ] || [ "${packets:-0}" -lt 200 ]; then
    continue
  fi
  start="${start%%.*}" end="${end%%.*}"
  if ! [[ "$start" =~ ^[0-9]+$ && "$end" =~ ^[0-9]+$ ]] || [ "$start" -lt 946684800 ] || [ "$end" -gt "$now" ]; then
    continue
  fi
  [ -z "$(tcpdump -r "$f" -c 1 greater 1519 2>/dev/null)" ] || continue
  sum="$(sha256sum "$f" | cut -d' ' -f1)"
  [ -z "${seen[$sum]:-}" ] || continue
  seen[$sum]=1
  picked+=("$f")
done < <(find "${folders[@]/#/$corpus/}" -type f -name '*.pcap' -print0 2>/dev/null | sort -z)

[ "${#picked[@]}" -gt 0 ] || { echo "make-race-capture: no capture qualified" >&2; exit 1; }
echo "make-race-capture: ${#picked[@]} captures, $copies copies"
mergecap -F pcap -a -w "$tmp/base.pcap" "${picked[@]}"
parts=()
for ((i = 0; i < copies; i++)); do
  editcap -F pcap -t "$((i * 100000))" "$tmp/base.pcap" "$tmp/copy-$i.pcap"
  parts+=("$tmp/copy-$i.pcap")
done
mergecap -F pcap -a -w "$tmp/race.pcap" "${parts[@]}"
mv "$tmp/race.pcap" "$out"
report
