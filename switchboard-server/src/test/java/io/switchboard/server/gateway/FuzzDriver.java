package io.switchboard.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.gateway.FuzzRequests.Who;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One fuzzing connection of {@link FuzzIT}, driven closed-loop from its own thread: it sends one
 * input, waits for everything the documentation promises in return (replies, pongs, or the end of
 * the connection with a documented close code), checks it, and reconnects whenever an input ended
 * the connection. Inputs come from its own {@link SplittableRandom}, so one seed gives each
 * connection the same sequence of inputs.
 */
final class FuzzDriver implements Runnable {
  private static final long WAIT_MS =
      30_000; // a liveness wait, not a timing: a loaded CI box took over 10 s
  private final int index;
  private final TestNode node;
  private final Vertx clients;
  private final FuzzOracle oracle;
  private final SplittableRandom r;
  private final AtomicLong budget;
  private final long deadline;
  private final Map<String, LongAdder> kinds;
  private final FuzzRequests requests;
  private final FuzzMutations mutations;
  private final FuzzRaw raw;
  private final Who who;
  private final Set<String> rooms = new HashSet<>();
  private NetClient tcp;
  private FuzzSocket socket;
  private String where;
  private String previous = "connect";

  FuzzDriver(
      int index,
      TestNode node,
      Vertx clients,
      FuzzOracle oracle,
      SplittableRandom r,
      AtomicLong budget,
      long deadline,
      Map<String, LongAdder> kinds,
      int maxFrame,
      int maxRooms) {
    this.index = index;
    this.node = node;
    this.clients = clients;
    this.oracle = oracle;
    this.r = r;
    this.budget = budget;
    this.deadline = deadline;
    this.kinds = kinds;
    this.requests = new FuzzRequests(r, maxFrame, maxRooms);
    this.mutations = new FuzzMutations(r, maxFrame);
    this.raw = new FuzzRaw(r, maxFrame);
    this.who = index % 7 == 3 ? Who.ANONYMOUS : index % 5 == 1 ? Who.CLAIMS : Who.USER;
  }

  @Override
  public void run() {
    tcp = clients.createNetClient();
    long seq = 0;
    try {
      while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
        if (socket == null && !connect()) {
          continue;
        }
        FuzzInput in = next();
        where = "conn " + index + " input " + seq++ + " (after " + previous + ") [" + in + "]";
        previous = in.kind;
        kinds.computeIfAbsent(in.kind, k -> new LongAdder()).increment();
        run(in);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      oracle.violation(where == null ? "conn " + index : where, "driver failed: " + e);
    } finally {
      if (socket != null) {
        socket.sendClose(FuzzWire.closePayload(1000, new byte[0]));
      }
    }
  }

  /**
   * Opens the connection (now and then first a refused one: a bad token gets unauthorized, then
   * 4001).
   */
  private boolean connect() throws Exception {
    where = "conn " + index + " connecting (after " + previous + ")";
    rooms.clear();
    if (r.nextInt(25) == 0) {
      String bad =
          new String[] {
                "?token=",
                "?token=not.a.jwt",
                "?token=" + node.expiredToken("u" + index),
                "?token=" + node.forgedToken("u" + index)
              }
              [1 + r.nextInt(3)]; // no token at all is anonymous here
      FuzzSocket refused =
          FuzzSocket.connect(
              clients, tcp, node.port(), "/ws" + bad, oracle, "conn " + index, Buffer.buffer());
      kinds.computeIfAbsent("handshake:bad-token", k -> new LongAdder()).increment();
      JsonNode first = refused.first.get(WAIT_MS, TimeUnit.MILLISECONDS);
      Integer code = refused.closeCode.get(WAIT_MS, TimeUnit.MILLISECONDS);
      if (!"unauthorized".equals(first.path("code").asText()) || code != 4001) {
        oracle.violation("conn " + index, "bad token answered " + first + " and close " + code);
      }
      refused.tcpClosed.get(WAIT_MS, TimeUnit.MILLISECONDS);
      return false;
    }
    String path =
        switch (who) {
          case ANONYMOUS -> "/ws";
          case CLAIMS -> "/ws?token=" + node.tokenWithRooms("fuzz-" + index % 10, "private:*");
          default -> "/ws?token=" + node.token("fuzz-" + index % 10);
        };
    socket =
        FuzzSocket.connect(
            clients, tcp, node.port(), path, oracle, "conn " + index, Buffer.buffer());
    JsonNode welcome = socket.first.get(WAIT_MS, TimeUnit.MILLISECONDS);
    if (!"welcome".equals(welcome.path("type").asText())) {
      oracle.violation("conn " + index, "first frame is not welcome: " + welcome);
      socket.abort();
      socket = null;
      outstandingPings.clear();
      return false;
    }
    return true;
  }

