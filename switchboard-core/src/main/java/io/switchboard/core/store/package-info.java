/**
 * The store port (SPEC "Engines", store; SPEC C2; issue 8): streams of events per aggregate with
 * optimistic concurrency and a gap-safe global order, a transactional outbox toward the broker,
 * documents (projections, command records, workflows) and an inbox of handled messages, all written
 * atomically by one {@link io.switchboard.core.store.Store#transaction}.
 */
package io.switchboard.core.store;
