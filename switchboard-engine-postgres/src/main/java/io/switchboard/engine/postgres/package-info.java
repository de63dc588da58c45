/**
 * The PostgreSQL engine (SPEC "Engines": the store port; issue 8 point 0): {@link
 * io.switchboard.engine.postgres.PgEngine#connect} migrates the schema (Flyway, {@code
 * db/switchboard/V<n>__*.sql}) and wires {@link io.switchboard.engine.postgres.PgStore} on
 * vertx-pg-client, with a {@code LISTEN} connection for outbox wake-ups. Tables, the global-order
 * argument and the migrations: docs/architecture.md "Store".
 */
package io.switchboard.engine.postgres;
