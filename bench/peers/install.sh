#!/usr/bin/env bash
# Installs the Python peers' Debian packages if /usr/bin/python3 lacks them (issue 7).
# Usage: bash bench/peers/install.sh    (needs root or sudo; does nothing when all are present)
set -euo pipefail
missing=()
for mod_pkg in numpy:python3-numpy scipy:python3-scipy sklearn:python3-sklearn torch:python3-torch; do
  mod=${mod_pkg%%:*}; pkg=${mod_pkg#*:}
  /usr/bin/python3 -c "import $mod" 2>/dev/null || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "peers: numpy, scipy, sklearn and torch present for /usr/bin/python3"
  exit 0
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
