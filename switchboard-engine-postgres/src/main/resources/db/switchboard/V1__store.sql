-- Switchboard store, schema version 1 (issue 8; docs/architecture.md "Store").
-- Applied by Flyway at start (PgMigrations); never edit a released migration: add V2__….sql.
-- Needs PostgreSQL 13 or later (xid8, pg_current_xact_id, pg_current_snapshot).

-- Events: streams numbered 1, 2, … per stream; the global order is (position_tx, seq).
-- position_tx is the writing transaction's id, taken at its first write, which comes after the
-- writer holds the stream's advisory lock, so a stream's later versions always have later ids.
-- readAll returns only events with position_tx below pg_snapshot_xmin(pg_current_snapshot()),
-- so a tailing reader never skips an event that commits later.
-- data is kept as the writer's JSON text, byte for byte (jsonb would reorder keys and spaces).
create table events (
  position_tx    xid8        not null default pg_current_xact_id(),
  seq            bigint      not null generated always as identity,
  stream         text        collate "C" not null,
  version        bigint      not null check (version >= 1),
  id             text        not null,
  type           text        not null,
  data           text        not null,
  command_id     text,
  user_id        text,
  correlation_id text,
  causation_id   text,
  time           timestamptz not null default now(),
  constraint events_stream_version primary key (stream, version),
  constraint events_id unique (id)
);
create unique index events_position on events (position_tx, seq);

-- Documents: projections, command records, the inbox of handled messages. Keys sort in byte
-- order ("C"), which is Java's String order for ASCII keys.
create table documents (
  collection text        collate "C" not null,
  key        text        collate "C" not null,
  json       text        not null,
  revision   bigint      not null check (revision >= 1),
  updated_at timestamptz not null default now(),
  constraint documents_key primary key (collection, key)
);

-- Outbox: messages written in the same transaction as the events, published by the relay and
-- then deleted. Rows of one ordering key are inserted in commit order (their writers hold the
-- key's advisory lock), so ordering by id keeps each key's order.
create table outbox (
  id           bigint      generated always as identity primary key,
  ordering_key text        not null,
  exchange     text        not null,
  routing_key  text        not null,
  headers      jsonb       not null default '{}',
  body         bytea       not null,
  message_id   text,
  created_at   timestamptz not null default now()
);
