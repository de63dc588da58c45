package io.switchboard.core.store;

import io.switchboard.core.broker.BrokerMessage;
import io.vertx.core.Future;
import java.util.List;

/**
 * One transaction of a {@link Store} (issue 8: "append the events, the outbox rows and the
 * projection updates in one transaction"). Writes are collected and applied together when the
 * transaction commits, all or nothing, in this order: appends, documents, outbox; a write's
 * conflict is reported at commit by failing the whole transaction with a {@link
 * StoreConflictException}. Reads see what is committed plus this transaction's own writes. Use it
 * only inside the {@code work} of {@link Store#transaction}, from one thread at a time.
 */
public interface StoreTransaction {

  /**
   * Appends events to a stream, at commit, if its version is then still {@code expectedVersion}.
   * Several appends to one stream in one transaction continue from each other.
   *
   * @param stream the stream, e.g. {@code board-<id>}; letters, digits, {@code . _ : -}, at most
   *     200 characters
   * @param expectedVersion the stream's version the writer decided on: 0 for a new stream, else the
   *     version of its last event
   * @param events one or more events, in order; their ids must be new to the store
   * @return the versions they will get: {@code expectedVersion + 1} … ; the commit fails with
   *     {@link AppendConflictException} when the stream moved on meanwhile or an id is stored
   * @throws IllegalArgumentException for an empty list, a negative version or a bad stream name
   */
  long append(String stream, long expectedVersion, List<NewEvent> events);

  /**
   * A document as this transaction sees it: its own last write, else the committed one.
   *
   * @return the document, or {@code null}; failed if the store is unreachable
   */
  Future<Document> get(String collection, String key);

  /**
   * Writes a document (created or replaced), at commit.
   *
   * @param collection letters, digits, {@code . _ : -}, at most 100 characters
   * @param key any non-empty text, at most 512 characters
   * @param json the document's JSON text
   */
  void put(String collection, String key, String json);

  /**
   * Writes a document at commit only if its revision is then {@code expectedRevision} (0: it must
   * not exist); else the commit fails with {@link DocumentConflictException}. An inbox of handled
   * messages is a put with 0 of the message id.
   */
  void put(String collection, String key, String json, long expectedRevision);

  /** Deletes a document at commit (nothing if absent). */
  void delete(String collection, String key);

  /**
   * Writes a message to the outbox, at commit; the store's relay publishes it afterwards, at least
   * once, and messages with one {@code orderingKey} in the order they were committed.
   *
   * @param message the message; give it a {@code messageId} (the event or command id) so consumers
   *     can drop duplicates
   * @param orderingKey messages with the same key keep their order, e.g. the stream
   */
  void outbox(BrokerMessage message, String orderingKey);
}
