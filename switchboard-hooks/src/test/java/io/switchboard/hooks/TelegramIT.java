package io.switchboard.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.hooks.telegram.BotCommands;
import io.switchboard.hooks.testing.FakeBotApi;
import io.switchboard.hooks.testing.HooksNode;
import io.switchboard.server.config.TelegramConfig;
import io.switchboard.server.signal.Signal;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Telegram through a local server playing the Bot API (issue 11 points 3 and 5; this machine
 * reaches no Telegram server): outcomes are sent with sendMessage to the configured chat; updates
 * on the webhook with the right secret from an allowed user get their {@code /status} or {@code
 * /help} answered; a wrong or missing secret is 401; a user not allowed gets no answer.
 */
class TelegramIT {
  static final String TOKEN = "123456:test-bot-token_ABC";
  static final String SECRET = "telegram-secret_0123";
  static final long ALLOWED = 4242L;
  static final String CHAT = "-100777";

  static StorePorts store;
  static FakeBotApi bot;
  static HooksNode hooks;

  @BeforeAll
  static void start() {
    store = StorePorts.of("postgres");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    bot = FakeBotApi.start(vertx, TOKEN);
    TelegramConfig tg =
        TelegramConfig.enabled(TOKEN, CHAT, bot.baseUrl(), SECRET, List.of(Long.toString(ALLOWED)));
    hooks = HooksNode.start(store.ports, c -> c.withTelegram(tg));
  }

  @AfterAll
  static void stop() {
    hooks.close();
    bot.close();
    store.close();
  }

  @BeforeEach
  void drain() {
    bot.messages.clear();
  }

  @Test
  void outcomesAreSentToTheChatWithSendMessage() {
    hooks.emit(
        Signal.of(
            "workflow.failed",
            "wf-9",
            "",
            "ann",
            new JsonObject().put("definition", "order").put("error", "step 2 timed out")));
    JsonObject m = bot.next();
    assertThat(m.getString("chat_id")).isEqualTo(CHAT);
    assertThat(m.getString("text"))
        .contains("workflow.failed", "wf-9", "order", "ann", "step 2 timed out");
    hooks.emit(Signal.of("agent.connected", "p1", "x", null, new JsonObject())); // not in events
    hooks.emit(
        Signal.of(
            "command.applied", "cmd-9", "", "bob", new JsonObject().put("type", "board.create")));
    JsonObject next = bot.next();
    assertThat(next.getString("text")).contains("command.applied", "cmd-9", "board.create");
    assertThat(bot.messages).isEmpty();
    // the chat's delivery state, through the server API, without a token in it
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> telegram().getJsonObject("state").getLong("delivered") == 2);
    JsonObject t = telegram();
    assertThat(t.getString("chat_id")).isEqualTo(CHAT);
    assertThat(t.getJsonArray("dead_letters")).isEmpty();
    assertThat(t.encode()).doesNotContain(TOKEN, SECRET);
  }

  @Test
  void statusAndHelpFromAnAllowedUserAreAnsweredInTheirChat() {
    try (TestClient client = hooks.node.connect("carol")) {
      assertThat(update(SECRET, ALLOWED, 555, "/status").statusCode()).isEqualTo(200);
      JsonObject status = bot.next();
      assertThat(status.getLong("chat_id")).isEqualTo(555L);
      assertThat(status.getString("text"))
          .contains("nodes: 1", "connections: 1", "workflows running: 0", hooks.node.server.node());
    }
    assertThat(update(SECRET, ALLOWED, 555, "/help@switchboard_bot").statusCode()).isEqualTo(200);
    assertThat(bot.next().getString("text")).isEqualTo(BotCommands.HELP);
    assertThat(update(SECRET, ALLOWED, 555, "/launch missiles").statusCode()).isEqualTo(200);
    assertThat(bot.next().getString("text")).startsWith("Unknown command.").contains("/status");
  }

  @Test
  void aBotApiErrorNeverCarriesTheBotToken() {
    // a Bot API that never answers: the client's timeout message quotes the request line
    io.vertx.core.http.HttpServer silent =
        TestNode.await(
            hooks.node.vertx.createHttpServer().requestHandler(req -> {}).listen(0, "127.0.0.1"));
    io.vertx.ext.web.client.WebClient client =
        io.vertx.ext.web.client.WebClient.create(hooks.node.vertx);
    try {
      io.switchboard.hooks.telegram.BotApi api =
          new io.switchboard.hooks.telegram.BotApi(
              client,
              "http://127.0.0.1:" + silent.actualPort(),
              TOKEN,
              java.time.Duration.ofMillis(200));
      io.switchboard.hooks.delivery.Answer timedOut = TestNode.await(api.sendMessage(CHAT, "x"));
      assertThat(timedOut.status()).isZero();
      assertThat(timedOut.error()).doesNotContain(TOKEN).doesNotContain("123456:");
      io.switchboard.hooks.delivery.Answer wrongPath =
          TestNode.await(
              new io.switchboard.hooks.telegram.BotApi(
                      client, bot.baseUrl(), "999:other", java.time.Duration.ofSeconds(2))
                  .sendMessage(CHAT, "x"));
      assertThat(wrongPath.status()).isEqualTo(404);
      assertThat(wrongPath.retryable()).isFalse();
      assertThat(wrongPath.error()).isEqualTo("HTTP 404: Not Found");
    } finally {
      client.close();
      TestNode.await(silent.close());
    }
  }

  @Test
  void aWrongOrMissingSecretIs401AndNothingIsAnswered() {
    assertThat(update("not-the-secret", ALLOWED, 555, "/help").statusCode()).isEqualTo(401);
    assertThat(update(null, ALLOWED, 555, "/help").statusCode()).isEqualTo(401);
    assertThat(update(SECRET.substring(1), ALLOWED, 555, "/help").statusCode()).isEqualTo(401);
    // the next answered update is the first message the bot sends
    assertThat(update(SECRET, ALLOWED, 556, "/help").statusCode()).isEqualTo(200);
    assertThat(bot.next().getLong("chat_id")).isEqualTo(556L);
    assertThat(bot.messages).isEmpty();
  }

  @Test
  void aUserNotAllowedGets200AndNoAnswer() {
    assertThat(update(SECRET, 999, 557, "/status").statusCode()).isEqualTo(200);
    assertThat(update(SECRET, ALLOWED, 558, "/help").statusCode()).isEqualTo(200);
    // updates are handled in order: the allowed user's answer is the only message
    assertThat(bot.next().getLong("chat_id")).isEqualTo(558L);
    assertThat(bot.messages).isEmpty();
  }

  private static JsonObject telegram() {
    HttpResponse<Buffer> r =
        hooks.api(io.vertx.core.http.HttpMethod.GET, "/api/v1/server/telegram", null);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> update(String secret, long from, long chat, String text) {
    JsonObject update =
        new JsonObject()
            .put("update_id", 1)
            .put(
                "message",
                new JsonObject()
                    .put("message_id", 1)
                    .put("from", new JsonObject().put("id", from).put("is_bot", false))
                    .put("chat", new JsonObject().put("id", chat).put("type", "private"))
                    .put("text", text));
    HttpRequest<Buffer> r =
        hooks.http.post(hooks.node.port(), "127.0.0.1", "/api/v1/telegram/webhook");
    if (secret != null) {
      r.putHeader("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    return TestNode.await(r.sendJsonObject(update));
  }
}
