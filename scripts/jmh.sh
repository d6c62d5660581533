#!/usr/bin/env bash
# JMH benchmarks of the agent's hot paths (agent/src/jmh/java), pinned to one core.
#   scripts/jmh.sh                       all benchmarks, -f 3 -wi 5 -i 10 -prof gc (BENCHMARKING.md)
#   scripts/jmh.sh HttpServerRecorder    a subset (any JMH arguments pass through)
#   scripts/jmh.sh --footprint [N]       retained heap per endpoint series
# JMH_CORE picks the core (default 1); JAVA picks the JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
CORE=${JMH_CORE:-1}

mvn -B -q -P jmh -pl agent -am test-compile
cp="$(cat agent/target/jmh-classpath.txt):agent/target/test-classes:agent/target/classes"

if [[ "${1:-}" == "--footprint" ]]; then
  exec taskset -c "$CORE" "$JAVA" -Xms1g -Xmx1g -XX:+UseG1GC -cp "$cp" dev.vigil.agent.signals.Footprint "${2:-2000}"
fi
args=("$@")
if [[ ${#args[@]} -eq 0 ]]; then
  args=(-f 3 -wi 5 -i 10 -prof gc)
fi
exec taskset -c "$CORE" "$JAVA" -cp "$cp" org.openjdk.jmh.Main "${args[@]}"
