#!/usr/bin/env bash
# Installs Debian's redis-server for the shop e2e test (test/e2e-shop-harness.test.ts and the
# explicit-handles proof). The tests start and stop their own redis-server (loopback, random port,
# no persistence) through test/helpers/redis.ts; this script never starts or enables a service.
# Idempotent: does nothing but print the version when redis-server is already on PATH.
# npm test runs it (scripts/test-prereqs.sh), also in CI.
set -euo pipefail

# No redirections to /dev/null: in some containers it is a plain root-owned file.
REDIS_BIN="$(command -v redis-server || true)"
if [ -n "$REDIS_BIN" ]; then
  echo "setup-redis: $REDIS_BIN already installed ($("$REDIS_BIN" --version))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-redis: redis-server is not on PATH and this script is not running as root." >&2
  echo "setup-redis: run it with sudo (sudo scripts/setup-redis.sh), or install Debian's" >&2
  echo "setup-redis: 'redis-server' package (or any redis-server >= 6) yourself." >&2
  exit 1
fi

if [ -z "$(command -v apt-get || true)" ]; then
  echo "setup-redis: apt-get not found; install redis-server with your package manager." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=()
# apt drops to the _apt user to verify signatures; in some containers /dev/null is a plain root-owned
# file that _apt cannot write, and the update fails with "gpgv ... required". Stay root there.
if [ ! -c /dev/null ]; then APT_OPTS=(-o APT::Sandbox::User=root); fi
# policy-rc.d exit 101 keeps the package's post-install script from starting the system service
# (no effect where there is no init system; removed again afterwards unless it was already there).
POLICY=/usr/sbin/policy-rc.d
ADDED_POLICY=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$POLICY"
  chmod 755 "$POLICY"
  ADDED_POLICY=1
fi
trap 'if [ "$ADDED_POLICY" = 1 ]; then rm -f "$POLICY"; fi' EXIT

apt-get "${APT_OPTS[@]}" update -qq
apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends redis-server

REDIS_BIN="$(command -v redis-server || true)"
if [ -z "$REDIS_BIN" ]; then
  echo "setup-redis: apt-get finished but redis-server is still not on PATH." >&2
  exit 1
fi
echo "setup-redis: installed $REDIS_BIN ($("$REDIS_BIN" --version))"
