#!/usr/bin/env bash
# Benchmarks of the capabilities on the store: commands (issue 8 point 9; SPEC C2 target ≥ 2k
# commands/s end to end, p99 ≤ 100 ms) and workflows (issue 9 point 9; SPEC C3 target ≥ 1k step
# transitions/s).
#
#   bash switchboard-bench/run.sh commands [extra CommandsBench options...]
#   bash switchboard-bench/run.sh workflows [extra WorkflowsBench options...]
#   bash switchboard-bench/capabilities.sh commands|workflows [...]     (the same)
#
# workflows: per mode of MODES and rate of WORKFLOW_RATES (uploads/s, default "100 250 500") a
# fresh node with commands off runs the seed's three-step product workflow; the example workers
# run inside the node (embedded: workflows.exampleWorkers, memory broker) or as their own process
# (real: `switchboard worker`, RabbitMQ, reporting over HTTP with the API key). WorkflowsBench
# uploads at the rate for DURATION s after WARMUP s and prints workflows completed/s, step
# transitions/s, the upload's 202 latency and upload-to-completed latency. No peer: Temporal or
# Conductor do not run here.
#
# commands:
# For every mode of MODES and every rate of EMBEDDED_RATES / REAL_RATES it starts a FRESH single Switchboard node
# (the shipped board domain), waits until it is ready, and runs io.switchboard.bench.CommandsBench:
# 50 users on WebSockets, 2000 boards (so a board holds tens of cards, not hundreds: each card.add
# republishes its whole board to the room and the projection, seed 003's board snapshot), then card.add commands over HTTP at the rate (open loop) for
# 20 s after a 20 s warmup (a fresh JVM spends its first ~15 s of load in the JIT compiler); it prints commands applied/s, the 202 latency and the latency from the
# HTTP request to the command.applied notification on the sender's socket. Then, per mode, a fresh
# node takes APPENDERS closed-loop backends appending one event at a time over the server API:
# appends/s. Finally the peer: pgbench on the same PostgreSQL running the same two writes an append
# makes (the event row under the stream's advisory lock and its outbox row, one transaction) with
# APPENDERS clients, straight SQL without a gateway: the ceiling our appends/s is measured against.
#
# Modes:
#   embedded   engine memory, broker memory, store memory (the default `serve` with no services)
#   real       engine redis (a scratch redis-server on REDIS_PORT), broker rabbitmq (RABBIT_URI,
#              exchanges sbbench.commands / sbbench.events, its queues sbbench.* deleted before and
#              after), store postgres (a scratch database sbbench_<stamp> on PG_URL, dropped after)
#
# Environment overrides:
#   MODES="embedded real"  EMBEDDED_RATES="1000 2000 3000"  REAL_RATES="250 500 1000"  APPENDERS=32  DURATION=20  WARMUP=20
#   SB_PORT=8000  SB_JAR=<fat jar>  SB_JAVA_OPTS="-Xms512m -Xmx2g"  BENCH_JAVA_OPTS="-Xmx2g"
#   REDIS_PORT=6390  RABBIT_URI=amqp://guest:guest@127.0.0.1:5672  PG_HOST=127.0.0.1 PG_USER=postgres
#   SHARDS=16 (commands.shards)  POOL=8 (engine.postgres.poolSize)  PEER=1 (0: no pgbench)
#   QUIET_WAIT=120 QUIET_CORES=0.3   wait for a quiet machine before each server (see run.sh)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCENARIO="${1:-commands}"
if [[ $# -gt 0 ]]; then shift; fi
case "$SCENARIO" in commands|workflows) ;; *) echo "usage: $0 commands|workflows [options]" >&2; exit 2;; esac
WORKFLOW_RATES="${WORKFLOW_RATES:-100 250 500}"
ROOT="$(dirname "$HERE")"
MODES="${MODES:-embedded real}"
EMBEDDED_RATES="${EMBEDDED_RATES:-1000 2000 3000}"
REAL_RATES="${REAL_RATES:-250 500 1000}"
APPENDERS="${APPENDERS:-32}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-20}"
SB_PORT="${SB_PORT:-8000}"
SB_JAR="${SB_JAR:-$ROOT/switchboard-app/target/switchboard.jar}"
SB_JAVA_OPTS="${SB_JAVA_OPTS:--Xms512m -Xmx2g}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx2g}"
BENCH_JAR="$HERE/target/switchboard-bench.jar"
REDIS_PORT="${REDIS_PORT:-6390}"
RABBIT_URI="${RABBIT_URI:-amqp://guest:guest@127.0.0.1:5672}"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_USER="${PG_USER:-postgres}"
SHARDS="${SHARDS:-16}"
POOL="${POOL:-8}"
PEER="${PEER:-1}"
QUIET_WAIT="${QUIET_WAIT:-120}"
QUIET_CORES="${QUIET_CORES:-0.3}"
SECRET="bench-hmac-secret-0123456789abcdef-0123456789"
API_KEY="bench-api-key-0123456789"
STAMP="$(date +%Y%m%d%H%M%S)"
OUT="$HERE/target/$SCENARIO-$STAMP"
DB="sbbench_$STAMP"
PEER_DB="sbbench_peer_$STAMP"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
mkdir -p "$OUT"

