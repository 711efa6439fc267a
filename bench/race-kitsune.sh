#!/usr/bin/env bash
# Kitsune throughput: features alone, KitNET training, KitNET scoring and end to end, on the three golden captures
# (with the reference's grace periods) and on the race capture (over a million packets), pinned to one core, with
# peak memory; then the ratio to the reference's figures measured on this kind of machine
# (shared/reference/kitsune/README.md: CPU time of its per-packet loop). The reference itself is not run here.
#
#   bench/race-kitsune.sh                       publish fennec to bench/work/out, build the race capture if missing
#   FENNEC_BIN=path ROUNDS=5 CAPTURE=file bench/race-kitsune.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
shared="${FENNEC_SHARED:-$(dirname "$root")/shared}"
golden="$shared/reference/kitsune"
capture="${CAPTURE:-$here/work/race.pcap}"
rounds="${ROUNDS:-3}"
core="${CORE:-0}"

# shellcheck source=race-lib.sh
. "$here/race-lib.sh"
"$root/scripts/ensure-deps.sh" wireshark-common time
race_fennec
race_capture
model="$(mktemp)"
trap 'rm -f "$model" "$report_file" "$report_file.time"' EXIT

# Runs fennec kitsune with --timings on core $core; prints "wall_s rss_kb" and leaves its report in the file
# $report_file (a file, since callers run this in a subshell to capture the figures).
report_file="$(mktemp)"
run_kitsune() {
  /usr/bin/time -f '%e %M' -o "$report_file.time" taskset -c "$core" "$fennec" kitsune "$@" --timings >/dev/null 2>"$report_file"
  cat "$report_file.time"
}

# The packets-per-second figure of one stage in the --timings line ("features", "mapping", "training", "scoring").
stage() { grep -o "$1 [0-9.]* s for [0-9]* packets ([0-9]*/s)" <<<"$report" | grep -o '([0-9]*/s)' | tr -d '(/s)'; }

# The reference's end-to-end packets/s for a capture name, from its README table.
reference_e2e() { awk -F'|' -v c="$1" '$2 ~ c && $6 ~ /pkt/ { gsub(/[ ,]|pkt\/s/, "", $6); print $6; exit }' "$golden/README.md"; }

printf '%-22s %9s %10s %10s %10s %10s %10s %8s %9s %7s\n' input packets 'features/s' 'training/s' 'scoring/s' 'loop/s' 'e2e/s' 'RSS MiB' 'ref e2e/s' ratio
race_one() {
  local name="$1" input="$2" packets="$3"; shift 3
  local best=0 best_report="" rss=0 line wall kb
  run_kitsune "$input" "$@" >/dev/null  # warm-up: page cache
  for ((r = 0; r < rounds; r++)); do
    line="$(run_kitsune "$input" "$@")"
    wall="${line% *}"; kb="${line#* }"
    if awk -v w="$wall" -v b="$best" 'BEGIN { exit !(b == 0 || w < b) }'; then best="$wall"; best_report="$(cat "$report_file")"; rss="$kb"; fi
  done
  report="$best_report"
  local ref ratio loop
  ref="$(reference_e2e "$name")"
  # The loop's own rate, from the summary line "... in S s (N packets/s)": the reference's figures are loop time too.
  loop="$(grep -o 'in [0-9.]* s ([0-9]* packets/s)' <<<"$report" | head -1 | grep -o '([0-9]*' | tr -d '(')"
  ratio="$(awk -v l="$loop" -v r="${ref:-0}" 'BEGIN { if (r > 0) printf "%.0fx", l / r; else print "-" }')"
  printf '%-22s %9s %10s %10s %10s %10s %10.0f %8.0f %9s %7s\n' "$name" "$packets" "$(stage features)" "$(stage training)" "$(stage scoring)" \
    "$loop" "$(awk -v p="$packets" -v w="$best" 'BEGIN { print p / w }')" "$((rss / 1024))" "${ref:--}" "$ratio"
}

race_one networkml_ip6 "$golden/captures/networkml_ip6.pcap" 290 --fm-grace 30 --ad-grace 150
race_one ppa_ftp_crack "$golden/captures/ppa_ftp_crack.pcap" 19730 --fm-grace 1000 --ad-grace 10000
race_one kitsune_mirai_prefix "$shared/corpus/kitsune-mirai-tsv/mirai.pcap.tsv" 38363 --fm-grace 5000 --ad-grace 25000
race_one "race.pcap (train)" "$capture" "$packets" --fm-grace 5000 --ad-grace 50000 --save-model "$model"
race_one "race.pcap (scoring)" "$capture" "$packets" --model "$model" --fresh-statistics
echo "e2e/s: packets over the whole process's wall time (start-up included), best of $rounds on core $core; stage rates from --timings."
echo "loop/s: packets over the time of fennec's own loop (reading, decoding, features, KitNET, writing), from its summary line."
echo "ratio: loop/s over the reference's end to end, which is the CPU time of its per-packet loop (tshark's conversion not counted)."
