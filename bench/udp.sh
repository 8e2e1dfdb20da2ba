#!/usr/bin/env bash
# UDP relay benchmark: closed-loop echo round trips sent (a) straight to an echo upstream, (b) through relay-node and
# (c) through nginx's stream module, all on 127.0.0.1, then a markdown table of the results.
#
#   bench/udp.sh
#   DURATION=30s ROUNDS=3 bench/udp.sh
#
# Environment:
#   DURATION    measured time per run (default 10s)         WARMUP      unmeasured time before it (default 2s)
#   SCENARIOS   FLOWSxWINDOW list (default "16x8 64x4 1x1")  SIZE        datagram bytes (default 64)
#   ROUNDS      runs per cell; the median is reported (1)   ECHO_THREADS  udp-echo threads (default: cores)
#   NGINX_WORKERS  nginx worker_processes (default: auto)   KEEP_WORK=1 keeps the temp dir with configs and logs
#
# The relay column is skipped, with the reason, when relay-node does not build or does not relay; the nginx column
# when nginx-light and libnginx-mod-stream cannot be installed. Needs root only to install those packages.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
SIZE=${SIZE:-64}
SCENARIOS=${SCENARIOS:-"16x8 64x4 1x1"}
ROUNDS=${ROUNDS:-1}
ECHO_THREADS=${ECHO_THREADS:-$(nproc)}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
KEEP_WORK=${KEEP_WORK:-0}

BENCH_DLL=$ROOT/src/RelayCluster.Bench/bin/Release/net10.0/relay-bench.dll
NODE_PROJECT=$ROOT/src/RelayCluster.Node/RelayCluster.Node.csproj
NODE_DLL=$ROOT/src/RelayCluster.Node/bin/Release/net10.0/relay-node.dll

WORK=$(mktemp -d "${TMPDIR:-/tmp}/relay-bench-udp.XXXXXX")
PIDS=()

log() { printf '%s\n' "$*" >&2; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ $KEEP_WORK == 1 ]]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench() { dotnet "$BENCH_DLL" "$@"; }

# Pings TARGET until a round trip succeeds (0), the process PID exits (1) or SECONDS pass (1).
wait_for_relaying() {
  local target=$1 pid=$2 deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    bench udp-ping --target "$target" --deadline 1s >/dev/null 2>&1 && return 0
  done
  return 1
}

# Waits until FILE has a first line, or fails after SECONDS.
wait_for_line() {
  local file=$1 deadline=$((SECONDS + $2))
  until [[ -s $file ]] && head -1 "$file" | grep -q .; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.1
  done
}