if [[ "${REBUILD:-0}" == 1 || ! -f "$BENCH_JAR" ]]; then
  (cd "$ROOT" && mvn -B -q package -pl switchboard-bench -DskipTests)
fi
[[ -f "$SB_JAR" ]] || (cd "$ROOT" && mvn -B -q package -pl switchboard-app -am -DskipTests -DskipITs)

SERVER_PID="" REDIS_PID="" WORKERS_PID=""
psql_admin() { psql -h "$PG_HOST" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
rabbit_queues() { rabbitmqctl -q list_queues name 2>/dev/null | grep '^sbbench\.' || true; }
drop_queues() { local q; for q in $(rabbit_queues); do rabbitmqctl -q delete_queue "$q" >/dev/null || true; done; }
stop_server() {
  [[ -z "$WORKERS_PID" ]] || { kill "$WORKERS_PID" 2>/dev/null || true; wait "$WORKERS_PID" 2>/dev/null || true; WORKERS_PID=""; }
  [[ -n "$SERVER_PID" ]] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() {
  stop_server
  [[ -z "$REDIS_PID" ]] || { kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
  if [[ " $MODES " == *" real "* ]]; then
    drop_queues
    psql_admin -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  fi
  psql_admin -c "drop database if exists $PEER_DB with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

conf() { # mode -> the node's YAML path
  local f="$OUT/$1.yaml"
  cat > "$f" <<YAML
node: {id: "bench-commands"}
server: {host: 127.0.0.1, port: $SB_PORT}
auth: {hmacSecret: "$SECRET"}
api: {keys: ["$API_KEY"]}
YAML
  if [[ "$SCENARIO" == commands ]]; then
    cat >> "$f" <<YAML
commands: {exchange: sbbench.commands, eventsExchange: sbbench.events, shards: $SHARDS}
workflows: {enabled: false}
YAML
  else
    local inside=true; [[ "$1" != real ]] || inside=false
    cat >> "$f" <<YAML
commands: {enabled: false}
workflows: {exchange: sbbench.workflows, exampleWorkers: $inside}
YAML
  fi
  if [[ "$1" == real ]]; then
    cat >> "$f" <<YAML
engine:
  type: redis
  broker: rabbitmq
  store: postgres
  redis: {url: "redis://127.0.0.1:$REDIS_PORT", prefix: "sbbench"}
  rabbitmq: {uri: "$RABBIT_URI"}
  postgres: {url: "postgresql://$PG_USER@$PG_HOST:5432/$DB", poolSize: $POOL}
YAML
  fi
  echo "$f"
}

fresh_services() { # real mode: an empty database, no queues, an empty Redis
  psql_admin -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
  drop_queues
  redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
}

start_node() { # mode label
  local log="$OUT/$1-$2.log"
  if port_busy "$SB_PORT"; then echo "port $SB_PORT already in use" >&2; return 1; fi
  [[ "$1" != real ]] || fresh_services
  # shellcheck disable=SC2086
  java $SB_JAVA_OPTS -jar "$SB_JAR" serve -c "$(conf "$1")" >"$log" 2>&1 &
  SERVER_PID=$!
  wait_ready "http://127.0.0.1:$SB_PORT/health/ready" "$SERVER_PID" "$log" || return 1
  if [[ "$SCENARIO" == workflows && "$1" == real ]]; then # the workers as their own service
    SWITCHBOARD_API_KEY="$API_KEY" java -Xmx512m -jar "$SB_JAR" worker --rabbitmq-uri "$RABBIT_URI" \
      --gateway "http://127.0.0.1:$SB_PORT" --exchange sbbench.workflows --queue-prefix sbbench.workers. \
      >"$OUT/$1-$2-workers.log" 2>&1 &
    WORKERS_PID=$!
  fi
}

bench() { # mode label options...
  local mode=$1 label=$2; shift 2
  echo; echo "##### $mode / $label"
  wait_quiet
  start_node "$mode" "$label" || { stop_server; return 0; }
  # shellcheck disable=SC2086
  local main=io.switchboard.bench.CommandsBench key=(--api-key "$API_KEY")
  if [[ "$SCENARIO" == workflows ]]; then main=io.switchboard.bench.WorkflowsBench; key=(); fi
  java $BENCH_JAVA_OPTS -cp "$BENCH_JAR" "$main" \
    --url "http://127.0.0.1:$SB_PORT" --secret "$SECRET" "${key[@]}" \
    --duration "$DURATION" --warmup "$WARMUP" "$@" 2>&1 | tee "$OUT/$mode-$label.txt" || true
  stop_server
  local n; n="$(grep -ciE ' (warn|error) ' "$OUT/$mode-$label.log" || true)"
  echo "node log: $n warn/error line(s)"
}

if [[ " $MODES " == *" real "* ]]; then
  if port_busy "$REDIS_PORT"; then echo "port $REDIS_PORT (scratch Redis) in use; set REDIS_PORT" >&2; exit 1; fi
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$OUT" >"$OUT/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" PING >/dev/null 2>&1 && break; sleep 0.1; done
  psql_admin -c "select 1" >/dev/null
  rabbitmqctl -q status >/dev/null
fi

if [[ "$SCENARIO" == workflows ]]; then
  echo "workflows benchmark: modes $MODES, upload rates $WORKFLOW_RATES; output $OUT"
  for mode in $MODES; do
    for rate in $WORKFLOW_RATES; do bench "$mode" "rate$rate" --rate "$rate" "$@"; done
  done
  echo; echo "================ workflows benchmark ($OUT)"
  for f in "$OUT"/*-rate*.txt; do
    echo "--- $(basename "$f" .txt)"; grep -E '^(workflows|202|completed) ' "$f" || echo "(no result)"
  done
  exit 0
fi
echo "commands benchmark: modes $MODES, rates $EMBEDDED_RATES (embedded) $REAL_RATES (real), $APPENDERS appenders; output $OUT"
for mode in $MODES; do
  rates="$EMBEDDED_RATES"; [[ "$mode" != real ]] || rates="$REAL_RATES"
  for rate in $rates; do bench "$mode" "rate$rate" --rate "$rate" "$@"; done
  bench "$mode" appends --appends "$APPENDERS" "$@"
done

if [[ "$PEER" == 1 ]]; then # the commands' peer
  echo; echo "##### peer: pgbench, the append's two writes in raw SQL, $APPENDERS clients, $DURATION s"
  wait_quiet
  psql_admin -c "create database $PEER_DB" >/dev/null
  psql -h "$PG_HOST" -U "$PG_USER" -d "$PEER_DB" -qAt -v ON_ERROR_STOP=1 \
    -f "$ROOT/switchboard-engine-postgres/src/main/resources/db/switchboard/V1__store.sql" >/dev/null
  cat > "$OUT/append.pgbench" <<'SQL'
\set s random(1, 1000000000)
BEGIN;
SELECT pg_advisory_xact_lock(hashtext('peer-' || :client_id));
INSERT INTO events (stream, version, id, type, data)
  SELECT 'peer-' || :client_id, coalesce(max(version), 0) + 1, 'e' || :s || '-' || clock_timestamp(),
         'bench.appended', '{"n":1}' FROM events WHERE stream = 'peer-' || :client_id;
INSERT INTO outbox (ordering_key, exchange, routing_key, body, message_id)
  VALUES ('peer-' || :client_id, 'sbbench.events', 'bench.appended', '\x7b7d', 'm' || :s);
END;
SQL
  pgbench -h "$PG_HOST" -U "$PG_USER" -n -M prepared -c "$APPENDERS" -j 2 -T "$DURATION" \
    -f "$OUT/append.pgbench" "$PEER_DB" 2>&1 | grep -E 'tps|latency|failed' | tee "$OUT/peer.txt"
fi

echo; echo "================ commands benchmark ($OUT)"
for f in "$OUT"/*-rate*.txt "$OUT"/*-appends.txt; do
  [[ -f "$f" ]] || continue
  echo "--- $(basename "$f" .txt)"
  grep -E '^(commands|appends|202|end to end|append) ' "$f" || echo "(no result)"
done
[[ ! -f "$OUT/peer.txt" ]] || { echo "--- peer (pgbench)"; cat "$OUT/peer.txt"; }