  private FuzzInput next() {
    int p = r.nextInt(1000);
    if (p < 450) {
      return requests.next(who, rooms);
    }
    FuzzInput valid = requests.next(who, rooms);
    String text = valid.sample;
    if (p < 750) {
      return mutations.mutate(text);
    } else if (p < 800) {
      return raw.fragmented(text, valid);
    } else if (p < 830) {
      return raw.invalidUtf8(text);
    } else if (p < 860) {
      return raw.binary();
    } else if (p < 900) {
      return raw.control(false);
    } else if (p < 915) {
      return raw.control(true);
    } else if (p < 925) {
      return flood();
    } else if (p < 950) {
      return raw.violation();
    } else if (p < 960) {
      return raw.lyingLength();
    } else if (p < 975) {
      return raw.close();
    } else if (p < 985) {
      return raw.garbage();
    } else if (p < 990) {
      return raw.pausedFlood(64 + r.nextInt(1024), r.nextInt(300));
    }
    return requests.next(who, rooms);
  }

  /**
   * Ping requests sent at once: each answered pong or rate_limited, or the flood closes with 4029.
   */
  private FuzzInput flood() {
    int n = new int[] {20, 150, 400}[r.nextInt(3)];
    Buffer b = Buffer.buffer();
    for (int i = 0; i < n; i++) {
      b.appendBuffer(requests.text("{\"type\":\"ping\",\"id\":\"f" + i + "\"}"));
    }
    FuzzInput in = new FuzzInput("raw:request-flood", b, n + " ping requests at once");
    in.replies = n;
    in.outcomes = Set.of("pong");
    in.closes = Set.of(4029);
    return in;
  }

  private final java.util.ArrayDeque<Buffer> outstandingPings = new java.util.ArrayDeque<>();

  private void run(FuzzInput in) throws Exception {
    FuzzSocket s = socket;
    int limitedBefore = s.rateLimited.get();
    if (in.paused) {
      s.pause();
    }
    boolean sent = s.send(in.bytes);
    if (in.paused) {
      s.resume();
    }
    long until = System.currentTimeMillis() + WAIT_MS;
    for (int i = 0; i < in.replies && sent; i++) {
      JsonNode reply = poll(s, until, in);
      if (reply == null) {
        if (!ended(s)) {
          oracle.violation(
              where,
              "reply " + (i + 1) + " of " + in.replies + " missing after " + WAIT_MS + " ms");
        }
        break;
      }
      check(in, reply);
    }
    pongs(in, s, until);
    if (in.abandon) {
      s.tcpClosed.completeOnTimeout(null, 500, TimeUnit.MILLISECONDS).get();
      s.abort();
    } else if (in.mustEnd) {
      awaitEnd(s, limitedBefore);
    }
    if (ended(s) || in.abandon) {
      ended(in, s);
      socket = null;
      outstandingPings.clear();
    }
  }

  private JsonNode poll(FuzzSocket s, long until, FuzzInput in) throws InterruptedException {
    while (System.currentTimeMillis() < until) {
      JsonNode reply = s.replies.poll(20, TimeUnit.MILLISECONDS);
      if (reply != null && resync(reply, in)) {
        s.broadcasts.incrementAndGet();
        continue;
      }
      if (reply != null || s.tcpClosed.isDone() && s.replies.isEmpty()) {
        return reply;
      }
    }
    return null;
  }

  /**
   * A {@code joined} without {@code id} while the input could not have been answered by one: the
   * server's own resync of a room the connection is in (docs/protocol.md, "joined without id,
   * recovered: false"), which a busy machine can cause by delaying deliveries; not a reply.
   */
  private static boolean resync(JsonNode f, FuzzInput in) {
    return "joined".equals(f.path("type").asText())
        && f.get("id") == null
        && !in.outcomes.contains("joined")
        && !f.path("data").path("recovered").asBoolean(true);
  }

  private static boolean ended(FuzzSocket s) {
    return s.tcpClosed.isDone() || s.closeCode.isDone();
  }

  private void check(FuzzInput in, JsonNode reply) {
    if (reply == FuzzSocket.INVALID) {
      return;
    }
    String type = reply.get("type").asText();
    String outcome = "error".equals(type) ? "error:" + reply.get("code").asText() : type;
    boolean allowed =
        in.outcomes.contains(outcome)
            || FuzzInput.RATE_LIMITED.equals(outcome)
            || outcome.startsWith("error:") && in.outcomes.contains("error:*");
    if (!allowed) {
      oracle.violation(
          where, "got " + FuzzOracle.cut(reply.toString()) + ", documented: " + in.outcomes);
    }
    JsonNode id = reply.get("id");
    JsonNode expected = FuzzInput.RATE_LIMITED.equals(outcome) ? null : in.id;
    if (in.checkId
        && expected != null
        && expected.isTextual()
        && id != null
        && id.isTextual()
        && !expected.equals(id)
        && withoutLoneSurrogates(expected.asText()).equals(id.asText())) {
      oracle.note(
          "string id with a lone surrogate echoed with '?'", "sent " + expected + ", echoed " + id);
    } else if (in.checkId && !sameId(expected, id)) {
      oracle.violation(
          where, "reply id " + id + ", sent " + expected + ": " + FuzzOracle.cut(reply.toString()));
    } else if (in.checkId
        && expected != null
        && expected.isNumber()
        && expected.decimalValue().compareTo(id.decimalValue()) != 0) {
      oracle.note(
          "numeric id echoed as the double it parses to", "sent " + expected + ", echoed " + id);
    }
    if ("joined".equals(type)) {
      rooms.add(reply.get("room").asText());
    } else if ("left".equals(type)) {
      rooms.remove(reply.get("room").asText());
    }
  }

