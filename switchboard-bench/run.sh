#!/usr/bin/env bash
# Switchboard vs Socket.IO 4 benchmark driver.
#
#   bash switchboard-bench/run.sh [fanout|rooms|idle|all] [extra switchboard-bench options...]
#   bash switchboard-bench/run.sh quick [extra options...]              (issue 13 point 5: the < 2 min regression guard)
#   bash switchboard-bench/run.sh [cluster|cluster-fanout|cluster-rooms|cluster-join] [extra options...]
#   bash switchboard-bench/run.sh joinroom [extra options...]
#   bash switchboard-bench/run.sh commands|workflows [extra options...]   (issues 8, 9; runs capabilities.sh, see there)
#   bash switchboard-bench/run.sh tunnel [extra options...]              (issue 10; runs tunnel.sh, see there)
#   bash switchboard-bench/run.sh edge [extra options...]                (issue 11; runs edge.sh, see there)
#
# For every scenario and every system (Switchboard, Socket.IO, then the kernel-limit probe of issue 13:
# io.switchboard.bench.Probe, a minimal Netty server writing one pre-encoded frame to every member) it starts a FRESH server,
# waits until it listens, runs the Java load generator against it (same client code for both),
# stops the server, and finally prints the comparison table (ratio rows switchboard/sio,
# switchboard/probe = the fraction of the limit, sio/probe). The idle scenario skips the probe
# unless PROBE_IDLE=1 (it has nothing to fan out; its mem/conn is a bare Netty channel's).
#
# quick: fanout (--subscribers 2000 --rate 10) then rooms (--connections 2000 --rooms 200
# --room-rate 2), 2 s warm-up, 3 s window, for all SYSTEMS, no forced GC, no quiet wait: the same
# table in under 2 minutes of wall clock on a quiet 2-core box, to catch a fan-out regression by eye
# (not run by .ci/run). It warns when it took longer (a busy machine: its figures are noise then). Extra options are passed to the
# load generator and override the defaults below (e.g. --subscribers 2000 --rate 100 --duration 10).
#
# cluster-*: per system, FLUSHALL on Redis, then NODES (3) fresh nodes sharing that Redis:
# Switchboard JVMs with engine.type=redis on ports 8001.., Socket.IO processes running
# socketio/server.js with SIO_REDIS_URL (@socket.io/redis-adapter) on 3001..; the generator spreads its
# connections round-robin over the nodes (--switchboard-url/--socketio-url lists) and sums CPU/RSS
# over the node PIDs (plus redis-server CPU, reported apart). `cluster` = cluster-fanout + cluster-rooms.
# cluster-join (issue 13 point 4): Switchboard only, the join latency on an IDLE cluster: --subscribers
# 2000 connections join `quiet:idle` (presence on, presence events off, so the joins measured are not
# competing with a presence broadcast to every member) at most --connect-concurrency 2 at a time,
# spread over the 3 nodes; the generator pinned to BENCH_CPUS (1), the nodes to SB_CPUS if set.
# Cluster defaults: fanout --subscribers 10000 --rate 3 (30k deliveries/s), rooms --connections 10000
# --rooms 1000 --room-rate 1 (10k deliveries/s), both with --drain 60 (the drain ends as soon as
# everything arrived or nothing moved for 3 s, so "lost" is a real loss, not a backlog cut short)
# and --warmup 30: three fresh JVMs spend their first ~30 s of load in the JIT compiler (C2 used
# as much CPU as all event loops together with a 3 s warmup), which is not the steady state a
# gateway runs in. Later options win, e.g. --warmup 3 to see the cold start.
#
# joinroom (issue 7): --subscribers (10000) connections join ONE room, once per room of JOIN_ROOMS,
# each against a FRESH Switchboard started with the shipped namespaces (the YAML has no `namespaces`
# key: `chat` exactly as a new user gets it, presence on with every presence setting at its default,
# and `news`, the shipped namespace with `presence: false`). Connections carry real HS256 tokens
# (sub=u<i>, --secret), anonymous access is off. Before each server the script waits for a quiet
# machine (QUIET_WAIT). Prints the ramps side by side with the ratio presence / no presence.
#
# Environment overrides:
#   SYSTEMS="switchboard socketio probe"  systems to run, in order
#   SB_PORT=8000 SIO_PORT=3000 PROBE_PORT=8100  listening ports
#   PROBE_JAVA_OPTS="..."            JVM options of the probe (default: none, like SB_JAVA_OPTS)
#   PROBE_LOOPS=<n>                  the probe's event loops (default 2 x cores, Vert.x's default, as Switchboard)
#   PROBE_IDLE=1                     also run the probe in the idle scenario
#   SB_JAR=<path>                    Switchboard fat jar (default switchboard-app/target/switchboard.jar)
#   SB_JAVA_OPTS="..."               JVM options of the Switchboard server (default: none)
#   SB_CMD="..."                     replace the whole Switchboard start command (the config path is
#                                    appended as last argument), e.g. SB_CMD="node socketio/switchboard-stub.js 8000"
#                                    to test the harness against the protocol stub
#   BENCH_JAVA_OPTS="..."            JVM options of the load generator (default -Xmx2g)
#   NODE_OPTS="..."                  extra node options for the Socket.IO peer
#   REBUILD=1                        rebuild the bench jar even if present
#   SB_CPUS=0 SIO_CPUS=0 PROBE_CPUS=0 BENCH_CPUS=1  pin the Switchboard server / the Socket.IO peer /
#                                    the probe / the generator to these CPUs (taskset -c), single-node
#                                    scenarios only; unset = no pinning
# joinroom only:
#   JOIN_ROOMS="chat:big news:big"   rooms joined, one fresh server each, in this order
#   JOINROOM_SIO=1                   also a Socket.IO room-join ramp (no presence there: context only)
#   JOIN_ATTEMPTS=3 JOIN_MAX_OTHER=0.2  a ramp during which other processes used more than JOIN_MAX_OTHER
#                                    cores is run again (fresh server), up to JOIN_ATTEMPTS times; the table
#                                    shows the least disturbed attempt of each room, results.tsv keeps all
#   JOIN_NAMESPACES="{...}"          a `namespaces` mapping for the joinroom config (replaces the shipped
#                                    ones; for diagnostics only, e.g. another presenceEventsMaxMembers)
#   SB_JFR=1                         record a JFR profile of each Switchboard server
#                                    (settings=profile) into the output directory (the last attempt's)
# Cluster only:
#   NODES=3                          nodes per system
#   SB_CLUSTER_PORT=8001             first Switchboard node port (nodes use SB_CLUSTER_PORT..+NODES-1)
#   SIO_CLUSTER_PORT=3001            first Socket.IO node port
#   SB_NODE_JAVA_OPTS="-Xms256m -Xmx1g"  JVM options of each Switchboard node (SB_JAVA_OPTS is not used)
#   REDIS_URL=redis://host:port      use this Redis (FLUSHALL-ed before each system: never a Redis others use!)
#                                    Unset: run.sh starts a scratch redis-server (--save '' --appendonly no)
#                                    on 127.0.0.1:$REDIS_PORT for the run and stops it at the end, so a
#                                    shared Redis (e.g. the one on 6379 that integration tests restart)
#                                    neither disturbs the run nor is flushed by it.
#   REDIS_PORT=6390                  port of that scratch redis-server
#   QUIET_WAIT=180                   before each system, wait up to this many seconds until the rest of the
#                                    machine uses < QUIET_CORES (0.3) cores (other builds/tests on a shared
#                                    box skew a 2-core run); 0 = do not wait. The result's "other cpu" shows
#                                    what else ran during the window anyway.
set -euo pipefail

