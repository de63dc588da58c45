// Ping-based liveness against a scripted server (the `ws` package): the client pings after one
// silent heartbeat, stays connected while pongs come back, and declares a silent server dead,
// then reconnects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket, { WebSocketServer } from 'ws';
import { Switchboard } from '../src/index.js';
import { next } from '../testing/node.js';
import { Emitter } from '../src/emitter.js';

/** A server that sends `welcome` with a 0.2 s heartbeat and answers pings only when `answer` says so. */
async function scriptedServer(answer) {
  const events = new Emitter();
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((ok) => wss.once('listening', ok));
  let connections = 0;
  wss.on('connection', (socket) => {
    const n = ++connections;
    socket.send(JSON.stringify({ type: 'welcome', data: { connection: `c${n}`, user: 'u', node: 'fake', heartbeat: 0.2 } }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      events.emit('frame', { n, frame });
      if (frame.type === 'ping' && answer(n)) socket.send(JSON.stringify({ type: 'pong', id: frame.id }));
    });
    events.emit('connection', n);
  });
  return { events, url: `ws://127.0.0.1:${wss.address().port}/ws`, close: () =>
      new Promise((ok) => {
        for (const socket of wss.clients) socket.terminate();
        wss.close(ok);
      }),
  };
}

test('a silent server is declared dead after two and a half heartbeats and the client reconnects', async (t) => {
  const server = await scriptedServer(() => false);
  t.after(() => server.close());
  const client = new Switchboard(server.url, { WebSocket, backoff: { minDelay: 10, maxDelay: 50 } });
  t.after(() => client.close());
  const pinged = next(server.events, 'frame', ({ n, frame }) => n === 1 && frame.type === 'ping', 5000);
  await client.connect();
  const started = Date.now();
  await pinged;
  const gone = await next(client, 'disconnected', () => true, 5000);
  const silentFor = Date.now() - started;
  assert.equal(gone.code, 4002, 'reported as a heartbeat timeout');
  assert.equal(gone.reconnect, true);
  assert.ok(silentFor >= 200 && silentFor < 2000, `detected after ${silentFor} ms of silence`);
  assert.equal(await next(server.events, 'connection', (n) => n === 2, 5000), 2, 'reconnected');
});

test('a server that answers the pings keeps the connection', async (t) => {
  const server = await scriptedServer(() => true);
  t.after(() => server.close());
  const client = new Switchboard(server.url, { WebSocket });
  t.after(() => client.close());
  let disconnects = 0;
  client.on('disconnected', () => disconnects++);
  let pings = 0;
  const fivePings = next(server.events, 'frame', ({ frame }) => frame.type === 'ping' && ++pings === 5, 10000);
  await client.connect();
  await fivePings;
  assert.equal(disconnects, 0, 'no disconnect over five heartbeat cycles');
  assert.equal(client.state, 'connected');
});
