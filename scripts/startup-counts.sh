#!/usr/bin/env bash
# Counts behind the agent's start-up cost, interleaved launches with and without -javaagent: -Xlog:class+load to a
# file, the first request answered 200, then process CPU (utime+stime), classes loaded (total, from the agent jar,
# shaded ByteBuddy), committed heap and RSS, and the CPU of the busiest threads. Prints the load average with each line.
#   scripts/startup-counts.sh                         the shop (-Xms1g -Xmx1g), 2 launches of each variant
#   APP=spring-shop JVM_FLAGS= scripts/startup-counts.sh      the Spring Boot shop with the JVM's default heap
# Env: APP (shop | spring-shop), RUNS (2), JVM_FLAGS, JAVA, AGENT_JAR, PIN (a core number: taskset -c PIN).
set -u
cd "$(dirname "$0")/.."
AGENT_JAR="${AGENT_JAR:-agent/target/vigil-agent.jar}"
APP="${APP:-shop}"
if [[ $APP == spring-shop ]]; then
  LAUNCH=(-cp test-apps/spring-shop/target/spring-shop.jar org.springframework.boot.loader.launch.JarLauncher)
  FIRST=/owners/1
  DEFAULT_FLAGS=""
else
  LAUNCH=(-Dshop.port=0 -jar test-apps/shop/target/vigil-shop.jar)
  FIRST=/products
  DEFAULT_FLAGS="-Xms1g -Xmx1g -XX:+UseG1GC"
fi
read -r -a FLAGS <<<"${JVM_FLAGS-$DEFAULT_FLAGS}"
PINNED=(); [[ -n "${PIN:-}" ]] && PINNED=(taskset -c "$PIN")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "==> $APP, flags '${FLAGS[*]:-}', $(${JAVA:-java} -version 2>&1 | head -n 1)"
for _ in $(seq 1 "${RUNS:-2}"); do
  for V in none agent; do
    LOG=$WORK/cl-$V.log; OUT=$WORK/out-$V.log
    A=(); [[ $V == agent ]] && A=(-javaagent:"$AGENT_JAR" -Dvigil.prometheus.port=0)
    "${PINNED[@]}" ${JAVA:-java} "${FLAGS[@]}" "${A[@]}" -Xlog:class+load=info:file="$LOG" "${LAUNCH[@]}" >"$OUT" 2>&1 &
    PID=$!
    for _ in $(seq 1 1200); do grep -q '^READY' "$OUT" 2>/dev/null && break; sleep 0.05; done
    PORT=$(grep -m1 -o '^READY [0-9]*' "$OUT" | cut -d' ' -f2)
    for _ in $(seq 1 600); do
      [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$FIRST") == 200 ]] && break; sleep 0.05
    done
    read -r ut st < <(awk '{print $14, $15}' /proc/$PID/stat)
    HEAP_KB=$(jstat -gc "$PID" 2>/dev/null | awk 'NR==2 {print int($1 + $2 + $5 + $7)}')
    RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
    echo "$V cpu_ms=$(( (ut + st) * 10 )) classes=$(grep -c 'class,load' "$LOG")" \
      "from_agent_jar=$(grep -c "$(basename "$AGENT_JAR")" "$LOG")" \
      "shaded_bytebuddy=$(grep -c 'dev.vigil.shaded.bytebuddy' "$LOG") heap_committed_mb=$(( ${HEAP_KB:-0} / 1024 ))" \
      "rss_mb=$(( ${RSS_KB:-0} / 1024 )) load=$(cut -d' ' -f1-3 /proc/loadavg)"
    grep -h '^\[vigil\] INFO started' "$OUT" | sed 's/^/  /'
    for t in /proc/$PID/task/*; do
      echo "  $(tr ' ' _ <"$t/comm" 2>/dev/null) $(awk '{print ($14 + $15) * 10}' "$t/stat" 2>/dev/null)"
    done 2>/dev/null | sort -k2 -nr | head -5
    kill "$PID"; wait "$PID" 2>/dev/null
  done
done