SCENARIO="${1:-all}"
if [[ $# -gt 0 ]]; then shift; fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
SYSTEMS="${SYSTEMS:-switchboard socketio probe}"
SB_PORT="${SB_PORT:-8000}"
SIO_PORT="${SIO_PORT:-3000}"
PROBE_PORT="${PROBE_PORT:-8100}"
PROBE_JAVA_OPTS="${PROBE_JAVA_OPTS:-}"
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

case "$SCENARIO" in
  fanout|rooms|idle|all|quick) CLUSTER=0 ;;
  cluster|cluster-fanout|cluster-rooms|cluster-join) CLUSTER=1 ;;
  joinroom) CLUSTER=0 ;;
  commands|workflows) exec bash "$HERE/capabilities.sh" "$SCENARIO" "$@" ;;
  tunnel) exec bash "$HERE/tunnel.sh" "$@" ;;
  edge) exec bash "$HERE/edge.sh" "$@" ;;
  *) echo "usage: $0 [fanout|rooms|idle|all|quick|joinroom|commands|workflows|tunnel|edge|cluster|cluster-fanout|cluster-rooms|cluster-join] [bench options]" >&2; exit 2;;
esac
NODES="${NODES:-3}"
SB_CLUSTER_PORT="${SB_CLUSTER_PORT:-8001}"
SIO_CLUSTER_PORT="${SIO_CLUSTER_PORT:-3001}"
SB_NODE_JAVA_OPTS="${SB_NODE_JAVA_OPTS:--Xms256m -Xmx1g}"
REDIS_PORT="${REDIS_PORT:-6390}"
QUIET_WAIT="${QUIET_WAIT:-180}"
PAUSE=2; [[ "$SCENARIO" == quick ]] && PAUSE=1 # seconds between servers
QUIET_CORES="${QUIET_CORES:-0.3}"
JOIN_ATTEMPTS="${JOIN_ATTEMPTS:-3}"
JOIN_MAX_OTHER="${JOIN_MAX_OTHER:-0.2}"
if [[ -n "${REDIS_URL:-}" ]]; then REDIS_PRIVATE=0; else REDIS_PRIVATE=1; REDIS_URL="redis://127.0.0.1:$REDIS_PORT"; fi

