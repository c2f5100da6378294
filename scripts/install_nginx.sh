#!/usr/bin/env bash
# The scale test puts Debian's nginx in front of the Rasa servers; installed here when missing.
set -euo pipefail
command -v nginx > /dev/null || [ -x /usr/sbin/nginx ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "nginx is missing: install Debian's 'nginx' package (sudo apt-get install -y nginx)." >&2
  exit 1
fi
echo "Installing Debian's nginx package for the scale test..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx > /dev/null
# The package starts a system nginx on port 80; the scale test runs its own on a free port instead.
systemctl stop nginx 2>/dev/null || service nginx stop 2>/dev/null || true
