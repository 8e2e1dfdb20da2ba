#!/usr/bin/env bash
# Idle UDP sessions: memory per session and new sessions per second through one rule. Starts bench/native/udp-echo as
# the upstream and relay-node on 127.0.0.1, then bench/native/udp-sessions opens SESSIONS sessions (one client address
# and port each, one round trip, then silence) and reports the node's descriptors and resident memory before and
# after, and how many sessions per second the relay opened.
#
#   bench/sessions.sh
#   SESSIONS=100000 bench/sessions.sh
#
# Environment: SESSIONS (10000), WINDOW flows waiting for their first reply at once (512).
#
# Limits. The node holds one descriptor per UDP session and keeps 256 back, so its open-file hard limit must be at
# least SESSIONS + 512; the script raises it for the node (`ulimit -Hn`), which takes root with CAP_SYS_RESOURCE.
# Each session's upstream socket is a connected UDP socket, and Linux gives every such socket its own local port
# whatever its destination, so one node's UDP sessions are also bounded by net.ipv4.ip_local_port_range. When either
# limit is below SESSIONS the script says which and measures as many sessions as fit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASKED=${SESSIONS:-10000}
SESSIONS=$ASKED
WINDOW=${WINDOW:-512}
NODE_DLL=$ROOT/src/RelayCluster.Node/bin/Release/net10.0/relay-node.dll
WORK=$(mktemp -d "${TMPDIR:-/tmp}/relay-bench-sessions.XXXXXX")
PIDS=()
NOTES=()

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "sessions.sh: $*" >&2; }

# Descriptors: the node's budget is its soft limit (raised to the hard limit at start) minus 256.
need_fds=$((SESSIONS + 512))
hard=$(ulimit -Hn)
if [[ $hard != unlimited ]] && ((hard < need_fds)); then
  if ulimit -Hn "$need_fds" 2>/dev/null; then
    log "raised the open-file hard limit from $hard to $need_fds"
  elif ((EUID == 0)); then
    NOTES+=("open-file hard limit $hard: raising it to $need_fds failed (root without CAP_SYS_RESOURCE, e.g. in a restricted container or VM); start the script from a shell with 'ulimit -Hn $need_fds' or 'prlimit --nofile=$need_fds:$need_fds' already in force")
  else
    NOTES+=("open-file hard limit $hard: $ASKED sessions need $need_fds; run as root, or raise it first (limits.conf nofile, systemd LimitNOFILE=, or 'prlimit --nofile=$need_fds:$need_fds --pid \$\$' as root)")
  fi
  hard=$(ulimit -Hn)
  if [[ $hard != unlimited ]] && ((hard - 512 < SESSIONS)); then SESSIONS=$((hard - 512)); fi
fi
ulimit -n "$(ulimit -Hn)"

# Ports: one ephemeral port per upstream socket, shared by every local address; leave 1,000 for the rest of the machine.
read -r port_low port_high </proc/sys/net/ipv4/ip_local_port_range
port_room=$((port_high - port_low + 1 - 1000))
if ((ASKED > port_room)); then
  NOTES+=("ephemeral ports $port_low-$port_high: the node's upstream sockets need one each, so at most about $port_room sessions fit (a wider net.ipv4.ip_local_port_range allows up to about 64,000)")
  ((SESSIONS <= port_room)) || SESSIONS=$port_room
fi
if ((SESSIONS < ASKED)); then for note in "${NOTES[@]}"; do log "$note"; done; fi

# Client ports below the ephemeral range, so the clients do not take the ports the node's upstream sockets need.
CLIENT_PORT_BASE=10000
CLIENT_PORTS=$((port_low - CLIENT_PORT_BASE))
((CLIENT_PORTS >= 1000)) || { log "ephemeral range starts at $port_low: no room for client ports below it"; exit 1; }
CLIENT_SOURCES=$(((SESSIONS * 5 / 4) / CLIENT_PORTS + 2)) # a quarter spare for ports that are taken

