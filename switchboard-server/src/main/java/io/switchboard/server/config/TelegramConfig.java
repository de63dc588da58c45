package io.switchboard.server.config;

import java.util.List;

/**
 * Telegram through the Bot API (SPEC C5; issue 11 point 3), served by the {@code switchboard-hooks}
 * module (docs/hooks.md): outcomes are sent to one chat with {@code sendMessage}, and updates
 * arrive on {@code POST /api/v1/telegram/webhook}, answered only for the allowed users. The bot
 * token and the secret token are never logged.
 *
 * @param enabled whether the node sends to Telegram and serves the webhook, default false
 * @param botToken the bot's token from BotFather (required when enabled); it is part of every Bot
 *     API URL, so URLs are never logged either
 * @param chatId the chat outcomes go to (a number, or {@code @channel}; required when enabled)
 * @param apiBaseUrl the Bot API, default {@code https://api.telegram.org} (tests: a local server)
 * @param secretToken the {@code secret_token} given to {@code setWebhook}, compared with the {@code
 *     X-Telegram-Bot-Api-Secret-Token} header of every update (required when enabled; 1-256 of
 *     {@code A-Z a-z 0-9 _ -}, Telegram's rule)
 * @param allowedUserIds the Telegram user ids whose commands are answered, default none
 * @param events the signal types sent to the chat, a trailing {@code *} matching a prefix, default
 *     {@code workflow.*} and {@code command.*}
 */
public record TelegramConfig(
    boolean enabled,
    String botToken,
    String chatId,
    String apiBaseUrl,
    String secretToken,
    List<String> allowedUserIds,
    List<String> events) {
  /** Disabled, the public Bot API, no user allowed, workflow and command outcomes. */
  public static final TelegramConfig DEFAULT =
      new TelegramConfig(
          false,
          "",
          "",
          "https://api.telegram.org",
          "",
          List.of(),
          List.of("workflow.*", "command.*"));

  /**
   * Copies the lists.
   *
   * @throws NullPointerException if a list or an item is null
   */
  public TelegramConfig {
    allowedUserIds = List.copyOf(allowedUserIds);
    events = List.copyOf(events);
  }

  /** {@link #DEFAULT} enabled with these settings (tests). */
  public static TelegramConfig enabled(
      String botToken, String chatId, String apiBaseUrl, String secretToken, List<String> users) {
    return new TelegramConfig(
        true, botToken, chatId, apiBaseUrl, secretToken, users, DEFAULT.events());
  }

  /** The bot token is a secret: never printed. */
  @Override
  public String toString() {
    return "TelegramConfig[enabled="
        + enabled
        + ", chatId="
        + chatId
        + ", apiBaseUrl="
        + apiBaseUrl
        + ", allowedUserIds="
        + allowedUserIds
        + ", events="
        + events
        + "]";
  }
}