# ---- file descriptors: every connection is one fd in the generator and one in the server
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
FD_LIMIT="$(ulimit -n)"
IDLE_CONNS="${IDLE_CONNS:-100000}" # issue 13: 100k on one node where the fd limit allows it
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
if [[ ( " $SYSTEMS " == *" switchboard "* || "$SCENARIO" == joinroom ) && -z "${SB_CMD:-}" && ! -f "$SB_JAR" ]]; then
  echo "building $SB_JAR"
  (cd "$ROOT" && mvn -B -q package -pl switchboard-app -am -DskipTests)
fi
NEED_SIO=0
if [[ "$SCENARIO" == joinroom ]]; then
  if [[ "${JOINROOM_SIO:-0}" == 1 ]]; then NEED_SIO=1; fi
elif [[ " $SYSTEMS " == *" socketio "* ]]; then NEED_SIO=1; fi
if [[ "$NEED_SIO" == 1 && ( ! -d "$HERE/socketio/node_modules" \
      || ( "$CLUSTER" == 1 && ! -d "$HERE/socketio/node_modules/@socket.io/redis-adapter" ) ) ]]; then
  echo "installing Socket.IO peer dependencies (npm install in $HERE/socketio)"
  (cd "$HERE/socketio" && npm install --no-audit --no-fund)
fi

# ---- Switchboard config
SB_CONF="$OUT/switchboard-bench.yaml"
cat > "$SB_CONF" <<YAML
server: {port: $SB_PORT}
auth: {anonymous: true, hmacSecret: "$SECRET"}
api: {keys: ["$API_KEY"]}
client: {maxRooms: 128, ratePerSecond: 1000, rateBurst: 2000, outboundQueueFrames: 100000, outboundQueueBytes: 67108864}
namespaces:
  bench: {join: anyone, publish: anyone, presence: false, presenceEvents: false, historySize: 10, historyTtl: 30s}
