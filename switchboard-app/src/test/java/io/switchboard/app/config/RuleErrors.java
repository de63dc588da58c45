package io.switchboard.app.config;

import java.util.List;
import java.util.Map;

/** The validation errors of a YAML snippet over a valid base (the rules tests' one helper). */
final class RuleErrors {
  private RuleErrors() {}

  /** The errors of {@code yaml} added to a configuration that has an HMAC secret and no other. */
  static List<String> of(String yaml) {
    return ConfigValidator.validate(
            ConfigLoader.loadYaml(
                "auth: {hmacSecret: 0123456789abcdef0123456789abcdef}\n" + yaml, Map.of()))
        .errors();
  }
}
