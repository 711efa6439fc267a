#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds, runs every test project, prints one summary line.
# Corpus and reference tests read ../shared (or $FENNEC_SHARED); with CI=true they fail when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-deps.sh tshark tcpdump libpcap0.8 wireshark-common nfdump softflowd pmacct mmdb-bin sqlite3 chromium
# GeoIP/ASN data for the enrichment tests, cached outside the repository (city: a 64 MB download, 129 MB unpacked).
scripts/ensure-geoip.sh --asn --city >/dev/null

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Fennec.slnx -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# dotnet test prints a "Total tests / Passed / Failed / Skipped" block per test project; add them up into one line.
awk '
  /^Total tests:/ { counting = 1; next }
  counting && $1 == "Passed:" { p += $2; next }
  counting && $1 == "Failed:" { f += $2; next }
  counting && $1 == "Skipped:" { s += $2; next }
  { counting = 0 }
  END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