YAML

# joinroom: the shipped namespaces (no `namespaces` key), real tokens only, default client limits
SB_JOIN_CONF="$OUT/switchboard-joinroom.yaml"
cat > "$SB_JOIN_CONF" <<YAML
server: {port: $SB_PORT}
auth: {hmacSecret: "$SECRET"}
api: {keys: ["$API_KEY"]}
YAML
if [[ -n "${JOIN_NAMESPACES:-}" ]]; then echo "namespaces: $JOIN_NAMESPACES" >> "$SB_JOIN_CONF"; fi

SERVER_PID=""
CLUSTER_PIDS=() # pids of the running cluster nodes
stop_server() {
  local p
  # SIGTERM every process first so cluster nodes shut down in parallel, then wait for each (≤ 10 s)
  for p in $SERVER_PID ${CLUSTER_PIDS[@]+"${CLUSTER_PIDS[@]}"}; do kill "$p" 2>/dev/null || true; done
  for p in $SERVER_PID ${CLUSTER_PIDS[@]+"${CLUSTER_PIDS[@]}"}; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  SERVER_PID=""
  CLUSTER_PIDS=()
}
REDIS_PID_OWN="" # scratch redis-server started by this script
stop_redis() {
  if [[ -n "$REDIS_PID_OWN" ]]; then
    kill "$REDIS_PID_OWN" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$REDIS_PID_OWN" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$REDIS_PID_OWN" 2>/dev/null || true
    wait "$REDIS_PID_OWN" 2>/dev/null || true
    REDIS_PID_OWN=""
  fi
}
trap 'stop_server; stop_redis' EXIT INT TERM
# shellcheck source=lib.sh
source "$HERE/lib.sh"


wait_port() { # port pid log
  for _ in $(seq 1 150); do
    if ! kill -0 "$2" 2>/dev/null; then echo "server exited during startup; log: $3" >&2; tail -20 "$3" >&2; return 1; fi
    if port_busy "$1"; then sleep 0.5; return 0; fi
    sleep 0.2
  done
  echo "server did not listen on $1 within 30 s; log: $3" >&2
  return 1
}

start_server() { # system scenario [config]
  local log="$OUT/$1-$2.log" conf="${3:-$SB_CONF}" jfr=""
  case "$1" in
    switchboard)
      if port_busy "$SB_PORT"; then echo "port $SB_PORT already in use" >&2; return 1; fi
      if [[ -n "${SB_CMD:-}" ]]; then
        # shellcheck disable=SC2086
        (cd "$HERE" && exec $SB_CMD "$conf") >"$log" 2>&1 &
      else
        if [[ "${SB_JFR:-0}" == 1 ]]; then
          jfr="-XX:StartFlightRecording=filename=$OUT/$1-$2.jfr,settings=profile,dumponexit=true"
        fi
        # shellcheck disable=SC2086
        ${SB_CPUS:+taskset -c "$SB_CPUS"} java $SB_JAVA_OPTS $jfr -jar "$SB_JAR" serve -c "$conf" >"$log" 2>&1 &
      fi
      SERVER_PID=$!
      wait_port "$SB_PORT" "$SERVER_PID" "$log" ;;
    socketio)
      if port_busy "$SIO_PORT"; then echo "port $SIO_PORT already in use" >&2; return 1; fi
      # shellcheck disable=SC2086
      ${SIO_CPUS:+taskset -c "$SIO_CPUS"} node --expose-gc $NODE_OPTS "$HERE/socketio/server.js" "$SIO_PORT" >"$log" 2>&1 &
      SERVER_PID=$!
      wait_port "$SIO_PORT" "$SERVER_PID" "$log" ;;
    probe)
      if port_busy "$PROBE_PORT"; then echo "port $PROBE_PORT already in use" >&2; return 1; fi
      # shellcheck disable=SC2086
      ${PROBE_CPUS:+taskset -c "$PROBE_CPUS"} java $PROBE_JAVA_OPTS -cp "$BENCH_JAR" io.switchboard.bench.Probe "$PROBE_PORT" ${PROBE_LOOPS:-} >"$log" 2>&1 &
      SERVER_PID=$!
      wait_port "$PROBE_PORT" "$SERVER_PID" "$log" && head -1 "$log" ;;
  esac
}

