package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a Switchboard node's tunnel endpoint (SPEC C4): accepts {@code GET
 * /event/ws?project_id=} with the expected bearer token (else 401, or 400 without a project),
 * records the {@code connection_id} header, sends the {@code welcome} and hands each connection to
 * the test as a {@link StubSocket}.
 */
final class StubGateway implements AutoCloseable {
  static final String TOKEN = "s3cret-project-token";
  static final String PROJECT = "proj-1";

  private final Vertx vertx;
  private final BlockingQueue<StubSocket> sockets = new LinkedBlockingQueue<>();
  final AtomicInteger refused = new AtomicInteger();
  final BlockingQueue<HttpServerRequest> heldUpgrades = new LinkedBlockingQueue<>();
  private volatile boolean holdUpgrades;
  private volatile String token = TOKEN;
  private volatile HttpServer server;
  private int port;

  private StubGateway(Vertx vertx) {
    this.vertx = vertx;
  }

  static StubGateway start(Vertx vertx) {
    StubGateway gateway = new StubGateway(vertx);
    gateway.listen(0);
    return gateway;
  }

  String url() {
    return "ws://127.0.0.1:" + port;
  }

  /** The token accepted from now on (the agent keeps sending its own). */
  void acceptToken(String token) {
    this.token = token;
  }

  /** From now on, upgrade requests wait in {@link #heldUpgrades} until {@link #releaseUpgrades}. */
  void holdUpgrades() {
    holdUpgrades = true;
  }

  /** Completes every held upgrade, on the server's context. */
  void releaseUpgrades() {
    holdUpgrades = false;
    HttpServerRequest req;
    while ((req = heldUpgrades.poll()) != null) {
      HttpServerRequest r = req;
      vertx.runOnContext(v -> upgrade(r));
    }
  }

  /** The next connection, within 10 s. */
  StubSocket next() throws InterruptedException {
    StubSocket socket = sockets.poll(10, TimeUnit.SECONDS);
    assertThat(socket).as("a connection from the agent within 10 s").isNotNull();
    return socket;
  }

  /** A connection within {@code within}, or null. */
  StubSocket poll(Duration within) throws InterruptedException {
    return sockets.poll(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops listening and drops every connection (the node is down). */
  void down() {
    await(server.close());
  }

  /** Listens again on the same port. */
  void up() {
    listen(port);
  }

  @Override
  public void close() {
    await(server.close());
  }

  private void listen(int on) {
    server =
        await(
            vertx
                .createHttpServer(
                    new HttpServerOptions().setMaxWebSocketMessageSize(16 * 1024 * 1024))
                .requestHandler(this::handle)
                .listen(on, "127.0.0.1"));
    port = server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    if (!"/event/ws".equals(req.path())) {
      req.response().setStatusCode(404).end();
      return;
    }
    String project = req.getParam("project_id");
    if (project == null || project.isBlank()) {
      req.response().setStatusCode(400).end("project_id is missing");
      return;
    }
    if (!("Bearer " + token).equals(req.getHeader("Authorization"))) {
      refused.incrementAndGet();
      req.response().setStatusCode(401).end("bad token");
      return;
    }
    if (holdUpgrades) {
      req.pause();
      heldUpgrades.add(req);
      return;
    }
    upgrade(req);
  }

  private void upgrade(HttpServerRequest req) {
    String connectionId = req.getHeader("connection_id");
    String project = req.getParam("project_id");
    req.toWebSocket()
        .onSuccess(
            ws -> {
              StubSocket socket = new StubSocket(vertx, ws, connectionId, project);
              ws.writeTextMessage(
                  new JsonObject()
                      .put("type", "welcome")
                      .put("connection_id", connectionId)
                      .put("node", "stub")
                      .encode());
              sockets.add(socket);
            });
  }

  static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
