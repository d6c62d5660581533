#!/usr/bin/env bash
# End-to-end cost of Vigil against no agent and the OpenTelemetry Java agent, in one run, answering every row of the
# cost targets (docs/benchmarks.md, "Method"). Results: target/bench/<time>/ (raw per-run files, bench.json, bench.md);
# the table of targets with verdicts is printed at the end. A full run also writes docs/bench-runs/<date>.json and
# rewrites the generated blocks of docs/benchmarks.md.
#
#   scripts/bench.sh            3 interleaved rounds (about 45 minutes on 2 cores)
#   scripts/bench.sh --quick    1 short round (about 8 minutes): every row, figures marked quick, docs untouched
#   options: --rounds N  --configs none,vigil-traces,...  --out DIR  --no-build  --no-doc
#   env: JAVA (the JVM for app and load), SHOP_JAR, SPRING_SHOP_JAR, VIGIL_BENCH_CACHE (OTel agent cache dir)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=0; ROUNDS=""; OUT=""; BUILD=1; DOC=1; ONLY=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --rounds) ROUNDS="$2"; shift ;;
    --configs) ONLY="$2"; shift ;; # a subset, for checking the script: the targets table needs all of them
    --out) OUT="$2"; shift ;;
    --no-build) BUILD=0 ;;
    --no-doc) DOC=0 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
if [[ $QUICK == 1 ]]; then
  ROUNDS=${ROUNDS:-1}; DOC=0
  CLOSED_WARMUP=2; CLOSED_DURATION=5; OPEN_WARMUP=2; OPEN_DURATION=6; ALLOC_DURATION=4
else
  ROUNDS=${ROUNDS:-3}
  CLOSED_WARMUP=5; CLOSED_DURATION=20; OPEN_WARMUP=5; OPEN_DURATION=25; ALLOC_DURATION=10
fi
STARTUP_WINDOW=10         # throughput in the first 10 s after launch (closed loop from the first 200)
CLOSED_CONNECTIONS=16     # the shop serves with 16 worker threads
OPEN_CONNECTIONS=64       # bound on outstanding requests in the open model
OPEN_LOAD=0.5             # fixed rate: this share of the same round's no-agent maximum
APP_CORE=1; LOAD_CORE=0
JVM_FLAGS=(-Xms1g -Xmx1g -XX:+UseG1GC)
NMT_FLAGS=(-XX:NativeMemoryTracking=summary)  # the steady-state JVM of every variant: heap vs native in the RSS
# The JDK HttpServer leaves Nagle on: headers and body go out as two writes, and the second waits for the client's
# delayed ACK (about 40 ms), which caps every connection near 25 req/s whatever the agent. Same flag for every variant.
APP_FLAGS=(-Dsun.net.httpserver.nodelay=true)
OTEL_VERSION=2.22.0
JAVA=${JAVA:-java}
CLK_TCK=$(getconf CLK_TCK)

ENDPOINTS=(products cpu)
declare -A EP_PATH=([products]="/products/{id}" [cpu]="/cpu")
declare -A EP_LABEL=([products]="GET /products/{id} (one JDBC query, HikariCP + H2)" [cpu]="GET /cpu (CPU-bound, primes below 50 000)")
CONFIGS=(none vigil-metrics vigil-traces vigil-10 otel vigil-measured)
[[ -n $ONLY ]] && IFS=, read -r -a CONFIGS <<< "$ONLY"
declare -A LABEL=([none]="No agent" [vigil-metrics]="Vigil, metrics" [vigil-traces]="Vigil, metrics + traces"
  [vigil-10]="Vigil, 10 % traces" [otel]="OpenTelemetry agent $OTEL_VERSION"
  [vigil-measured]="Vigil, traces, measuring itself")
