/**
 * Telegram through the Bot API: outcomes to one chat ({@link
 * io.switchboard.hooks.telegram.TelegramTarget}), updates by webhook with the secret-token header
 * and an allow-list of users ({@link io.switchboard.hooks.telegram.TelegramRoutes}), and the bot's
 * {@code /status} and {@code /help} ({@link io.switchboard.hooks.telegram.BotCommands}). The bot
 * token is part of every Bot API URL: neither is ever logged.
 */
package io.switchboard.hooks.telegram;
