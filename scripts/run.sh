#!/usr/bin/env bash
# Sets Fennec up and runs it: publishes the fennec command into out/, then summarises a capture (the one given, or
# by default a SYN-scan capture from the shared corpus), decodes its first packets, assembles its flows, and runs
# Kitsune on it (grace periods scaled to its size, so that the detector learns on the first half and scores the rest).
set -euo pipefail
cd "$(dirname "$0")/.."

capture=${1:-${FENNEC_SHARED:-../shared}/corpus/chrissanders-packets/synscan.pcapng}
if [ ! -f "$capture" ]; then
  echo "run: no capture at $capture; pass one: scripts/run.sh FILE.pcap" >&2
  exit 3
fi

dotnet publish src/Fennec.Cli -c Release -o out --nologo -v quiet
out/fennec info "$capture"
out/fennec decode "$capture" --limit 20
out/fennec flows "$capture" | head -n 11
packets=$(out/fennec decode "$capture" --count | awk '$1 == "packets" { print $2 }')
if [ "${packets:-0}" -ge 40 ]; then
  out/fennec kitsune "$capture" --fm-grace $((packets / 10)) --ad-grace $((packets * 4 / 10)) --calibration $((packets / 10)) | head -n 5
fi