command -v cc >/dev/null || { log "needs a C compiler (cc) for bench/native"; exit 1; }
cc -O2 -Wall -o "$WORK/udp-sessions" "$ROOT/bench/native/udp-sessions.c"
cc -O2 -Wall -pthread -o "$WORK/udp-echo" "$ROOT/bench/native/udp-echo.c"
dotnet build "$ROOT/RelayCluster.sln" -c Release -nologo -v quiet >/dev/null

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
wait_for() {
  local file=$1 pattern=$2 deadline=$((SECONDS + 20))
  until grep -qE "$pattern" "$file" 2>/dev/null; do
    ((SECONDS < deadline)) || { log "timed out waiting for '$pattern' in $file"; cat "$file" >&2; exit 1; }
    sleep 0.1
  done
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
live_sessions() { curl -fsS "http://127.0.0.1:$ADMIN/metrics" | awk '/^relay_sessions_active[{ ]/ { n += $NF } END { print n + 0 }'; }

"$WORK/udp-echo" --listen 127.0.0.1:0 >"$WORK/echo.out" 2>&1 &
PIDS+=($!)
wait_for "$WORK/echo.out" 'listening udp'
ECHO=$(grep -oE '127\.0\.0\.1:[0-9]+' "$WORK/echo.out" | head -1)
ADMIN=$(free_port)

cat >"$WORK/relay.hocon" <<HOCON
relay {
  node { id = sessions-bench, admin { bind = "127.0.0.1:$ADMIN" } }
  rules {
    idle {
      protocol = udp
      listen = "127.0.0.1:0"
      upstreams = ["$ECHO"]
      session { idle-timeout = 30m, max = $((SESSIONS + 1000)) }
    }
  }
}
HOCON
dotnet "$NODE_DLL" --config "$WORK/relay.hocon" >"$WORK/node.out" 2>&1 &
NODE=$!
PIDS+=("$NODE")
wait_for "$WORK/node.out" 'listening on udp'
RELAY=$(grep -oE 'listening on udp 127\.0\.0\.1:[0-9]+' "$WORK/node.out" | grep -oE '127\.0\.0\.1:[0-9]+')

# Warm-up: 200 sessions from other client addresses, so the "before" reading includes a node that has run the path.
"$WORK/udp-sessions" --target "$RELAY" --sessions 200 --first-source 127.0.1.1 --sources 1 \
  --port-base "$CLIENT_PORT_BASE" --port-count "$CLIENT_PORTS" >/dev/null
sleep 2
before=$(rss_kib "$NODE")
fds_before=$(find "/proc/$NODE/fd" -mindepth 1 | wc -l)
"$WORK/udp-sessions" --target "$RELAY" --sessions "$SESSIONS" --window "$WINDOW" --first-source 127.0.0.2 \
  --sources "$CLIENT_SOURCES" --port-base "$CLIENT_PORT_BASE" --port-count "$CLIENT_PORTS" >"$WORK/load.out" || true
sleep 2
after=$(rss_kib "$NODE")
fds=$(find "/proc/$NODE/fd" -mindepth 1 | wc -l)
live=$(live_sessions)
field() { awk -F': ' -v k="$1" '$1 == k { print $2 }' "$WORK/load.out"; }

echo "Idle UDP sessions through one rule on 127.0.0.1; commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, Linux $(uname -r)."
echo "Command: SESSIONS=$ASKED WINDOW=$WINDOW bench/sessions.sh"
if ((SESSIONS < ASKED)); then
  echo "Capped at $SESSIONS of $ASKED sessions:"
  for note in "${NOTES[@]}"; do echo "- $note"; done
fi
echo "client flows:           $(field flows) from $CLIENT_SOURCES addresses (127.0.0.2 on), $WINDOW awaiting a first reply at a time"
echo "replied:                $(field replied) (unanswered $(field unanswered), wrong replies $(field 'wrong replies'))"
echo "node live sessions:     $live (+200 warm-up)"
echo "node descriptors open:  $fds (before: $fds_before)"
echo "node RSS before:        ${before} KiB"
echo "node RSS after:         ${after} KiB"
awk -v b="$before" -v a="$after" -v n="$(field replied)" -v m=100000 'BEGIN {
  if (n > 0) {
    per = (a - b) * 1024 / n
    printf "RSS per idle session:   %.0f bytes\n", per
    printf "RSS at %d sessions:  %.0f MiB%s\n", m, (b * 1024 + per * m) / 1048576, n < m ? " (projected from this run)" : ""
  }
}'
echo "new sessions per second: $(field 'sessions/s median') median of 100 ms bins ($(field 'sessions/s mean') mean over $(field seconds) s)"
