// A node restarted mid-stream (killed, started again on the same port, Redis engine so the
// history survives): the client reconnects, joins with `since`, gets recovered: true, and has
// every publication exactly once, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { Switchboard } from '../src/index.js';
import { startNode, publish, token, next, until } from '../testing/node.js';

test('a server restart mid-stream: nothing missed, recovered: true', { timeout: 120000 }, async (t) => {
  const prefix = `sbjs-${randomBytes(6).toString('hex')}`;
  let node = await startNode({ engine: 'redis', prefix });
  t.after(() => node.kill('SIGKILL'));
  const client = new Switchboard(node.ws, {
    WebSocket,
    token: () => token('alice'),
    backoff: { minDelay: 50, maxDelay: 500 },
  });
  t.after(() => client.close());
  const room = client.room('chat:restart');
  const offsets = [];
  const seqs = new Set();
  room.on('event', (e) => {
    offsets.push(e.offset);
    seqs.add(e.data.seq);
  });
  const joins = [];
  room.on('joined', (d) => joins.push(d));
  const first = await client.connect();
  await room.join();

  // The stream: one publisher that retries a publication until the server acknowledges it.
  const acked = [];
  let stop = false;
  let down = false;
  const publisher = (async () => {
    for (let seq = 1; !stop; seq++) {
      for (;;) {
        try {
          acked.push({ seq, ...(await publish(node, 'chat:restart', 'tick', { seq })) });
          break;
        } catch {
          await until(client, 'connected', () => !down, 60000).catch(() => {});
        }
      }
    }
  })();
  await until(room, 'event', () => offsets.length >= 20);

  const disconnected = next(client, 'disconnected');
  down = true;
  await node.kill('SIGKILL');
  const gone = await disconnected;
  assert.equal(gone.reconnect, true, 'the client reconnects after the node died');
  node = await startNode({ engine: 'redis', prefix, port: node.port });
  down = false;

  const rejoined = await next(room, 'joined', () => true, 30000);
  assert.equal(rejoined.recovered, true, 'the rejoin with since recovered the stream');
  assert.notEqual(client.session.connection, first.connection, 'on a new connection');
  await until(room, 'event', () => acked.length > 60 && offsets.length > 60, 30000); // the stream goes on
  stop = true;
  await publisher;
  const last = acked.at(-1).offset;
  await until(room, 'event', () => offsets.at(-1) >= last, 20000);

  assert.deepEqual(offsets, Array.from({ length: last }, (_, i) => i + 1), 'every offset once, in order');
  for (const a of acked) assert.ok(seqs.has(a.seq), `publication ${a.seq} (offset ${a.offset}) arrived`);
  assert.equal(joins.filter((j) => !j.recovered).length, 1, 'only the first join loaded a state');
});
