#!/usr/bin/env bash
# Switchboard vs Socket.IO 4 benchmark driver.
#
#   bash switchboard-bench/run.sh [fanout|rooms|idle|all] [extra switchboard-bench options...]
#
# For every scenario and every system (Switchboard, then Socket.IO) it starts a FRESH server,
# waits until it listens, runs the Java load generator against it (same client code for both),
# stops the server, and finally prints the comparison table. Extra options are passed to the
# load generator and override the defaults below (e.g. --subscribers 2000 --rate 100 --duration 10).
#
# Environment overrides:
#   SYSTEMS="switchboard socketio"   systems to run, in order
#   SB_PORT=8000 SIO_PORT=3000       listening ports
#   SB_JAR=<path>                    Switchboard fat jar (default switchboard-app/target/switchboard.jar)
#   SB_JAVA_OPTS="..."               JVM options of the Switchboard server (default: none)
#   SB_CMD="..."                     replace the whole Switchboard start command (the config path is
#                                    appended as last argument), e.g. SB_CMD="node socketio/switchboard-stub.js 8000"
#                                    to test the harness against the protocol stub
#   BENCH_JAVA_OPTS="..."            JVM options of the load generator (default -Xmx2g)
#   NODE_OPTS="..."                  extra node options for the Socket.IO peer
#   REBUILD=1                        rebuild the bench jar even if present
set -euo pipefail

SCENARIO="${1:-all}"
if [[ $# -gt 0 ]]; then shift; fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
SYSTEMS="${SYSTEMS:-switchboard socketio}"
SB_PORT="${SB_PORT:-8000}"
SIO_PORT="${SIO_PORT:-3000}"
SB_JAR="${SB_JAR:-$ROOT/switchboard-app/target/switchboard.jar}"
BENCH_JAR="$HERE/target/switchboard-bench.jar"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx2g}"
SB_JAVA_OPTS="${SB_JAVA_OPTS:-}"
NODE_OPTS="${NODE_OPTS:-}"
SECRET="bench-hmac-secret-0123456789abcdef-0123456789"
API_KEY="bench-api-key-0123456789"
STAMP="$(date +%Y%m%d-%H%M%S)"
OUT="$HERE/target/bench-$STAMP"
RESULTS="$OUT/results.tsv"

case "$SCENARIO" in fanout|rooms|idle|all) ;; *) echo "usage: $0 [fanout|rooms|idle|all] [bench options]" >&2; exit 2;; esac

# ---- file descriptors: every connection is one fd in the generator and one in the server
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
FD_LIMIT="$(ulimit -n)"
IDLE_CONNS=20000
if [[ "$FD_LIMIT" != "unlimited" ]] && (( FD_LIMIT - 600 < IDLE_CONNS )); then
  IDLE_CONNS=$(( FD_LIMIT - 600 ))
  echo "note: ulimit -n is $FD_LIMIT (hard limit); idle scenario uses $IDLE_CONNS connections"
fi

mkdir -p "$OUT"

# ---- build / locate
if [[ "${REBUILD:-0}" == 1 || ! -f "$BENCH_JAR" ]]; then
  echo "building $BENCH_JAR"
  (cd "$ROOT" && mvn -B -q package -pl switchboard-bench -DskipTests)
fi
if [[ " $SYSTEMS " == *" switchboard "* && -z "${SB_CMD:-}" && ! -f "$SB_JAR" ]]; then
  echo "building $SB_JAR"
  (cd "$ROOT" && mvn -B -q package -pl switchboard-app -am -DskipTests)
fi
if [[ " $SYSTEMS " == *" socketio "* && ! -d "$HERE/socketio/node_modules" ]]; then
  echo "installing Socket.IO peer dependencies (npm install in $HERE/socketio)"
  (cd "$HERE/socketio" && npm install --no-audit --no-fund)
fi

# ---- Switchboard config
SB_CONF="$OUT/switchboard-bench.yaml"
cat > "$SB_CONF" <<YAML
server: {port: $SB_PORT}
auth: {anonymous: true, hmacSecret: "$SECRET"}
api: {keys: ["$API_KEY"]}
client: {maxRooms: 128, ratePerSecond: 1000, rateBurst: 2000, outboundQueueFrames: 100000}
namespaces:
  bench: {join: anyone, publish: anyone, presence: false, presenceEvents: false, historySize: 10, historyTtl: 30s}
YAML

SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap stop_server EXIT INT TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # port pid log
  for _ in $(seq 1 150); do
    if ! kill -0 "$2" 2>/dev/null; then echo "server exited during startup; log: $3" >&2; tail -20 "$3" >&2; return 1; fi
    if port_busy "$1"; then sleep 0.5; return 0; fi
    sleep 0.2
  done
  echo "server did not listen on $1 within 30 s; log: $3" >&2
  return 1
}

start_server() { # system scenario
  local log="$OUT/$1-$2.log"
  case "$1" in
    switchboard)
      if port_busy "$SB_PORT"; then echo "port $SB_PORT already in use" >&2; return 1; fi
      if [[ -n "${SB_CMD:-}" ]]; then
        # shellcheck disable=SC2086
        (cd "$HERE" && exec $SB_CMD "$SB_CONF") >"$log" 2>&1 &
      else
        # shellcheck disable=SC2086
        java $SB_JAVA_OPTS -jar "$SB_JAR" serve -c "$SB_CONF" >"$log" 2>&1 &
      fi
      SERVER_PID=$!
      wait_port "$SB_PORT" "$SERVER_PID" "$log" ;;
    socketio)
      if port_busy "$SIO_PORT"; then echo "port $SIO_PORT already in use" >&2; return 1; fi
      # shellcheck disable=SC2086
      node --expose-gc $NODE_OPTS "$HERE/socketio/server.js" "$SIO_PORT" >"$log" 2>&1 &
      SERVER_PID=$!
      wait_port "$SIO_PORT" "$SERVER_PID" "$log" ;;
  esac
}

if [[ "$SCENARIO" == all ]]; then SCENARIOS="fanout rooms idle"; else SCENARIOS="$SCENARIO"; fi
echo "results: $RESULTS (logs in $OUT)"
for sc in $SCENARIOS; do
  for sys in $SYSTEMS; do
    echo
    echo "##### $sc / $sys"
    if ! start_server "$sys" "$sc"; then
      echo "skipping $sc / $sys"; stop_server; continue
    fi
    pidopt="--switchboard-pid"; [[ "$sys" == socketio ]] && pidopt="--socketio-pid"
    # shellcheck disable=SC2086
    java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" --scenario "$sc" --system "$sys" \
      --switchboard-url "ws://127.0.0.1:$SB_PORT/ws" --socketio-url "ws://127.0.0.1:$SIO_PORT/socket.io/" \
      "$pidopt" "$SERVER_PID" --secret "$SECRET" --idle-connections "$IDLE_CONNS" \
      --results "$RESULTS" "$@" 2>&1 | tee -a "$OUT/bench.log" || echo "bench failed for $sc / $sys"
    stop_server
    sleep 2 # let TIME_WAIT sockets and the CPU settle between servers
  done
done

echo
echo "================ Switchboard vs Socket.IO ($SCENARIO) ================"
if [[ -s "$RESULTS" ]]; then
  java -jar "$BENCH_JAR" --report "$RESULTS" | tee "$OUT/table.txt"
else
  echo "no results"
fi