STARTUP_ROUTE="/products/{id}"
SPRING_URL_PATH=/owners/1

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# --- build and fetch -------------------------------------------------------------------------------------------------
if [[ $BUILD == 1 ]]; then
  modules=agent,test-apps/loadgen,test-apps/shop,test-apps/spring-shop
  log "building $modules"
  mvn -B -q -DskipTests package -pl "$modules" -am
fi
AGENT_JAR=$ROOT/agent/target/vigil-agent.jar
LOADGEN_JAR=$ROOT/test-apps/loadgen/target/vigil-loadgen.jar
SHOP_JAR=${SHOP_JAR:-$ROOT/test-apps/shop/target/vigil-shop.jar}
SPRING_SHOP_JAR=${SPRING_SHOP_JAR:-$ROOT/test-apps/spring-shop/target/spring-shop.jar}
for f in "$AGENT_JAR" "$LOADGEN_JAR" "$SHOP_JAR" "$SPRING_SHOP_JAR"; do
  [[ -f $f ]] || { echo "missing $f (build first, or drop --no-build)" >&2; exit 1; }
done
CACHE=${VIGIL_BENCH_CACHE:-$HOME/.cache/vigil-bench}
OTEL_JAR=$CACHE/opentelemetry-javaagent-$OTEL_VERSION.jar
if [[ ! -f $OTEL_JAR ]]; then
  # Test-time comparison only: fetched into a cache, never shipped or committed.
  log "fetching the OpenTelemetry Java agent $OTEL_VERSION into $CACHE"
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION -DoutputDirectory="$CACHE"
fi

RESULTS=${OUT:-$ROOT/target/bench/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$RESULTS"
loadgen() { taskset -c $LOAD_CORE "$JAVA" -jar "$LOADGEN_JAR" "$@"; }

# --- the OTLP sink, on the load core ---------------------------------------------------------------------------------
SINK_PID=""; APP_PID=""
cleanup() {
  [[ -n $APP_PID ]] && kill "$APP_PID" 2>/dev/null || true
  [[ -n $SINK_PID ]] && kill "$SINK_PID" 2>/dev/null || true
}
trap cleanup EXIT
taskset -c $LOAD_CORE "$JAVA" -jar "$LOADGEN_JAR" sink --port 0 > "$RESULTS/sink.log" 2>&1 &
SINK_PID=$!
for _ in $(seq 1 500); do grep -q '^READY ' "$RESULTS/sink.log" 2>/dev/null && break; sleep 0.02; done
SINK_PORT=$(sed -n 's/^READY \([0-9]*\).*/\1/p' "$RESULTS/sink.log")
[[ -n $SINK_PORT ]] || { echo "the OTLP sink did not start: $(cat "$RESULTS/sink.log")" >&2; exit 1; }
SINK=http://127.0.0.1:$SINK_PORT
log "OTLP sink at $SINK; results in $RESULTS"

sink_bytes() {
  local total=0 b
  for b in $(loadgen fetch --url "$SINK/stats" | grep -o '"bytes":[0-9]*' | cut -d: -f2); do total=$((total + b)); done
  echo $total
}

agent_flags() {
  case "$1" in
    none) ;;
    vigil-metrics) echo "-javaagent:$AGENT_JAR -Dvigil.prometheus.port=0" ;;
    vigil-traces) echo "-javaagent:$AGENT_JAR -Dvigil.prometheus.port=0 -Dvigil.traces.enabled=true" \
      "-Dotel.exporter.otlp.endpoint=$SINK -Dotel.exporter.otlp.protocol=http/protobuf" ;;
    vigil-10) echo "$(agent_flags vigil-traces) -Dotel.traces.sampler=parentbased_traceidratio" \
      "-Dotel.traces.sampler.arg=0.1" ;;
    vigil-measured) echo "$(agent_flags vigil-traces) -Dvigil.overhead.measure=true" ;; # what the measurement costs
    otel) echo "-javaagent:$OTEL_JAR -Dotel.service.name=vigil-shop -Dotel.exporter.otlp.endpoint=$SINK" \
      "-Dotel.exporter.otlp.protocol=http/protobuf -Dotel.traces.exporter=otlp -Dotel.metrics.exporter=otlp" \
      "-Dotel.logs.exporter=none" ;;
  esac
}

