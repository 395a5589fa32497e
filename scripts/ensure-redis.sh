#!/usr/bin/env sh
# Makes sure `redis-server` is on PATH for the Redis limiter tests (they start their own server
# on a free port). Installs Debian's package when it is missing: as root directly, through sudo
# otherwise. Non-interactive; safe to run again.
set -eu

if command -v redis-server >/dev/null 2>&1; then
  echo "ensure-redis: $(redis-server --version)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1; then
  as_root="sudo"
else
  echo "ensure-redis: redis-server is missing and neither root nor sudo is available" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-redis: redis-server is missing and apt-get is not available; install Redis 7 by hand" >&2
  exit 1
fi

echo "ensure-redis: installing redis-server with apt-get"
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null

if ! command -v redis-server >/dev/null 2>&1; then
  echo "ensure-redis: apt-get finished but redis-server is still not on PATH" >&2
  exit 1
fi
echo "ensure-redis: $(redis-server --version)"
