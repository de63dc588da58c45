package io.switchboard.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One load-generator connection, speaking either switchboard.v1 or Engine.IO v4 / Socket.IO v5 over
 * a plain WebSocket. All state is confined to the connection's event loop; cross-thread
 * observations go through {@link Run}'s adders or volatile fields.
 */
final class Conn {
  // ---- byte patterns (scanned with indexOf, frames are never fully parsed) ----
  private static final byte[] TYPE = b("\"type\":\"");
  private static final byte[] T0 = b("\"t0\":");
  private static final byte[] EVENT = b("event\"");
  private static final byte[] ACK = b("ack\"");
  private static final byte[] JOINED = b("joined\"");
  private static final byte[] WELCOME = b("welcome\"");
  private static final byte[] ERROR = b("error\"");
  private static final byte[] PONG = b("pong\"");
  private static final byte[] HEARTBEAT = b("\"heartbeat\":");
  private static final byte[] PRESENCE = b("presence\"");
  private static final byte[] PRESENCE_COUNT = b("presence_count\"");
  private static final byte[] PRESENCE_COUNT_FIELD = b("\"presenceCount\":");
  private static final byte[] SIO_EVENT = b("42[\"event\"");

  final Run run;
  final int index;
  final String user;

  /** Room to join, or null (idle scenario). */
  final String room;

  final boolean publisher;

  /** The server node this connection talks to (index into {@link Target#nodes}). */
  final Target.Node node;

  private final Promise<Conn> ready = Promise.promise();
  private WebSocket ws;
  Context ctx;
  private int state;
  private long nextId = 1;
  private long heartbeatTimer = -1;
  private long publishTimer = -1;
  private long handshakeTimer = -1;
  volatile boolean closed;

  /** Deliveries seen by this connection (written on its loop only). */
  volatile long received;

  /** Publishes written by this connection. */
  volatile long sent;

  /** Presence join/leave frames seen by this connection (written on its loop only). */
  volatile long presenceSeen;

  Conn(Run run, int index, String room, boolean publisher) {
    this(run, index, room, publisher, 0);
  }

