#!/usr/bin/env bash
# Runs every test of RelayCluster. Installs what is missing first (Debian packages, only when absent).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
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
log=$(mktemp)
set +e
dotnet test RelayCluster.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log" | grep --line-buffered -vE '^\s+Passed '
status=${PIPESTATUS[0]}
set -e
summary=$(grep -E '^(Passed|Failed)!' "$log" || true)
rm -f "$log"
echo "$summary"
passed=$(echo "$summary" | grep -oE 'Passed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
failed=$(echo "$summary" | grep -oE 'Failed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
skipped=$(echo "$summary" | grep -oE 'Skipped: +[0-9]+' | awk '{s+=$2} END {print s+0}')
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
