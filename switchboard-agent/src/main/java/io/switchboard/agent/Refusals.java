package io.switchboard.agent;

import io.vertx.core.http.UpgradeRejectedException;
import org.slf4j.Logger;

/**
 * Logs failed connection attempts without flooding (SPEC C4): the first of a streak of the same
 * kind at WARN, the repeats at DEBUG for a refusal (401 bad token, 400 missing project, which only
 * an operator fixes) and at INFO otherwise (node down, network). A successful connection ends the
 * streak. Never logs the token: only the status or the error's message.
 */
final class Refusals {
  private final Logger log;
  private String streak;
  private int count;

  Refusals(Logger log) {
    this.log = log;
  }

  /**
   * @param cause why the attempt failed
   */
  void failed(Throwable cause) {
    String kind;
    String message;
    boolean refusal = false;
    if (cause instanceof UpgradeRejectedException rejected) {
      int status = rejected.getStatus();
      kind = "http " + status;
      refusal = status == 401 || status == 400 || status == 403;
      message =
          switch (status) {
            case 401 -> "the node refused the token (401); check --token / SWITCHBOARD_AGENT_TOKEN";
            case 403 -> "the node refused the token for this project (403)";
            case 400 -> "the node refused the request (400); check --project";
            default -> "the node refused the upgrade (" + status + ")";
          };
    } else {
      kind = cause.getClass().getName();
      message = "cannot connect: " + cause.getMessage();
    }
    if (kind.equals(streak)) {
      count++;
    } else {
      streak = kind;
      count = 1;
    }
    if (count == 1) {
      log.warn("{}; retrying with backoff", message);
    } else if (refusal) {
      log.debug("{} (attempt {} in a row)", message, count);
    } else {
      log.info("{} (attempt {} in a row)", message, count);
    }
  }

  /** Ends the streak: the next failure is logged at WARN again. */
  void connected() {
    streak = null;
    count = 0;
  }
}
