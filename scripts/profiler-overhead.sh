#!/usr/bin/env bash
# CPU cost of CPU profiling at the continuous mode's default rate (one sample per 50 ms of CPU), measured in ONE shop
# JVM so that a busy host shifts both sides alike: phases with and without a profile alternate, each under the same
# fixed open-model load, and app CPU per request (utime+stime from /proc over the phase / requests) is compared phase
# by phase. The profile is started with `vigil-agent.jar profile` (Attach API + local JMX), as a user would; its
# attach/JMX work lands in the "on" phases, so the figure is, if anything, too high. App on core 1, load on core 0.
#
#   scripts/profiler-overhead.sh [--rounds 5] [--event cpu|itimer|ctimer] [--rate 2000] [--path /products/{id}] [--duration 20] [--no-build]
# Results: target/profiler-overhead/<time>/summary.txt
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=5; EVENT=cpu; RATE=2000; URLPATH="/products/{id}"; DURATION=20; BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift ;;
    --rate) RATE="$2"; shift ;;
    --event) EVENT="$2"; shift ;;
    --path) URLPATH="$2"; shift ;;
    --duration) DURATION="$2"; shift ;;
    --no-build) BUILD=0 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
JAVA=${JAVA:-java}
[[ $BUILD == 1 ]] && mvn -B -q -DskipTests package -pl agent,test-apps/loadgen,test-apps/shop -am
AGENT_JAR=$ROOT/agent/target/vigil-agent.jar
LOADGEN_JAR=$ROOT/test-apps/loadgen/target/vigil-loadgen.jar
SHOP_JAR=$ROOT/test-apps/shop/target/vigil-shop.jar
OUT=$ROOT/target/profiler-overhead/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
APP_PID=""
trap '[[ -n $APP_PID ]] && kill $APP_PID 2>/dev/null || true' EXIT
echo "date=$(date -u +%Y-%m-%dT%H:%MZ) load=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)" \
  "java=$("$JAVA" -version 2>&1 | sed -n 2p) perf_event_paranoid=$(cat /proc/sys/kernel/perf_event_paranoid)" \
  "event=$EVENT path=$URLPATH rate=$RATE duration=${DURATION}s" | tee "$OUT/summary.txt"

taskset -c 1 "$JAVA" -Xms1g -Xmx1g -XX:+UseG1GC -Dsun.net.httpserver.nodelay=true -javaagent:"$AGENT_JAR" \
  -Dvigil.prometheus.port=0 -Dvigil.jmx.delay=1s -Dvigil.profiler.interval=50ms -Dshop.port=0 -jar "$SHOP_JAR" \
  > "$OUT/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 3000); do grep -q '^READY ' "$OUT/app.log" 2>/dev/null && break; sleep 0.01; done
port=$(sed -n 's/^READY \([0-9]*\).*/\1/p' "$OUT/app.log")
target="app=http://127.0.0.1:$port$URLPATH"
loadgen() { taskset -c 0 "$JAVA" -jar "$LOADGEN_JAR" "$@"; }
profile() { taskset -c 0 "$JAVA" -jar "$AGENT_JAR" profile $APP_PID --event "$EVENT" --duration "$1" --out "$2"; }
loadgen await --url "http://127.0.0.1:$port/products/1" > /dev/null
# Warm-up: JIT, and a first profile (loads the native library, starts the JVM's local JMX connector).
profile 5s "$OUT/warmup.collapsed" > /dev/null &
prof=$!
loadgen open --target "$target" --rate "$RATE" --warmup 5s --duration 15s --id-range 20 --out "$OUT/warmup.json" > /dev/null
wait $prof
phase() { # $1 name: runs one measured window and prints CPU us per request
  loadgen open --target "$target" --rate "$RATE" --connections 64 --warmup 2s --duration "${DURATION}s" --id-range 20 \
    --pid $APP_PID --clk-tck "$(getconf CLK_TCK)" --out "$OUT/$1.json" > /dev/null
  grep -m1 '"microsPerRequest"' "$OUT/$1.json" | sed 's/.*: *\([0-9.]*\).*/\1/'
}
for round in $(seq 1 "$ROUNDS"); do
  off=$(phase "r$round-off")
  # The profile outlasts the measured window, so that its stop and dump (JFR parsing) fall outside it.
  profile $((DURATION + 20))s "$OUT/r$round.collapsed" > "$OUT/r$round-profile.txt" &
  prof=$!
  sleep 3 # attach, connect, start
  on=$(phase "r$round-on")
  wait $prof
  echo "round $round off_us_per_req=$off on_us_per_req=$on ratio=$(awk -v a="$on" -v b="$off" 'BEGIN{printf "%.4f", a/b}')" \
    "samples=$(awk '{s+=$NF} END{print s+0}' "$OUT/r$round.collapsed")" | tee -a "$OUT/summary.txt"
done
grep -h 'profiling ' "$OUT/r1-profile.txt" | tee -a "$OUT/summary.txt"
echo "results: $OUT/summary.txt"
