#!/usr/bin/env bash
# Memory per idle UDP session: starts an echo upstream and relay-node on 127.0.0.1, opens SESSIONS sessions
# (one flow each, one round trip, then silence), and reports the node's resident memory before and after.
#
#   bench/sessions.sh
#   SESSIONS=5000 bench/sessions.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SESSIONS=${SESSIONS:-10000}
BENCH_DLL=$ROOT/src/RelayCluster.Bench/bin/Release/net10.0/relay-bench.dll
NODE_DLL=$ROOT/src/RelayCluster.Node/bin/Release/net10.0/relay-node.dll
WORK=$(mktemp -d "${TMPDIR:-/tmp}/relay-bench-sessions.XXXXXX")
PIDS=()

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

dotnet build "$ROOT/RelayCluster.sln" -c Release -nologo -v quiet >/dev/null
bench() { dotnet "$BENCH_DLL" "$@"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
wait_for() {
  local file=$1 pattern=$2 deadline=$((SECONDS + 20))
  until grep -qE "$pattern" "$file" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "timed out waiting for '$pattern' in $file" >&2; cat "$file" >&2; exit 1; }
    sleep 0.1
  done
}

bench udp-echo --listen 127.0.0.1:0 >"$WORK/echo.out" 2>&1 &
PIDS+=($!)
wait_for "$WORK/echo.out" 'listening udp'
ECHO=$(grep -oE '127\.0\.0\.1:[0-9]+' "$WORK/echo.out" | head -1)
ADMIN=$(bench free-port | head -1 | grep -oE '[0-9]+$')

cat >"$WORK/relay.hocon" <<HOCON
relay {
  node { id = sessions-bench, admin { bind = "127.0.0.1:$ADMIN" } }
  rules {
    idle {
      protocol = udp
      listen = "127.0.0.1:0"
      upstreams = ["$ECHO"]
      session { idle-timeout = 10m, max = $((SESSIONS * 2)), max-per-client-ip = $((SESSIONS * 2)) }
    }
  }
}
HOCON
dotnet "$NODE_DLL" --config "$WORK/relay.hocon" >"$WORK/node.out" 2>&1 &
NODE=$!
PIDS+=("$NODE")
wait_for "$WORK/node.out" 'listening on udp'
RELAY=$(grep -oE 'listening on udp 127\.0\.0\.1:[0-9]+' "$WORK/node.out" | grep -oE '127\.0\.0\.1:[0-9]+')

bench udp-load --target "$RELAY" --flows 1 --window 1 --duration 1s --warmup 0s >/dev/null
before=$(rss_kib "$NODE")
bench udp-load --target "$RELAY" --flows "$SESSIONS" --window 1 --duration 2s --warmup 0s --timeout 1s >"$WORK/load.out"
after=$(rss_kib "$NODE")
fds=$(ls "/proc/$NODE/fd" | wc -l)

echo "sessions opened:        $SESSIONS (+1 from the warm-up flow)"
echo "node descriptors open:  $fds"
echo "node RSS before:        ${before} KiB"
echo "node RSS after:         ${after} KiB"
awk -v b="$before" -v a="$after" -v n="$SESSIONS" 'BEGIN { printf "RSS per idle session:   %.0f bytes\n", (a - b) * 1024 / n }'
