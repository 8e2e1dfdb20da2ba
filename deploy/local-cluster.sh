#!/usr/bin/env bash
# A relay cluster on this machine, for trying things out: three relay nodes forming an Akka.Cluster on 127.0.0.1,
# 127.0.0.2 and 127.0.0.3 (remoting, admin API and rules on each node's own address) sharing one udp rule, and two
# echo upstreams behind it.
# Every port is a free one the OS hands out; everything lives in one temporary directory, removed at the end.
#
#   deploy/local-cluster.sh           run until Ctrl+C
#   deploy/local-cluster.sh --check   start, wait for 3 members up, send 2 s of udp load through each node, stop;
#                                     exit 0 when all of it worked
#
# Needs the .NET 10 SDK.
set -euo pipefail

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
}

check=false
case "${1:-}" in
  "") ;;
  --check) check=true ;;
  -h | --help) usage; exit 0 ;;
  *) echo "local-cluster.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
esac

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=bin/Release/net10.0
relay_node=("dotnet" "$repo/src/RelayCluster.Node/$bin/relay-node.dll")
relayctl=("dotnet" "$repo/src/RelayCluster.Cli/$bin/relayctl.dll")
relay_bench=("dotnet" "$repo/src/RelayCluster.Bench/$bin/relay-bench.dll")
node_count=3
grace=2s

work=$(mktemp -d "${TMPDIR:-/tmp}/relay-local-cluster.XXXXXX")
mkdir -p "$work/logs"
names=()
pids=()

