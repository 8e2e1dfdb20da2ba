#!/usr/bin/env bash
# TCP relay benchmark on 127.0.0.1: bulk throughput with iperf3 and closed-loop request/response latency with
# relay-bench, each sent (a) straight to the upstream, (b) through relay-node, (c) through HAProxy (mode tcp) and
# (d) through nginx's stream module, then a markdown table of the results.
#
#   bench/tcp.sh
#   DURATION=30s ROUNDS=3 bench/tcp.sh
#
# Environment:
#   DURATION    measured time per run (default 10s)          WARMUP       unmeasured time before it (default 2s)
#   STREAMS     iperf3 -P values (default "1 8")             CONNECTIONS  tcp-load connection counts (default "16 1")
#   REQUEST     tcp-load request bytes, echoed back (64)     ROUNDS       runs per cell; the median is reported (1)
#   HAPROXY_THREADS  HAProxy nbthread (default 2)            NGINX_WORKERS  nginx worker_processes (default: auto)
#   KEEP_WORK=1 keeps the temp dir with configs, logs and every raw result
#
# iperf3 is required. A proxy's column is skipped, with the reason, when relay-node does not build or does not
# relay, or when haproxy / nginx-light + libnginx-mod-stream cannot be installed. Needs root only to install
# missing packages (iperf3 haproxy nginx-light libnginx-mod-stream).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
STREAMS=${STREAMS:-"1 8"}
CONNECTIONS=${CONNECTIONS:-"16 1"}
REQUEST=${REQUEST:-64}
ROUNDS=${ROUNDS:-1}
HAPROXY_THREADS=${HAPROXY_THREADS:-2}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
KEEP_WORK=${KEEP_WORK:-0}

BENCH_DLL=$ROOT/src/RelayCluster.Bench/bin/Release/net10.0/relay-bench.dll
NODE_PROJECT=$ROOT/src/RelayCluster.Node/RelayCluster.Node.csproj
NODE_DLL=$ROOT/src/RelayCluster.Node/bin/Release/net10.0/relay-node.dll
PACKAGES=(iperf3 haproxy nginx-light libnginx-mod-stream)
PROXIES=(relay haproxy nginx)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/relay-bench-tcp.XXXXXX")
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

# The echo and the load generator run their socket continuations on the runtime's epoll threads instead of handing
# them to the thread pool: on two shared cores that costs them less CPU per request and adds less to the latency.
# It is set for relay-bench only; relay-node runs with the runtime's defaults, like any deployment.
bench() { DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet "$BENCH_DLL" "$@"; }

# Whole seconds (rounded up) in a duration written as 10s, 500ms, 2m or a bare number of seconds; iperf3 takes those.
seconds() {
  awk -v d="$1" 'BEGIN {
    n = d + 0; unit = d; sub(/^[0-9.]+/, "", unit)
    s = unit == "ms" ? n / 1000 : unit == "m" ? n * 60 : n
    printf "%d\n", (s == int(s)) ? s : int(s) + 1
  }'
}

# Waits until FILE has a line matching PATTERN (0), the process PID exits (1) or SECONDS pass (1).
wait_for_log() {
  local file=$1 pattern=$2 pid=$3 deadline=$((SECONDS + $4))
  until grep -qE "$pattern" "$file" 2>/dev/null; do
    if ((SECONDS >= deadline)) || ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    sleep 0.1
  done
}

