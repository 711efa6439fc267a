#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds, runs every test project, prints one summary line.
# Corpus and reference tests read ../shared (or $FENNEC_SHARED); with CI=true they fail when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-deps.sh tshark tcpdump libpcap0.8 wireshark-common

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Fennec.slnx -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Passed!/Failed!" line per project; add them up into one line.
awk '
  /(Passed|Failed)!  - Failed:/ {
    gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
    }
  }
  END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