# ------------------------------------------------------------------------------------ cluster

redis_cli() { redis-cli -u "$REDIS_URL" "$@"; }

# the node's config: same as the single-node one plus node.id and the Redis engine
sb_node_conf() { # node-number port -> prints the YAML path
  local f="$OUT/switchboard-node$1.yaml"
  cat > "$f" <<YAML
node: {id: "bench-sb-$1"}
server: {host: 127.0.0.1, port: $2}
auth: {anonymous: true, hmacSecret: "$SECRET"}
api: {keys: ["$API_KEY"]}
client: {maxRooms: 128, ratePerSecond: 1000, rateBurst: 2000, outboundQueueFrames: 100000, outboundQueueBytes: 67108864}
engine: {type: redis, broker: memory, redis: {url: "$REDIS_URL", prefix: "sbbench"}}
namespaces:
  bench: {join: anyone, publish: anyone, presence: false, presenceEvents: false, historySize: 10, historyTtl: 30s}
  quiet: {join: anyone, publish: anyone, presenceEvents: false}
YAML
  echo "$f"
}


CLUSTER_URLS=""
CLUSTER_PID_LIST=""
start_cluster() { # system scenario
  local i port log conf urls=() pids=() ports=() logs=() base
  if [[ "$1" == switchboard ]]; then base="$SB_CLUSTER_PORT"; else base="$SIO_CLUSTER_PORT"; fi
  for ((i = 0; i < NODES; i++)); do
    port=$((base + i))
    if port_busy "$port"; then echo "port $port already in use" >&2; return 1; fi
  done
  # a fresh Redis for every system: no rooms, streams or adapter state left by the previous one
  if ! redis_cli FLUSHALL >/dev/null; then echo "redis-cli FLUSHALL on $REDIS_URL failed" >&2; return 1; fi
  for ((i = 0; i < NODES; i++)); do
    port=$((base + i))
    log="$OUT/cluster-$2-$1-node$((i + 1)).log"
    case "$1" in
      switchboard)
        conf="$(sb_node_conf $((i + 1)) "$port")"
        # shellcheck disable=SC2086
        ${NODE_CPUS:+taskset -c "$NODE_CPUS"} java $SB_NODE_JAVA_OPTS -jar "$SB_JAR" serve -c "$conf" >"$log" 2>&1 &
        urls+=("ws://127.0.0.1:$port/ws") ;;
      socketio)
        # shellcheck disable=SC2086
        SIO_REDIS_URL="$REDIS_URL" node --expose-gc $NODE_OPTS "$HERE/socketio/server.js" "$port" >"$log" 2>&1 &
        urls+=("ws://127.0.0.1:$port/socket.io/") ;;
    esac
    CLUSTER_PIDS+=("$!")
    pids+=("$!")
    ports+=("$port")
    logs+=("$log")
  done
  for ((i = 0; i < NODES; i++)); do
    wait_port "${ports[$i]}" "${pids[$i]}" "${logs[$i]}" || return 1
    if [[ "$1" == switchboard ]]; then
      wait_ready "http://127.0.0.1:${ports[$i]}/health/ready" "${pids[$i]}" "${logs[$i]}" || return 1
    else
      wait_ready "http://127.0.0.1:${ports[$i]}/health" "${pids[$i]}" "${logs[$i]}" || return 1
    fi
  done
  CLUSTER_URLS="$(IFS=,; echo "${urls[*]}")"
  CLUSTER_PID_LIST="$(IFS=,; echo "${pids[*]}")"
  echo "$NODES $1 nodes ready: $CLUSTER_URLS (pids $CLUSTER_PID_LIST)"
}

