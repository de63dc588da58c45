package io.switchboard.hooks.telegram;

import io.switchboard.hooks.delivery.Answer;
import io.switchboard.hooks.delivery.Target;
import io.switchboard.server.signal.Signal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The Telegram chat of {@code telegram.chatId} as a delivery target: one {@code sendMessage} per
 * signal, a line of text such as {@code ✅ workflow.completed wf-1 (order) user alice}; retried and
 * dead-lettered like a webhook (state and dead letters under the target id {@value #ID}).
 */
public final class TelegramTarget implements Target {
  /** The target id of the chat. */
  public static final String ID = "telegram";

  private final BotApi api;
  private final String chatId;

  /**
   * @param api the Bot API
   * @param chatId {@code telegram.chatId}
   */
  public TelegramTarget(BotApi api, String chatId) {
    this.api = api;
    this.chatId = chatId;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String kind() {
    return "telegram";
  }

  @Override
  public Future<Answer> send(Signal signal) {
    return api.sendMessage(chatId, text(signal));
  }

  /** The message of a signal. */
  static String text(Signal s) {
    String icon =
        s.type().endsWith(".completed") || s.type().endsWith(".applied")
            ? "✅"
            : s.type().endsWith(".connected") ? "🔌" : "⚠️";
    StringBuilder b = new StringBuilder(icon).append(' ').append(s.type()).append(' ');
    b.append(s.subject());
    JsonObject d = s.data();
    String detail = d.getString("definition", d.getString("type"));
    if (detail != null) {
      b.append(" (").append(detail).append(')');
    }
    if (s.user() != null) {
      b.append(" user ").append(s.user());
    }
    String why = d.getString("reason", d.getString("error"));
    if (why != null) {
      b.append(": ").append(why);
    }
    if (d.getString("node") != null) {
      b.append(" on node ").append(d.getString("node"));
    }
    return b.toString();
  }
}
