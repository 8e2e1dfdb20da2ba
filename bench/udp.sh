#!/usr/bin/env bash
# UDP relay benchmark, all on 127.0.0.1, one command for the whole table:
#   1. closed-loop echo round trips straight to an echo upstream, through relay-node, through nginx's stream module
#      (worker_processes auto) and through nginx with one worker, taking turns in every round;
#   2. sockperf ping-pong latency (p50, p99) against `sockperf sr`, directly and through each proxy;
#   3. the per-core table: relay and nginx pinned with taskset to 1 and to 2 cores.
# Each cell is the median of ROUNDS runs with the spread (min-max); each proxy run also records the proxy's CPU time
# (utime + stime from /proc) per round trip.
#
#   bench/udp.sh
#   DURATION=5s ROUNDS=3 bench/udp.sh
#
# Environment:
#   TOOLS       native (default: bench/native/udp-load.c and udp-echo.c, built here with cc) or dotnet (relay-bench)
#   DURATION    measured time per run (default 10s)           WARMUP      unmeasured time before it (default 2s)
#   SCENARIOS   FLOWSxWINDOW list (default "64x4 16x8 1x1")    SIZE        datagram bytes (default 64)
#   ROUNDS      runs per cell, median and min-max reported (3) ECHO_THREADS echo threads (native 1, dotnet: cores)
#   NGINX_WORKERS  worker_processes of the "nginx" column (auto) SOCKPERF=0 skips the sockperf table
#   CORES       core counts for the per-core table ("1 2"; empty skips it)
#   PERCORE_SCENARIOS  FLOWSxWINDOW list of the per-core table (default "64x4")
#   BUSY_POLL   the relay rules' busy-poll (default: the relay's own default, 50us; 0 turns polling off)
#   KEEP_WORK=1 keeps the temp dir with configs and logs
#
# A column is skipped, with the reason, when its proxy does not build, start or relay, or its packages cannot be
# installed. Needs root only to install missing Debian packages (nginx-light, libnginx-mod-stream, sockperf, gcc).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=${TOOLS:-native}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
SIZE=${SIZE:-64}
SCENARIOS=${SCENARIOS:-"64x4 16x8 1x1"}
ROUNDS=${ROUNDS:-3}
ECHO_THREADS=${ECHO_THREADS:-$([[ $TOOLS == native ]] && echo 1 || nproc)}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
SOCKPERF=${SOCKPERF:-1}
CORES=${CORES-"1 2"}
PERCORE_SCENARIOS=${PERCORE_SCENARIOS:-"64x4"}
KEEP_WORK=${KEEP_WORK:-0}
BUSY_POLL=${BUSY_POLL:-}

BENCH_DLL=$ROOT/src/RelayCluster.Bench/bin/Release/net10.0/relay-bench.dll
NODE_PROJECT=$ROOT/src/RelayCluster.Node/RelayCluster.Node.csproj
NODE_DLL=$ROOT/src/RelayCluster.Node/bin/Release/net10.0/relay-node.dll
CLOCK_TICKS=$(getconf CLK_TCK)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/relay-bench-udp.XXXXXX")
PIDS=()
declare -A PROXY_PID=()

source "$ROOT/bench/udp-lib.sh"

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
build_tools

read -r RELAY_PORT RELAY_SP_PORT ADMIN_PORT NGINX_PORT NGINX_SP_PORT NGINX1_PORT NGINX1_SP_PORT SP_PORT \
  < <(bench free-port --count 8 | paste -sd ' ')

start_echo
declare -A ADDRESS=([direct]=$ECHO [relay]=127.0.0.1:$RELAY_PORT [nginx]=127.0.0.1:$NGINX_PORT [nginx1]=127.0.0.1:$NGINX1_PORT)
declare -A SP_ADDRESS=([relay]=127.0.0.1:$RELAY_SP_PORT [nginx]=127.0.0.1:$NGINX_SP_PORT [nginx1]=127.0.0.1:$NGINX1_SP_PORT)
start_sockperf_server

SKIPPED=()
NOTES=()
RELAY_OK=0
NGINX_OK=0
build_relay && RELAY_OK=1
ensure_package nginx-light libnginx-mod-stream && NGINX_OK=1 || SKIPPED+=("nginx: nginx-light / libnginx-mod-stream not available")

# The main table: proxies on every core.
start_proxies "" "$NGINX_WORKERS"
TARGETS=(direct "${LIVE[@]}")
for skipped in "${SKIPPED[@]}"; do
  log "skipping $skipped"
done

declare -A RESULT=()
measure_scenarios main "$SCENARIOS" "${TARGETS[@]}"

declare -A LATENCY=()
if [[ $SOCKPERF == 1 && -n ${ECHO_SP:-} ]]; then
  SP_ADDRESS[direct]=$ECHO_SP
  measure_sockperf direct "${LIVE[@]}"
fi

declare -A PERCORE=()
for cores in $CORES; do
  ((cores <= $(nproc))) || { NOTES+=("per-core: $cores cores asked, $(nproc) present; skipped"); continue; }
  start_proxies "0-$((cores - 1))" "$cores" relay nginx
  measure_scenarios "cores$cores" "$PERCORE_SCENARIOS" "${LIVE[@]}"
done

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
print_report
