package io.switchboard.app.config;

import io.switchboard.server.config.HooksConfig;
import io.switchboard.server.config.TelegramConfig;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The {@code hooks.*} and {@code telegram.*} rules of {@link ConfigValidator} (SPEC C5; issue 11
 * point 3; docs/hooks.md): 1 to 100 attempts, a queue of 1 to 1000000 deliveries, a timeout of 1 s
 * to 5 min, retry pauses with {@code retryInitial <= retryMax}; with Telegram enabled: hooks
 * enabled, a bot token, a chat id, an http(s) Bot API URL and a secret token Telegram accepts
 * (1-256 of {@code A-Z a-z 0-9 _ -}). Allowed user ids are numbers; event patterns are signal types
 * or prefixes ending in {@code *}. The token values themselves never appear in a message.
 */
final class HooksRules {
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern EVENT = Pattern.compile("\\*|[a-z0-9_-]+(\\.[a-z0-9_-]+)*(\\.\\*)?");

  private HooksRules() {}

  /** Adds the errors of {@code h} and {@code t} to {@code v}. */
  static void check(ConfigValidator v, HooksConfig h, TelegramConfig t) {
    v.check(
        h.maxAttempts() >= 1 && h.maxAttempts() <= 100,
        "hooks.maxAttempts",
        h.maxAttempts() + " is out of range",
        "1..100");
    v.check(
        h.queueSize() >= 1 && h.queueSize() <= 1_000_000,
        "hooks.queueSize",
        h.queueSize() + " is out of range",
        "1..1000000 deliveries held per node");
    Duration timeout = h.timeout();
    v.check(
        timeout != null
            && timeout.compareTo(Duration.ofSeconds(1)) >= 0
            && timeout.compareTo(Duration.ofMinutes(5)) <= 0,
        "hooks.timeout",
        (timeout == null ? "missing" : Durations.format(timeout)) + " is out of range",
        "1s to 5m");
    v.positive("hooks.retryInitial", h.retryInitial());
    v.positive("hooks.retryMax", h.retryMax());
    v.check(
        h.retryInitial() == null
            || h.retryMax() == null
            || h.retryInitial().compareTo(h.retryMax()) <= 0,
        "hooks.retryMax",
        "is shorter than hooks.retryInitial",
        "at least hooks.retryInitial");
    for (int i = 0; i < t.allowedUserIds().size(); i++) {
      String id = t.allowedUserIds().get(i);
      v.check(
          id.trim().matches("-?[0-9]{1,19}"),
          "telegram.allowedUserIds[" + i + "]",
          "\"" + id + "\" is not a Telegram user id",
          "a number, e.g. 123456789");
    }
    for (int i = 0; i < t.events().size(); i++) {
      String e = t.events().get(i);
      v.check(
          EVENT.matcher(e).matches(),
          "telegram.events[" + i + "]",
          "\"" + e + "\" is not a signal type or prefix",
          "e.g. workflow.completed, workflow.*, *");
    }
    if (!t.enabled()) {
      return;
    }
    v.check(h.enabled(), "telegram.enabled", "needs hooks.enabled", "hooks.enabled: true");
    v.check(
        t.botToken() != null && t.botToken().matches("[0-9]+:[A-Za-z0-9_-]+"),
        "telegram.botToken",
        "is missing or not a bot token (value not shown)",
        "the token from BotFather, <digits>:<letters>; set SWITCHBOARD_TELEGRAM_BOT_TOKEN");
    v.check(
        t.chatId() != null && t.chatId().matches("-?[0-9]{1,19}|@[A-Za-z0-9_]{5,32}"),
        "telegram.chatId",
        "\"" + t.chatId() + "\" is not a chat id",
        "a number (e.g. -1001234567890) or @channelname");
    v.check(
        httpUrl(t.apiBaseUrl()),
        "telegram.apiBaseUrl",
        "\"" + t.apiBaseUrl() + "\" is not an http(s) URL",
        "e.g. https://api.telegram.org");
    v.check(
        t.secretToken() != null && SECRET.matcher(t.secretToken()).matches(),
        "telegram.secretToken",
        "is missing or not 1-256 of A-Z a-z 0-9 _ - (value not shown)",
        "the secret_token given to setWebhook; set SWITCHBOARD_TELEGRAM_SECRET_TOKEN");
  }

  private static boolean httpUrl(String s) {
    try {
      URI u = new URI(s);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (Exception e) {
      return false;
    }
  }
}
