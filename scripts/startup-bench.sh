#!/usr/bin/env bash
# Start-up cost of the agent: the shop jar launched RUNS times without and RUNS times with -javaagent, interleaved,
# timed from JVM launch to the READY line and to the first served request (GET /products); prints medians.
#   scripts/startup-bench.sh                     10 runs each on the default java
#   RUNS=20 JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java scripts/startup-bench.sh
# Env: RUNS, JAVA, JVM_FLAGS (same for both variants; default -Xms1g -Xmx1g -XX:+UseG1GC), BUILD=0 skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
AGENT_JAR=agent/target/vigil-agent.jar
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
  --shop-jar "$SHOP_JAR" --agent-jar "$AGENT_JAR" --jvm-flags "${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}"
