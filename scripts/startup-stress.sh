#!/usr/bin/env bash
# Start-up can never kill the application: starts each server test app (test-apps/servers/*, the shop, the Spring Boot
# shop) N times with the agent, pinned to one core while a busy loop holds the other, sends one request as soon as the
# app listens, and fails on any Error in any thread (ClassCircularityError, NoClassDefFoundError, ... or "Exception in
# thread"), any agent ERROR line, any "cannot instrument" warning, or an app that never answered.
#   scripts/startup-stress.sh            50 starts of each app
#   scripts/startup-stress.sh 5          5 of each
#   APPS="jetty12 shop" scripts/startup-stress.sh 20
# Env: JAVA (default java), APPS (default all), APP_CORE (1), BUSY_CORE (0), BUILD=0 skips the build.
# Prints one line per app (starts, failures, median ms to the first answer) and keeps the logs of failed starts.
set -uo pipefail
cd "$(dirname "$0")/.."
N="${1:-50}"
JAVA="${JAVA:-java}"
AGENT_JAR=agent/target/vigil-agent.jar
ALL_APPS="jetty9 jetty10 jetty12 tomcat9 tomcat10 tomcat11 undertow spring5 shop spring-shop"
APPS="${APPS:-$ALL_APPS}"

if [[ "${BUILD:-1}" != 0 || ! -f "$AGENT_JAR" ]]; then
  echo "==> Building (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package || exit 1
fi

# name -> launch arguments and the path of its first request
launch() {
  local app=$1 dir=test-apps/servers/$1
  case "$app" in
    jetty9) echo "-cp $dir/target/classes:$(cat "$dir/target/classpath.txt") org.example.servers.jetty9.Jetty9App" ;;
    jetty10) echo "-cp $dir/target/classes:$(cat "$dir/target/classpath.txt") org.example.servers.jetty10.Jetty10App" ;;
    jetty12) echo "-cp $dir/target/classes:$(cat "$dir/target/classpath.txt") org.example.servers.jetty12.Jetty12App" ;;
    tomcat9) echo "-cp $dir/target/classes:$(cat "$dir/target/classpath.txt") org.example.servers.tomcat9.Tomcat9App" ;;
    tomcat10 | tomcat11)
      echo "-cp $dir/target/classes:$(cat "$dir/target/classpath.txt") org.example.servers.tomcat10.TomcatJakartaApp" ;;
    undertow) echo "-cp $dir/target/classes:$(cat "$dir/target/classpath.txt") org.example.servers.undertow.UndertowApp" ;;
    spring5) echo "-cp $dir/target/classes:$(cat "$dir/target/classpath.txt") org.example.servers.spring5.Spring5App" ;;
    shop) echo "-Dshop.port=0 -jar test-apps/shop/target/vigil-shop.jar" ;;
    spring-shop) echo "-cp test-apps/spring-shop/target/spring-shop.jar org.springframework.boot.loader.launch.JarLauncher" ;;
  esac
}
first_path() {
  case "$1" in
    shop) echo /products ;;
    spring-shop) echo /owners/1 ;;
    spring5) echo /petclinic/api/vets/1/specialties/surgery ;;
    *) echo /app/hello ;;
  esac
}
# An Error class name (java.lang.ClassCircularityError, NoClassDefFoundError, ...) or an uncaught exception anywhere
# in the output, an agent ERROR line, or an instrumentation that failed.
BAD='(^|[^A-Za-z])[A-Z][A-Za-z]*Error([^A-Za-z]|$)|Exception in thread|^\[vigil\] ERROR|"level":"ERROR"|cannot instrument'

WORK=$(mktemp -d)
taskset -c "${BUSY_CORE:-0}" sh -c 'while :; do :; done' &
BUSY=$!
trap 'kill $BUSY 2>/dev/null; rm -rf "$WORK"' EXIT
FAILED_LOGS="${TMPDIR:-/tmp}/vigil-startup-stress.$$"
echo "==> $N starts per app, app on core ${APP_CORE:-1}, busy loop on core ${BUSY_CORE:-0};" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -n 1)"
total_failed=0
for app in $APPS; do
  failed=0
  times=()
  for i in $(seq 1 "$N"); do
    log=$WORK/$app-$i.log
    start=$(date +%s%N)
    # shellcheck disable=SC2046
    taskset -c "${APP_CORE:-1}" "$JAVA" -javaagent:"$AGENT_JAR" -Dvigil.prometheus.port=0 $(launch "$app") \
      >"$log" 2>&1 &
    pid=$!
    port=""
    for _ in $(seq 1 1200); do # 60 s
      port=$(grep -m1 -o '^READY [0-9]*' "$log" 2>/dev/null | cut -d' ' -f2)
      [[ -n "$port" ]] && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    code=000
    if [[ -n "$port" ]]; then
      code=$(curl -s -o /dev/null -m 30 -w '%{http_code}' "http://127.0.0.1:$port$(first_path "$app")")
      times+=($(( ($(date +%s%N) - start) / 1000000 )))
      for _ in $(seq 1 200); do # the agent's start-up line (its background set-up), 10 s
        grep -q '^\[vigil\] INFO started\|^\[vigil\] ERROR' "$log" && break
        sleep 0.05
      done
    fi
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if [[ "$code" != 200 ]] || grep -Eq "$BAD" "$log"; then
      failed=$((failed + 1))
      mkdir -p "$FAILED_LOGS"
      cp "$log" "$FAILED_LOGS/"
      echo "  FAILED $app start $i (first answer $code): $(grep -Em1 "$BAD" "$log" || echo no answer)"
    fi
  done
  median=$(printf '%s\n' "${times[@]:-0}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$app: $N starts, $failed failed, median $median ms to the first answer, load $(cut -d' ' -f1 /proc/loadavg)"
  total_failed=$((total_failed + failed))
done
if [[ $total_failed -gt 0 ]]; then
  echo "==> $total_failed failed start(s); their logs are in $FAILED_LOGS/"
  exit 1
fi
echo "==> no Error in any thread, no agent ERROR in any start"
