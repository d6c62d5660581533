#!/usr/bin/env bash
# What the agent costs the JIT: the shop pinned to one core under a steady open-model load (GET /products/{id}, one
# JDBC query) for DURATION, without and with the agent (and with a second agent jar, e.g. an older build), interleaved;
# JFR jdk.Compilation events give C1/C2 compilations, compiled code size, compile time, what is still compiled after
# AFTER (steady state) and when the last C2 compilation ended. Prints one line per run and the load average.
#   scripts/startup-jit.sh                                   2 rounds, 150 s each, 500 req/s
#   ROUNDS=1 DURATION=90 RATE=300 OTHER_JAR=/path/old-vigil-agent.jar scripts/startup-jit.sh
# Env: JAVA, ROUNDS (2), DURATION (150 s), AFTER (60 s), RATE (500), OTHER_JAR, BUILD=0 skips the build.
set -uo pipefail
cd "$(dirname "$0")/.."
AGENT_JAR=agent/target/vigil-agent.jar
SHOP_JAR=test-apps/shop/target/vigil-shop.jar
LOADGEN_JAR=test-apps/loadgen/target/vigil-loadgen.jar
JAVA="${JAVA:-java}"
if [[ "${BUILD:-1}" != 0 || ! -f "$AGENT_JAR" || ! -f "$SHOP_JAR" || ! -f "$LOADGEN_JAR" ]]; then
  echo "==> Building (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package || exit 1
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/compilation.jfc" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
</configuration>
EOF
VARIANTS="none vigil"
[[ -n "${OTHER_JAR:-}" ]] && VARIANTS="none vigil other"
echo "==> $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -n 1);" \
  "${DURATION:-150} s at ${RATE:-500} req/s per run"
for round in $(seq 1 "${ROUNDS:-2}"); do
  for v in $VARIANTS; do
    A=()
    [[ $v == vigil ]] && A=(-javaagent:"$AGENT_JAR" -Dvigil.prometheus.port=0)
    [[ $v == other ]] && A=(-javaagent:"$OTHER_JAR" -Dvigil.prometheus.port=0)
    start=$(date +%s%3N)
    taskset -c 1 "$JAVA" -Xms1g -Xmx1g -XX:+UseG1GC -Dsun.net.httpserver.nodelay=true "${A[@]}" \
      -XX:StartFlightRecording:filename="$WORK/$v.jfr",settings="$WORK/compilation.jfc",dumponexit=true \
      -Dshop.port=0 -jar "$SHOP_JAR" >"$WORK/$v.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 1200); do grep -q '^READY' "$WORK/$v.log" && break; sleep 0.05; done
    port=$(grep -m1 -o '^READY [0-9]*' "$WORK/$v.log" | cut -d' ' -f2)
    taskset -c 0 "$JAVA" -jar "$LOADGEN_JAR" open --rate "${RATE:-500}" --warmup 0s --duration "${DURATION:-150}s" \
      --id-range 100 --target "http://127.0.0.1:$port/products/{id}" >"$WORK/$v-load.txt" 2>&1
    kill "$pid"
    wait "$pid" 2>/dev/null
    echo "round $round $v: $("$JAVA" -cp "$SHOP_JAR" dev.vigil.shop.tools.JitSummary --jfr "$WORK/$v.jfr" \
      --start "$start" --after "${AFTER:-60}s") (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
