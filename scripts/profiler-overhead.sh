#!/usr/bin/env bash
# CPU cost of continuous profiling at its default rate: the shop with Vigil (metrics) against the shop with Vigil and
# vigil.profiler.continuous=true, interleaved in rounds, same fixed open-model rate, app CPU per request from /proc.
# Method: BENCHMARKING.md (app pinned to core 1, load generator on core 0). Results: target/profiler-overhead/<time>/.
#
#   scripts/profiler-overhead.sh [--rounds 3] [--rate 2000] [--duration 30] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=3; RATE=2000; DURATION=30; WARMUP=10; BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift ;;
    --rate) RATE="$2"; shift ;;
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
ENDPOINTS=("products=/products/{id}" "cpu=/cpu")
declare -A FLAGS=([profiler-off]="" [continuous]="-Dvigil.profiler.continuous=true")

echo "date=$(date -u +%Y-%m-%dT%H:%MZ) load=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)" \
  "java=$("$JAVA" -version 2>&1 | sed -n 2p) perf_event_paranoid=$(cat /proc/sys/kernel/perf_event_paranoid)" \
  | tee "$OUT/env.txt"
for round in $(seq 1 "$ROUNDS"); do
  for config in profiler-off continuous; do
    log=$OUT/r$round-$config-app.log
    # shellcheck disable=SC2086
    taskset -c 1 "$JAVA" -Xms1g -Xmx1g -XX:+UseG1GC -Dsun.net.httpserver.nodelay=true -javaagent:"$AGENT_JAR" \
      -Dvigil.prometheus.port=0 -Dvigil.jmx.delay=1s ${FLAGS[$config]} -Dshop.port=0 -jar "$SHOP_JAR" > "$log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 3000); do grep -q '^READY ' "$log" 2>/dev/null && break; sleep 0.01; done
    port=$(sed -n 's/^READY \([0-9]*\).*/\1/p' "$log")
    taskset -c 0 "$JAVA" -jar "$LOADGEN_JAR" await --url "http://127.0.0.1:$port/products/1" > /dev/null
    for ep in "${ENDPOINTS[@]}"; do
      name=${ep%%=*}
      taskset -c 0 "$JAVA" -jar "$LOADGEN_JAR" open --target "$name=http://127.0.0.1:$port${ep#*=}" --rate "$RATE" \
        --connections 64 --warmup "${WARMUP}s" --duration "${DURATION}s" --id-range 20 --pid $APP_PID \
        --clk-tck "$(getconf CLK_TCK)" --out "$OUT/r$round-$config-$name.json" > /dev/null
      us=$(grep -m1 '"microsPerRequest"' "$OUT/r$round-$config-$name.json" | sed 's/.*: *\([0-9.]*\).*/\1/')
      p99=$(grep -m1 '"p99"' "$OUT/r$round-$config-$name.json" | sed 's/.*: *\([0-9.]*\).*/\1/')
      echo "round $round $config $name cpu_us_per_req=$us p99_ms=$p99" | tee -a "$OUT/summary.txt"
    done
    grep -h 'continuous profiling' "$log" | head -1 | tee -a "$OUT/summary.txt" || true
    kill -TERM $APP_PID; wait $APP_PID 2>/dev/null || true; APP_PID=""
  done
done
echo "results: $OUT/summary.txt"
