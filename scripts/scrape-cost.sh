#!/usr/bin/env bash
# What one /metrics scrape costs the real shop through the real jar: starts the shop with -javaagent, registers N
# endpoints (N distinct routes, default 500 = the default vigil.metrics.max_endpoints) with traffic on each, then
# scrapes /metrics R times and reports the body size, series count, wall time per scrape (curl) and the shop's CPU
# time per scrape (utime+stime from /proc over the scrapes). No timing assertion: a measurement to compare jars.
#   scripts/scrape-cost.sh [--agent JAR] [--endpoints N] [--scrapes R] [--openmetrics]
set -euo pipefail
cd "$(dirname "$0")/.."
AGENT_JAR=agent/target/vigil-agent.jar
SHOP_JAR=test-apps/shop/target/vigil-shop.jar
ENDPOINTS=500
SCRAPES=30
ACCEPT="text/plain"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --agent) AGENT_JAR="$2"; shift 2 ;;
    --shop) SHOP_JAR="$2"; shift 2 ;;
    --endpoints) ENDPOINTS="$2"; shift 2 ;;
    --scrapes) SCRAPES="$2"; shift 2 ;;
    --openmetrics) ACCEPT="application/openmetrics-text; version=1.0.0"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

WORK="$(mktemp -d)"
LOG="$WORK/shop.log"
java -javaagent:"$AGENT_JAR" -Dvigil.prometheus.port=0 -Dshop.port=0 -Xms256m -Xmx256m -jar "$SHOP_JAR" >"$LOG" 2>&1 &
SHOP_PID=$!
trap 'kill $SHOP_PID 2>/dev/null; wait $SHOP_PID 2>/dev/null; rm -rf "$WORK"' EXIT
SHOP_PORT="" METRICS_URL=""
for _ in $(seq 1 600); do
  SHOP_PORT="$(sed -n 's/^READY \([0-9]*\)$/\1/p' "$LOG" | head -n 1)"
  METRICS_URL="$(grep -o 'metrics at http://[^ ]*/metrics' "$LOG" | head -n 1 | sed 's/^metrics at //' || true)"
  [[ -n "$SHOP_PORT" && -n "$METRICS_URL" ]] && break
  kill -0 "$SHOP_PID" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
  sleep 0.1
done

# Route segments without digits, so the {id} rule keeps them distinct: /products/ba, /products/bb, ...
words() { awk -v n="$1" 'BEGIN { a = "abcdefghijklmnopqrstuvwxyz"; for (i = 0; i < n; i++) {
  w = ""; k = i; do { w = substr(a, k % 26 + 1, 1) w; k = int(k / 26) } while (k > 0); print "x" w } }'; }
for round in 1 2 3; do
  words "$ENDPOINTS" | sed "s#^#url = \"http://127.0.0.1:$SHOP_PORT/products/#; s#\$#\"#" >"$WORK/urls"
  curl -s -o /dev/null --parallel --parallel-max 8 -K "$WORK/urls" || true
done
curl -s -o /dev/null "$METRICS_URL" -H "Accept: $ACCEPT" # warm-up scrape

ticks() { awk '{ print $14 + $15 }' "/proc/$SHOP_PID/stat"; }
HZ=$(getconf CLK_TCK)
before=$(ticks)
: >"$WORK/times"
for _ in $(seq 1 "$SCRAPES"); do
  curl -s -o "$WORK/body" -w '%{time_total}\n' -H "Accept: $ACCEPT" "$METRICS_URL" >>"$WORK/times"
done
after=$(ticks)
series=$(grep -c '^http_server_request_duration_seconds_count' "$WORK/body" || true)
echo "agent: $AGENT_JAR; accept: $ACCEPT; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "duration series: $series; body bytes: $(wc -c <"$WORK/body"); lines: $(wc -l <"$WORK/body")"
echo "scrape wall ms (curl), median of $SCRAPES: $(sort -n "$WORK/times" | awk '{ t[NR] = $1 } END { printf "%.1f", 1000 * t[int((NR + 1) / 2)] }')"
echo "shop CPU ms per scrape (utime+stime): $(awk -v a="$after" -v b="$before" -v hz="$HZ" -v n="$SCRAPES" 'BEGIN { printf "%.1f", (a - b) * 1000 / hz / n }')"
