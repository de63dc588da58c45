#!/usr/bin/env bash
# The edge benchmark (issue 11 point 6): logins/s with the Argon2id parameters stated, and the
# latency that HTTP rate limiting adds to a server-API publish, with and without, in one run.
#
#   bash switchboard-bench/run.sh edge [extra EdgeBench options...]
#   bash switchboard-bench/edge.sh [...]                                (the same)
#
# Four nodes (the fat jar, embedded store, commands and workflows off) run side by side, in pairs
# that differ only in the rate limits:
#   memory-off  embedded engine, rateLimits.enabled: false   (the API-key check only)
#   memory      embedded engine, a per-key token bucket in the node (keyPerSecond set very high)
#   redis-off   engine.type: redis (a scratch Redis, REDIS_PORT), rateLimits.enabled: false
#   redis       engine.type: redis, the same bucket in Redis (one more round trip per request)
# io.switchboard.bench.EdgeBench registers USERS users on `memory` (anonymous limits raised) and
# logs them in from CONCURRENCY closed loops for LOGIN_SECONDS, then publishes at RATE/s to each
# node in turn for DURATION s, ROUNDS times, after WARMUP s per node, and prints p50/p99 per node
# and, for `memory` and `redis`, the difference to their twin without limits.
#
# Environment overrides:
#   ARGON2_MEMORY_KIB=19456 ARGON2_ITERATIONS=2 ARGON2_PARALLELISM=1 (the defaults: OWASP baseline)
#   USERS=16 CONCURRENCY=4 LOGIN_SECONDS=20 RATE=2000 DURATION=10 WARMUP=20 ROUNDS=3
#   SB_JAR=<fat jar> SB_JAVA_OPTS="-Xms256m -Xmx512m" BENCH_JAVA_OPTS="-Xmx1g"
#   SB_PORT=8011 (then +1, +2, +3) REDIS_PORT=6392 QUIET_WAIT=120 QUIET_CORES=0.3
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
ARGON2_MEMORY_KIB="${ARGON2_MEMORY_KIB:-19456}"
ARGON2_ITERATIONS="${ARGON2_ITERATIONS:-2}"
ARGON2_PARALLELISM="${ARGON2_PARALLELISM:-1}"
USERS="${USERS:-16}"
CONCURRENCY="${CONCURRENCY:-4}"
LOGIN_SECONDS="${LOGIN_SECONDS:-20}"
RATE="${RATE:-2000}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-20}"
ROUNDS="${ROUNDS:-3}"
SB_JAR="${SB_JAR:-$ROOT/switchboard-app/target/switchboard.jar}"
SB_JAVA_OPTS="${SB_JAVA_OPTS:--Xms256m -Xmx512m}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g}"
BENCH_JAR="$HERE/target/switchboard-bench.jar"
SB_PORT="${SB_PORT:-8011}"
REDIS_PORT="${REDIS_PORT:-6392}"
QUIET_WAIT="${QUIET_WAIT:-120}"
QUIET_CORES="${QUIET_CORES:-0.3}"
SECRET="bench-hmac-secret-0123456789abcdef-0123456789"
API_KEY="bench-api-key-0123456789"
OUT="$HERE/target/edge-$(date +%Y%m%d%H%M%S)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
mkdir -p "$OUT"

if [[ "${REBUILD:-0}" == 1 || ! -f "$BENCH_JAR" ]]; then
  (cd "$ROOT" && mvn -B -q package -pl switchboard-bench -DskipTests)
fi
[[ -f "$SB_JAR" ]] || (cd "$ROOT" && mvn -B -q package -pl switchboard-app -am -DskipTests -DskipITs)

PIDS=() REDIS_PID=""
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  [[ -z "$REDIS_PID" ]] || { kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
}
trap cleanup EXIT INT TERM

start_node() { # name index extra-yaml
  local port=$((SB_PORT + $2)) f="$OUT/$1.yaml" log="$OUT/$1.log"
  if port_busy "$port"; then echo "port $port already in use" >&2; return 1; fi
  cat > "$f" <<YAML
node: {id: "bench-$1"}
server: {host: 127.0.0.1, port: $port}
auth: {hmacSecret: "$SECRET"}
api: {keys: ["$API_KEY"]}
commands: {enabled: false}
workflows: {enabled: false}
tunnel: {enabled: false}
edge: {argon2MemoryKib: $ARGON2_MEMORY_KIB, argon2Iterations: $ARGON2_ITERATIONS, argon2Parallelism: $ARGON2_PARALLELISM}
namespaces: {chat: {presence: false, historySize: 10}}
$3
YAML
  # shellcheck disable=SC2086
  java $SB_JAVA_OPTS -jar "$SB_JAR" serve -c "$f" >"$log" 2>&1 &
  PIDS+=($!)
  wait_ready "http://127.0.0.1:$port/health/ready" "$!" "$log"
}

if port_busy "$REDIS_PORT"; then echo "port $REDIS_PORT (scratch Redis) in use; set REDIS_PORT" >&2; exit 1; fi
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$OUT" >"$OUT/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" PING >/dev/null 2>&1 && break; sleep 0.1; done

wait_quiet
LIMITED="rateLimits: {keyPerSecond: 1000000000, keyBurst: 1000000000, ipPerSecond: 1000000, ipBurst: 1000000}"
redis_engine() { echo "engine: {type: redis, redis: {url: \"redis://127.0.0.1:$REDIS_PORT\", prefix: \"$1\"}}"; }
start_node memory-off 0 "rateLimits: {enabled: false}"
start_node memory 1 "$LIMITED"
start_node redis-off 2 "rateLimits: {enabled: false}
$(redis_engine sbedge-off)"
start_node redis 3 "$LIMITED
$(redis_engine sbedge)"

echo "edge benchmark: Argon2id m=${ARGON2_MEMORY_KIB} KiB t=${ARGON2_ITERATIONS} p=${ARGON2_PARALLELISM}; $(nproc) cores; output $OUT"
# shellcheck disable=SC2086
java $BENCH_JAVA_OPTS -cp "$BENCH_JAR" io.switchboard.bench.EdgeBench \
  --login "http://127.0.0.1:$((SB_PORT + 1))" --api-key "$API_KEY" \
  --targets "memory-off=http://127.0.0.1:$SB_PORT,memory=http://127.0.0.1:$((SB_PORT + 1)),redis-off=http://127.0.0.1:$((SB_PORT + 2)),redis=http://127.0.0.1:$((SB_PORT + 3))" \
  --users "$USERS" --concurrency "$CONCURRENCY" --login-seconds "$LOGIN_SECONDS" \
  --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" --rounds "$ROUNDS" "$@" 2>&1 | tee "$OUT/edge.txt"
n="$(cat "$OUT"/*.log | grep -ciE ' (warn|error) ' || true)"
echo "node logs: $n warn/error line(s)"
echo; echo "================ edge benchmark ($OUT)"
grep -E '^(logins|publish .*all rounds)' "$OUT/edge.txt" || echo "(no result)"
