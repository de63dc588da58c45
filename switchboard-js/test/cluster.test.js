// A node killed in a three-node cluster (Redis engine): the client, given the three URLs, moves
// to another node, joins with `since`, recovers, and misses nothing of the stream published
// through a surviving node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { Switchboard } from '../src/index.js';
import { startNode, publish, token, next, until } from '../testing/node.js';

test('a node killed in a three-node cluster: the client moves to another node and recovers', { timeout: 120000 }, async (t) => {
  const prefix = `sbjs-${randomBytes(6).toString('hex')}`;
  const nodes = await Promise.all([1, 2, 3].map((i) => startNode({ engine: 'redis', prefix, nodeId: `js-node-${i}-${prefix}` })));
  t.after(() => Promise.all(nodes.map((n) => n.kill('SIGKILL'))));
  const client = new Switchboard(
    nodes.map((n) => n.ws),
    { WebSocket, token: () => token('bob'), backoff: { minDelay: 50, maxDelay: 500 } },
  );
  t.after(() => client.close());
  const room = client.room('chat:cluster');
  const offsets = [];
  room.on('event', (e) => offsets.push(e.offset));
  const welcome = await client.connect();
  assert.equal(welcome.node, nodes[0].nodeId, 'the first URL first');
  await room.join();

  let stop = false;
  t.after(() => {
    stop = true;
  });
  const acked = [];
  const publisher = (async () => {
    for (let seq = 1; !stop; seq++) acked.push(await publish(nodes[2], 'chat:cluster', 'tick', { seq }));
  })();
  await until(room, 'event', () => offsets.length >= 20);

  const disconnected = next(client, 'disconnected');
  await nodes[0].kill('SIGKILL');
  assert.equal((await disconnected).reconnect, true);
  const rejoined = await next(room, 'joined', () => true, 30000);
  assert.equal(rejoined.recovered, true, 'recovered on the other node');
  assert.notEqual(client.session.node, nodes[0].nodeId, 'moved to another node');
  assert.ok(nodes.slice(1).some((n) => n.nodeId === client.session.node));

  const seen = offsets.length;
  await until(room, 'event', () => offsets.length >= seen + 20);
  stop = true;
  await publisher;
  const last = acked.at(-1).offset;
  await until(room, 'event', () => offsets.at(-1) >= last);
  assert.deepEqual(offsets, Array.from({ length: last }, (_, i) => i + 1), 'every offset once, in order');
});
