// The client's side of the protocol against scripted servers (the `ws` package): the rejoin
// carries `since`, an unsolicited `joined` with recovered: false becomes a `state` event, 1012
// moves to the next URL, 4004 stops the client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket, { WebSocketServer } from 'ws';
import { Switchboard } from '../src/index.js';
import { Emitter } from '../src/emitter.js';
import { next, until } from '../testing/node.js';

/** A server that sends `welcome` and hands every received frame to `onFrame(frame, socket, n)`. */
async function scripted(name, onFrame) {
  const events = new Emitter();
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((ok) => wss.once('listening', ok));
  let n = 0;
  wss.on('connection', (socket) => {
    const i = ++n;
    socket.send(JSON.stringify({ type: 'welcome', data: { connection: `${name}.${i}`, user: 'u', node: name, heartbeat: 25 } }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      events.emit('frame', frame);
      onFrame(frame, socket, i);
    });
    events.emit('connection', { i, socket });
  });
  const close = () =>
    new Promise((ok) => {
      for (const s of wss.clients) s.terminate();
      wss.close(ok);
    });
  return { events, url: `ws://127.0.0.1:${wss.address().port}/ws`, close };
}

const send = (socket, frame) => socket.send(JSON.stringify(frame));
const joined = (id, offset, extra = {}) => ({
  type: 'joined',
  id,
  room: 'chat:1',
  data: { epoch: 'e1', offset, presence: [], presenceCount: 0, snapshot: null, history: [], recovered: false, ...extra },
});

test('the rejoin after a reconnect carries since = the last epoch and offset; missed events arrive once', async (t) => {
  const server = await scripted('a', (frame, socket, i) => {
    if (frame.type !== 'join') return;
    if (i === 1) {
      send(socket, joined(frame.id, 2));
      for (const offset of [3, 4]) send(socket, { type: 'event', room: 'chat:1', event: 'm', offset, from: null, data: offset, ts: 0 });
    } else {
      const history = [4, 5, 6].map((offset) => ({ type: 'event', room: 'chat:1', event: 'm', offset, from: null, data: offset, ts: 0 }));
      send(socket, joined(frame.id, 6, { history, recovered: true }));
      send(socket, { type: 'event', room: 'chat:1', event: 'm', offset: 7, from: null, data: 7, ts: 0 });
    }
  });
  t.after(() => server.close());
  const c = new Switchboard(server.url, { WebSocket, backoff: { minDelay: 5, maxDelay: 20 } });
  t.after(() => c.close());
  const room = c.room('chat:1');
  const got = [];
  room.on('event', (e) => got.push(e.offset));
  const states = [];
  room.on('state', (s) => states.push(s));
  const first = next(server.events, 'connection');
  await c.connect();
  await room.join();
  await until(room, 'event', () => got.length === 2);
  const rejoin = next(server.events, 'frame', (f) => f.type === 'join' && f.since);
  (await first).socket.terminate();
  assert.deepEqual((await rejoin).since, { epoch: 'e1', offset: 4 });
  await until(room, 'event', () => got.at(-1) === 7);
  assert.deepEqual(got, [3, 4, 5, 6, 7], 'the duplicate 4 of the history dropped');
  assert.equal(states.length, 1, 'only the first join loaded a state');
});

test('an unsolicited joined with recovered: false emits state with the snapshot and history', async (t) => {
  const server = await scripted('a', (frame, socket) => {
    if (frame.type !== 'join') return;
    send(socket, joined(frame.id, 1));
    const { id, ...resync } = joined(undefined, 9, {
      epoch: 'e2',
      snapshot: { event: 'board.update', offset: 8, data: { v: 8 } },
      history: [{ type: 'event', room: 'chat:1', event: 'm', offset: 9, from: null, data: 9, ts: 0 }],
    });
    send(socket, resync);
    send(socket, { type: 'event', room: 'chat:1', event: 'm', offset: 10, from: null, data: 10, ts: 0 });
  });
  t.after(() => server.close());
  const c = new Switchboard(server.url, { WebSocket });
  t.after(() => c.close());
  const room = c.room('chat:1');
  const states = [];
  room.on('state', (s) => states.push(s));
  const live = next(room, 'event', (e) => e.offset === 10);
  await c.connect();
  await room.join();
  await live;
  assert.equal(states.length, 2);
  assert.deepEqual(
    [states[1].epoch, states[1].offset, states[1].snapshot.data, states[1].history.map((h) => h.offset), states[1].recovered],
    ['e2', 9, { v: 8 }, [9], false],
  );
  assert.deepEqual(room.position, { epoch: 'e2', offset: 10 });
});

test('1012 moves to the next URL at once; 4004 stops the client', async (t) => {
  const a = await scripted('a', () => {});
  const b = await scripted('b', () => {});
  t.after(() => Promise.all([a.close(), b.close()]));
  const c = new Switchboard([a.url, b.url], { WebSocket, backoff: { minDelay: 50, maxDelay: 5000 } });
  t.after(() => c.close());
  const onA = next(a.events, 'connection');
  const onB = next(b.events, 'connection');
  await c.connect();
  const moved = next(c, 'connected');
  const restart = next(c, 'disconnected');
  (await onA).socket.close(1012, 'restart');
  const d = await restart;
  assert.equal(d.code, 1012);
  assert.equal(d.reconnect, true);
  assert.ok(d.delay <= 50, `at once, with a jitter below minDelay (${d.delay})`);
  assert.equal((await moved).node, 'b', 'moved to the next node');

  const stopped = next(c, 'disconnected');
  (await onB).socket.close(4004, 'disconnected by the backend');
  const s = await stopped;
  assert.deepEqual([s.code, s.reconnect], [4004, false]);
  assert.equal(c.state, 'disconnected');
});
