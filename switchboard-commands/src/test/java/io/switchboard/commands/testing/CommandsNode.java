package io.switchboard.commands.testing;

import static org.awaitility.Awaitility.await;

import io.switchboard.commands.CommandsCapability;
import io.switchboard.commands.board.BoardDomain;
import io.switchboard.commands.domain.Domain;
import io.switchboard.core.Ports;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.core.store.Store;
import io.switchboard.server.config.CommandsConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real node on the memory engine with the commands capability, and a real HTTP client (SPEC C2
 * end-to-end tests).
 */
public final class CommandsNode implements AutoCloseable {
  public final TestNode node;
  public final WebClient http;

  private CommandsNode(TestNode node) {
    this.node = node;
    this.http = WebClient.create(node.vertx);
  }

  /** A node with the board domain and 4 shards. */
  public static CommandsNode start() {
    return start(MemoryEngine.ports(), BoardDomain.register(new Domain()), c -> c);
  }

  /**
   * A node on {@code ports} with {@code domain} and the commands config changed by {@code change}.
   */
  public static CommandsNode start(
      Ports ports, Domain domain, UnaryOperator<CommandsConfig> change) {
    CommandsConfig commands =
        change.apply(
            new CommandsConfig(
                true,
                4,
                8,
                Duration.ofMillis(2),
                10_000,
                50,
                Duration.ofMillis(300),
                "switchboard.commands",
                "switchboard.events"));
    // these tests drive thousands of commands from one user as fast as they go: no per-user limit
    // in the way (HttpRateLimitIT tests the limits)
    UnaryOperator<SwitchboardConfig> config =
        c -> c.withCommands(commands).withRateLimits(c.rateLimits().withUser(1_000_000, 1_000_000));
    return new CommandsNode(TestNode.start(ports, config, List.of(new CommandsCapability(domain))));
  }

  public Store store() {
    return node.ports.store();
  }

  /** A token for {@code user}. */
  public String token(String user) {
    return node.token(user);
  }

  /** A connected socket of {@code user}, welcome read. */
  public TestClient connect(String user) {
    return node.connect(user);
  }

  /** POST a command as {@code user} (no token when null) with extra headers. */
  public HttpResponse<Buffer> command(
      String user, String type, Object body, Map<String, String> headers) {
    HttpRequest<Buffer> r =
        http.request(HttpMethod.POST, node.port(), "127.0.0.1", "/api/v1/commands/" + type);
    if (user != null) {
      r.putHeader("Authorization", "Bearer " + token(user));
    }
    headers.forEach(r::putHeader);
    return TestNode.await(r.sendBuffer(Buffer.buffer(body.toString())));
  }

  /** POST a command as {@code user}; asserts 202 and returns the command id. */
  public String accepted(String user, String type, JsonObject body) {
    HttpResponse<Buffer> r = command(user, type, body, Map.of());
    if (r.statusCode() != 202) {
      throw new AssertionError("expected 202, got " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.getHeader("Command-Id");
  }

  /** GET with a user token ({@code user} null: none). */
  public HttpResponse<Buffer> get(String user, String path) {
    HttpRequest<Buffer> r = http.request(HttpMethod.GET, node.port(), "127.0.0.1", path);
    if (user != null) {
      r.putHeader("Authorization", "Bearer " + token(user));
    }
    return TestNode.await(r.send());
  }

  /** A backend call with the API key ({@code key} null: none). */
  public HttpResponse<Buffer> backend(HttpMethod method, String path, Object body, String key) {
    HttpRequest<Buffer> r = http.request(method, node.port(), "127.0.0.1", path);
    if (key != null) {
      r.putHeader("X-API-Key", key);
    }
    return TestNode.await(body == null ? r.send() : r.sendBuffer(Buffer.buffer(body.toString())));
  }

  /** The command record once its status is no longer {@code accepted}. */
  public JsonObject handled(String user, String commandId) {
    JsonObject[] record = new JsonObject[1];
    await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              HttpResponse<Buffer> r = get(user, "/api/v1/commands/" + commandId);
              record[0] = r.statusCode() == 200 ? r.bodyAsJsonObject() : null;
              return record[0] != null && !"accepted".equals(record[0].getString("status"));
            });
    return record[0];
  }

  /** A board document from the query API, or {@code null}. */
  public JsonObject board(String user, String boardId) {
    HttpResponse<Buffer> r = get(user, "/api/v1/queries/boards/" + boardId);
    return r.statusCode() == 200 ? r.bodyAsJsonObject() : null;
  }

  /** Creates a board as {@code user}, waits until applied, returns its id. */
  public String createBoard(String user, String title) {
    String id = accepted(user, "board.create", new JsonObject().put("title", title));
    JsonObject record = handled(user, id);
    if (!"applied".equals(record.getString("status"))) {
      throw new AssertionError("board.create not applied: " + record.encode());
    }
    return record.getString("stream").substring("board-".length());
  }

  @Override
  public void close() {
    http.close();
    node.close();
  }
}
