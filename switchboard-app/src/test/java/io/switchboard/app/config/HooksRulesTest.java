package io.switchboard.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.config.HooksConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.config.TelegramConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code hooks.*} and {@code telegram.*} rules (SPEC C5; issue 11 point 3) and their
 * environment variables; no message shows a token.
 */
class HooksRulesTest {
  private static List<String> errors(String yaml) {
    return RuleErrors.of(yaml);
  }

  @Test
  void theDefaultsAreValidWithHooksOnAndTelegramOff() {
    assertThat(errors("")).isEmpty();
    assertThat(SwitchboardConfig.DEFAULT.hooks()).isEqualTo(HooksConfig.DEFAULT);
    assertThat(SwitchboardConfig.DEFAULT.hooks().enabled()).isTrue();
    assertThat(SwitchboardConfig.DEFAULT.telegram().enabled()).isFalse();
  }

  @Test
  void everyHooksRuleNamesItsKey() {
    assertThat(
            errors(
                "hooks: {maxAttempts: 0, queueSize: 0, timeout: 10m, retryInitial: 10s,"
                    + " retryMax: 1s}\n"))
        .containsExactly(
            "hooks.maxAttempts: 0 is out of range (allowed: 1..100)",
            "hooks.queueSize: 0 is out of range (allowed: 1..1000000 deliveries held per node)",
            "hooks.timeout: 10m is out of range (allowed: 1s to 5m)",
            "hooks.retryMax: is shorter than hooks.retryInitial (allowed: at least"
                + " hooks.retryInitial)");
  }

  @Test
  void telegramEnabledNeedsItsSettingsAndNeverPrintsTheTokens() {
    List<String> e =
        errors(
            "telegram: {enabled: true, botToken: 'secret bot token', secretToken: 'has spaces"
                + " secret', allowedUserIds: [12, abc], events: ['Bad']}\n");
    assertThat(e)
        .anyMatch(s -> s.startsWith("telegram.allowedUserIds[1]: \"abc\""))
        .anyMatch(s -> s.startsWith("telegram.events[0]: \"Bad\""))
        .anyMatch(s -> s.startsWith("telegram.botToken: is missing or not a bot token"))
        .anyMatch(s -> s.startsWith("telegram.chatId:"))
        .anyMatch(s -> s.startsWith("telegram.secretToken: is missing"));
    assertThat(String.join("\n", e)).doesNotContain("secret bot token", "has spaces secret");
    assertThat(
            errors(
                "hooks: {enabled: false}\ntelegram: {enabled: true, botToken: '1:a',"
                    + " chatId: '5', secretToken: s}\n"))
        .containsExactly("telegram.enabled: needs hooks.enabled (allowed: hooks.enabled: true)");
  }

  @Test
  void environmentVariablesSetTheKeys() {
    SwitchboardConfig c =
        ConfigLoader.loadYaml(
            "",
            Map.of(
                "SWITCHBOARD_HOOKS_MAX_ATTEMPTS", "3",
                "SWITCHBOARD_HOOKS_TIMEOUT", "2s",
                "SWITCHBOARD_TELEGRAM_ENABLED", "true",
                "SWITCHBOARD_TELEGRAM_BOT_TOKEN", "123:abc",
                "SWITCHBOARD_TELEGRAM_ALLOWED_USER_IDS", "1, 2",
                "SWITCHBOARD_TELEGRAM_SECRET_TOKEN", "s3cret"));
    assertThat(c.hooks().maxAttempts()).isEqualTo(3);
    assertThat(c.hooks().timeout()).isEqualTo(Duration.ofSeconds(2));
    TelegramConfig t = c.telegram();
    assertThat(t.enabled()).isTrue();
    assertThat(t.botToken()).isEqualTo("123:abc");
    assertThat(t.allowedUserIds()).containsExactly("1", "2");
    assertThat(t.toString()).doesNotContain("123:abc", "s3cret");
  }
}
