#!/usr/bin/env bash
# Start-up cost of the agent: the shop jar launched RUNS times without and RUNS times with -javaagent, interleaved,
# timed from JVM launch to the READY line, to the first served request (GET /products) and to the first request that
# /metrics counts; with the shop's CPU time to its first 200. Prints medians.
#   scripts/startup-bench.sh                     10 runs each on the default java, pinned to core 1
#   RUNS=20 JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java scripts/startup-bench.sh
# Env: RUNS, JAVA, AGENT_JAR, JVM_FLAGS (same for both variants; default -Xms1g -Xmx1g -XX:+UseG1GC), CPU (the core
# the shop is pinned to, default 1; empty: not pinned), BUILD=0 skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
AGENT_JAR="${AGENT_JAR:-agent/target/vigil-agent.jar}"
SHOP_JAR=test-apps/shop/target/vigil-shop.jar
JAVA="${JAVA:-java}"

if [[ "${BUILD:-1}" != 0 || ! -f "$AGENT_JAR" || ! -f "$SHOP_JAR" ]]; then
  echo "==> Building (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package
fi

echo "==> Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
" load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "==> JVM: $("$JAVA" -version 2>&1 | head -n 1)"
echo "==> Flags for both variants: ${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}"
"$JAVA" -cp "$SHOP_JAR" dev.vigil.shop.tools.StartupBench --java "$(command -v "$JAVA")" --runs "${RUNS:-10}" \
  --shop-jar "$SHOP_JAR" --agent-jar "$AGENT_JAR" --jvm-flags "${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}" \
  --cpu "${CPU-1}"