# Sends a probe through TARGET until it is echoed (0), the process PID exits (1) or SECONDS pass (1).
wait_for_echo() {
  local target=$1 pid=$2 deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    bench tcp-ping --target "$target" --deadline 1s >/dev/null 2>&1 && return 0
  done
  return 1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Installs whichever of PACKAGES is missing; a failure only shows up later as a tool that is not there.
ensure_packages() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  if ! command -v apt-get >/dev/null || [[ $(id -u) != 0 ]]; then
    log "packages: ${missing[*]} missing and cannot be installed here (needs apt-get as root)"
    return 0
  fi
  log "packages: installing ${missing[*]}"
  # Keep the packages' services from starting a system-wide nginx on port 80, haproxy or an iperf3 daemon.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added_policy=1
  fi
  local status=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    >"$WORK/apt.log" 2>&1 || status=$?
  ((added_policy)) && rm -f "$policy"
  if ((status != 0)); then
    log "packages: install failed, see the tail of the apt log:"
    tail -5 "$WORK/apt.log" >&2
  fi
}

start_relay() {
  cat >"$WORK/relay.hocon" <<CONF
relay {
  node { id = bench, admin { bind = "127.0.0.1:$ADMIN_PORT" }, shutdown-grace = 1s }
  rules {
    bench-iperf {
      protocol = tcp
      listen = "${ADDRESS[relay.iperf]}"
      upstreams = ["$IPERF"]
      session { idle-timeout = 10m, max = 100000, max-per-client-ip = 100000 }
    }
    bench-echo {
      protocol = tcp
      listen = "${ADDRESS[relay.echo]}"
      upstreams = ["$ECHO"]
      session { idle-timeout = 10m, max = 100000, max-per-client-ip = 100000 }
    }
  }
}
CONF
  dotnet "$NODE_DLL" --config "$WORK/relay.hocon" >"$WORK/relay-node.log" 2>&1 &
  PIDS+=($!)
  PID[relay]=$!
}

start_haproxy() {
  # HAProxy refuses to start when maxconn needs more descriptors than the hard limit allows (two per connection).
  local limit maxconn=100000
  limit=$(ulimit -Hn)
  [[ $limit =~ ^[0-9]+$ ]] && ((limit / 2 - 100 < maxconn)) && maxconn=$((limit / 2 - 100))
  mkdir -p "$WORK/haproxy"
  # The HAProxy keyword for an upstream is "server".
  cat >"$WORK/haproxy/haproxy.cfg" <<CONF
global
  nbthread $HAPROXY_THREADS
  maxconn $maxconn

defaults
  mode tcp
  timeout connect 5s
  timeout client 10m
  timeout server 10m

listen bench-iperf
  bind ${ADDRESS[haproxy.iperf]}
  server iperf $IPERF

listen bench-echo
  bind ${ADDRESS[haproxy.echo]}
  server echo $ECHO
CONF
  haproxy -db -f "$WORK/haproxy/haproxy.cfg" >"$WORK/haproxy/haproxy.log" 2>&1 &
  PIDS+=($!)
  PID[haproxy]=$!
}

start_nginx() {
  local module=/usr/lib/nginx/modules/ngx_stream_module.so load=""
  [[ -f $module ]] && load="load_module $module;"
  mkdir -p "$WORK/nginx"
  # reuseport gives each worker its own listening socket, so the kernel spreads connections evenly across them.
  cat >"$WORK/nginx/nginx.conf" <<CONF
$load
worker_processes $NGINX_WORKERS;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
stream {
  proxy_timeout 10m;
  server {
    listen ${ADDRESS[nginx.iperf]} reuseport;
    proxy_pass $IPERF;
  }
  server {
    listen ${ADDRESS[nginx.echo]} reuseport;
    proxy_pass $ECHO;
  }
}
CONF
  nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' \
    >"$WORK/nginx/stdout.log" 2>&1 &
  PIDS+=($!)
  PID[nginx]=$!
}

# CPU time in clock ticks used so far by PID and its children (nginx's workers), all threads included.
cpu_ticks() {
  [[ -z $1 ]] && { echo 0; return; }
  local children stats child
  mapfile -t children < <(pgrep -P "$1" || true)
  stats=("/proc/$1/stat")
  for child in "${children[@]}"; do
    stats+=("/proc/$child/stat")
  done
  # A worker that exits meanwhile is left out of the sum.
  awk '{ sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }' "${stats[@]}" 2>/dev/null || true
}

