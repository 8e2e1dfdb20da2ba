#!/usr/bin/env bash
# Runs every test of RelayCluster. Installs what is missing first (Debian packages, only when absent).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
# The dashboard tests drive Debian's chromium through Playwright (no browser is downloaded).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The monitoring tests run `promtool check rules` on deploy/prometheus/relay-alerts.yml.
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "missing packages (run as root to install them): ${missing[*]}" >&2
    exit 1
  fi
fi

dotnet build RelayCluster.sln -c Release -warnaserror -nologo -v quiet
docker-compose -f docker-compose.yml config --quiet
echo "docker-compose.yml: valid"
# The script a newcomer runs first: three nodes form a cluster on 127.0.0.1-3 and relay through each (about 30 s).
bash deploy/local-cluster.sh --check
log=$(mktemp)
set +e
# One test project at a time: the timing tests (health, failover, rate limits) then have the machine to themselves.
# --blame: should a test host die, the log names the test it was running.
dotnet test RelayCluster.sln -c Release --no-build -nologo -m:1 --blame --logger "console;verbosity=normal" 2>&1 | tee "$log" | grep --line-buffered -vE '^\s+Passed '
status=${PIPESTATUS[0]}
set -e
# Sum the per-project results into one closing line.
read -r passed failed skipped < <(awk '
  /^ +Passed: +[0-9]+/  { p += $2 }
  /^ +Failed: +[0-9]+/  { f += $2 }
  /^ +Skipped: +[0-9]+/ { s += $2 }
  END { print p + 0, f + 0, s + 0 }' "$log")
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
