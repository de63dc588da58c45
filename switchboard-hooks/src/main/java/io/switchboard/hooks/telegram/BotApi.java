package io.switchboard.hooks.telegram;

import io.switchboard.hooks.delivery.Answer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;

/**
 * The Bot API client: {@code POST <apiBaseUrl>/bot<token>/sendMessage {chat_id, text}}
 * (https://core.telegram.org/bots/api#sendmessage). The token is in the URL's path, so no URL and
 * no client exception text (which may quote the request line) is ever logged or returned: errors
 * are scrubbed of the token.
 */
public final class BotApi {
  private final WebClient client;
  private final String base;
  private final String token;
  private final Duration timeout;

  /**
   * @param client the shared client
   * @param apiBaseUrl {@code telegram.apiBaseUrl}, without a trailing slash needed
   * @param token {@code telegram.botToken}
   * @param timeout {@code hooks.timeout}
   */
  public BotApi(WebClient client, String apiBaseUrl, String token, Duration timeout) {
    this.client = client;
    this.base =
        apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
    this.token = token;
    this.timeout = timeout;
  }

  /**
   * Sends {@code text} to {@code chatId}.
   *
   * @return the answer (Telegram's {@code description} as the error of a non-2xx); never failed
   */
  public Future<Answer> sendMessage(Object chatId, String text) {
    JsonObject body = new JsonObject().put("chat_id", chatId).put("text", text);
    try {
      return client
          .postAbs(base + "/bot" + token + "/sendMessage")
          .timeout(timeout.toMillis())
          .followRedirects(false)
          .sendJsonObject(body)
          .map(
              r ->
                  new Answer(
                      r.statusCode(),
                      error(r.statusCode(), r.bodyAsString()),
                      retryAfter(r.bodyAsString(), r.getHeader("Retry-After"))))
          .otherwise(
              e -> Answer.failed(scrub(e.getClass().getSimpleName() + ": " + e.getMessage())));
    } catch (RuntimeException e) {
      return Future.succeededFuture(Answer.failed(scrub(e.getClass().getSimpleName())));
    }
  }

  private String error(int status, String body) {
    if (status >= 200 && status < 300) {
      return null;
    }
    String description = null;
    try {
      description = new JsonObject(body).getString("description");
    } catch (RuntimeException e) {
      // not JSON
    }
    return scrub("HTTP " + status + (description == null ? "" : ": " + description));
  }

  /**
   * Telegram's flood control: a 429's {@code {"parameters":{"retry_after":<seconds>}}}, else the
   * header.
   */
  private static long retryAfter(String body, String header) {
    try {
      JsonObject p = new JsonObject(body).getJsonObject("parameters");
      if (p != null && p.getValue("retry_after") instanceof Number n) {
        return Math.min(Answer.MAX_RETRY_AFTER_MILLIS, Math.max(0, n.longValue() * 1000));
      }
    } catch (RuntimeException e) {
      // not JSON
    }
    return Answer.retryAfter(header);
  }

  /** {@code text} with the bot token replaced. */
  String scrub(String text) {
    String t = String.valueOf(text);
    return token.isEmpty() ? t : t.replace(token, "<bot-token>");
  }
}