  Conn(Run run, int index, String room, boolean publisher, int node) {
    this.run = run;
    this.index = index;
    this.user = "u" + index;
    this.room = room;
    this.publisher = publisher;
    this.node = run.target.node(node);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Must be called on {@code context}; completes when the handshake (and join, if any) is done. */
  Future<Conn> start(WebSocketClient client, Context context) {
    this.ctx = context;
    WebSocketConnectOptions o =
        new WebSocketConnectOptions()
            .setHost(node.host())
            .setPort(node.port())
            .setURI(run.target.uriFor(node, user))
            .setConnectTimeout(10_000)
            .setTimeout(15_000);
    handshakeTimer =
        run.vertx.setTimer(
            run.cfg.handshakeTimeoutMs,
            t -> {
              handshakeTimer = -1;
              fail(new IllegalStateException("handshake timeout in state " + state));
            });
    client
        .connect(o)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                fail(ar.cause());
                return;
              }
              ws = ar.result();
              ws.handler(this::onFrame);
              ws.exceptionHandler(
                  e -> {
                    if (!run.stopping) run.wsErrors.increment();
                  });
              ws.closeHandler(
                  v -> {
                    closed = true;
                    cancelTimers();
                    if (!ready.future().isComplete()) {
                      fail(
                          new IllegalStateException(
                              "closed during handshake, state "
                                  + state
                                  + " code "
                                  + ws.closeStatusCode()));
                    } else if (!run.stopping) {
                      run.unexpectedCloses.increment();
                    }
                  });
              // switchboard.v1: wait for welcome; Socket.IO: wait for Engine.IO open packet.
            });
    return ready.future();
  }

  private void fail(Throwable t) {
    if (ready.tryFail(t)) {
      cancelTimers();
      if (ws != null && !closed) ws.close();
    }
  }

  private void succeed() {
    if (handshakeTimer >= 0) {
      run.vertx.cancelTimer(handshakeTimer);
      handshakeTimer = -1;
    }
    ready.tryComplete(this);
  }

  private void onFrame(Buffer buf) {
    byte[] a = buf.getBytes();
    run.framesIn.increment();
    run.bytesIn.add(a.length);
    if (run.target.sys.v1()) onSwitchboard(a);
    else onSocketIo(a);
  }

  // ------------------------------------------------------------------ switchboard.v1

  private void onSwitchboard(byte[] a) {
    int t = indexOf(a, TYPE, 0);
    if (t < 0) {
      run.protocolErrors.increment();
      return;
    }
    int v = t + TYPE.length;
    if (startsWith(a, v, EVENT)) {
      delivered(a, v);
    } else if (startsWith(a, v, ACK)) {
      run.acks.increment();
    } else if (startsWith(a, v, PONG)) {
      // heartbeat reply
    } else if (startsWith(a, v, WELCOME)) {
      if (state != 0) return;
      int hb = indexOf(a, HEARTBEAT, v);
      if (hb >= 0 && run.cfg.clientPing) {
        long secs = parseLong(a, hb + HEARTBEAT.length);
        if (secs > 0) startHeartbeat(secs * 800L); // ping at 80% of the advertised interval
      }
      if (room == null) {
        state = 2;
        succeed();
      } else {
        state = 1;
        joinSentAt = System.nanoTime();
        ws.writeTextMessage(
            "{\"type\":\"join\",\"id\":" + (nextId++) + ",\"room\":\"" + room + "\"}");
      }
    } else if (startsWith(a, v, PRESENCE)) {
      presenceSeen++;
      run.presenceFrames.increment();
      run.lastPresenceAt.accumulateAndGet(System.nanoTime() - Run.BASE, Math::max);
    } else if (startsWith(a, v, PRESENCE_COUNT)) {
      run.presenceCountFrames.increment();
    } else if (startsWith(a, v, JOINED)) {
      run.joinedFrames.increment();
      run.joinedBytes.add(a.length);
      int pc = indexOf(a, PRESENCE_COUNT_FIELD, v);
      if (pc >= 0)
        run.maxPresenceCount.accumulateAndGet(
            parseLong(a, pc + PRESENCE_COUNT_FIELD.length), Math::max);
      if (state == 1) {
        state = 2;
        recordJoin();
        succeed();
      }
    } else if (startsWith(a, v, ERROR)) {
      run.serverErrors.increment();
      run.noteError(new String(a, StandardCharsets.UTF_8));
      if (state < 2)
        fail(new IllegalStateException("server error: " + new String(a, StandardCharsets.UTF_8)));
    } else {
      run.otherFrames.increment();
    }
  }

  private long joinSentAt;

  private void recordJoin() {
    long now = System.nanoTime();
    run.joinLatency.recordValue(Math.max(1, (now - joinSentAt) / 1000));
    run.lastJoinedAt.accumulateAndGet(now - Run.BASE, Math::max);
    if (run.rampStart > 0)
      run.joinDone.recordValue(Math.max(0, (now - Run.BASE - run.rampStart) / 1000));
  }

  private void startHeartbeat(long periodMs) {
    long first = ThreadLocalRandom.current().nextLong(periodMs / 2, periodMs) + 1;
    heartbeatTimer =
        run.vertx.setPeriodic(
            first,
            periodMs,
            id -> {
              if (!closed) ws.writeTextMessage("{\"type\":\"ping\",\"id\":" + (nextId++) + "}");
            });
  }

  // ------------------------------------------------------------------ Engine.IO v4 / Socket.IO v5

  private void onSocketIo(byte[] a) {
    if (a.length == 0) return;
    switch (a[0]) {
      case '0' -> { // Engine.IO open: connect to the main namespace
        if (state == 0) {
          state = 1;
          ws.writeTextMessage("40");
        }
      }
      case '2' -> ws.writeTextMessage("3"); // Engine.IO ping -> pong
      case '4' -> {
        if (a.length < 2) return;
        switch (a[1]) {
          case '2' -> { // EVENT
            if (startsWith(a, 0, SIO_EVENT)) delivered(a, SIO_EVENT.length);
            else run.otherFrames.increment();
          }
          case '3' -> { // ACK: 43<id>[...]
            if (state == 2) {
              state = 3;
              run.joinedFrames.increment();
              run.joinedBytes.add(a.length);
              recordJoin();
              succeed();
            } else {
              run.acks.increment();
            }
          }
          case '0' -> { // CONNECT ok
            if (state == 1) {
              if (room == null) {
                state = 3;
                succeed();
              } else {
                state = 2;
                joinSentAt = System.nanoTime();
                ws.writeTextMessage("42" + (nextId++) + "[\"join\",\"" + room + "\"]");
              }
            }
          }
          case '4' -> { // CONNECT_ERROR
            run.serverErrors.increment();
            run.noteError(new String(a, StandardCharsets.UTF_8));
            fail(
                new IllegalStateException(
                    "connect_error " + new String(a, StandardCharsets.UTF_8)));
          }
          case '1' -> { // DISCONNECT
            if (!run.stopping) run.unexpectedCloses.increment();
          }
          default -> run.otherFrames.increment();
        }
      }
      case '1' -> {
        if (!run.stopping) run.unexpectedCloses.increment();
      }
      case '6', '3' -> {}
      default -> run.otherFrames.increment();
    }
  }

  // ------------------------------------------------------------------ shared

  private void delivered(byte[] a, int from) {
    received++;
    run.received.increment();
    int p = indexOf(a, T0, from);
    if (p < 0) {
      run.otherFrames.increment();
      return;
    }
    long t0 = parseLong(a, p + T0.length);
    long now = System.nanoTime() - Run.BASE;
    // latency of every delivery RECEIVED inside the window (also events published during warm-up):
    // an overloaded system then shows its queueing delay instead of an empty histogram
    if (now >= run.windowStart && now < run.windowEnd && t0 >= run.pubStart) {
      run.windowDelivered.increment();
      long micros = Math.max(0, (now - t0) / 1000);
      if (NioReceivers.sampled(run, received))
        run.latency.recordValue(Math.min(micros, Run.MAX_LATENCY_MICROS));
    }
  }

  /** Publish one event (call on this connection's event loop). */
  void publishOne() {
    long t0 = System.nanoTime() - Run.BASE;
    String data = run.payload(t0);
    long id = nextId++;
    String frame =
        run.target.sys.v1()
            ? "{\"type\":\"publish\",\"id\":"
                + id
                + ",\"room\":\""
                + room
                + "\",\"event\":\"tick\",\"data\":"
                + data
                + "}"
            : "42"
                + id
                + "[\"publish\",{\"room\":\""
                + room
                + "\",\"event\":\"tick\",\"data\":"
                + data
                + "}]";
    ws.writeTextMessage(frame);
    sent++;
  }

  /**
   * Schedules publishing on this connection's loop from {@code run.pubStart} until {@code
   * run.windowEnd} at {@code rate}/s, with a phase offset so that many publishers do not fire in
   * lock step.
   */
  void startPublishing(double rate) {
    ctx.runOnContext(
        v -> {
          long periodMs = Math.max(1, Math.min(1000, Math.round(1000.0 / rate)));
          long phaseNanos = (long) (ThreadLocalRandom.current().nextDouble() * 1e9 / rate);
          long begin = run.pubStart + phaseNanos;
          long delayMs = Math.max(1, (begin - (System.nanoTime() - Run.BASE)) / 1_000_000);
          publishTimer =
              run.vertx.setPeriodic(
                  delayMs,
                  periodMs,
                  id -> {
                    long now = System.nanoTime() - Run.BASE;
                    if (now >= run.windowEnd || closed || run.stopping) {
                      run.vertx.cancelTimer(id);
                      publishTimer = -1;
                      return;
                    }
                    if (now < begin) return;
                    long due = (long) ((now - begin) * rate / 1e9) + 1;
                    int burst = 0;
                    while (sent < due && burst++ < 10_000) {
                      if (ws.writeQueueFull()) {
                        run.publisherBackpressure.increment();
                        break;
                      }
                      publishOne();
                    }
                  });
        });
  }

  private void cancelTimers() {
    if (heartbeatTimer >= 0) run.vertx.cancelTimer(heartbeatTimer);
    if (publishTimer >= 0) run.vertx.cancelTimer(publishTimer);
    if (handshakeTimer >= 0) run.vertx.cancelTimer(handshakeTimer);
    heartbeatTimer = publishTimer = handshakeTimer = -1;
  }

  Future<Void> close() {
    Promise<Void> p = Promise.promise();
    if (ctx == null) return Future.succeededFuture();
    ctx.runOnContext(
        v -> {
          cancelTimers();
          if (ws != null && !closed) {
            ws.close().onComplete(ar -> p.tryComplete());
          } else {
            p.tryComplete();
          }
        });
    return p.future();
  }

  // ------------------------------------------------------------------ byte helpers

  static int indexOf(byte[] a, byte[] pat, int from) {
    byte first = pat[0];
    int max = a.length - pat.length;
    outer:
    for (int i = Math.max(0, from); i <= max; i++) {
      if (a[i] != first) continue;
      for (int j = 1; j < pat.length; j++) {
        if (a[i + j] != pat[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  static boolean startsWith(byte[] a, int at, byte[] pat) {
    if (at < 0 || at + pat.length > a.length) return false;
    for (int j = 0; j < pat.length; j++) {
      if (a[at + j] != pat[j]) return false;
    }
    return true;
  }

  static long parseLong(byte[] a, int at) {
    int i = at;
    while (i < a.length && a[i] == ' ') i++;
    long v = 0;
    boolean any = false;
    while (i < a.length && a[i] >= '0' && a[i] <= '9') {
      v = v * 10 + (a[i] - '0');
      i++;
      any = true;
    }
    return any ? v : -1;
  }
}
