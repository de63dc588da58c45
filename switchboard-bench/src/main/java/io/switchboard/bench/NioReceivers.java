package io.switchboard.bench;

import static io.switchboard.bench.Bench.log;

import io.vertx.core.Context;
import io.vertx.core.http.WebSocketClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --client nio} (issue 13 point 1, "separate the generator's cost from the server's"): in
 * the fanout and rooms scenarios the publishers stay Vert.x {@link Conn}s (few, they need acks),
 * every other connection of the plan is an {@link NioConn} on one of {@code --event-loops} {@link
 * NioLoop} selector threads. Deliveries, losses, latency samples and errors go into the same {@link
 * Run} counters and {@link Conn} objects, so {@link Publishing}, {@link Result} and {@link Report}
 * read them unchanged.
 */
final class NioReceivers {
  private final Bench cfg;
  private final Run run;
  private final List<NioLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Semaphore inflight;
  private final ConcurrentLinkedQueue<Conn> ready = new ConcurrentLinkedQueue<>();
  private final AtomicInteger failed = new AtomicInteger();

  /** Starts {@code --event-loops} selector threads for {@code run}. */
  NioReceivers(Bench cfg, Run run) throws IOException {
    this.cfg = cfg;
    this.run = run;
    this.inflight = new Semaphore(Math.max(1, cfg.connectConcurrency));
    for (int i = 0; i < Math.max(1, cfg.eventLoops); i++) {
      NioLoop l = new NioLoop(this, run, cfg.latencySample);
      Thread t = new Thread(l, "nio-loop-" + i);
      t.setDaemon(true);
      loops.add(l);
      threads.add(t);
      t.start();
    }
  }

  /**
   * True when {@code client} is {@code nio} and the scenario has NIO receivers.
   *
   * @throws IllegalArgumentException if {@code client} is neither {@code vertx} nor {@code nio}
   */
  static boolean applies(String client, String scenario) {
    if (!"nio".equalsIgnoreCase(client) && !"vertx".equalsIgnoreCase(client))
      throw new IllegalArgumentException("--client must be vertx or nio, not " + client);
    return "nio".equalsIgnoreCase(client)
        && (scenario.equals("fanout") || scenario.equals("rooms"));
  }

  /**
   * Whether a Vert.x {@link Conn}'s {@code received}-th delivery goes into the latency histogram:
   * all of them with {@code --client vertx}; with {@code nio} only every {@code
   * --latency-sample}-th, as for the NIO receivers, so that the publishers' own deliveries do not
   * outweigh theirs.
   */
  static boolean sampled(Run run, long received) {
    return !"nio".equalsIgnoreCase(run.cfg.client)
        || received % Math.max(1, run.cfg.latencySample) == 0;
  }

  /**
   * Connects the publishers of {@code plan} with {@link Bench#connectAll}, then every other
   * connection over NIO, at most {@code --connect-concurrency} handshakes in flight, round-robin
   * over the loops and {@code --source-addresses}; adds both to {@code res.connected}, {@code
   * connectFailures}, {@code connectSeconds}.
   *
   * @return the ready connections: the publishers, then the receivers in the order they got ready
   */
  List<Conn> connectAll(
      List<Conn> plan, List<Context> contexts, List<WebSocketClient> clients, Result res)
      throws InterruptedException {
    List<Conn> pubs = new ArrayList<>();
    List<Conn> receivers = new ArrayList<>();
    for (Conn c : plan) (c.publisher ? pubs : receivers).add(c);
    List<Conn> out = new ArrayList<>(cfg.connectAll(run, pubs, contexts, clients, res));
    int pubsReady = res.connected;
    int pubsFailed = res.connectFailures;
    double pubsSeconds = res.connectSeconds;

    SplittableRandom rnd = new SplittableRandom();
    long c0 = System.nanoTime();
    long waitMs = cfg.handshakeTimeoutMs + 15_000;
    int launched = 0;
    for (Conn c : receivers) {
      if (!inflight.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
        log("nio connect phase stalled; stopping after %d launched", launched);
        break;
      }
      String key = ClientWire.newKey(rnd);
      byte[] request =
          ClientWire.upgradeRequest(
              c.node.host(), c.node.port(), run.target.uriFor(c.node, c.user), key);
      String src = cfg.sourceAddresses.get(launched % cfg.sourceAddresses.size()).trim();
      NioLoop loop = loops.get(launched % loops.size());
      loop.submit(new NioConn(c, loop, new InetSocketAddress(src, 0), request, key));
      launched++;
      if (launched % 5000 == 0)
        log("  nio launched %d, ready %d, failed %d", launched, ready.size(), failed.get());
    }
    inflight.tryAcquire(Math.max(1, cfg.connectConcurrency), waitMs, TimeUnit.MILLISECONDS);
    double secs = (System.nanoTime() - c0) / 1e9;
    out.addAll(ready);
    res.connected = pubsReady + ready.size();
    res.connectFailures = pubsFailed + failed.get() + (receivers.size() - launched);
    res.connectSeconds = pubsSeconds + secs;
    log(
        "nio receivers: connected %d/%d in %.1f s (%.0f/s), failures %d",
        ready.size(),
        receivers.size(),
        secs,
        ready.size() / Math.max(1e-9, secs),
        failed.get() + (receivers.size() - launched));
    return out;
  }

  /** {@code c} finished its setup (loop thread). */
  void ready(NioConn c) {
    ready.add(c.conn);
    inflight.release();
  }

  /** {@code c}'s setup failed (loop thread). */
  void failed(NioConn c, String why) {
    if (failed.incrementAndGet() <= 3) log("nio connect failure: %s", why);
    run.noteError(why);
    inflight.release();
  }

  /** Sets {@code run.stopping}, closes every receiver and waits for the loops to end. */
  void close() {
    run.stopping = true;
    for (NioLoop l : loops) l.shutdown();
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    long rounds = 0;
    long reads = 0;
    long frames = 0;
    for (NioLoop l : loops) {
      rounds += l.rounds;
      reads += l.reads;
      frames += l.tally.frames;
    }
    log(
        "nio loops closed (%d threads, latency sample 1/%d): %d select rounds, %d reads, %d frames",
        loops.size(), Math.max(1, cfg.latencySample), rounds, reads, frames);
  }
}
