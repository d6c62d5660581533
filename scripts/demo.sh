#!/usr/bin/env bash
# Vigil in two minutes: build, start the shop with the agent, drive traffic at every endpoint for about 15 s, print the
# golden signals per endpoint and where to look (the agent's page, /metrics, /vigil/signals). In a terminal the shop
# then keeps running, with light traffic so the page shows live data, until Ctrl-C; without a terminal it stops.
#   scripts/demo.sh          run the demo; in a terminal, keep the shop running until Ctrl-C
#   scripts/demo.sh --once   stop the shop after printing the table (also: DEMO_EXIT=1, or no terminal)
#   scripts/demo.sh --keep   keep the shop running even without a terminal
# Env: DEMO_SECONDS (traffic duration, default 15), DEMO_USERS (concurrent users, default 6), DEMO_EXIT=1.
set -euo pipefail

cd "$(dirname "$0")/.."
KEEP=0
[[ -t 0 && -t 1 ]] && KEEP=1
[[ "${DEMO_EXIT:-0}" == 1 ]] && KEEP=0
case "${1:-}" in
  --once) KEEP=0 ;;
  --keep) KEEP=1 ;;
  "") ;;
  *) echo "usage: scripts/demo.sh [--once|--keep]" >&2; exit 2 ;;
esac
SECONDS_OF_TRAFFIC="${DEMO_SECONDS:-15}"
USERS="${DEMO_USERS:-6}"
AGENT_JAR=agent/target/vigil-agent.jar
SHOP_JAR=test-apps/shop/target/vigil-shop.jar

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "demo: '$tool' is not on PATH (needs JDK 17+ and Maven 3.8+)" >&2; exit 1; }
done

WORK="$(mktemp -d)"
LOG="$WORK/shop.log"
SHOP_PID=""
TRAFFIC_PID=""
stop() {
  local pid
  for pid in "$TRAFFIC_PID" "$SHOP_PID"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 130' INT TERM

# Maven's quiet mode still writes colour resets to the terminal: keep its output in a file, show it on failure.
echo "==> Building (mvn -B -q -DskipTests package)"
if ! mvn -B -q -DskipTests package >"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log" >&2
  echo "demo: the build failed" >&2
  exit 1
fi

# The agent serves /metrics on 9464 by default; if something already holds that port, let it pick a free one.
METRICS_PORT=9464
if (exec 3<>/dev/tcp/127.0.0.1/9464) 2>/dev/null; then
  echo "==> Port 9464 is taken; the agent will pick a free port"
  METRICS_PORT=0
fi

# With a Redis on its standard port, the shop caches products in it (cache hit ratio on /vigil/signals).
SHOP_REDIS=()
if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  SHOP_REDIS=(-Dshop.redis=127.0.0.1:6379)
fi
echo "==> Starting the shop: java -javaagent:$AGENT_JAR ${SHOP_REDIS[*]} -jar $SHOP_JAR"
OTEL_SERVICE_NAME=shop java -javaagent:"$AGENT_JAR" -Dvigil.prometheus.port="$METRICS_PORT" -Dshop.port=0 \
  "${SHOP_REDIS[@]}" -jar "$SHOP_JAR" >"$LOG" 2>&1 &
SHOP_PID=$!

SHOP_PORT=""
METRICS_URL=""
for _ in $(seq 1 600); do
  SHOP_PORT="$(sed -n 's/^READY \([0-9]*\)$/\1/p' "$LOG" | head -n 1)"
  METRICS_URL="$(grep -o 'metrics at http://[^ ]*/metrics' "$LOG" | head -n 1 | sed 's/^metrics at //' || true)"
  [[ -n "$SHOP_PORT" && -n "$METRICS_URL" ]] && break
  if ! kill -0 "$SHOP_PID" 2>/dev/null; then
    echo "demo: the shop exited during start-up:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z "$SHOP_PORT" || -z "$METRICS_URL" ]]; then
  echo "demo: the shop or the agent did not report ready within 60 s:" >&2
  cat "$LOG" >&2
  exit 1
fi
AGENT_URL="${METRICS_URL%/metrics}"
echo "    shop on http://127.0.0.1:$SHOP_PORT, agent endpoint $AGENT_URL"

echo "==> Sending traffic to every endpoint for ${SECONDS_OF_TRAFFIC} s ($USERS users)"
java -cp "$SHOP_JAR" dev.vigil.shop.tools.TrafficDriver --base "http://127.0.0.1:$SHOP_PORT" \
  --seconds "$SECONDS_OF_TRAFFIC" --users "$USERS"

echo
java -cp "$SHOP_JAR" dev.vigil.shop.tools.SignalsTable "$AGENT_URL/vigil/signals"

echo
if [[ "$KEEP" != 1 ]]; then
  echo "==> Stopping the shop (not run in a terminal, or --once; in a terminal the demo keeps it running until Ctrl-C)"
  exit 0
fi

# Light traffic from here on (one user, a request about every half second), so the page keeps showing live data.
java -cp "$SHOP_JAR" dev.vigil.shop.tools.TrafficDriver --base "http://127.0.0.1:$SHOP_PORT" \
  --seconds 86400 --users 1 --pause-ms 500 >/dev/null 2>&1 &
TRAFFIC_PID=$!

echo "==> The shop keeps running on http://127.0.0.1:$SHOP_PORT with light traffic. Look at:"
printf '    %-36s %s\n' "$AGENT_URL/vigil/" "the agent's page: findings, endpoints, saturation" \
  "$METRICS_URL" "Prometheus text (OpenMetrics with Accept: application/openmetrics-text)" \
  "$AGENT_URL/vigil/signals" "the golden signals as JSON"
echo "==> Press Ctrl-C to stop the shop."
wait "$SHOP_PID" || true
