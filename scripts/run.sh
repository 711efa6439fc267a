#!/usr/bin/env bash
# Sets Fennec up and runs it: publishes the fennec command into out/, then summarises and decodes a capture
# (the one given, or by default a SYN-scan capture from the shared corpus).
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
