#!/usr/bin/env bash
# Installs the Debian packages Fennec's tests and benchmarks use, when they are missing.
# Usage: scripts/ensure-deps.sh PACKAGE... (package names as Debian spells them).
set -euo pipefail

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

# As root the prefixes stay empty; otherwise sudo, with -E so apt sees DEBIAN_FRONTEND.
sudo=()
sudo_env=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "ensure-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
  sudo_env=(sudo -E)
fi
echo "ensure-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no so the install never waits for input.
echo "wireshark-common wireshark-common/install-setuid boolean false" | "${sudo[@]}" debconf-set-selections
"${sudo[@]}" apt-get update -qq
"${sudo_env[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