# print what the node logs say beyond startup: warnings, errors, exceptions
scan_node_logs() { # system scenario
  local f n
  for f in "$OUT"/cluster-"$2"-"$1"-node*.log; do
    [[ -f "$f" ]] || continue
    n="$(grep -ciE 'warn|error|exception' "$f" || true)"
    echo "node log $(basename "$f"): $n line(s) matching warn|error|exception"
    if [[ "$n" -gt 0 ]]; then grep -iE 'warn|error|exception' "$f" | head -5 | cut -c1-300 | sed 's/^/    /'; fi
  done
}



run_cluster() {
  local sc sys defaults redis_pid
  case "$SCENARIO" in cluster) SCENARIOS="fanout rooms" ;; *) SCENARIOS="${SCENARIO#cluster-}" ;; esac
  if ! command -v redis-cli >/dev/null; then echo "cluster runs need redis-cli (FLUSHALL between systems)" >&2; exit 1; fi
  if [[ "$REDIS_PRIVATE" == 1 ]]; then
    if ! command -v redis-server >/dev/null; then echo "no redis-server to start: install it or set REDIS_URL" >&2; exit 1; fi
    if port_busy "$REDIS_PORT"; then echo "port $REDIS_PORT (scratch Redis) already in use; set REDIS_PORT or REDIS_URL" >&2; exit 1; fi
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$OUT" >"$OUT/redis.log" 2>&1 &
    REDIS_PID_OWN=$!
    for _ in $(seq 1 50); do redis_cli PING >/dev/null 2>&1 && break; sleep 0.1; done
    echo "scratch $(redis-server --version | cut -d' ' -f1-3) on 127.0.0.1:$REDIS_PORT (pid $REDIS_PID_OWN)"
  fi
  if ! redis_cli PING >/dev/null 2>&1; then echo "Redis at $REDIS_URL does not answer PING" >&2; exit 1; fi
  [[ -n "${SB_CMD:-}" ]] && echo "note: SB_CMD is ignored by cluster runs"
  if [[ " $SYSTEMS " == *" switchboard "* ]]; then
    java -jar "$SB_JAR" check-config -c "$(sb_node_conf 1 "$SB_CLUSTER_PORT")" | tee "$OUT/check-config.txt" || { echo "node config rejected" >&2; exit 2; }
  fi
  # redis-server CPU is measured apart when it runs on this machine
  redis_pid="$(redis_cli INFO server 2>/dev/null | tr -d '\r' | awk -F: '/^process_id:/{print $2}')"
  if [[ -z "$redis_pid" || ! -r "/proc/$redis_pid/stat" ]]; then redis_pid=""; fi
  echo "results: $RESULTS (logs in $OUT); $NODES nodes per system, Redis $REDIS_URL${redis_pid:+ (pid $redis_pid)}"
  for sc in $SCENARIOS; do
    case "$sc" in
      fanout) defaults=(--subscribers 10000 --rate 3 --drain 60 --warmup 30) ;;
      rooms) defaults=(--connections 10000 --rooms 1000 --room-rate 1 --drain 60 --warmup 30) ;;
      join) defaults=(--subscribers 2000 --join-room quiet:idle --connect-concurrency 2 --tail 2) ;;
    esac
    local gen_sc="$sc" pin_gen="" systems="$SYSTEMS"
    NODE_CPUS=""
    if [[ "$sc" == join ]]; then
      gen_sc=joinroom; systems=switchboard; NODE_CPUS="${SB_CPUS:-}"; pin_gen="${BENCH_CPUS:-1}"
    fi
    for sys in $systems; do
      [[ "$sys" == probe ]] && continue # single node only: the limit of one machine's loopback
      echo
      echo "##### cluster $sc / $sys ($NODES nodes)"
      wait_quiet
      if ! start_cluster "$sys" "$sc"; then
        echo "skipping cluster $sc / $sys"; stop_server; continue
      fi
      if [[ "$sys" == switchboard ]]; then
        target=(--switchboard-url "$CLUSTER_URLS" --switchboard-pid "$CLUSTER_PID_LIST")
      else
        target=(--socketio-url "$CLUSTER_URLS" --socketio-pid "$CLUSTER_PID_LIST")
      fi
      if [[ "$sc" == join ]]; then # a first ramp into another room warms the JIT; not recorded
        echo "warming the nodes up: ${JOIN_WARMUP:-2000} joins into quiet:warmup (not recorded)"
        # shellcheck disable=SC2086
        java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" --scenario joinroom --system "$sys" "${target[@]}" \
          --secret "$SECRET" --subscribers "${JOIN_WARMUP:-2000}" --join-room quiet:warmup --tail 1 \
          > "$OUT/cluster-join-warmup.log" 2>&1 || echo "warm-up ramp failed (see cluster-join-warmup.log)"
      fi
      # shellcheck disable=SC2086
      ${pin_gen:+taskset -c "$pin_gen"} java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" --scenario "$gen_sc" --system "$sys" "${target[@]}" \
        ${redis_pid:+--redis-pid "$redis_pid"} --secret "$SECRET" --results "$RESULTS" \
        "${defaults[@]}" "$@" 2>&1 | tee -a "$OUT/bench.log" || echo "bench failed for cluster $sc / $sys"
      stop_server
      scan_node_logs "$sys" "$sc" | tee -a "$OUT/bench.log"
      sleep 2 # let TIME_WAIT sockets and the CPU settle between systems
    done
  done
}

