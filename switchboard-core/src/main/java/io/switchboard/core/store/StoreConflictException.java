package io.switchboard.core.store;

/**
 * A transaction refused at commit because another one changed what it relied on (issue 8:
 * optimistic concurrency): nothing of it was written. The caller reads again and retries, or
 * reports the conflict.
 */
public abstract sealed class StoreConflictException extends RuntimeException
    permits AppendConflictException, DocumentConflictException {
  StoreConflictException(String message) {
    super(message, null, false, false);
  }
}