field() { sed -E "s/.*\"$2\":([0-9.]+).*/\1/" <<<"$1"; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

ensure_nginx() {
  local missing=() pkg
  for pkg in nginx-light libnginx-mod-stream; do
    installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  if ! command -v apt-get >/dev/null || [[ $(id -u) != 0 ]]; then
    log "nginx: ${missing[*]} missing and cannot be installed here (needs apt-get as root)"
    return 1
  fi
  log "nginx: installing ${missing[*]}"
  # Keep the package's service from starting a system-wide nginx on port 80.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added_policy=1
  fi
  local status=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    >"$WORK/apt.log" 2>&1 || status=$?
  ((added_policy)) && rm -f "$policy"
  if ((status != 0)); then
    log "nginx: install failed, see the tail of the apt log:"
    tail -5 "$WORK/apt.log" >&2
    return 1
  fi
}

start_nginx() {
  local port=$1 upstream=$2 module=/usr/lib/nginx/modules/ngx_stream_module.so load=""
  [[ -f $module ]] && load="load_module $module;"
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<CONF
$load
worker_processes $NGINX_WORKERS;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
stream {
  server {
    listen 127.0.0.1:$port udp reuseport;
    proxy_pass $upstream;
    # proxy_responses is left unset: any number of replies per datagram, and a client keeps its session (its own
    # upstream socket) until it has been idle for proxy_timeout.
    proxy_timeout 60s;
  }
}
CONF
  nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' \
    >"$WORK/nginx/stdout.log" 2>&1 &
  PIDS+=($!)
}

start_relay() {
  local port=$1 admin_port=$2 upstream=$3
  cat >"$WORK/relay.hocon" <<CONF
relay {
  node { id = bench, admin { bind = "127.0.0.1:$admin_port" }, shutdown-grace = 1s }
  rules {
    bench-udp {
      protocol = udp
      listen = "127.0.0.1:$port"
      upstreams = ["$upstream"]
      session { idle-timeout = 60s, max = 100000, max-per-client-ip = 100000 }
    }
  }
}
CONF
  dotnet "$NODE_DLL" --config "$WORK/relay.hocon" >"$WORK/relay-node.log" 2>&1 &
  PIDS+=($!)
}

# Runs the load against target NAME; prints "ROUND_TRIPS_PER_SECOND P50_US", or "MISROUTED ..." / "FAILED ..." when it went wrong.
run_load() {
  local name=$1 target=${ADDRESS[$1]} flows=$2 window=$3 out status=0
  out=$(bench udp-load --target "$target" --flows "$flows" --window "$window" --size "$SIZE" \
    --duration "$DURATION" --warmup "$WARMUP" --json 2>>"$WORK/load.err") || status=$?
  printf '%s\n' "$out" >>"$WORK/results.jsonl"
  if [[ -z $out ]]; then
    echo "FAILED -"
    return
  fi
  local misrouted lost
  misrouted=$(field "$out" misrouted)
  lost=$(field "$out" lost)
  ((lost > 0)) && NOTES+=("$name ${flows}x$window: $lost datagrams lost (no reply within the 200ms timeout)")
  if ((misrouted > 0)); then
    NOTES+=("$name ${flows}x$window: $misrouted replies reached the wrong flow")
    echo "MISROUTED $(field "$out" rttP50Us)"
  elif ((status != 0)); then
    echo "FAILED -"
  else
    echo "$(field "$out" roundTripsPerSecond) $(field "$out" rttP50Us)"
  fi
}

# Median of "RATE P50" lines by rate (a failed run counts as the lowest).
median() { sort -g -k1,1 | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "-" }'; }

thousands() { sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta' <<<"$1"; }

log "building relay-bench (Release)"
if ! dotnet build "$ROOT/src/RelayCluster.Bench/RelayCluster.Bench.csproj" -c Release -nodeReuse:false >"$WORK/bench-build.log" 2>&1; then
  grep -E 'error|Error' "$WORK/bench-build.log" >&2 || tail -20 "$WORK/bench-build.log" >&2
  exit 1
fi

TARGETS=(direct)
SKIPPED=()
NOTES=()

read -r RELAY_PORT ADMIN_PORT NGINX_PORT < <(bench free-port --count 3 | paste -sd ' ')

dotnet "$BENCH_DLL" udp-echo --listen 127.0.0.1:0 --threads "$ECHO_THREADS" >"$WORK/echo.log" 2>&1 &
PIDS+=($!)
wait_for_line "$WORK/echo.log" 20 || { log "udp-echo did not start:"; cat "$WORK/echo.log" >&2; exit 1; }
ECHO=$(head -1 "$WORK/echo.log" | awk '$1 == "listening" && $2 == "udp" { print $3 }')
[[ -n $ECHO ]] || { log "udp-echo printed no address:"; cat "$WORK/echo.log" >&2; exit 1; }
log "echo upstream on $ECHO"
declare -A ADDRESS=([direct]=$ECHO [relay]=127.0.0.1:$RELAY_PORT [nginx]=127.0.0.1:$NGINX_PORT)

if [[ ! -f $NODE_PROJECT ]]; then
  SKIPPED+=("relay: no relay-node project at ${NODE_PROJECT#"$ROOT"/}")
elif ! { log "building relay-node (Release)"; dotnet build "$NODE_PROJECT" -c Release -nodeReuse:false >"$WORK/relay-build.log" 2>&1; }; then
  SKIPPED+=("relay: relay-node does not build (see dotnet build -c Release ${NODE_PROJECT#"$ROOT"/})")
else
  start_relay "$RELAY_PORT" "$ADMIN_PORT" "$ECHO"
  if wait_for_relaying "${ADDRESS[relay]}" "${PIDS[-1]}" 30; then
    TARGETS+=(relay)
    log "relay-node relaying on ${ADDRESS[relay]}"
  else
    SKIPPED+=("relay: relay-node exited or did not relay a datagram within 30s; last log lines: $(tail -3 "$WORK/relay-node.log" | tr '\n' ' ')")
  fi
fi

if ensure_nginx; then
  start_nginx "$NGINX_PORT" "$ECHO"
  if wait_for_relaying "${ADDRESS[nginx]}" "${PIDS[-1]}" 10; then
    TARGETS+=(nginx)
    log "nginx relaying on ${ADDRESS[nginx]} ($(nginx -v 2>&1 | sed 's/.*: //'))"
  else
    SKIPPED+=("nginx: nginx exited or relayed no datagram within 10s; error log: $(tail -3 "$WORK/nginx/error.log" 2>/dev/null | tr '\n' ' ')")
  fi
else
  SKIPPED+=("nginx: nginx-light / libnginx-mod-stream not available")
fi

for skipped in "${SKIPPED[@]}"; do
  log "skipping $skipped"
done

declare -A RESULT
for scenario in $SCENARIOS; do
  flows=${scenario%x*}
  window=${scenario#*x}
  for target in "${TARGETS[@]}"; do
    : >"$WORK/cell.$target.$scenario"
  done
  for ((round = 1; round <= ROUNDS; round++)); do
    # Targets take turns within a round, so a slow spell on the machine does not land on one column only.
    for target in "${TARGETS[@]}"; do
      log "$scenario $target (round $round/$ROUNDS)"
      run_load "$target" "$flows" "$window" >>"$WORK/cell.$target.$scenario"
    done
  done
  for target in "${TARGETS[@]}"; do
    RESULT[$target.$scenario]=$(median <"$WORK/cell.$target.$scenario")
  done
done

cell() { printf '%s\n' "${RESULT[$1.$2]:-"- -"}"; }

echo
echo "UDP echo round trips, $SIZE-byte datagrams, $DURATION per run after $WARMUP warm-up, median of $ROUNDS run(s)."
echo "Machine: $(nproc) cores, $(uname -sr); $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /'); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)."
echo "Command: DURATION=$DURATION WARMUP=$WARMUP ROUNDS=$ROUNDS SCENARIOS=\"$SCENARIOS\" bench/udp.sh"
echo
echo "| scenario | direct rt/s | relay rt/s | nginx rt/s | relay/nginx | p50 µs direct / relay / nginx |"
echo "|---|---:|---:|---:|---:|---|"
for scenario in $SCENARIOS; do
  read -r d_rate d_p50 < <(cell direct "$scenario")
  read -r r_rate r_p50 < <(cell relay "$scenario")
  read -r n_rate n_p50 < <(cell nginx "$scenario")
  printf '| %s flows x %s in flight | %s | %s | %s | %s | %s / %s / %s |\n' \
    "${scenario%x*}" "${scenario#*x}" "$(thousands "$d_rate")" "$(thousands "$r_rate")" "$(thousands "$n_rate")" \
    "$(ratio "$r_rate" "$n_rate")" "$d_p50" "$r_p50" "$n_p50"
done
if ((${#SKIPPED[@]} > 0 || ${#NOTES[@]} > 0)); then
  echo
  for skipped in "${SKIPPED[@]}"; do
    echo "- skipped $skipped"
  done
  for note in "${NOTES[@]}"; do
    echo "- $note"
  done
fi
