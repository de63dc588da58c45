package io.switchboard.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One fuzz input for {@link FuzzIT}: the bytes to write and what the documentation says must
 * follow. A {@code kind} names the generator (counted in the report).
 */
final class FuzzInput {
  /** The outcome of any request over the rate limit: the frame was not parsed, so no id. */
  static final String RATE_LIMITED = "error:rate_limited";

  final String kind;
  final Buffer bytes;

  /**
   * Replies that must arrive, each with an outcome ({@code type} or {@code error:code}) in {@link
   * #outcomes}.
   */
  int replies;

  Set<String> outcomes = Set.of();

  /**
   * Whether each reply's id is checked: equal (as a JSON value) to {@link #id}, absent when that is
   * null.
   */
  boolean checkId;

  JsonNode id;

  /**
   * Payloads of the pings sent; each must come back in a pong, in order (or fewer of them: {@link
   * #pongsAtMost}).
   */
  final List<Buffer> pings = new ArrayList<>();

  boolean pongsAtMost;

  /** Close codes with which this input may end the connection (null: it must not end it). */
  Set<Integer> closes;

  /** Whether the connection must end (a close handshake or, if {@link #dropAllowed}, a drop). */
  boolean mustEnd;

  /**
   * Whether ending without a close frame is documented for this input (a frame over 16 × the
   * limit).
   */
  boolean dropAllowed;

  /** Whether the connection is abandoned after this input (its state is unknown: random bytes). */
  boolean abandon;

  /** Whether the client stops reading while sending it (a slow consumer: 4008 is then allowed). */
  boolean paused;

  /** A short text of the input for the report (its start). */
  final String sample;

  FuzzInput(String kind, Buffer bytes, String sample) {
    this.kind = kind;
    this.bytes = bytes;
    this.sample = sample;
  }

  /**
   * Expects one reply with an outcome in {@code outcomes} and the given id ({@code null}: none).
   */
  FuzzInput reply(Set<String> outcomes, JsonNode id) {
    this.replies = 1;
    this.outcomes = outcomes;
    this.checkId = true;
    this.id = id;
    return this;
  }

  /** Expects the connection to end with one of {@code codes}, or a drop when {@code drop}. */
  FuzzInput ends(Set<Integer> codes, boolean drop) {
    this.closes = codes;
    this.mustEnd = true;
    this.dropAllowed = drop;
    return this;
  }

  @Override
  public String toString() {
    return kind + " " + FuzzOracle.cut(sample);
  }
}