# Stops a group of processes with SIGTERM and a deadline, then SIGKILL for whatever is left.
stop() {
  local deadline=$((SECONDS + $1)) pid alive
  shift
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  while :; do
    alive=()
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    [ ${#alive[@]} -eq 0 ] && break
    if [ $SECONDS -ge $deadline ]; then
      kill -KILL "${alive[@]}" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  local nodes=() others=() i
  for i in "${!names[@]}"; do
    case "${names[$i]}" in
      node-*) nodes+=("${pids[$i]}") ;;
      *) others+=("${pids[$i]}") ;;
    esac
  done
  if [ ${#pids[@]} -gt 0 ]; then
    echo "stopping..."
    # Nodes first (each leaves the cluster), then the upstreams.
    [ ${#nodes[@]} -gt 0 ] && stop 30 "${nodes[@]}"
    [ ${#others[@]} -gt 0 ] && stop 10 "${others[@]}"
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start NAME COMMAND...: runs COMMAND in its own session (so Ctrl+C reaches only this script, which then stops
# everything in order), logging to $work/logs/NAME.log.
start() {
  local name=$1
  shift
  setsid "$@" >"$work/logs/$name.log" 2>&1 </dev/null &
  names+=("$name")
  pids+=("$!")
}

pid_of() {
  local i
  for i in "${!names[@]}"; do
    [ "${names[$i]}" = "$1" ] && { echo "${pids[$i]}"; return; }
  done
}

fail() {
  echo "local-cluster.sh: $1" >&2
  if [ -n "${2:-}" ] && [ -f "$work/logs/$2.log" ]; then
    echo "--- last lines of $2's log:" >&2
    tail -n 30 "$work/logs/$2.log" >&2
  fi
  exit 1
}

# wait_for NAME SECONDS DESCRIPTION COMMAND...: polls COMMAND until it succeeds; fails when NAME's process exits or
# the deadline passes.
wait_for() {
  local name=$1 deadline=$((SECONDS + $2)) what=$3 pid
  shift 3
  pid=$(pid_of "$name")
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || fail "$name exited while waiting for $what" "$name"
    [ $SECONDS -lt $deadline ] || fail "$name: no $what within the deadline" "$name"
    sleep 0.2
  done
}

# http_ok HOST PORT PATH: whether GET PATH answers 200 (bash's /dev/tcp, so curl is not needed).
http_ok() (
  exec 3<>"/dev/tcp/$1/$2" || exit 1
  printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\n\r\n' "$3" "$1" "$2" >&3
  IFS=' ' read -r -t 5 _ status _ <&3 || exit 1
  [ "$status" = 200 ]
) 2>/dev/null

log_has() { grep -q "$2" "$work/logs/$1.log" 2>/dev/null; }

echo "building (dotnet build -c Release)..."
for project in RelayCluster.Node RelayCluster.Cli RelayCluster.Bench; do
  if ! dotnet build "$repo/src/$project" -c Release -nologo -v quiet >"$work/logs/build.log" 2>&1; then
    cat "$work/logs/build.log" >&2
    fail "building $project failed"
  fi
done

mapfile -t ports < <("${relay_bench[@]}" free-port --count 9)
[ ${#ports[@]} -eq 9 ] || fail "relay-bench free-port did not print 9 ports"
echo_ports=("${ports[0]}" "${ports[1]}")
demo_port=${ports[2]}
admin_ports=("${ports[3]}" "${ports[4]}" "${ports[5]}")
remoting_ports=("${ports[6]}" "${ports[7]}" "${ports[8]}")
seeds=""
for n in $(seq 1 $node_count); do
  seeds+="${seeds:+, }\"127.0.0.$n:${remoting_ports[$((n - 1))]}\""
done

for i in 0 1; do
  start "echo-$((i + 1))" "${relay_bench[@]}" udp-echo --listen "127.0.0.1:${echo_ports[$i]}" --threads 1
done
wait_for echo-1 30 "echo listening" log_has echo-1 "listening udp"
wait_for echo-2 30 "echo listening" log_has echo-2 "listening udp"

# What every node adds to deploy/examples/cluster-node.hocon: these seeds, a short drain, logs for people. Each
# node's own remoting address and state dir come in node-N.hocon.
cat >"$work/local.hocon" <<EOF
relay {
  node.shutdown-grace = $grace
  cluster {
    name = local
    akka.seed-nodes = [$seeds]
  }
  log.format = text
}
EOF
for n in $(seq 1 $node_count); do
  cat >"$work/node-$n.hocon" <<EOF
relay.cluster.akka {
  bind = "127.0.0.$n:${remoting_ports[$((n - 1))]}"
  state-dir = "$work/state-$n"
}
EOF
done

# The cluster's rules, seeded by the first node. Every node listens on its own address at the same port.
cat >"$work/rules.hocon" <<EOF
relay.rules {
  demo {
    protocol = udp
    listen = "0.0.0.0:$demo_port"
    balance = least-sessions
    load-scope = cluster
    upstreams = ["127.0.0.1:${echo_ports[0]}", "127.0.0.1:${echo_ports[1]}"]
    health {
      check = udp-probe
      interval = 1s
      timeout = 500ms
      udp-probe { send = "ping", expect = "ping" }
    }
  }
}
EOF

start_node() {
  local n=$1
  local configs=(--config "$repo/deploy/examples/cluster-node.hocon" --config "$work/local.hocon" --config "$work/node-$n.hocon")
  [ "$n" -eq 1 ] && configs+=(--config "$work/rules.hocon")
  start "node-$n" env RELAY_NODE_ID="node-$n" RELAY_LISTEN_ADDRESS="127.0.0.$n" \
    RELAY_ADMIN_BIND="127.0.0.$n:${admin_ports[$((n - 1))]}" "${relay_node[@]}" "${configs[@]}"
}

node_ready() { http_ok "127.0.0.$1" "${admin_ports[$(($1 - 1))]}" /readyz; }

for n in $(seq 1 $node_count); do start_node "$n"; done
for n in $(seq 1 $node_count); do wait_for "node-$n" 60 "ready node (GET /readyz)" node_ready "$n"; done

admin_url() { echo "http://127.0.0.$1:${admin_ports[$(($1 - 1))]}"; }

echo
echo "seeds     $seeds"
echo "upstreams udp 127.0.0.1:${echo_ports[0]}, 127.0.0.1:${echo_ports[1]} (relay-bench udp-echo)"
for n in $(seq 1 $node_count); do
  echo "node-$n    admin $(admin_url "$n")    rule demo: udp 127.0.0.$n:$demo_port"
done
echo "logs      $work/logs"
echo
echo "  ${relayctl[*]} --node $(admin_url 1) cluster show"
echo "  ${relay_bench[*]} udp-load --target 127.0.0.2:$demo_port --duration 5s"
echo

members_up() {
  local shown
  shown=$("${relayctl[@]}" --node "$(admin_url 1)" cluster show 2>&1) || return 1
  [ "$(grep -ciE '\| up \| reachable \|' <<<"$shown")" -eq $node_count ]
}

if $check; then
  deadline=$((SECONDS + 60))
  until members_up; do
    if [ $SECONDS -ge $deadline ]; then
      echo "local-cluster.sh: $node_count members were not up within 60s; relayctl cluster show says:" >&2
      "${relayctl[@]}" --node "$(admin_url 1)" cluster show >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  "${relayctl[@]}" --node "$(admin_url 1)" cluster show
  echo
  for n in $(seq 1 $node_count); do
    if ! "${relay_bench[@]}" udp-load --target "127.0.0.$n:$demo_port" --flows 4 --window 4 --duration 2s --warmup 200ms --threads 1; then
      fail "udp load through node-$n failed" "node-$n"
    fi
  done
  echo
  echo "check passed: $node_count members up, udp relayed through every node"
  exit 0
fi

echo "running; Ctrl+C stops everything"
live=("${pids[@]}")
while [ ${#live[@]} -gt 0 ]; do
  wait -n "${live[@]}" 2>/dev/null || true
  still=()
  for i in "${!pids[@]}"; do
    pid=${pids[$i]}
    if kill -0 "$pid" 2>/dev/null; then
      still+=("$pid")
    elif [[ " ${live[*]} " == *" $pid "* ]]; then
      echo "${names[$i]} exited; its log: $work/logs/${names[$i]}.log" >&2
      tail -n 10 "$work/logs/${names[$i]}.log" >&2
    fi
  done
  live=("${still[@]}")
done
exit 1
