package io.switchboard.hooks.telegram;

import io.switchboard.server.api.ApiErrors;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/telegram/webhook}: the updates Telegram sends to the URL given to {@code
 * setWebhook} (policy {@code secret_header}). The header {@code X-Telegram-Bot-Api-Secret-Token}
 * must equal {@code telegram.secretToken} (compared in constant time on SHA-256 digests, so not
 * even the length leaks), else 401 (Vert.x reads the body, at most {@code server.maxBodyBytes},
 * before any other handler). An update whose message comes from a user outside {@code
 * telegram.allowedUserIds} is answered 200 and otherwise ignored; one from an allowed user is
 * answered 200 at once and its command's reply sent with {@code sendMessage} to the chat it came
 * from ({@link BotCommands}). Non-message updates are ignored.
 */
public final class TelegramRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(TelegramRoutes.class);

  /** The route. */
  public static final String PATH = "/api/v1/telegram/webhook";

  /** The header Telegram sets from {@code setWebhook}'s {@code secret_token}. */
  public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private final byte[] secret;
  private final Set<Long> allowed;
  private final BotCommands commands;
  private final BotApi api;
  private final int maxBodyBytes;

  /**
   * @param secretToken {@code telegram.secretToken}, not empty
   * @param allowed {@code telegram.allowedUserIds}
   * @param commands the answers
   * @param api where replies go
   * @param maxBodyBytes the largest update read
   */
  public TelegramRoutes(
      String secretToken, Set<Long> allowed, BotCommands commands, BotApi api, int maxBodyBytes) {
    this.secret = sha256(secretToken);
    this.allowed = Set.copyOf(allowed);
    this.commands = commands;
    this.api = api;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Mounts the route. */
  public void mount(Router router) {
    router
        .post(PATH)
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::checkSecret)
        .handler(this::update);
  }

  private void checkSecret(RoutingContext rc) {
    String given = rc.request().getHeader(SECRET_HEADER);
    if (given == null || !MessageDigest.isEqual(secret, sha256(given))) {
      ApiErrors.send(rc, 401, "unauthorized", "a valid " + SECRET_HEADER + " header is required");
      return;
    }
    rc.next();
  }

  private void update(RoutingContext rc) {
    JsonObject message = null;
    try {
      JsonObject update = rc.body().asJsonObject();
      message = update == null ? null : update.getJsonObject("message");
    } catch (RuntimeException e) {
      // not an update: ignored below
    }
    rc.response().setStatusCode(200).putHeader("Content-Type", "application/json").end("{}");
    if (message == null || message.getJsonObject("from") == null) {
      return;
    }
    Long from = message.getJsonObject("from").getLong("id");
    JsonObject chat = message.getJsonObject("chat");
    if (from == null || !allowed.contains(from) || chat == null || chat.getValue("id") == null) {
      LOG.info("telegram update from user {} not allowed: ignored", from);
      return;
    }
    Object chatId = chat.getValue("id");
    commands
        .answer(message.getString("text", ""))
        .recover(
            e ->
                io.vertx.core.Future.succeededFuture(
                    "Status unavailable: the store is unreachable."))
        .compose(text -> api.sendMessage(chatId, text))
        .onSuccess(
            a -> {
              if (!a.delivered()) {
                LOG.warn("telegram reply not sent: {}", a.error());
              }
            });
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
