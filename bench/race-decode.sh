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

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v tcpdump >/dev/null || ! command -v capinfos >/dev/null; then
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wireshark-common tcpdump >/dev/null
fi

fennec="${FENNEC_BIN:-}"
if [ -z "$fennec" ]; then
  rm -rf "$here/work/out"
  dotnet publish "$root/src/Fennec.Cli" -c Release -o "$here/work/out" -nologo -v quiet >/dev/null
  fennec="$here/work/out/fennec"
fi
[ -x "$fennec" ] || { echo "race-decode: $fennec is not an executable" >&2; exit 1; }
[ -s "$capture" ] || "$here/make-race-capture.sh" >/dev/null

bytes="$(stat -L -c %s "$capture")"
packets="$(capinfos -M -c -T -r "$capture" | cut -f2)"

# Fennec must see every packet capinfos counts, or the race is void.
cat "$capture" >/dev/null
decoded="$(taskset -c "$core" "$fennec" decode --count "$capture" | awk '$1 == "packets" { print $2 }')"
if [ "$decoded" != "$packets" ]; then
  echo "race-decode: fennec decoded $decoded packets, capinfos counts $packets" >&2
  exit 1
fi

# Wall-clock seconds of one run, output discarded.
wall() {
  local TIMEFORMAT=%R
  { time taskset -c "$core" "$@" >/dev/null 2>&1; } 2>&1
}

names=(fennec tcpdump dd)
run_tool() {
  case "$1" in
    fennec) wall "$fennec" decode --count "$capture" ;;
    tcpdump) wall tcpdump -r "$capture" -w /dev/null ;;
    dd) wall dd if="$capture" of=/dev/null bs=1M ;;
  esac
}

declare -A times=()
for name in "${names[@]}"; do run_tool "$name" >/dev/null; done
for ((r = 0; r < rounds; r++)); do
  for name in "${names[@]}"; do times[$name]+="$(run_tool "$name") "; done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "capture: $capture ($bytes bytes, $packets packets); one core (taskset -c $core); median of $rounds after a warm-up"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %9s %8s %11s   %s\n' tool seconds GB/s 'M pkts/s' 'runs (s)'
declare -A median_of=()
for name in "${names[@]}"; do
  m="$(median "${times[$name]}")"
  median_of[$name]="$m"
  awk -v n="$name" -v s="$m" -v b="$bytes" -v p="$packets" -v all="${times[$name]}" \
    'BEGIN { printf "%-8s %9.3f %8.2f %11.2f   %s\n", n, s, b / s / 1e9, p / s / 1e6, all }'
done
awk -v t="${median_of[tcpdump]}" -v f="${median_of[fennec]}" 'BEGIN { printf "ratio tcpdump/fennec: %.2fx\n", t / f }'
