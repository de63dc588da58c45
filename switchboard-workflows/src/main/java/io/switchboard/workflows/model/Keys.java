package io.switchboard.workflows.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where workflows live in the store (SPEC C3; issue 9 point 5; docs/workflows.md "State"):
 *
 * <ul>
 *   <li>{@value #WORKFLOWS}: key = workflow id, the workflow document ({@link WorkflowDoc});
 *   <li>{@value #BY_USER}: key = {@code <user>/<workflow id>}, a summary {@code {id, user_id,
 *       status, workflow_type, created_at}} per workflow, for "a user lists their workflows";
 *   <li>{@value #TIMERS}: key = {@code <due epoch ms, 15 digits>/<workflow id>/<step id>/<attempt>/
 *       <kind>}, so that listing from the start returns the due timers first.
 * </ul>
 */
public final class Keys {
  /** The workflow documents. */
  public static final String WORKFLOWS = "workflows";

  /** The per-user index. */
  public static final String BY_USER = "workflows.by_user";

  /** The durable timers (step timeouts, retry backoffs). */
  public static final String TIMERS = "workflows.timers";

  private Keys() {}

  /** Whether {@code id} can name a workflow: 1 to 512 characters (what the HTTP API accepts). */
  public static boolean validId(String id) {
    return id != null && !id.isEmpty() && id.length() <= 512;
  }

  /**
   * The per-user prefix {@code <user>/}: the user id URL-encoded (so it holds no {@code /}), or
   * {@code h-<sha-256 hex>} when that is over 300 characters (keys are at most 512).
   */
  public static String userPrefix(String user) {
    String encoded = URLEncoder.encode(user, StandardCharsets.UTF_8);
    if (encoded.length() > 300) {
      try {
        encoded =
            "h-"
                + HexFormat.of()
                    .formatHex(
                        MessageDigest.getInstance("SHA-256")
                            .digest(user.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return encoded + "/";
  }

  /** A timer's key (see the class comment); {@code due} is epoch ms. */
  public static String timer(long due, String workflowId, String stepId, int attempt, String kind) {
    return String.format("%015d/%s/%s/%d/%s", Math.max(0, due), workflowId, stepId, attempt, kind);
  }

  /** The due time of a timer key, epoch ms; {@code Long.MAX_VALUE} for a key that is not one. */
  public static long timerDue(String key) {
    try {
      return Long.parseLong(key.substring(0, 15));
    } catch (RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }
}
