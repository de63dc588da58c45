package io.switchboard.edge.http;

/** A request the edge refuses with 400; the message names the field or rule. */
final class BadRequestException extends RuntimeException {
  BadRequestException(String message) {
    super(message, null, false, false);
  }
}
