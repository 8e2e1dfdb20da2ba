# Functions of bench/udp.sh: starting the tools and proxies, one measured run, and the report. Sourced, not run.

log() { printf '%s\n' "$*" >&2; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}" "${PROXY_PID[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}" "${PROXY_PID[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ $KEEP_WORK == 1 ]]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
}

bench() { dotnet "$BENCH_DLL" "$@"; }

seconds() { sed -E 's/s$//' <<<"$1"; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Installs the Debian packages named that are missing; fails when that cannot be done here.
ensure_package() {
  local missing=() pkg
  for pkg in "$@"; do
    installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  if ! command -v apt-get >/dev/null || [[ $(id -u) != 0 ]]; then
    log "${missing[*]} missing and cannot be installed here (needs apt-get as root)"
    return 1
  fi
  log "installing ${missing[*]}"
  # Keep a package's service from starting a system-wide daemon (nginx on port 80).
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added_policy=1
  fi
  local status=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    >>"$WORK/apt.log" 2>&1 || status=$?
  ((added_policy)) && rm -f "$policy"
  if ((status != 0)); then
    log "install of ${missing[*]} failed, see the tail of the apt log:"
    tail -5 "$WORK/apt.log" >&2
    return 1
  fi
}

build_tools() {
  log "building relay-bench (Release)"
  if ! dotnet build "$ROOT/src/RelayCluster.Bench/RelayCluster.Bench.csproj" -c Release -nodeReuse:false >"$WORK/bench-build.log" 2>&1; then
    grep -E 'error|Error' "$WORK/bench-build.log" >&2 || tail -20 "$WORK/bench-build.log" >&2
    exit 1
  fi
  if [[ $TOOLS == native ]]; then
    command -v cc >/dev/null || ensure_package gcc libc6-dev || { log "no C compiler: use TOOLS=dotnet"; exit 1; }
    log "building bench/native (cc -O2)"
    cc -O2 -Wall -o "$WORK/udp-load" "$ROOT/bench/native/udp-load.c"
    cc -O2 -Wall -pthread -o "$WORK/udp-echo" "$ROOT/bench/native/udp-echo.c"
  fi
  if [[ $SOCKPERF == 1 ]] && ! command -v sockperf >/dev/null; then
    ensure_package sockperf || { SOCKPERF=0; log "sockperf not available: no latency table"; }
  fi
}

# Waits until FILE has a first line, or fails after SECONDS.
wait_for_line() {
  local file=$1 deadline=$((SECONDS + $2))
  until [[ -s $file ]] && head -1 "$file" | grep -q .; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

start_echo() {
  if [[ $TOOLS == native ]]; then
    "$WORK/udp-echo" --listen 127.0.0.1:0 --threads "$ECHO_THREADS" >"$WORK/echo.log" 2>&1 &
  else
    dotnet "$BENCH_DLL" udp-echo --listen 127.0.0.1:0 --threads "$ECHO_THREADS" >"$WORK/echo.log" 2>&1 &
  fi
  PIDS+=($!)
  wait_for_line "$WORK/echo.log" 20 || { log "udp-echo did not start:"; cat "$WORK/echo.log" >&2; exit 1; }
  ECHO=$(head -1 "$WORK/echo.log" | awk '$1 == "listening" && $2 == "udp" { print $3 }')
  [[ -n $ECHO ]] || { log "udp-echo printed no address:"; cat "$WORK/echo.log" >&2; exit 1; }
  log "echo upstream on $ECHO ($TOOLS tools)"
}

start_sockperf_server() {
  [[ $SOCKPERF == 1 ]] || return 0
  sockperf server -i 127.0.0.1 -p "$SP_PORT" >"$WORK/sockperf-server.log" 2>&1 &
  PIDS+=($!)
  ECHO_SP=127.0.0.1:$SP_PORT
}

# Pings TARGET until a round trip succeeds (0), the process PID exits (1) or SECONDS pass (1).
wait_for_relaying() {
  local target=$1 pid=$2 deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    bench udp-ping --target "$target" --deadline 1s >/dev/null 2>&1 && return 0
  done
  return 1
}

build_relay() {
  if [[ ! -f $NODE_PROJECT ]]; then
    SKIPPED+=("relay: no relay-node project at ${NODE_PROJECT#"$ROOT"/}")
    return 1
  fi
  log "building relay-node (Release)"
  if ! dotnet build "$NODE_PROJECT" -c Release -nodeReuse:false >"$WORK/relay-build.log" 2>&1; then
    SKIPPED+=("relay: relay-node does not build (see dotnet build -c Release ${NODE_PROJECT#"$ROOT"/})")
    return 1
  fi
}

# The command prefix that pins a process to CPUSET (none when it is empty); an array, not a function, so that $! is
# the proxy's own pid (taskset execs it).
pin() {
  PIN=()
  [[ -z $1 ]] || PIN=(taskset -c "$1")
}

start_relay() {
  local cpus=$1 busy_poll=""
  [[ -z $BUSY_POLL ]] || busy_poll="busy-poll = $BUSY_POLL"
  cat >"$WORK/relay.hocon" <<CONF
relay {
  node { id = bench, admin { bind = "127.0.0.1:$ADMIN_PORT" }, shutdown-grace = 1s }
  rules {
    bench-udp {
      protocol = udp
      listen = "${ADDRESS[relay]}"
      upstreams = ["$ECHO"]
      session { idle-timeout = 60s, max = 100000, max-per-client-ip = 100000 }
      $busy_poll
    }
    bench-sockperf {
      protocol = udp
      listen = "${SP_ADDRESS[relay]}"
      upstreams = ["127.0.0.1:$SP_PORT"]
      session { idle-timeout = 60s }
      $busy_poll
    }
  }
}
CONF
  pin "$cpus"
  "${PIN[@]}" dotnet "$NODE_DLL" --config "$WORK/relay.hocon" >>"$WORK/relay-node.log" 2>&1 &
  PROXY_PID[relay]=$!
}

# Starts nginx instance NAME (nginx or nginx1) with WORKERS worker processes.
start_nginx() {
  local name=$1 cpus=$2 workers=$3 module=/usr/lib/nginx/modules/ngx_stream_module.so load=""
  [[ -f $module ]] && load="load_module $module;"
  mkdir -p "$WORK/$name"
  cat >"$WORK/$name/nginx.conf" <<CONF
$load
worker_processes $workers;
pid $WORK/$name/nginx.pid;
error_log $WORK/$name/error.log warn;
events { worker_connections 4096; }
stream {
  # proxy_responses is left unset: any number of replies per datagram, and a client keeps its session (its own
  # upstream socket) until it has been idle for proxy_timeout.
  server {
    listen ${ADDRESS[$name]} udp reuseport;
    proxy_pass $ECHO;
    proxy_timeout 60s;
  }
  server {
    listen ${SP_ADDRESS[$name]} udp reuseport;
    proxy_pass 127.0.0.1:$SP_PORT;
    proxy_timeout 60s;
  }
}
CONF
  pin "$cpus"
  "${PIN[@]}" nginx -p "$WORK/$name" -e "$WORK/$name/error.log" -c "$WORK/$name/nginx.conf" -g 'daemon off;' \
    >>"$WORK/$name/stdout.log" 2>&1 &
  PROXY_PID[$name]=$!
}

stop_proxies() {
  local name
  for name in "${!PROXY_PID[@]}"; do
    kill -TERM "${PROXY_PID[$name]}" 2>/dev/null || true
    wait "${PROXY_PID[$name]}" 2>/dev/null || true
    unset "PROXY_PID[$name]"
  done
}

# (Re)starts the proxies NAMES (default relay nginx nginx1) on CPUSET ("" for all) with WORKERS nginx workers (the
# nginx1 instance always has one); LIVE lists those that relay.
start_proxies() {
  local cpus=$1 workers=$2 name
  shift 2
  local names=("$@")
  ((${#names[@]} > 0)) || names=(relay nginx nginx1)
  stop_proxies
  LIVE=()
  for name in "${names[@]}"; do
    case $name in
      relay) ((RELAY_OK)) || continue; start_relay "$cpus" ;;
      nginx) ((NGINX_OK)) || continue; start_nginx nginx "$cpus" "$workers" ;;
      nginx1) ((NGINX_OK)) || continue; start_nginx nginx1 "$cpus" 1 ;;
    esac
  done
  for name in "${names[@]}"; do
    [[ -n ${PROXY_PID[$name]:-} ]] || continue
    if wait_for_relaying "${ADDRESS[$name]}" "${PROXY_PID[$name]}" 30; then
      LIVE+=("$name")
      log "$name relaying on ${ADDRESS[$name]}${cpus:+ (cpus $cpus)}"
    else
      SKIPPED+=("$name${cpus:+ on cpus $cpus}: exited or relayed no datagram within 30s; see ${name} logs (KEEP_WORK=1)")
      [[ $name == relay ]] && RELAY_OK=0
    fi
  done
}

# utime + stime, in clock ticks, of process PID and its children (nginx's workers).
cpu_ticks() {
  local pid=$1 total=0 child
  for child in "$pid" $(pgrep -P "$pid" 2>/dev/null); do
    [[ -r /proc/$child/stat ]] || continue
    total=$((total + $(sed -E 's/^.*\) //' "/proc/$child/stat" | awk '{ print $12 + $13 }')))
  done
  echo "$total"
}

field() { sed -nE "s/.*\"$2\":([0-9.]+).*/\1/p" <<<"$1"; }

# One closed-loop run against target NAME; prints "RATE P50 P99 CPU_US_PER_ROUND_TRIP" (CPU "-" for direct), or
# "0 - - -" when it failed.
run_load() {
  local name=$1 flows=$2 window=$3 target=${ADDRESS[$1]} out status=0 pid=${PROXY_PID[$1]:-} before=0 after
  [[ -n $pid ]] && before=$(cpu_ticks "$pid")
  if [[ $TOOLS == native ]]; then
    out=$("$WORK/udp-load" --target "$target" --flows "$flows" --window "$window" --size "$SIZE" \
      --duration "$(seconds "$DURATION")" --warmup "$(seconds "$WARMUP")" --json 2>>"$WORK/load.err") || status=$?
  else
    out=$(bench udp-load --target "$target" --flows "$flows" --window "$window" --size "$SIZE" \
      --duration "$DURATION" --warmup "$WARMUP" --json 2>>"$WORK/load.err") || status=$?
  fi
  [[ -n $pid ]] && after=$(cpu_ticks "$pid")
  printf '%s %s\n' "$name" "$out" >>"$WORK/results.jsonl"
  if [[ -z $out ]]; then
    NOTES+=("$name ${flows}x$window: the load tool failed")
    echo "0 - - -"
    return
  fi
  local misrouted lost total cpu=-
  misrouted=$(field "$out" misrouted)
  lost=$(field "$out" lost)
  # relay-bench has no count of the warm-up's round trips: its rate over the whole run stands in for it.
  total=$(field "$out" totalRoundTrips)
  [[ -n $total ]] || total=$(awk -v r="$(field "$out" roundTripsPerSecond)" -v s="$(seconds "$DURATION")" -v w="$(seconds "$WARMUP")" 'BEGIN { printf "%d", r * (s + w) }')
  ((lost > 0)) && NOTES+=("$name ${flows}x$window: $lost datagrams lost (no reply within 200 ms)")
  if ((misrouted > 0)); then
    NOTES+=("$name ${flows}x$window: $misrouted replies reached the wrong flow")
    echo "0 - - -"
    return
  fi
  ((status == 0)) || NOTES+=("$name ${flows}x$window: the load tool exited $status")
  if [[ -n $pid ]] && ((total > 0)); then
    cpu=$(awk -v t=$((after - before)) -v hz="$CLOCK_TICKS" -v n="$total" 'BEGIN { printf "%.2f", t * 1e6 / hz / n }')
  fi
  echo "$(field "$out" roundTripsPerSecond) $(field "$out" rttP50Us) $(field "$out" rttP99Us) $cpu"
}

# Runs every scenario of LIST against each target, ROUNDS times, the targets taking turns within a round so a slow
# spell of the machine does not land on one column only; stores "MEDIAN_LINE|MIN|MAX" in RESULT[TABLE.TARGET.SCENARIO].
measure_scenarios() {
  local table=$1 list=$2 scenario flows window round target file
  shift 2
  for scenario in $list; do
    flows=${scenario%x*}
    window=${scenario#*x}
    for ((round = 1; round <= ROUNDS; round++)); do
      for target in "$@"; do
        log "$table $scenario $target (round $round/$ROUNDS)"
        run_load "$target" "$flows" "$window" >>"$WORK/cell.$table.$target.$scenario"
      done
    done
    for target in "$@"; do
      file=$WORK/cell.$table.$target.$scenario
      RESULT[$table.$target.$scenario]="$(median_line <"$file")|$(sort -g "$file" | head -1 | cut -d' ' -f1)|$(sort -g "$file" | tail -1 | cut -d' ' -f1)"
    done
  done
}

# Median of "RATE ..." lines by rate (a failed run counts as the lowest).
median_line() { sort -g -k1,1 | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }'; }

# Median of one column of numbers.
median_of() { sort -g | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : "-") }'; }

# sockperf ping-pong against each target's sockperf address, ROUNDS times, taking turns; stores
# "P50_MEDIAN|P50_MIN|P50_MAX|P99_MEDIAN" in LATENCY[TARGET].
measure_sockperf() {
  local round target out
  for ((round = 1; round <= ROUNDS; round++)); do
    for target in "$@"; do
      log "sockperf $target (round $round/$ROUNDS)"
      out=$(sockperf ping-pong -i "${SP_ADDRESS[$target]%:*}" -p "${SP_ADDRESS[$target]#*:}" -m "$SIZE" \
        -t "$(seconds "$DURATION")" 2>&1 | sed 's/\x1b\[[0-9;]*m//g') || true
      printf '%s\n' "$out" >>"$WORK/sockperf.$target.log"
      local p50 p99
      p50=$(awk '/percentile 50.000 =/ { print $NF }' <<<"$out")
      p99=$(awk '/percentile 99.000 =/ { print $NF }' <<<"$out")
      if [[ -n $p50 ]]; then
        echo "$p50 $p99" >>"$WORK/sockperf.$target"
      else
        NOTES+=("sockperf $target round $round: no result ($(tail -1 <<<"$out"))")
      fi
    done
  done
  for target in "$@"; do
    [[ -s $WORK/sockperf.$target ]] || continue
    LATENCY[$target]="$(cut -d' ' -f1 "$WORK/sockperf.$target" | median_of)|$(cut -d' ' -f1 "$WORK/sockperf.$target" | sort -g | head -1)|$(cut -d' ' -f1 "$WORK/sockperf.$target" | sort -g | tail -1)|$(cut -d' ' -f2 "$WORK/sockperf.$target" | median_of)"
  done
}

source "$ROOT/bench/udp-report.sh"
