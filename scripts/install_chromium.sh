#!/usr/bin/env bash
# The widget's browser tests drive Debian's Chromium (test tools cannot download a browser here).
set -euo pipefail
command -v chromium > /dev/null && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing: install Debian's 'chromium' package (sudo apt-get install -y chromium)." >&2
  exit 1
fi
echo "Installing Debian's chromium package for the browser tests..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
