package io.switchboard.hooks.testing;

import io.switchboard.hooks.delivery.Signer;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver on a local Vert.x HTTP server that verifies each delivery the way
 * docs/hooks.md tells a receiver to: the signature over {@code timestamp + "." + body} with the
 * endpoint's secret, compared in constant time, and a timestamp within 5 minutes of now. Its answer
 * to the n-th request (1-based) is {@code status.applyAsInt(n)} (a 429 with {@code Retry-After:
 * 1}); every request is recorded.
 */
public final class Receiver implements AutoCloseable {
  /** The replay window a receiver applies, seconds. */
  public static final long WINDOW_SECONDS = 300;

  /**
   * One request as received.
   *
   * @param body the JSON body
   * @param id the Switchboard-Webhook-Id header
   * @param verified whether signature and timestamp checked out
   * @param answered the status the receiver answered
   * @param at when it arrived, {@link System#nanoTime()}
   */
  public record Delivery(JsonObject body, String id, boolean verified, int answered, long at) {}

  public final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
  private final AtomicInteger count = new AtomicInteger();
  private final HttpServer server;
  private volatile String secret;

  private Receiver(Vertx vertx, IntUnaryOperator status) {
    this.server =
        TestNode.await(
            vertx
                .createHttpServer()
                .requestHandler(
                    req ->
                        req.body()
                            .onSuccess(
                                buf -> {
                                  int n = count.incrementAndGet();
                                  int answer = status.applyAsInt(n);
                                  String body = buf.toString();
                                  boolean ok =
                                      verify(
                                          body,
                                          req.getHeader("Switchboard-Webhook-Timestamp"),
                                          req.getHeader("Switchboard-Webhook-Signature"));
                                  received.add(
                                      new Delivery(
                                          new JsonObject(body),
                                          req.getHeader("Switchboard-Webhook-Id"),
                                          ok,
                                          answer,
                                          System.nanoTime()));
                                  if (answer == 429) {
                                    req.response().putHeader("Retry-After", "1");
                                  }
                                  req.response().setStatusCode(answer).end();
                                }))
                .listen(0, "127.0.0.1"));
  }

  /** A receiver answering {@code status(n)} to the n-th request. */
  public static Receiver start(Vertx vertx, IntUnaryOperator status) {
    return new Receiver(vertx, status);
  }

  /** The url to register. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/hook";
  }

  /** The secret the signatures are checked with (the one the registration returned). */
  public Receiver secret(String secret) {
    this.secret = secret;
    return this;
  }

  /** How many requests arrived. */
  public int count() {
    return count.get();
  }

  /** The next delivery, waiting up to 10 s. */
  public Delivery next() {
    try {
      Delivery d = received.poll(10, TimeUnit.SECONDS);
      if (d == null) {
        throw new AssertionError("no delivery within 10 s");
      }
      return d;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private boolean verify(String body, String timestamp, String signature) {
    if (secret == null || timestamp == null || signature == null) {
      return false;
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    long now = System.currentTimeMillis() / 1000;
    if (Math.abs(now - ts) > WINDOW_SECONDS) {
      return false;
    }
    byte[] expected = Signer.sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void close() {
    TestNode.await(server.close());
  }
}
