#!/usr/bin/env bash
# Vigil in two minutes: build, start the shop with the agent, drive traffic at every endpoint for about 15 s, print the
# golden signals per endpoint, say where to scrape, stop the shop.
#   scripts/demo.sh          run the demo and stop the shop
#   scripts/demo.sh --keep   leave the shop running afterwards (until Ctrl-C) to explore /metrics yourself
# Env: DEMO_SECONDS (traffic duration, default 15), DEMO_USERS (concurrent users, default 6).
set -euo pipefail

cd "$(dirname "$0")/.."
KEEP=0
[[ "${1:-}" == "--keep" ]] && KEEP=1
SECONDS_OF_TRAFFIC="${DEMO_SECONDS:-15}"
USERS="${DEMO_USERS:-6}"
AGENT_JAR=agent/target/vigil-agent.jar
SHOP_JAR=test-apps/shop/target/vigil-shop.jar

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "demo: '$tool' is not on PATH (needs JDK 17+ and Maven 3.8+)" >&2; exit 1; }
done

echo "==> Building (mvn -B -q -DskipTests package)"
mvn -B -q -DskipTests package

# The agent serves /metrics on 9464 by default; if something already holds that port, let it pick a free one.
METRICS_PORT=9464
if (exec 3<>/dev/tcp/127.0.0.1/9464) 2>/dev/null; then
  echo "==> Port 9464 is taken; the agent will pick a free port"
  METRICS_PORT=0
fi

WORK="$(mktemp -d)"
LOG="$WORK/shop.log"
SHOP_PID=""
stop_shop() {
  if [[ -n "$SHOP_PID" ]] && kill -0 "$SHOP_PID" 2>/dev/null; then
    kill "$SHOP_PID" 2>/dev/null || true
    wait "$SHOP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop_shop EXIT
trap 'exit 130' INT TERM

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
echo "==> Scrape it yourself (Prometheus text format; OpenMetrics with Accept: application/openmetrics-text):"
echo "    curl $METRICS_URL"
echo "    curl $AGENT_URL/vigil/signals"
echo "    for example:"
curl -s "$METRICS_URL" | grep '^http_server_request_duration_seconds_count' | head -n 4 | sed 's/^/      /' || true

if [[ "$KEEP" == 1 ]]; then
  echo
  echo "==> The shop keeps running on http://127.0.0.1:$SHOP_PORT; its page: $AGENT_URL/vigil/ (Ctrl-C stops it)."
  wait "$SHOP_PID" || true
fi
echo
echo "==> Stopping the shop"
