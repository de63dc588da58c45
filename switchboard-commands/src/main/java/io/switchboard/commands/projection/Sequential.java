package io.switchboard.commands.projection;

import io.vertx.core.Future;
import java.util.function.Function;

/** Runs asynchronous steps one after the other. */
public final class Sequential {
  private Sequential() {}

  /**
   * Calls {@code step} for each item in order, each after the previous one's future succeeded.
   *
   * @return completes when the last one did; fails with the first failure (later items not run)
   */
  public static <T> Future<Void> each(Iterable<T> items, Function<T, Future<?>> step) {
    Future<?> chain = Future.succeededFuture();
    for (T item : items) {
      chain = chain.compose(v -> step.apply(item));
    }
    return chain.mapEmpty();
  }
}