run_joinroom() {
  local room label sys
  [[ -n "${SB_CMD:-}" ]] || java -jar "$SB_JAR" check-config -c "$SB_JOIN_CONF" > "$OUT/check-config.txt" \
    || { cat "$OUT/check-config.txt"; echo "joinroom config rejected" >&2; exit 2; }
  echo "results: $RESULTS (logs in $OUT); rooms: ${JOIN_ROOMS:-chat:big news:big}"
  local runs=()
  for room in ${JOIN_ROOMS:-chat:big news:big}; do runs+=("switchboard $room"); done
  room="${JOIN_ROOMS:-chat:big}"
  if [[ "${JOINROOM_SIO:-0}" == 1 ]]; then runs+=("socketio ${room%% *}"); fi
  for r in "${runs[@]}"; do
    sys="${r%% *}"; room="${r#* }"; room="${room:-chat:big}"; label="joinroom-${room%%:*}"
    for ((attempt = 1; attempt <= JOIN_ATTEMPTS; attempt++)); do
      echo
      echo "##### joinroom $room / $sys (attempt $attempt of at most $JOIN_ATTEMPTS)"
      wait_quiet
      if ! start_server "$sys" "$label" "$SB_JOIN_CONF"; then
        echo "skipping joinroom $room / $sys"; stop_server; break
      fi
      pidopt="--switchboard-pid"; [[ "$sys" == socketio ]] && pidopt="--socketio-pid"
      # shellcheck disable=SC2086
      ${BENCH_CPUS:+taskset -c "$BENCH_CPUS"} java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" --scenario joinroom --system "$sys" --join-room "$room" \
        --switchboard-url "ws://127.0.0.1:$SB_PORT/ws" --socketio-url "ws://127.0.0.1:$SIO_PORT/socket.io/" \
        "$pidopt" "$SERVER_PID" --secret "$SECRET" --subscribers 10000 --results "$RESULTS" "$@" 2>&1 \
        | tee -a "$OUT/bench.log" || echo "bench failed for joinroom $room / $sys"
      stop_server
      if [[ "$sys" == switchboard ]]; then
        n="$(grep -ciE 'warn|error|exception' "$OUT/$sys-$label.log" || true)"
        echo "server log $sys-$label.log: $n line(s) matching warn|error|exception" | tee -a "$OUT/bench.log"
        cp "$OUT/$sys-$label.log" "$OUT/$sys-$label-attempt$attempt.log"
      fi
      sleep 2 # let TIME_WAIT sockets and the CPU settle between servers
      # other processes during this ramp (column ramp_other_cpu of the last row): disturbed -> again
      other="$(tail -1 "$RESULTS" 2>/dev/null | awk -F'\t' '{print $34}')"
      if [[ -n "$other" ]] && awk -v o="$other" -v m="$JOIN_MAX_OTHER" 'BEGIN{exit !(o > m)}'; then
        echo "other processes used $other cores during this ramp (> JOIN_MAX_OTHER $JOIN_MAX_OTHER): disturbed" | tee -a "$OUT/bench.log"
        continue
      fi
      break
    done
  done
}