# Runs a measuring function against target NAME with its output appended to the CELL's file, and notes the CPU share
# the proxy used meanwhile (the whole run, warm-up and the load generator's start included).
measure() {
  local name=$1 cell=$2 before after started
  shift 2
  before=$(cpu_ticks "${PID[$name]:-}")
  started=$(date +%s.%N)
  "$@" >>"$WORK/cell.$name.$cell"
  if [[ -n ${PID[$name]:-} ]]; then
    after=$(cpu_ticks "${PID[$name]}")
    awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$started" -v e="$(date +%s.%N)" \
      'BEGIN { printf "%.0f\n", 100 * t / hz / (e - s) }' >>"$WORK/cpu.$name.$cell"
  fi
}

# iperf3 with STREAMS parallel streams to TARGET; prints the receiver's Gbit/s, or "FAILED".
run_iperf() {
  local name=$1 streams=$2 out status=0 bps
  out=$(timeout $((IPERF_SECONDS + IPERF_OMIT + 30)) iperf3 -c "${ADDRESS[$name.iperf]%:*}" -p "${ADDRESS[$name.iperf]##*:}" \
    -P "$streams" -t "$IPERF_SECONDS" -O "$IPERF_OMIT" --connect-timeout 3000 --json 2>>"$WORK/iperf.err") || status=$?
  RUN=$((RUN + 1))
  printf '%s\n' "$out" >"$WORK/iperf.$name.P$streams.$RUN.json"
  bps=$(awk '/"sum_received"/ { inside = 1 } inside && /"bits_per_second"/ { gsub(/[^0-9.e+-]/, "", $2); print $2; exit }' <<<"$out")
  if ((status != 0)) || [[ -z $bps ]]; then
    NOTES+=("$name iperf3 -P $streams failed: $(grep -oE '"error":[^,}]*' <<<"$out" | head -1)")
    echo "FAILED"
    return
  fi
  awk -v b="$bps" 'BEGIN { printf "%.2f\n", b / 1e9 }'
}

field() { sed -E "s/.*\"$2\":([0-9.]+).*/\1/" <<<"$1"; }

