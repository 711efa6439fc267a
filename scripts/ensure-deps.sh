#!/usr/bin/env bash
# Installs the Debian packages Fennec's tests and benchmarks use, when they are missing.
# Usage: scripts/ensure-deps.sh PACKAGE... (package names as Debian spells them).
set -euo pipefail

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    command -v sudo >/dev/null || { echo "ensure-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo "$@"
  fi
}
echo "ensure-deps: installing ${missing[*]}" >&2
# tshark asks whether non-root users may capture; answer no so the install never waits for input.
echo "wireshark-common wireshark-common/install-setuid boolean false" | as_root debconf-set-selections
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
