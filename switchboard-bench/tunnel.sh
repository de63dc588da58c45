#!/usr/bin/env bash
# The tunnel benchmark (issue 10 point 7; SPEC C4 target: at most 1 ms added at p50 and 5 ms at
# p99, at 1k requests/s).
#
#   bash switchboard-bench/run.sh tunnel [extra TunnelBench options...]
#   bash switchboard-bench/tunnel.sh [...]                                 (the same)
#
# A local HTTP service (io.switchboard.bench.EchoService, its own JVM) answers POST /echo. Per
# topology of TOPOLOGIES:
#   single   one node (embedded engine); the agent and the callers on it
#   cluster  two nodes on a scratch Redis (REDIS_PORT); the agent on the first, the callers on the
#            second: every request crosses nodes (request and reply relayed through Redis)
# the node(s) start fresh, a project token is issued through the server API, the agent
# (`switchboard agent`, AGENT_CMD) connects with the route echo=POST:<service>/echo, and
# io.switchboard.bench.TunnelBench runs, per rate of RATES, an open-loop load for DURATION s after
# WARMUP s twice: `direct` (the service itself) and `tunnel` (POST /event/send), printing answered
# requests/s and p50/p99/p99.9 of each and the tunnel's added latency. Before the first rate it primes
# the JVMs for PRIME s (60) at the highest rate, unmeasured (a reply carrying an agent `error` counts
# as an error).
#
# Environment overrides:
#   TOPOLOGIES="single cluster"  RATES="500,1000,2000"  DURATION=20  WARMUP=15  PRIME=60
#   SB_JAR=<fat jar>  SB_JAVA_OPTS="-Xms256m -Xmx1g"  BENCH_JAVA_OPTS="-Xmx1g"
#   AGENT_CMD="java -Xmx256m -jar <root>/switchboard-agent/target/switchboard-agent.jar"
#   SB_PORT=8001 (the second node: SB_PORT+1)  ECHO_PORT=9300  REDIS_PORT=6391
#   QUIET_WAIT=120 QUIET_CORES=0.3
#   GC_LOGS=1   every JVM (nodes, agent, echo service, generator) writes its GC pauses and
#               safepoints to <output>/<process>-gc.log, and the summary prints the longest ones
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
TOPOLOGIES="${TOPOLOGIES:-single cluster}"
RATES="${RATES:-500,1000,2000}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-15}"
PRIME="${PRIME:-60}"
SB_JAR="${SB_JAR:-$ROOT/switchboard-app/target/switchboard.jar}"
SB_JAVA_OPTS="${SB_JAVA_OPTS:--Xms256m -Xmx1g}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g}"
AGENT_JAR="$ROOT/switchboard-agent/target/switchboard-agent.jar"
AGENT_CMD="${AGENT_CMD:-java -Xmx256m -jar $AGENT_JAR}"
BENCH_JAR="$HERE/target/switchboard-bench.jar"
SB_PORT="${SB_PORT:-8001}"
ECHO_PORT="${ECHO_PORT:-9300}"
REDIS_PORT="${REDIS_PORT:-6391}"
QUIET_WAIT="${QUIET_WAIT:-120}"
QUIET_CORES="${QUIET_CORES:-0.3}"
SECRET="bench-hmac-secret-0123456789abcdef-0123456789"
API_KEY="bench-api-key-0123456789"
PROJECT="bench"
OUT="$HERE/target/tunnel-$(date +%Y%m%d%H%M%S)"
GC_LOGS="${GC_LOGS:-0}"
gclog() { # process name -> the JVM option that logs its pauses, when GC_LOGS=1
  [[ "$GC_LOGS" == 1 ]] && echo "-Xlog:gc,safepoint:file=$OUT/$1-gc.log:time" || true
}
# shellcheck source=lib.sh
source "$HERE/lib.sh"
mkdir -p "$OUT"

if [[ "${REBUILD:-0}" == 1 || ! -f "$BENCH_JAR" ]]; then
  (cd "$ROOT" && mvn -B -q package -pl switchboard-bench -DskipTests)
fi
[[ -f "$SB_JAR" && -f "$AGENT_JAR" ]] || (cd "$ROOT" && mvn -B -q package -pl switchboard-app,switchboard-agent -am -DskipTests -DskipITs)