json_number() { # first "field" : number in a (pretty-printed) JSON file: the total's, written before the targets
  grep -m1 "\"$2\"" "$1" | sed 's/.*: *\([-0-9.eE]*\).*/\1/'
}

# --- environment -----------------------------------------------------------------------------------------------------
{
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "mode=$([[ $QUICK == 1 ]] && echo quick || echo full)"
  echo "rounds=$ROUNDS"
  echo "configs=$(IFS=,; echo "${CONFIGS[*]}")"
  echo "endpoints=$(IFS=,; echo "${ENDPOINTS[*]}")"
  echo "machine.cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "machine.cores=$(nproc)"
  echo "machine.memory=$(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
  echo "machine.kernel=$(uname -r)"
  echo "machine.load=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java.version=$("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "jvm.flags=${JVM_FLAGS[*]} ${APP_FLAGS[*]}"
  echo "vigil.version=$(git describe --always --dirty 2>/dev/null || echo unknown)"
  echo "otel.version=$OTEL_VERSION"
  echo "otel.flags=OTLP http/protobuf to a local sink, traces and metrics, logs exporter none, defaults otherwise"
  echo "app=test-apps/shop (JDK HttpServer, 16 workers, HikariCP over in-memory H2)"
  echo "app.core=$APP_CORE"
  echo "load.core=$LOAD_CORE"
  echo "closed.connections=$CLOSED_CONNECTIONS"
  echo "closed.warmup=$CLOSED_WARMUP"
  echo "closed.duration=$CLOSED_DURATION"
  echo "open.connections=$OPEN_CONNECTIONS"
  echo "open.load=$OPEN_LOAD"
  echo "open.warmup=$OPEN_WARMUP"
  echo "open.duration=$OPEN_DURATION"
  echo "startup.url=/products/1"
  echo "startup.window=$STARTUP_WINDOW"
  echo "startup.route=$STARTUP_ROUTE"
  echo "alloc.duration=$ALLOC_DURATION"
  echo "spring.app=test-apps/spring-shop (Spring Boot web MVC, default heap settings)"
  echo "spring.url=$SPRING_URL_PATH"
  echo "nmt.flags=${NMT_FLAGS[*]}"
  for e in "${ENDPOINTS[@]}"; do
    echo "endpoint.$e.path=${EP_PATH[$e]}"
    echo "endpoint.$e.label=${EP_LABEL[$e]}"
  done
  for c in "${CONFIGS[@]}"; do echo "config.$c.label=${LABEL[$c]}"; done
  echo "config.vigil-metrics.jarBytes=$(stat -c %s "$AGENT_JAR")"
  echo "config.vigil-traces.jarBytes=$(stat -c %s "$AGENT_JAR")"
  echo "config.vigil-10.jarBytes=$(stat -c %s "$AGENT_JAR")"
  echo "config.vigil-measured.jarBytes=$(stat -c %s "$AGENT_JAR")"
  echo "config.otel.jarBytes=$(stat -c %s "$OTEL_JAR")"
} > "$RESULTS/env.properties"

# --- one configuration, three JVMs ----------------------------------------------------------------------------------
# start_app PREFIX JAR FLAGS...: launches the app pinned to the app core, sets APP_PID, LAUNCH_MS and APP_PORT.
start_app() {
  local prefix=$1 jar=$2; shift 2
  LAUNCH_MS=$(date +%s%3N)
  OTEL_LOGS_EXPORTER=none taskset -c $APP_CORE "$JAVA" "$@" -jar "$jar" > "$prefix-app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 12000); do grep -q '^READY ' "$prefix-app.log" 2>/dev/null && break; sleep 0.01; done
  APP_PORT=$(sed -n 's/^READY \([0-9]*\).*/\1/p' "$prefix-app.log")
  [[ -n $APP_PORT ]] || { echo "the app did not start ($prefix): $(tail -5 "$prefix-app.log")" >&2; exit 1; }
}

