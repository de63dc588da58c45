# Helpers shared by run.sh and commands.sh (sourced, not run). Both set QUIET_WAIT and QUIET_CORES.

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_ready() { # url pid log: the node answers 200 (Switchboard /health/ready = engine connected)
  for _ in $(seq 1 150); do
    if ! kill -0 "$2" 2>/dev/null; then echo "node exited during startup; log: $3" >&2; tail -20 "$3" >&2; return 1; fi
    if curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "node not ready at $1 within 30 s; log: $3" >&2
  return 1
}

busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat; }

# wait until the machine is (nearly) idle: no server of ours runs at this point, so whatever is busy
# belongs to someone else
wait_quiet() {
  [[ "$QUIET_WAIT" -gt 0 && -r /proc/stat ]] || return 0
  local t0=$SECONDS a b cores hz
  hz="$(getconf CLK_TCK 2>/dev/null || echo 100)"
  while :; do
    a="$(busy_ticks)"; sleep 2; b="$(busy_ticks)"
    cores="$(awk -v d=$((b - a)) -v hz="$hz" 'BEGIN{printf "%.2f", d / hz / 2}')"
    if awk -v c="$cores" -v q="$QUIET_CORES" 'BEGIN{exit !(c < q)}'; then
      (( SECONDS - t0 > 2 )) && echo "machine quiet after $((SECONDS - t0)) s (${cores} cores busy)"
      return 0
    fi
    if (( SECONDS - t0 >= QUIET_WAIT )); then
      echo "WARNING: machine still busy (${cores} cores used by other processes) after ${QUIET_WAIT} s; running anyway"
      return 0
    fi
    (( SECONDS - t0 < 3 )) && echo "machine busy (${cores} cores used by other processes); waiting up to ${QUIET_WAIT} s"
  done
}
