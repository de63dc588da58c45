#!/usr/bin/env bash
# Startup time of a Switchboard node (issue 13 point 2, "an AOT/CDS cache for startup and warmup"):
# milliseconds from `java -jar switchboard.jar serve` to the first 200 from /health, RUNS (5) times per
# variant, each with a fresh JVM on the memory engine:
#   jdk17        the default JDK, no archive
#   jdk17-cds    JDK 17 with an AppCDS archive of the app's classes (-XX:ArchiveClassesAtExit from one
#                training start, then -XX:SharedArchiveFile)
#   jdk25        Temurin 25 (JDK25_HOME, default /usr/lib/jvm/temurin-25-jdk-amd64), no cache
#   jdk25-aot    JDK 25 with an AOT cache (JEP 483/514: -XX:AOTCacheOutput from one training start, then
#                -XX:AOTCache): classes loaded and linked ahead of time, plus method profiles
# The training start serves one /health and one /metrics and stops with SIGTERM (the archive is
# written at exit). Prints median and min per variant.
#
#   bash switchboard-bench/startup.sh            # RUNS=5 PORT=18090
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SB_JAR="${SB_JAR:-$ROOT/switchboard-app/target/switchboard.jar}"
JDK25_HOME="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
RUNS="${RUNS:-5}"
PORT="${PORT:-18090}"
OUT="${OUT:-$HERE/target/startup-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
[[ -f "$SB_JAR" ]] || (cd "$ROOT" && mvn -B -q package -pl switchboard-app -am -DskipTests -DskipITs)
CONF="$OUT/startup.yaml"
printf 'server: {host: 127.0.0.1, port: %s}\nauth: {anonymous: true}\n' "$PORT" > "$CONF"

now_ms() { date +%s%3N; }

start_once() { # java-binary extra-opts... -> prints ms to first /health 200
  local java="$1"; shift
  local t0 pid ms=""
  t0="$(now_ms)"
  "$java" "$@" -jar "$SB_JAR" serve -c "$CONF" >"$OUT/last.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1500); do
    if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/health" 2>/dev/null; then
      ms=$(( $(now_ms) - t0 )); break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  if [[ -n "${TRAIN:-}" ]]; then curl -fsS -o /dev/null "http://127.0.0.1:$PORT/metrics" || true; fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [[ -n "$ms" ]] || { echo "node did not answer /health; log:" >&2; tail -20 "$OUT/last.log" >&2; return 1; }
  echo "$ms"
}

measure() { # label java opts...
  local label="$1"; shift
  local xs=() i
  for ((i = 0; i < RUNS; i++)); do xs+=("$(start_once "$@")"); done
  printf '%-10s %s\n' "$label" "$(printf '%s\n' "${xs[@]}" | sort -n | awk '{a[NR]=$1} END{printf "median %5d ms  min %5d ms  (%d runs)", a[int((NR+1)/2)], a[1], NR}')"
}

J17="$(command -v java)"
J25="$JDK25_HOME/bin/java"
echo "startup to first /health 200, $RUNS runs each; jar $SB_JAR"
measure jdk17 "$J17"
TRAIN=1 start_once "$J17" -XX:ArchiveClassesAtExit="$OUT/app17.jsa" >/dev/null
measure jdk17-cds "$J17" -XX:SharedArchiveFile="$OUT/app17.jsa"
if [[ -x "$J25" ]]; then
  measure jdk25 "$J25"
  TRAIN=1 start_once "$J25" -XX:AOTCacheOutput="$OUT/app25.aot" >/dev/null
  measure jdk25-aot "$J25" -XX:AOTCache="$OUT/app25.aot"
else
  echo "no JDK 25 at $JDK25_HOME: jdk25 variants skipped"
fi
ls -la "$OUT"/*.jsa "$OUT"/*.aot 2>/dev/null | awk '{print "archive", $NF, int($5/1048576) " MiB"}'