if [[ "$CLUSTER" == 1 ]]; then
  run_cluster "$@"
  stop_redis
elif [[ "$SCENARIO" == joinroom ]]; then
  run_joinroom "$@"
else
  case "$SCENARIO" in all) SCENARIOS="fanout rooms idle" ;; quick) SCENARIOS="fanout rooms" ;; *) SCENARIOS="$SCENARIO" ;; esac
  echo "results: $RESULTS (logs in $OUT)"
  for sc in $SCENARIOS; do
    scenario_opts=()
    if [[ "$SCENARIO" == quick ]]; then # the regression guard's sizes; later options ("$@") win
      scenario_opts=(--warmup 2 --duration 3 --drain 3 --no-gc)
      case "$sc" in
        fanout) scenario_opts+=(--subscribers 2000 --rate 10) ;;
        rooms) scenario_opts+=(--connections 2000 --rooms 200 --room-rate 2) ;;
      esac
    fi
    for sys in $SYSTEMS; do
      if [[ "$sys" == probe && "$sc" == idle && "${PROBE_IDLE:-0}" != 1 ]]; then
        echo; echo "##### idle / probe: skipped (nothing to fan out; PROBE_IDLE=1 to run it)"; continue
      fi
      echo
      echo "##### $sc / $sys"
      if ! start_server "$sys" "$sc"; then
        echo "skipping $sc / $sys"; stop_server; continue
      fi
      case "$sys" in socketio) pidopt="--socketio-pid" ;; probe) pidopt="--probe-pid" ;; *) pidopt="--switchboard-pid" ;; esac
      # shellcheck disable=SC2086
      ${BENCH_CPUS:+taskset -c "$BENCH_CPUS"} java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" --scenario "$sc" --system "$sys" \
        --switchboard-url "ws://127.0.0.1:$SB_PORT/ws" --socketio-url "ws://127.0.0.1:$SIO_PORT/socket.io/" \
        --probe-url "ws://127.0.0.1:$PROBE_PORT/ws" \
        "$pidopt" "$SERVER_PID" --secret "$SECRET" --idle-connections "$IDLE_CONNS" \
        --results "$RESULTS" ${scenario_opts[@]+"${scenario_opts[@]}"} "$@" 2>&1 | tee -a "$OUT/bench.log" || echo "bench failed for $sc / $sys"
      stop_server
      sleep "$PAUSE" # let TIME_WAIT sockets and the CPU settle between servers
    done
  done
fi

echo
TITLE="Switchboard vs Socket.IO"
if [[ "$CLUSTER" == 0 && "$SCENARIO" != joinroom && " $SYSTEMS " == *" probe "* ]]; then TITLE+=" vs the kernel-limit probe"; fi
echo "================ $TITLE ($SCENARIO) ================"
if [[ -s "$RESULTS" ]]; then
  java -jar "$BENCH_JAR" --report "$RESULTS" | tee "$OUT/table.txt"
else
  echo "no results"
fi
if [[ "$SCENARIO" == quick ]]; then
  echo "quick (regression guard) took $SECONDS s of wall clock"
  if (( SECONDS > 120 )); then echo "WARNING: over the 2 min budget: a busy machine (see 'other cpu') or a slower server start/connect ramp"; fi
fi
