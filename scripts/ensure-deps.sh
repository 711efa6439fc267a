#!/usr/bin/env bash
# Installs the Debian packages Fennec's tests and benchmarks use, when they are missing.
# Usage: scripts/ensure-deps.sh PACKAGE... (package names as Debian spells them).
set -euo pipefail

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    command -v sudo >/dev/null || { echo "ensure-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo "$@"
  fi
}
if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-deps: installing ${missing[*]}" >&2
  # tshark asks whether non-root users may capture; answer no so the install never waits for input.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | as_root debconf-set-selections
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Daemons a package enables and starts on install that the tests never want: they run the programs themselves
# (pmacct's daemons would otherwise capture on lo or hold the sFlow/NetFlow ports).
unwanted_services() {
  case "$1" in
    pmacct) echo pmacctd nfacctd sfacctd uacctd ;;
  esac
}
for package in "$@"; do
  for service in $(unwanted_services "$package"); do
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
      if systemctl is-enabled --quiet "$service" 2>/dev/null || systemctl is-active --quiet "$service" 2>/dev/null; then
        as_root systemctl disable --now "$service" >/dev/null 2>&1 || true
      fi
    elif [ -x "/etc/init.d/$service" ]; then
      [ -f "/var/run/$service.pid" ] && { as_root "/etc/init.d/$service" stop >/dev/null 2>&1 || true; }
      compgen -G "/etc/rc[2-5].d/S??$service" >/dev/null && { as_root update-rc.d "$service" disable >/dev/null 2>&1 || true; }
    fi
  done
done
