#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for test/html-render.test.ts (playwright-core drives
# it through executablePath; no browser is downloaded by npm). Idempotent: does nothing when
# /usr/bin/chromium (or $CHROMIUM_PATH) is already there. npm test runs it (scripts/test-prereqs.sh).
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  echo "install-chromium: $CHROMIUM already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium: $CHROMIUM is missing and this script is not running as root." >&2
  echo "install-chromium: run it with sudo (sudo scripts/install-chromium.sh), or install Debian's" >&2
  echo "install-chromium: 'chromium' package yourself, or set CHROMIUM_PATH to an existing Chromium binary." >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found; install Chromium with your package manager and set CHROMIUM_PATH." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=()
# apt drops to the _apt user to verify signatures; in some containers /dev/null is a plain root-owned
# file that _apt cannot write, and the update fails with "gpgv ... required". Stay root there.
if [ ! -c /dev/null ]; then APT_OPTS=(-o APT::Sandbox::User=root); fi
apt-get "${APT_OPTS[@]}" update -qq
apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends chromium fonts-dejavu-core

if [ ! -x "$CHROMIUM" ]; then
  echo "install-chromium: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "install-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
