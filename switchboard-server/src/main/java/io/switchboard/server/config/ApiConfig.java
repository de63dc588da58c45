package io.switchboard.server.config;

import java.util.List;

/**
 * The server API for backends (SPEC C1 "Server API"): every {@code /api/v1/server/*} route requires
 * {@code Authorization: apikey <key>} or {@code X-API-Key: <key>} matching one of {@code keys}.
 * With no key configured the server API answers 503, never opens by accident.
 *
 * @param keys accepted API keys, each at least 16 characters; set through {@code
 *     SWITCHBOARD_API_KEYS} (comma separated)
 */
public record ApiConfig(List<String> keys) {
  /** No key: the server API answers 503 {@code api_disabled}. */
  public static final ApiConfig DEFAULT = new ApiConfig(List.of());

  /** Copies {@code keys}; {@code null} means none. */
  public ApiConfig {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }

  /** How many keys are configured, never the keys themselves. */
  @Override
  public String toString() {
    return "ApiConfig[keys=" + keys.size() + " configured]";
  }
}
