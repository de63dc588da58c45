package io.switchboard.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.switchboard.server.ops.RequestIds;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the id of the HTTP request being handled ({@link RequestIds#current()}) in the MDC as {@code
 * requestId} before each log event is made, and takes it out elsewhere, so the text pattern's
 * {@code %X{requestId}} and the JSON logs' {@code mdc} carry it on every line of the request (issue
 * 11 point 2). The MDC is per thread and event loops interleave requests, so it is set at each
 * event from the request's own Vert.x context, never left behind. Declared in {@code logback.xml}.
 */
public final class RequestIdFilter extends TurboFilter {
  /** The MDC key. */
  public static final String KEY = "requestId";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    String id = RequestIds.current();
    if (id != null) {
      MDC.put(KEY, id);
    } else if (MDC.get(KEY) != null) {
      MDC.remove(KEY);
    }
    return FilterReply.NEUTRAL;
  }
}
