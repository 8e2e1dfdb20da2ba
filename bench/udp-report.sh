# The report of bench/udp.sh: markdown tables from RESULT, LATENCY and the notes. Sourced, not run.

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "-" }'; }

thousands() { sed -E ':a; s/([0-9])([0-9]{3})($|,| )/\1,\2\3/; ta' <<<"$1"; }

# The parts of RESULT[KEY]: rate, p50, p99, CPU µs per round trip, min rate, max rate ("-" when absent).
result() {
  local value=${RESULT[$1]:-"- - - -|-|-"} line
  line=${value%%|*}
  value=${value#*|}
  echo "$line ${value%%|*} ${value#*|}"
}

spread() { [[ $1 == - || $1 == 0 ]] && echo - || echo "$(thousands "$1") ($(thousands "$2")–$(thousands "$3"))"; }

per_core() { awk -v c="$1" 'BEGIN { if (c ~ /^[0-9.]+$/ && c > 0) printf "%d", 1e6 / c; else print "-" }'; }

print_report() {
  local scenario d r n n1
  echo
  echo "UDP through a relay on 127.0.0.1, $SIZE-byte datagrams, $DURATION per run after $WARMUP warm-up; each cell the median of $ROUNDS rounds (min–max), targets taking turns."
  echo "Machine: $(nproc) cores, $(uname -sr); $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /'); $(nginx -v 2>&1 | sed 's/.*: //'); $TOOLS load tools; commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo "Load average before / after: $LOAD_BEFORE / $LOAD_AFTER."
  echo "Command: ${BUSY_POLL:+BUSY_POLL=$BUSY_POLL }TOOLS=$TOOLS DURATION=$DURATION WARMUP=$WARMUP ROUNDS=$ROUNDS SCENARIOS=\"$SCENARIOS\" CORES=\"$CORES\" bench/udp.sh"
  echo
  echo "Closed-loop echo round trips per second (nginx: worker_processes $NGINX_WORKERS; nginx 1w: one worker):"
  echo
  echo "| scenario | direct | relay | nginx | nginx 1w | relay/nginx | relay/nginx 1w | p50 µs direct / relay / nginx / 1w | p99 µs relay / nginx | CPU µs per round trip relay / nginx / 1w |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|---|---|"
  for scenario in $SCENARIOS; do
    read -r -a d < <(result "main.direct.$scenario")
    read -r -a r < <(result "main.relay.$scenario")
    read -r -a n < <(result "main.nginx.$scenario")
    read -r -a n1 < <(result "main.nginx1.$scenario")
    printf '| %s flows x %s in flight | %s | %s | %s | %s | %s | %s | %s / %s / %s / %s | %s / %s | %s / %s / %s |\n' \
      "${scenario%x*}" "${scenario#*x}" "$(thousands "${d[0]}")" "$(spread "${r[0]}" "${r[4]}" "${r[5]}")" \
      "$(spread "${n[0]}" "${n[4]}" "${n[5]}")" "$(spread "${n1[0]}" "${n1[4]}" "${n1[5]}")" \
      "$(ratio "${r[0]}" "${n[0]}")" "$(ratio "${r[0]}" "${n1[0]}")" "${d[1]}" "${r[1]}" "${n[1]}" "${n1[1]}" \
      "${r[2]}" "${n[2]}" "${r[3]}" "${n[3]}" "${n1[3]}"
  done
  if ((${#LATENCY[@]} > 0)); then
    echo
    echo "sockperf ping-pong, $SIZE bytes, against sockperf server (sockperf's latency: half the round trip), µs:"
    echo
    echo "| target | p50 median (min–max) | p99 median |"
    echo "|---|---:|---:|"
    local target value
    for target in direct relay nginx nginx1; do
      value=${LATENCY[$target]:-}
      [[ -n $value ]] || continue
      IFS='|' read -r -a v <<<"$value"
      printf '| %s | %s (%s–%s) | %s |\n' "$target" "${v[0]}" "${v[1]}" "${v[2]}" "${v[3]}"
    done
    [[ -n ${LATENCY[relay]:-} && -n ${LATENCY[nginx]:-} ]] &&
      echo && echo "relay p50 / nginx p50: $(ratio "${LATENCY[relay]%%|*}" "${LATENCY[nginx]%%|*}")"
  fi
  if [[ -n $CORES ]]; then
    echo
    echo "Per core: proxies pinned with taskset to the first N cores (nginx with N workers, the relay with its default of one worker per core); load tools unpinned."
    echo
    echo "| cores | scenario | relay rt/s | nginx rt/s | relay/nginx | CPU µs per round trip relay / nginx | round trips per CPU-second relay / nginx |"
    echo "|---|---|---:|---:|---:|---|---|"
    local cores
    for cores in $CORES; do
      for scenario in $PERCORE_SCENARIOS; do
        read -r -a r < <(result "cores$cores.relay.$scenario")
        read -r -a n < <(result "cores$cores.nginx.$scenario")
        printf '| %s | %s x %s | %s | %s | %s | %s / %s | %s / %s |\n' "$cores" "${scenario%x*}" "${scenario#*x}" \
          "$(spread "${r[0]}" "${r[4]}" "${r[5]}")" "$(spread "${n[0]}" "${n[4]}" "${n[5]}")" "$(ratio "${r[0]}" "${n[0]}")" \
          "${r[3]}" "${n[3]}" "$(thousands "$(per_core "${r[3]}")")" "$(thousands "$(per_core "${n[3]}")")"
      done
    done
  fi
  if ((${#SKIPPED[@]} > 0 || ${#NOTES[@]} > 0)); then
    echo
    local item
    for item in "${SKIPPED[@]}"; do
      echo "- skipped $item"
    done
    for item in "${NOTES[@]}"; do
      echo "- $item"
    done
  fi
}