stop_app() {
  kill -TERM "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# Start-up: launch to the first 200 and the app's CPU by then, throughput in the first 10 s, first counted request.
startup_phase() {
  local round=$1 config=$2 prefix="$RESULTS/r$1-$2"
  # shellcheck disable=SC2046
  start_app "$prefix-startup" "$SHOP_JAR" "${JVM_FLAGS[@]}" "${APP_FLAGS[@]}" $(agent_flags "$config") -Dshop.port=0
  local counted=()
  [[ $config == vigil-* ]] && counted=(--agent-log "$prefix-startup-app.log" --route "$STARTUP_ROUTE")
  loadgen startup --target "http://127.0.0.1:$APP_PORT/products/{id}" --since-epoch-ms "$LAUNCH_MS" --pid "$APP_PID" \
    --clk-tck "$CLK_TCK" --window "${STARTUP_WINDOW}s" --connections $CLOSED_CONNECTIONS "${counted[@]}" \
    --out "$prefix-startup.json"
  stop_app
  log "round $round, $config: first 200 after $(json_number "$prefix-startup.json" firstOkMs) ms," \
    "$(json_number "$prefix-startup.json" throughputInWindow) req/s in the first ${STARTUP_WINDOW} s"
}

# Steady state (NMT on): max throughput and CPU per request per endpoint, RSS, threads, NMT, allocation per request.
declare -A RATE
steady_phase() {
  local round=$1 config=$2 prefix="$RESULTS/r$1-$2"
  local before; before=$(sink_bytes)
  # shellcheck disable=SC2046
  start_app "$prefix" "$SHOP_JAR" "${JVM_FLAGS[@]}" "${NMT_FLAGS[@]}" "${APP_FLAGS[@]}" $(agent_flags "$config") \
    -Dshop.port=0
  if [[ $config == vigil-* ]]; then # steady state starts once the agent's set-up is over
    for _ in $(seq 1 1200); do grep -q '^\[vigil\] [A-Z]* \(started\|agent failed\)' "$prefix-app.log" && break; sleep 0.1; done
  fi
  loadgen await --url "http://127.0.0.1:$APP_PORT/products/1" > /dev/null
  for e in "${ENDPOINTS[@]}"; do
    local target="$e=http://127.0.0.1:$APP_PORT${EP_PATH[$e]}"
    loadgen closed --target "$target" --connections $CLOSED_CONNECTIONS --warmup $CLOSED_WARMUP \
      --duration $CLOSED_DURATION --id-range 20 --out "$prefix-$e-closed.json" > "$prefix-$e-closed.txt"
    local max; max=$(json_number "$prefix-$e-closed.json" throughput)
    if [[ $config == none ]]; then
      RATE[$e]=$(awk -v m="$max" -v f=$OPEN_LOAD 'BEGIN { r = m * f; printf "%.0f", (r < 1 ? 1 : r) }')
    fi
    loadgen open --target "$target" --rate "${RATE[$e]}" --connections $OPEN_CONNECTIONS --warmup $OPEN_WARMUP \
      --duration $OPEN_DURATION --id-range 20 --pid "$APP_PID" --clk-tck "$CLK_TCK" \
      --out "$prefix-$e-open.json" > "$prefix-$e-open.txt"
    log "  $e: max $(printf '%.0f' "$max") req/s; at ${RATE[$e]} req/s p99 $(json_number "$prefix-$e-open.json" p99) ms," \
      "CPU $(json_number "$prefix-$e-open.json" microsPerRequest) us/req"
  done
  # footprint first: the jcmd attaches below start threads of their own
  local rss threads
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$APP_PID/status")
  threads=$(awk '/^Threads/ {print $2}' "/proc/$APP_PID/status")
  taskset -c $LOAD_CORE jcmd "$APP_PID" VM.native_memory summary > "$prefix-nmt.txt" 2>&1 || true
  # allocation per request on the first endpoint, JIT warm: JFR per-thread totals at the start and end of a fixed load
  local e=${ENDPOINTS[0]}
  taskset -c $LOAD_CORE jcmd "$APP_PID" JFR.start name=vigil-bench-alloc settings="$RESULTS/alloc.jfc" > /dev/null
  loadgen open --target "$e=http://127.0.0.1:$APP_PORT${EP_PATH[$e]}" --rate "${RATE[$e]}" \
    --connections $OPEN_CONNECTIONS --warmup 0s --duration $ALLOC_DURATION --id-range 20 \
    --out "$prefix-$e-alloc.json" > /dev/null
  taskset -c $LOAD_CORE jcmd "$APP_PID" JFR.stop name=vigil-bench-alloc filename="$prefix-alloc.jfr" > /dev/null
  local alloc; alloc=$(loadgen jfr-alloc --jfr "$prefix-alloc.jfr")
  rm -f "$prefix-alloc.jfr"
  stop_app
  local after; after=$(sink_bytes)
  printf 'rssKb=%s\nthreads=%s\notlpBytes=%s\nallocBytes=%s\nallocRequests=%s\n' "$rss" "$threads" \
    $((after - before)) "$alloc" "$(json_number "$prefix-$e-alloc.json" sent)" > "$prefix.properties"
  log "  RSS $((rss / 1024)) MB, $threads threads, $(awk -v a="$alloc" -v n="$(json_number "$prefix-$e-alloc.json" sent)" \
    'BEGIN { printf "%.0f", a / n }') bytes allocated per request"
}

# RSS after start-up of the Spring Boot app with the JVM's default heap settings.
spring_phase() {
  local round=$1 config=$2 prefix="$RESULTS/r$1-$2-spring"
  # shellcheck disable=SC2046
  start_app "$prefix" "$SPRING_SHOP_JAR" $(agent_flags "$config")
  local first; first=$(loadgen await --url "http://127.0.0.1:$APP_PORT$SPRING_URL_PATH" --since-epoch-ms "$LAUNCH_MS")
  sleep 1 # what start-up left behind, not a request's transient garbage
  printf 'firstOkMs=%s\nrssKb=%s\n' "$first" "$(awk '/^VmRSS/ {print $2}' "/proc/$APP_PID/status")" \
    > "$prefix.properties"
  stop_app
}

cat > "$RESULTS/alloc.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="vigil-bench-alloc" description="every thread's allocated bytes, at start and end">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting>
    <setting name="period">everyChunk</setting></event>
</configuration>
JFC

for round in $(seq 1 "$ROUNDS"); do
  for config in "${CONFIGS[@]}"; do
    startup_phase "$round" "$config"
    steady_phase "$round" "$config"
    spring_phase "$round" "$config"
  done
done

report=(report --dir "$RESULTS" --json "$RESULTS/bench.json" --markdown "$RESULTS/bench.md")
[[ $DOC == 1 ]] && report+=(--doc "$ROOT/docs/benchmarks.md")
"$JAVA" -jar "$LOADGEN_JAR" "${report[@]}"
SUFFIX=""; [[ $QUICK == 1 ]] && SUFFIX=-quick # not inside $(...): a false test there would end the script (set -e)
RUN_JSON=$ROOT/docs/bench-runs/$(date -u +%Y-%m-%dT%H%MZ)$SUFFIX.json
cp "$RESULTS/bench.json" "$RUN_JSON"
log "done: $RESULTS/bench.json, $RUN_JSON$([[ $DOC == 1 ]] && echo ", docs/benchmarks.md")"
