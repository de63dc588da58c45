// Slow-consumer (4008) and rate-limit (4029) closes with tiny client limits: the client
// reconnects (after a longer pause for 4029), joins again with `since` and, for the slow
// consumer, receives every publication it had not read, exactly once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { Switchboard } from '../src/index.js';
import { startNode, publish, token, next, until, metric, TrackedSocket } from '../testing/node.js';

let node;
before(async () => {
  node = await startNode({
    client: { outboundQueueBytes: 65536, outboundQueueFrames: 64, ratePerSecond: 5, rateBurst: 5 },
  });
});
after(() => node?.kill('SIGKILL'));

const PAD = 'x'.repeat(16 * 1024);

test('a slow consumer closed with 4008 reconnects and recovers every publication', { timeout: 90000 }, async (t) => {
  const c = new Switchboard(node.ws, { WebSocket: TrackedSocket, token: () => token('slow'), backoff: { minDelay: 20, maxDelay: 200 } });
  t.after(() => c.close());
  await c.connect();
  const room = c.room('chat:slow');
  const offsets = [];
  room.on('event', (e) => offsets.push(e.offset));
  await room.join();
  const socket = TrackedSocket.last;
  socket._socket.pause(); // the application stops reading: the server's queue for it fills
  const closes = 'switchboard_slow_consumer_closes_total{reason="bytes"}';
  const before = await metric(node, closes);
  let last = 0;
  for (let i = 0; i < 4000; i++) {
    last = (await publish(node, 'chat:slow', 'tick', { i, pad: PAD })).offset;
    if (i % 20 === 19 && (await metric(node, closes)) > before) break;
  }
  assert.ok((await metric(node, closes)) > before, 'the server closed the slow consumer');
  const gone = next(c, 'disconnected', () => true, 30000);
  const rejoined = next(room, 'joined', () => true, 30000);
  socket._socket.resume();
  const d = await gone;
  assert.equal(d.code, 4008);
  assert.equal(d.reconnect, true);
  assert.equal((await rejoined).recovered, true, 'joined again with since and recovered');
  await until(room, 'event', () => offsets.at(-1) >= last, 30000);
  assert.deepEqual(offsets, Array.from({ length: last }, (_, i) => i + 1), 'every offset once, in order');
});

test('a client over the rate limit is closed with 4029 and reconnects after a longer pause', { timeout: 60000 }, async (t) => {
  const backoff = { minDelay: 20, maxDelay: 2000, jitter: 0.5 };
  const c = new Switchboard(node.ws, { WebSocket, token: () => token('flood'), backoff });
  t.after(() => c.close());
  await c.connect();
  const room = c.room('chat:flood');
  await room.join();
  const errors = [];
  c.on('error', (e) => errors.push(e.code));
  const gone = next(c, 'disconnected', () => true, 20000);
  const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => room.publish('m', { i })));
  const d = await gone;
  assert.equal(d.code, 4029);
  assert.equal(d.reconnect, true);
  assert.ok(d.delay >= 20 * 2 ** 4 * 0.5, `backed off at least 160 ms (${d.delay})`);
  assert.ok(errors.includes('rate_limited'), 'rate_limited errors came before the close');
  for (const r of results) {
    if (r.status === 'rejected') assert.ok(['rate_limited', 'disconnected'].includes(r.reason.code), r.reason.code);
  }
  assert.ok(results.some((r) => r.status === 'rejected'));
  const rejoin = await next(room, 'joined', () => true, 20000);
  assert.equal(rejoin.recovered, true);
  assert.equal(c.state, 'connected');
});