PIDS=() ECHO_PID="" REDIS_PID=""
stop_all() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
}
cleanup() {
  stop_all
  [[ -z "$ECHO_PID" ]] || { kill "$ECHO_PID" 2>/dev/null || true; wait "$ECHO_PID" 2>/dev/null || true; }
  [[ -z "$REDIS_PID" ]] || { kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
}
trap cleanup EXIT INT TERM

conf() { # topology index -> YAML path
  local f="$OUT/$1-node$2.yaml"
  cat > "$f" <<YAML
node: {id: "bench-$2"}
server: {host: 127.0.0.1, port: $((SB_PORT + $2))}
auth: {hmacSecret: "$SECRET"}
api: {keys: ["$API_KEY"]}
commands: {enabled: false}
workflows: {enabled: false}
namespaces: {chat: {}}
YAML
  if [[ "$1" == cluster ]]; then
    cat >> "$f" <<YAML
engine:
  type: redis
  redis: {url: "redis://127.0.0.1:$REDIS_PORT", prefix: "sbbench"}
YAML
  fi
  echo "$f"
}

start_node() { # topology index
  local port=$((SB_PORT + $2)) log="$OUT/$1-node$2.log"
  if port_busy "$port"; then echo "port $port already in use" >&2; return 1; fi
  # shellcheck disable=SC2086
  java $SB_JAVA_OPTS $(gclog "$1-node$2") -jar "$SB_JAR" serve -c "$(conf "$1" "$2")" >"$log" 2>&1 &
  PIDS+=($!)
  wait_ready "http://127.0.0.1:$port/health/ready" "$!" "$log"
}

send_ping() { # port -> HTTP status of a ping through the tunnel
  curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$1/event/send" \
    -H "X-API-Key: $API_KEY" -d "{\"project_id\":\"$PROJECT\",\"type\":\"ping\",\"data\":{}}" || true
}

run_topology() {
  local topo=$1; shift
  echo; echo "##### $topo"
  wait_quiet
  if [[ "$topo" == cluster ]]; then
    redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
    start_node cluster 0 && start_node cluster 1 || { stop_all; return 0; }
  else
    start_node single 0 || { stop_all; return 0; }
  fi
  local token caller=$SB_PORT
  [[ "$topo" != cluster ]] || caller=$((SB_PORT + 1))
  token="$(curl -fsS -X POST -H "X-API-Key: $API_KEY" \
    "http://127.0.0.1:$SB_PORT/api/v1/server/projects/$PROJECT/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')"
  # shellcheck disable=SC2086
  local agent_cmd="$AGENT_CMD"
  [[ "$GC_LOGS" != 1 || "$agent_cmd" != java\ * ]] || agent_cmd="java $(gclog "$topo-agent") ${agent_cmd#java }"
  SWITCHBOARD_AGENT_TOKEN="$token" $agent_cmd --gateway "ws://127.0.0.1:$SB_PORT" --project "$PROJECT" \
    --route "echo=POST:http://127.0.0.1:$ECHO_PORT/echo" >"$OUT/$topo-agent.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do [[ "$(send_ping "$caller")" == 200 ]] && break; sleep 0.2; done
  [[ "$(send_ping "$caller")" == 200 ]] || { echo "agent not reachable through node $caller" >&2; stop_all; return 0; }
  # shellcheck disable=SC2086
  java $BENCH_JAVA_OPTS $(gclog "$topo-generator") -cp "$BENCH_JAR" io.switchboard.bench.TunnelBench \
    --callers "http://127.0.0.1:$caller" --direct "http://127.0.0.1:$ECHO_PORT/echo" \
    --project "$PROJECT" --api-key "$API_KEY" --rates "$RATES" \
    --duration "$DURATION" --warmup "$WARMUP" --prime "$PRIME" "$@" 2>&1 | tee "$OUT/$topo.txt" || true
  stop_all
  local n; n="$(cat "$OUT/$topo"-node*.log | grep -ciE ' (warn|error) ' || true)"
  echo "node logs: $n warn/error line(s)"
}

if port_busy "$ECHO_PORT"; then echo "port $ECHO_PORT (echo service) in use; set ECHO_PORT" >&2; exit 1; fi
java -Xmx256m $(gclog echo) -cp "$BENCH_JAR" io.switchboard.bench.EchoService "$ECHO_PORT" >"$OUT/echo.log" 2>&1 &
ECHO_PID=$!
if [[ " $TOPOLOGIES " == *" cluster "* ]]; then
  if port_busy "$REDIS_PORT"; then echo "port $REDIS_PORT (scratch Redis) in use; set REDIS_PORT" >&2; exit 1; fi
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$OUT" >"$OUT/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" PING >/dev/null 2>&1 && break; sleep 0.1; done
fi
for _ in $(seq 1 50); do port_busy "$ECHO_PORT" && break; sleep 0.1; done

echo "tunnel benchmark: topologies $TOPOLOGIES, rates $RATES; output $OUT"
for topo in $TOPOLOGIES; do run_topology "$topo" "$@"; done
echo; echo "================ tunnel benchmark ($OUT)"
for topo in $TOPOLOGIES; do
  echo "--- $topo"; grep -E '^(direct|tunnel|added) ' "$OUT/$topo.txt" 2>/dev/null || echo "(no result)"
done
if [[ "$GC_LOGS" == 1 ]]; then
  echo "--- longest GC pauses (ms) per process"
  for f in "$OUT"/*-gc.log; do
    printf '%-22s %s\n' "$(basename "$f" -gc.log)" \
      "$(grep -E ' Pause ' "$f" | sed -E 's/.* ([0-9.]+)ms$/\1/' | sort -rn | head -3 | tr '\n' ' ')"
  done
fi