# tcp-load with CONNECTIONS connections to the echo behind TARGET; prints "REQUESTS_PER_SECOND P50_US", or "FAILED -".
run_load() {
  local name=$1 connections=$2 out status=0
  out=$(bench tcp-load --target "${ADDRESS[$name.echo]}" --connections "$connections" --request "$REQUEST" \
    --duration "$DURATION" --warmup "$WARMUP" --json 2>>"$WORK/load.err") || status=$?
  printf '%s\n' "$out" >>"$WORK/results.jsonl"
  if [[ -z $out ]] || ((status != 0)); then
    NOTES+=("$name tcp-load $connections connections failed: $(grep -oE '"firstError":"[^"]*"' <<<"$out" | head -1)")
    echo "FAILED -"
    return
  fi
  echo "$(field "$out" requestsPerSecond) $(field "$out" latencyP50Us)"
}

# Median line by the first field (a failed run counts as the lowest).
median() { sort -g -k1,1 | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "-" }'; }

thousands() { sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta' <<<"$1"; }

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

LOAD_BEFORE=$(load_average)
IPERF_SECONDS=$(seconds "$DURATION")
IPERF_OMIT=$(seconds "$WARMUP")
TARGETS=(direct)
SKIPPED=()
NOTES=()
RUN=0
declare -A PID=()

log "building relay-bench (Release)"
if ! dotnet build "$ROOT/src/RelayCluster.Bench/RelayCluster.Bench.csproj" -c Release -nodeReuse:false >"$WORK/bench-build.log" 2>&1; then
  grep -E 'error|Error' "$WORK/bench-build.log" >&2 || tail -20 "$WORK/bench-build.log" >&2
  exit 1
fi

ensure_packages
command -v iperf3 >/dev/null || { log "iperf3 is not installed"; exit 1; }

read -r -a PORTS < <(bench free-port --count $((2 + 2 * ${#PROXIES[@]})) | paste -sd ' ')
IPERF=127.0.0.1:${PORTS[0]}
ADMIN_PORT=${PORTS[1]}

# Started without the bench function, so that the pid kept is the echo's own and cleanup stops it.
DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet "$BENCH_DLL" tcp-echo --listen 127.0.0.1:0 >"$WORK/echo.log" 2>&1 &
PIDS+=($!)
wait_for_log "$WORK/echo.log" '^listening tcp ' "${PIDS[-1]}" 20 || { log "tcp-echo did not start:"; cat "$WORK/echo.log" >&2; exit 1; }
ECHO=$(head -1 "$WORK/echo.log" | awk '{ print $3 }')

iperf3 -s -B 127.0.0.1 -p "${PORTS[0]}" --forceflush >"$WORK/iperf-server.log" 2>&1 &
PIDS+=($!)
wait_for_log "$WORK/iperf-server.log" 'Server listening' "${PIDS[-1]}" 20 \
  || { log "iperf3 -s did not start:"; cat "$WORK/iperf-server.log" >&2; exit 1; }
log "upstreams: tcp-echo on $ECHO, iperf3 -s on $IPERF"

declare -A ADDRESS=([direct.iperf]=$IPERF [direct.echo]=$ECHO)
next=2
for proxy in "${PROXIES[@]}"; do
  ADDRESS[$proxy.iperf]=127.0.0.1:${PORTS[next]}
  ADDRESS[$proxy.echo]=127.0.0.1:${PORTS[next + 1]}
  next=$((next + 2))
done

if [[ ! -f $NODE_PROJECT ]]; then
  SKIPPED+=("relay: no relay-node project at ${NODE_PROJECT#"$ROOT"/}")
elif ! { log "building relay-node (Release)"; dotnet build "$NODE_PROJECT" -c Release -nodeReuse:false >"$WORK/relay-build.log" 2>&1; }; then
  SKIPPED+=("relay: relay-node does not build (see dotnet build -c Release ${NODE_PROJECT#"$ROOT"/})")
else
  start_relay
  if wait_for_log "$WORK/relay-node.log" "listening on tcp ${ADDRESS[relay.iperf]}" "${PID[relay]}" 30 \
    && wait_for_echo "${ADDRESS[relay.echo]}" "${PID[relay]}" 30; then
    TARGETS+=(relay)
    log "relay-node relaying on ${ADDRESS[relay.iperf]} and ${ADDRESS[relay.echo]}"
  else
    SKIPPED+=("relay: relay-node exited or did not relay within 30s; last log lines: $(tail -3 "$WORK/relay-node.log" | tr '\n' ' ')")
    unset 'PID[relay]'
  fi
fi

if ! command -v haproxy >/dev/null; then
  SKIPPED+=("haproxy: haproxy not available")
else
  start_haproxy
  if wait_for_echo "${ADDRESS[haproxy.echo]}" "${PID[haproxy]}" 10; then
    TARGETS+=(haproxy)
    log "haproxy relaying on ${ADDRESS[haproxy.iperf]} and ${ADDRESS[haproxy.echo]} ($(haproxy -v | head -1))"
  else
    SKIPPED+=("haproxy: haproxy exited or relayed nothing within 10s; log: $(tail -3 "$WORK/haproxy/haproxy.log" | tr '\n' ' ')")
    unset 'PID[haproxy]'
  fi
fi

if ! command -v nginx >/dev/null || [[ ! -f /usr/lib/nginx/modules/ngx_stream_module.so ]]; then
  SKIPPED+=("nginx: nginx-light / libnginx-mod-stream not available")
else
  start_nginx
  if wait_for_echo "${ADDRESS[nginx.echo]}" "${PID[nginx]}" 10; then
    TARGETS+=(nginx)
    log "nginx relaying on ${ADDRESS[nginx.iperf]} and ${ADDRESS[nginx.echo]} ($(nginx -v 2>&1 | sed 's/.*: //'))"
  else
    SKIPPED+=("nginx: nginx exited or relayed nothing within 10s; error log: $(tail -3 "$WORK/nginx/error.log" 2>/dev/null | tr '\n' ' ')")
    unset 'PID[nginx]'
  fi
fi

for skipped in "${SKIPPED[@]}"; do
  log "skipping $skipped"
done

CELLS=()
for streams in $STREAMS; do CELLS+=("P$streams"); done
for connections in $CONNECTIONS; do CELLS+=("C$connections"); done

declare -A RESULT
for cell in "${CELLS[@]}"; do
  for target in "${TARGETS[@]}"; do
    : >"$WORK/cell.$target.$cell"
  done
  for ((round = 1; round <= ROUNDS; round++)); do
    # Targets take turns within a round, so a slow spell on the machine does not land on one column only.
    for target in "${TARGETS[@]}"; do
      log "$cell $target (round $round/$ROUNDS)"
      case $cell in
        P*) measure "$target" "$cell" run_iperf "$target" "${cell#P}" ;;
        C*) measure "$target" "$cell" run_load "$target" "${cell#C}" ;;
      esac
    done
  done
  for target in "${TARGETS[@]}"; do
    RESULT[$target.$cell]=$(median <"$WORK/cell.$target.$cell")
  done
done

# One table cell: "Gbit/s" for iperf3 rows, "req/s · p50 µs" for tcp-load rows.
show() {
  local value p50
  read -r value p50 <<<"${RESULT[$1.$2]:-"- -"}"
  if [[ $2 == P* || $value == - || $value == FAILED ]]; then
    printf '%s' "$value"
  else
    printf '%s · %s' "$(thousands "$value")" "$p50"
  fi
}
rate() {
  local value
  read -r value _ <<<"${RESULT[$1.$2]:-"- -"}"
  printf '%s' "$value"
}
cpu() {
  if [[ -s $WORK/cpu.$1.$2 ]]; then
    median <"$WORK/cpu.$1.$2"
  else
    printf -- '-'
  fi
}

echo
echo "TCP through a relay on 127.0.0.1, $DURATION per run after $WARMUP warm-up, median of $ROUNDS run(s)."
echo "Machine: $(nproc) cores, $(uname -sr); $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /'); $(iperf3 --version | head -1 | awk '{ print $1, $2 }'); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)."
echo "Load average before / after: $LOAD_BEFORE / $(load_average)."
echo "Command: DURATION=$DURATION WARMUP=$WARMUP ROUNDS=$ROUNDS STREAMS=\"$STREAMS\" CONNECTIONS=\"$CONNECTIONS\" REQUEST=$REQUEST bench/tcp.sh"
echo
echo "| scenario | direct | relay | haproxy | nginx | relay/nginx | relay/haproxy |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for cell in "${CELLS[@]}"; do
  case $cell in
    P*) label="iperf3 -P ${cell#P}, Gbit/s" ;;
    C*) label="tcp-load ${cell#C} conn x $REQUEST B, req/s · p50 µs" ;;
  esac
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$(show direct "$cell")" "$(show relay "$cell")" \
    "$(show haproxy "$cell")" "$(show nginx "$cell")" "$(ratio "$(rate relay "$cell")" "$(rate nginx "$cell")")" \
    "$(ratio "$(rate relay "$cell")" "$(rate haproxy "$cell")")"
done
echo
echo "Proxy CPU during each run, % of one core (median): relay / haproxy / nginx."
echo
for cell in "${CELLS[@]}"; do
  printf -- '- %s: %s / %s / %s\n' "$cell" "$(cpu relay "$cell")" "$(cpu haproxy "$cell")" "$(cpu nginx "$cell")"
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
