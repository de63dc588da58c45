package io.switchboard.agent.route;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --route} (SPEC C4): requests of {@code type} go to {@code url}, with {@code method}
 * fixed or, when absent, taken from the request's {@code data.method}.
 *
 * @param type the request type, or {@link #WILDCARD} for every type not otherwise mapped
 * @param method the HTTP method in upper case (e.g. {@code POST}), or {@code null}: the request's
 * @param url an absolute {@code http://} or {@code https://} URL with a host; a request's {@code
 *     data.path} is appended to its path
 */
public record Route(String type, String method, URI url) {
  /** The catch-all type: {@code *=http://127.0.0.1:8080}. */
  public static final String WILDCARD = "*";

  /** The form, quoted in every parse error. */
  public static final String FORM = "<type>=[<METHOD>:]<http(s)://host[:port][/path]>";

  private static final Pattern SPEC = Pattern.compile("([^=\\s]+)=(?:([A-Za-z]+):)?(.+)");
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

  /** Validates the fields; see the class comment. */
  public Route {
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("route type is empty");
    }
    if (method != null && !METHOD.matcher(method).matches()) {
      throw new IllegalArgumentException("route method " + method + " is not an HTTP method");
    }
    if (url == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null
        || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "route url " + url + " (allowed: http:// or https:// with a host, no fragment)");
    }
  }

  /**
   * Parses {@code echo=POST:http://127.0.0.1:8080/echo}, {@code users=http://127.0.0.1:8080/u} or
   * {@code *=http://127.0.0.1:8080}. A method prefix is told apart from the URL's scheme by what
   * follows it: {@code http:}/{@code https:} followed by {@code //} is the URL.
   *
   * @param text one route as given on the command line
   * @return the route
   * @throws IllegalArgumentException when {@code text} is not of the {@link #FORM}; the message
   *     names the part at fault and the form
   */
  public static Route parse(String text) {
    Matcher m = SPEC.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("route \"" + text + "\" (allowed: " + FORM + ")");
    }
    String method = m.group(2);
    String url = m.group(3);
    if (method != null && url.startsWith("//")) {
      url = method + ":" + url;
      method = null;
    }
    try {
      return new Route(
          m.group(1), method == null ? null : method.toUpperCase(Locale.ROOT), URI.create(url));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "route \"" + text + "\": " + e.getMessage() + " (allowed: " + FORM + ")", e);
    }
  }

  /**
   * @return the fixed method, or empty when the request's {@code data.method} decides
   */
  public Optional<String> fixedMethod() {
    return Optional.ofNullable(method);
  }

  /** {@code type=[METHOD:]url}, the form it was parsed from. */
  @Override
  public String toString() {
    return type + "=" + (method == null ? "" : method + ":") + url;
  }
}
