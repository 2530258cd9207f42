#!/usr/bin/env bash
# Installs the Debian 12 packages the harness needs. Idempotent: does nothing when all are
# present. Runs apt-get as root, or through sudo. Extra arguments are further packages a
# script needs (tidy.sh: clang-tidy; the mutation check: python3 python3-yaml). The tests
# validate junit.xml with xmllint (libxml2-utils) and report.json with python3-jsonschema;
# report_browser_check opens report.html in chromium (Japanese glyphs: fonts-ipafont-gothic).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev libssl-dev
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  libcli11-dev libyaml-cpp-dev libfmt-dev
  libgoogle-perftools-dev  # tcmalloc, linked into amazon-pay-mock (not the sanitizer builds)
  libxml2-utils python3 python3-jsonschema
  chromium fonts-ipafont-gothic  # the browser tests: the report printed, the hosted pages driven
  "$@"
)
# Node.js runs the official Amazon Pay SDK against the mock; keep a newer one if present.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
packages+=(wrk)  # the load generator of bench/ratios.sh (not run by CI)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
