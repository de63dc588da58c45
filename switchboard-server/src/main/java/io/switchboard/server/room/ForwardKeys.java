package io.switchboard.server.room;

import io.switchboard.core.broker.BrokerLimits;
import io.switchboard.core.room.RoomName;
import io.switchboard.server.config.ForwardConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routing key of a forwarded publication (SPEC C1 "Event buffer"; issue 7 part 2, point 1): the
 * namespace's {@code forward.routingKey} template with {@code {room}}, {@code {namespace}} and
 * {@code {event}} filled in. A client chooses the event name, so what may reach a routing key is
 * bounded here, before anything is appended:
 *
 * <ul>
 *   <li>In a forwarding namespace an event name is one or more words of {@code A-Z a-z 0-9 _ -}
 *       separated by single dots ({@code board.update}): never {@code *} or {@code #} (topic
 *       wildcards), whitespace, control characters or empty words. (The room and namespace are
 *       already restricted by {@link RoomName}.)
 *   <li>The filled key contains no {@code *}, {@code #}, whitespace or control character and is at
 *       most {@link BrokerLimits#MAX_SHORT_STRING_BYTES} UTF-8 bytes (RabbitMQ's limit).
 * </ul>
 */
public final class ForwardKeys {
  /**
   * What an event name must match in a namespace with {@code forward}: {@code
   * [A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*}.
   */
  public static final Pattern EVENT = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  private static final Pattern UNSAFE =
      Pattern.compile("[*#\\s\\p{Cntrl}]", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");
  private static final List<String> PLACEHOLDERS = List.of("{room}", "{namespace}", "{event}");

  private ForwardKeys() {}

  /**
   * Fills the template for one publication and checks the result.
   *
   * @param forward the namespace's forward configuration
   * @param room a valid room name ({@link RoomName#isValid})
   * @param event the publication's event name
   * @return the routing key
   * @throws RequestException {@code bad_request} when the event name is not forwardable or the key
   *     is unsafe or over 255 UTF-8 bytes; the message does not echo the event name
   */
  public static String routingKey(ForwardConfig forward, String room, String event) {
    if (!EVENT.matcher(event).matches()) {
      throw new RequestException(
          ErrorCode.BAD_REQUEST,
          "this room is forwarded to a broker, so its event names "
              + "must be words of A-Z a-z 0-9 _ - separated by single dots (e.g. board.update)");
    }
    String key =
        forward
            .routingKey()
            .replace("{room}", room)
            .replace("{namespace}", RoomName.namespace(room))
            .replace("{event}", event);
    if (UNSAFE.matcher(key).find()) {
      throw new RequestException(
          ErrorCode.BAD_REQUEST,
          "the forward routing key would contain *, #, whitespace or a control character");
    }
    int bytes = BrokerLimits.utf8Length(key);
    if (bytes > BrokerLimits.MAX_SHORT_STRING_BYTES) {
      throw new RequestException(
          ErrorCode.BAD_REQUEST,
          "the forward routing key would be "
              + bytes
              + " UTF-8 bytes, over the broker's "
              + BrokerLimits.MAX_SHORT_STRING_BYTES
              + "; use a shorter room or event name");
    }
    return key;
  }

  /**
   * Checks a routing key template (for the configuration validator).
   *
   * @param template the namespace's {@code forward.routingKey}
   * @return problems that make every publication unforwardable (unknown placeholder, unsafe
   *     character, over 255 bytes without any placeholder filled); empty when usable
   */
  public static List<String> templateProblems(String template) {
    List<String> problems = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group())) {
        problems.add("unknown placeholder " + m.group());
      }
    }
    String fixed = fixedPart(template);
    if (UNSAFE.matcher(fixed).find()) {
      problems.add("contains *, #, whitespace or a control character");
    }
    int bytes = BrokerLimits.utf8Length(fixed);
    if (bytes > BrokerLimits.MAX_SHORT_STRING_BYTES) {
      problems.add(
          "is "
              + bytes
              + " UTF-8 bytes without its placeholders, over "
              + BrokerLimits.MAX_SHORT_STRING_BYTES);
    }
    return problems;
  }

  /**
   * The longest routing key the template can produce in namespace {@code namespace}, in UTF-8
   * bytes: rooms of {@link RoomName#MAX_LENGTH} and events of {@link Requests#MAX_EVENT_LENGTH}
   * ASCII characters. Over 255, long room or event names are refused with {@code bad_request}.
   *
   * @param template the namespace's {@code forward.routingKey}
   * @param namespace the namespace's name, which {@code {namespace}} becomes
   * @return the bound, in UTF-8 bytes
   */
  public static int longestKeyBytes(String template, String namespace) {
    int longest = BrokerLimits.utf8Length(fixedPart(template));
    longest += count(template, "{room}") * RoomName.MAX_LENGTH;
    longest += count(template, "{namespace}") * BrokerLimits.utf8Length(namespace);
    longest += count(template, "{event}") * Requests.MAX_EVENT_LENGTH;
    return longest;
  }

  private static String fixedPart(String template) {
    String fixed = template;
    for (String p : PLACEHOLDERS) {
      fixed = fixed.replace(p, "");
    }
    return fixed;
  }

  private static int count(String template, String placeholder) {
    int n = 0;
    for (int i = template.indexOf(placeholder); i >= 0; i = template.indexOf(placeholder, i + 1)) {
      n++;
    }
    return n;
  }
}
