#!/usr/bin/env bash
# Sets Fennec up and runs its main job on one machine: publishes the fennec command into out/, fetches the free
# GeoIP/ASN data into a cache (scripts/ensure-geoip.sh), generates a 72-hour demo capture of a small site with five
# injected attacks (fennec simulate; headers only, about 300 MB), and analyses it (fennec analyze): flows, Kitsune,
# traffic baselines, GeoIP/ASN enrichment and incidents within an alert budget, stored in out/demo/fennec.db, with
# the report in out/demo/report.html. Given captures or folders instead, it analyses those.
set -euo pipefail
cd "$(dirname "$0")/.."

# The publish compiles fennec to a native executable, linked by the C compiler.
scripts/ensure-deps.sh gcc libc6-dev
dotnet publish src/Fennec.Cli -c Release -o out --nologo -v quiet
scripts/ensure-geoip.sh --asn >/dev/null
mkdir -p out/demo

if [ $# -eq 0 ]; then
  out/fennec simulate --hours 72 --hosts 20 --seed 1 --snaplen 128 --out out/demo/site.pcap --labels out/demo/labels.csv
  set -- out/demo/site.pcap
  echo "injected attacks (ground truth): out/demo/labels.csv"
fi
out/fennec analyze "$@" --db out/demo/fennec.db --report out/demo/report.html --summary out/demo/summary.json
