#!/usr/bin/env bash
# Counts behind the agent's start-up cost, one launch per variant: the shop started with and without -javaagent,
# -Xlog:class+load to a file, first GET /products answered 200, then process CPU (utime+stime), classes loaded
# (total, from the agent jar, shaded ByteBuddy) and the CPU of each live thread. Prints the load average with each line.
#   scripts/startup-counts.sh [AGENT_JAR] [SHOP_JAR]      (defaults: this checkout's built jars)
set -u
AGENT_JAR="${1:-agent/target/vigil-agent.jar}"; SHOP_JAR="${2:-test-apps/shop/target/vigil-shop.jar}"
WORK=$(mktemp -d)
for V in none agent none agent; do
  LOG=$WORK/cl-$V.log; OUT=$WORK/out-$V.log
  A=(); [[ $V == agent ]] && A=(-javaagent:"$AGENT_JAR" -Dvigil.prometheus.port=0)
  ${JAVA:-java} -Xms1g -Xmx1g -XX:+UseG1GC "${A[@]}" -Xlog:class+load=info:file="$LOG" -Dshop.port=0 \
    -jar "$SHOP_JAR" >"$OUT" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do grep -q READY "$OUT" 2>/dev/null && break; sleep 0.1; done
  PORT=$(grep -o 'READY [0-9]*' "$OUT" | grep -o '[0-9]*$')
  for _ in $(seq 1 300); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/products") == 200 ]] && break; sleep 0.05
  done
  read -r ut st < <(awk '{print $14, $15}' /proc/$PID/stat)
  echo "$V cpu_ms=$(( (ut + st) * 10 )) classes=$(grep -c 'class,load' "$LOG")" \
    "from_agent_jar=$(grep -c "$(basename "$AGENT_JAR")" "$LOG")" \
    "shaded_bytebuddy=$(grep -c 'dev.vigil.shaded.bytebuddy' "$LOG") load=$(cut -d' ' -f1-3 /proc/loadavg)"
  for t in /proc/$PID/task/*; do echo "  $(tr ' ' _ <"$t/comm") $(awk '{print ($14 + $15) * 10}' "$t/stat")" 2>/dev/null; done 2>/dev/null \
    | sort -k2 -nr | head -6
  kill "$PID"; wait "$PID" 2>/dev/null
done
rm -rf "$WORK"
