package io.switchboard.agent.forward;

import java.util.Locale;
import java.util.Set;

/**
 * The headers that describe one HTTP hop, not the message (RFC 9110 §7.6.1), plus those the agent
 * recomputes ({@code host}, {@code content-length}): never copied between the tunnel and the local
 * service, either way (SPEC C4).
 */
final class HopByHop {
  private static final Set<String> NAMES =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length");

  private HopByHop() {}

  /**
   * @param name a header name, any case
   * @return whether it is dropped
   */
  static boolean is(String name) {
    return NAMES.contains(name.toLowerCase(Locale.ROOT));
  }
}