  /**
   * {@code s} with each lone surrogate replaced by {@code ?}, as Java's UTF-8 encoder writes it.
   */
  static String withoutLoneSurrogates(String s) {
    return new String(
        s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Ids compare as JSON values: strings exactly, numbers as the doubles they parse to (the server
   * re-encodes a fraction or exponent through a double; see {@link FuzzOracle#note}).
   */
  static boolean sameId(JsonNode expected, JsonNode got) {
    if (expected == null || got == null) {
      return expected == got;
    }
    if (expected.isNumber() && got.isNumber()) {
      return expected.isIntegralNumber() && got.isIntegralNumber()
          ? expected.bigIntegerValue().equals(got.bigIntegerValue())
          : expected.doubleValue() == got.doubleValue();
    }
    return expected.equals(got);
  }

  /**
   * Pongs: each one answers a ping this connection sent, with its payload, in the order the pings
   * were sent. Not every ping gets one (docs/protocol.md): a ping over the rate limit is not
   * answered, and while one pong waits to be written only the latest ping is answered after it; so
   * a pong may answer a later ping (the skipped ones are dropped) or arrive during a later input,
   * but never answer no ping or come back out of order.
   */
  private void pongs(FuzzInput in, FuzzSocket s, long until) {
    outstandingPings.addAll(in.pings);
    Buffer pong;
    while ((pong = s.pongs.poll()) != null) {
      boolean matched = false;
      while (!outstandingPings.isEmpty() && !matched) {
        matched = outstandingPings.poll().equals(pong);
      }
      if (!matched) {
        oracle.violation(where, "a pong answering no ping sent (or out of order)");
      }
    }
  }

  /**
   * Waits for an input that must end the connection to end it, unless the rate limit dropped it
   * first: a frame over the connection's rate is answered {@code rate_limited} and not processed
   * (docs/protocol.md), so the connection lives on; its {@code rate_limited} reply is taken so that
   * the next input does not read it as its own. Seen in CI right after a flood had emptied the
   * bucket (seed -2625359741858096413, a fragmented 20 KB message that would have closed with
   * 1009).
   */
  private void awaitEnd(FuzzSocket s, int limitedBefore) throws Exception {
    long until = System.currentTimeMillis() + WAIT_MS;
    while (System.currentTimeMillis() < until && !ended(s)) {
      if (s.rateLimited.get() > limitedBefore) {
        for (java.util.Iterator<JsonNode> it = s.replies.iterator(); it.hasNext(); ) {
          JsonNode f = it.next();
          if (f != FuzzSocket.INVALID && "rate_limited".equals(f.path("code").asText())) {
            it.remove();
            break;
          }
        }
        oracle.note("an input that ends the connection was dropped by the rate limit", where);
        return;
      }
      try {
        s.tcpClosed.get(20, TimeUnit.MILLISECONDS); // returns at once when TCP closes
      } catch (java.util.concurrent.TimeoutException e) {
        // still open: look at the rate limit again
      }
    }
    awaitTcpClose(s);
  }

  /**
   * Waits for the TCP connection to end. Once both close frames were exchanged the protocol is done
   * (RFC 6455 §7.1.1: the server closes TCP first, but the client may too): a TCP close that takes
   * longer than the liveness wait on a loaded machine is noted and the client closes it; the
   * connection gauge checked at the end still shows whether the server let it go. Without a close
   * frame, the wait failing is a failure.
   */
  private void awaitTcpClose(FuzzSocket s) throws Exception {
    try {
      s.tcpClosed.get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      if (!s.closeCode.isDone()) {
        throw e;
      }
      oracle.note("TCP still open " + WAIT_MS + " ms after the close handshake", where);
      s.abort();
    }
  }

  /**
   * Checks how the connection ended: a documented close code for this input, or a documented drop.
   */
  private void ended(FuzzInput in, FuzzSocket s) throws Exception {
    awaitTcpClose(s);
    Integer code = s.closeCode.getNow(null);
    if (code == null) {
      if (!in.dropAllowed) {
        oracle.violation(where, "connection dropped without a close frame");
      }
      return;
    }
    boolean ok =
        in.closes != null && in.closes.contains(code)
            || code == 4029 && s.rateLimited.get() > 0
            || code == 4008 && in.paused;
    if (!in.kind.equals("raw:close")
        && !oracle.closeCodes.contains(code)) { // raw:close gets its own code back
      oracle.violation(where, "closed with " + code + ", not in docs/protocol.md");
    } else if (!ok || code == 1011) {
      oracle.violation(where, "closed with " + code + ", documented for this input: " + in.closes);
    }
  }
}
