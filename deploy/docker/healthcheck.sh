#!/bin/bash
# The container's health check: exits 0 when the node's admin API answers GET /healthz with 200.
# The runtime image has no curl, so this speaks HTTP/1.0 over bash's /dev/tcp.
# RELAY_HEALTHCHECK_ADDRESS is the admin API's host:port as seen from inside the container.
set -u
address=${RELAY_HEALTHCHECK_ADDRESS:-127.0.0.1:9110}
host=${address%:*}
port=${address##*:}
exec 3<>"/dev/tcp/${host}/${port}" || exit 1
printf 'GET /healthz HTTP/1.0\r\nHost: %s\r\n\r\n' "$address" >&3
IFS= read -r -t 3 status <&3 || exit 1
[[ $status == HTTP/1.?' 200'* ]]
