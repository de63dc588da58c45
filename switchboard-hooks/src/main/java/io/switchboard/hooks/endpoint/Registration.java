package io.switchboard.hooks.endpoint;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a registration body {@code {url, events, secret?}} (issue 11 point 3): the url absolute
 * http or https with a host, at most 2048 characters; 1 to 50 event patterns of lower-case words
 * separated by dots, optionally ending in {@code *} (or {@code *} alone); a given secret 16 to 256
 * printable ASCII characters. A problem is an {@link IllegalArgumentException} whose message is the
 * 400's.
 */
public final class Registration {
  private static final Pattern EVENT = Pattern.compile("\\*|[a-z0-9_-]+(\\.[a-z0-9_-]+)*(\\.\\*)?");
  private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]{16,256}");

  /**
   * A checked registration.
   *
   * @param url the url
   * @param events the patterns, duplicates dropped
   * @param secret the given secret, or {@code null} to generate one
   */
  public record Checked(String url, List<String> events, String secret) {}

  private Registration() {}

  /**
   * @throws IllegalArgumentException with the reason, for the 400
   */
  public static Checked check(JsonObject body) {
    if (body == null) {
      throw new IllegalArgumentException("the body must be a JSON object {url, events, secret?}");
    }
    return new Checked(url(body.getValue("url")), events(body.getValue("events")), secret(body));
  }

  private static String url(Object value) {
    if (!(value instanceof String s) || s.isEmpty() || s.length() > 2048) {
      throw new IllegalArgumentException("url is required: an http or https URL of at most 2048");
    }
    try {
      URI uri = new URI(s);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getHost().isEmpty()) {
        throw new IllegalArgumentException("url must be an http or https URL with a host");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URL");
    }
    return s;
  }

  private static List<String> events(Object value) {
    if (!(value instanceof JsonArray a) || a.isEmpty() || a.size() > 50) {
      throw new IllegalArgumentException(
          "events is required: a list of 1 to 50 signal types or prefixes like workflow.*");
    }
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s) || s.length() > 200 || !EVENT.matcher(s).matches()) {
        throw new IllegalArgumentException(
            "events: "
                + (o instanceof String ? "\"" + o + "\"" : String.valueOf(o))
                + " is not a signal type (lower-case dotted words, e.g. workflow.completed) or"
                + " prefix (workflow.*), or *");
      }
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static String secret(JsonObject body) {
    Object value = body.getValue("secret");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || !SECRET.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "secret must be 16 to 256 printable ASCII characters without spaces (or left out to"
              + " have one generated)");
    }
    return s;
  }
}
