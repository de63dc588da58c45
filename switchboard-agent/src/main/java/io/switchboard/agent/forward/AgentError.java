package io.switchboard.agent.forward;

/**
 * A request the agent answers with {@code "error": {"code", "message"}} instead of data (SPEC C4,
 * docs/agent.md "Error codes"). An upstream 4xx or 5xx is not one: it is a normal reply with that
 * status. Carries no stack trace: it is an answer, not a bug.
 */
public final class AgentError extends RuntimeException {
  /** No route maps the request's type and there is no {@code *} route. */
  public static final String UNKNOWN_TYPE = "unknown_type";

  /** More than {@code --max-in-flight} requests would be in flight. */
  public static final String BUSY = "busy";

  /** {@code data} is not an object, or its method, path or headers are malformed. */
  public static final String BAD_REQUEST = "bad_request";

  /** The encoded request body is over {@code --max-body-bytes}. */
  public static final String REQUEST_TOO_LARGE = "request_too_large";

  /** The local service refused the connection or dropped it before answering. */
  public static final String UPSTREAM_UNAVAILABLE = "upstream_unavailable";

  /** The local service did not answer within {@code --upstream-timeout}. */
  public static final String UPSTREAM_TIMEOUT = "upstream_timeout";

  /** The local service's response body is over {@code --max-body-bytes}. */
  public static final String RESPONSE_TOO_LARGE = "response_too_large";

  private final String code;

  /**
   * @param code one of the constants of this class
   * @param message a human-readable reason, never a secret
   */
  public AgentError(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /**
   * @return the error code, one of the constants of this class
   */
  public String code() {
    return code;
  }
}
