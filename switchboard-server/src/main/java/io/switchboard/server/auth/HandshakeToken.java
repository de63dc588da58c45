package io.switchboard.server.auth;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The token of a WebSocket upgrade (SPEC C1 "Authentication", seed 003's order: cookie {@code
 * token}, query {@code ?token=}, {@code Authorization: Bearer}), with the cookie admitted only
 * where a browser cannot have been tricked into sending it (issue 7 part 2, point 4: cross-site
 * WebSocket hijacking). A cookie token is used when the handshake has no {@code Origin}
 * (non-browser client), when the {@code Origin} is the request's own ({@code Origin} host[:port]
 * equals the {@code Host} header, scheme http or https, default ports left out), or when it is
 * listed explicitly in {@code server.allowedOrigins} ({@code *} does not count). Otherwise the
 * cookie is ignored and the query or bearer token, if any, is used.
 *
 * @param token the raw JWT, or {@code null} when the handshake carries none that may be used
 * @param cookieIgnored whether a {@code token} cookie was present and ignored for its origin
 */
public record HandshakeToken(String token, boolean cookieIgnored) {

  /**
   * Picks the token of a handshake.
   *
   * @param headers the upgrade request's headers ({@code Cookie}, {@code Origin}, {@code Host},
   *     {@code Authorization})
   * @param query the raw query string, or {@code null}; its first {@code token} parameter counts
   * @param allowedOrigins {@code server.allowedOrigins}
   * @return the token to verify (an empty cookie or query value counts as absent; a bearer value is
   *     trimmed) and whether a cookie was ignored
   */
  public static HandshakeToken of(MultiMap headers, String query, List<String> allowedOrigins) {
    String cookie = cookie(headers.get("Cookie"));
    if (cookie != null
        && cookieAllowed(headers.get("Origin"), headers.get("Host"), allowedOrigins)) {
      return new HandshakeToken(cookie, false);
    }
    if (query != null) {
      List<String> values = new QueryStringDecoder(query, false).parameters().get("token");
      if (values != null && !values.isEmpty() && !values.get(0).isEmpty()) {
        return new HandshakeToken(values.get(0), cookie != null);
      }
    }
    String header = headers.get("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new HandshakeToken(header.substring(7).trim(), cookie != null);
    }
    return new HandshakeToken(null, cookie != null);
  }

  private static String cookie(String cookies) {
    if (cookies != null) {
      for (Cookie c : ServerCookieDecoder.LAX.decode(cookies)) {
        if ("token".equals(c.name()) && !c.value().isEmpty()) {
          return c.value();
        }
      }
    }
    return null;
  }

  /**
   * Whether a cookie token may be used from {@code origin}.
   *
   * @param origin the {@code Origin} header, {@code null} when absent
   * @param host the {@code Host} header, {@code null} when absent
   * @param allowedOrigins {@code server.allowedOrigins}; only an exact listed origin counts, {@code
   *     *} does not
   * @return {@code true} without an {@code Origin}, for a listed origin, or for the request's own
   *     origin ({@code http}/{@code https}, host[:port] equal to {@code Host}, default ports left
   *     out, case-insensitive)
   */
  public static boolean cookieAllowed(String origin, String host, List<String> allowedOrigins) {
    return origin == null || allowedOrigins.contains(origin) || sameOrigin(origin, host);
  }

  private static boolean sameOrigin(String origin, String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    URI u;
    try {
      u = new URI(origin);
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")
        || u.getHost() == null
        || u.getRawUserInfo() != null
        || !(u.getRawPath() == null || u.getRawPath().isEmpty())
        || u.getRawQuery() != null
        || u.getRawFragment() != null) {
      return false;
    }
    String defaultPort = scheme.equals("https") ? ":443" : ":80";
    String ours = u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    String theirs = host.trim();
    return strip(ours, defaultPort).equalsIgnoreCase(strip(theirs, defaultPort));
  }

  private static String strip(String authority, String defaultPort) {
    return authority.endsWith(defaultPort)
        ? authority.substring(0, authority.length() - defaultPort.length())
        : authority;
  }
}
