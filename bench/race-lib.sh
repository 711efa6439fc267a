#!/usr/bin/env bash
# Shared by the race scripts: install the peers, publish fennec, build the race capture, time commands pinned to
# one core, and print medians. Source it; it expects $here (this folder) and $root (the repository).

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Publishes fennec to bench/work/out unless FENNEC_BIN names one; sets $fennec.
race_fennec() {
  fennec="${FENNEC_BIN:-}"
  if [ -z "$fennec" ]; then
    rm -rf "$here/work/out"
    "$root/scripts/ensure-deps.sh" gcc libc6-dev  # the publish links a native executable
    dotnet publish "$root/src/Fennec.Cli" -c Release -o "$here/work/out" -nologo -v quiet >/dev/null
    fennec="$here/work/out/fennec"
  fi
  [ -x "$fennec" ] || { echo "race: $fennec is not an executable" >&2; exit 1; }
}

# Builds the race capture when it is missing; sets $bytes and $packets.
race_capture() {
  [ -s "$capture" ] || "$here/make-race-capture.sh" >/dev/null
  bytes="$(stat -L -c %s "$capture")"
  packets="$(capinfos -M -c -T -r "$capture" | cut -f2)"
  # Every tool reads the capture from the page cache. Drop the file's cached pages and read it back in one sequential
  # pass, so runs start from the same cache state: pages cached some other way (seen here after earlier runs) sat
  # in small pieces that cost the kernel three times as long to copy out (dd: 0.09-0.15 s against 0.03 s).
  dd if="$capture" iflag=nocache count=0 status=none
  cat "$capture" >/dev/null
}

# Wall-clock seconds of one run of "$@" on core $core, output discarded.
wall() {
  local TIMEFORMAT=%R
  { time taskset -c "$core" "$@" >/dev/null 2>&1; } 2>&1
}

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs every tool in $names once to warm up, then $rounds interleaved rounds of run_tool NAME; fills median_of and
# prints the table. The caller defines run_tool.
race_rounds() {
  declare -gA times=() median_of=()
  local name r m
  for name in "${names[@]}"; do run_tool "$name" >/dev/null; done
  for ((r = 0; r < rounds; r++)); do
    for name in "${names[@]}"; do times[$name]+="$(run_tool "$name") "; done
  done
  echo "capture: $capture ($bytes bytes, $packets packets); one core (taskset -c $core); median of $rounds after a warm-up"
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-10s %9s %8s %11s   %s\n' tool seconds GB/s 'M pkts/s' 'runs (s)'
  for name in "${names[@]}"; do
    m="$(median "${times[$name]}")"
    median_of[$name]="$m"
    awk -v n="$name" -v s="$m" -v b="$bytes" -v p="$packets" -v all="${times[$name]}" \
      'BEGIN { printf "%-10s %9.3f %8.2f %11.2f   %s\n", n, s, b / s / 1e9, p / s / 1e6, all }'
  done
}

# Prints "ratio A/B: Nx" from the medians.
ratio() { awk -v a="${median_of[$1]}" -v b="${median_of[$2]}" -v n="$1/$2" 'BEGIN { printf "ratio %s: %.2fx\n", n, a / b }'; }
