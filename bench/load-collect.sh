#!/usr/bin/env bash
# Loopback load test of `fennec collect` with the store on: Fennec's own IPFIX exporter replays synthetic flows to
# 127.0.0.1 at rising rates; after each run the records stored in the SQLite file are counted against the records
# sent. Prints one line per rate and the highest rate at which nothing was lost.
# Usage: bench/load-collect.sh [RECORDS_PER_RUN] [RATE ...]   (defaults: 2,000,000 records; 100k to 800k records/s)
# The flows' start times rise pass after pass, as a live exporter's do; SAME_TIMES=1 replays the same 50 s of start
# times every pass instead, the worst case for the store's time index.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
source "$here/race-lib.sh"

records=${1:-2000000}
shift || true
rates=("$@")
[ ${#rates[@]} -gt 0 ] || rates=(100000 200000 300000 400000 500000 600000 800000)

command -v sqlite3 >/dev/null || "$root/scripts/ensure-deps.sh" sqlite3
race_fennec
dotnet build "$here/Fennec.Benchmarks" -c Release -nologo -v quiet >/dev/null
sender=(dotnet "$here/Fennec.Benchmarks/bin/Release/net10.0/Fennec.Benchmarks.dll")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

best=0
printf '%10s %12s %12s %10s %s\n' target sent stored lost sender
for rate in "${rates[@]}"; do
  port=$((20000 + RANDOM % 20000))
  db="$work/load-$rate.db"
  "$fennec" collect --ipfix "127.0.0.1:$port" --db "$db" --stop-after-idle 3 2>"$work/collect.err" &
  collector=$!
  sleep 1
  line="$("${sender[@]}" send-ipfix "127.0.0.1:$port" "$records" "$rate" ${SAME_TIMES:+--same-times})"
  wait "$collector" || { cat "$work/collect.err" >&2; exit 1; }
  sent="$(awk '{print $2}' <<<"$line")"
  stored="$(sqlite3 "$db" 'SELECT count(*) FROM flows')"
  lost=$((sent - stored))
  achieved="$(sed -E 's/.*\(([0-9]+) records\/s.*/\1/' <<<"$line")"
  printf '%10s %12s %12s %10s %s\n' "$rate" "$sent" "$stored" "$lost" "$line"
  grep -h "waited\|capped" "$work/collect.err" | sed 's/^ */           collect: /' || true
  if [ "$lost" -eq 0 ] && [ "$achieved" -gt "$best" ]; then best=$achieved; fi
done
echo "highest loss-free rate: $best records a second as sent (store on, one collector process, 127.0.0.1; load average $(cut -d' ' -f1-3 /proc/loadavg))"
