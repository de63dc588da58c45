// One node (memory engine): tokens refreshed on 4001 and before a reconnect when expired, a
// static refused token stops the client, publish acks and typed errors, presence paging,
// presence events and user notifications.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { Switchboard, SwitchboardError } from '../src/index.js';
import { startNode, publish, token, next, until, API_KEY, TrackedSocket } from '../testing/node.js';

let node;
before(async () => {
  node = await startNode();
});
after(() => node?.kill('SIGKILL'));

function client(opts) {
  return new Switchboard(node.ws, { WebSocket: TrackedSocket, backoff: { minDelay: 20, maxDelay: 200 }, ...opts });
}

test('an expired token is refused with 4001 and the token function is asked again', async (t) => {
  const issued = [];
  const c = client({
    token: () => {
      const tok = issued.length === 0 ? token('carol', { ttlSeconds: -10 }) : token('carol');
      issued.push(tok);
      return tok;
    },
  });
  t.after(() => c.close());
  const refused = next(c, 'disconnected');
  const welcome = await c.connect();
  const gone = await refused;
  assert.equal(gone.code, 4001);
  assert.equal(gone.error.code, 'unauthorized', 'the unauthorized error frame is the cause');
  assert.equal(gone.reconnect, true);
  assert.equal(issued.length, 2, 'a second token was asked for');
  assert.equal(welcome.user, 'carol');
});

test('a token that expires is refreshed before the next reconnect', async (t) => {
  let calls = 0;
  // exp within the client's one-second margin: valid for the server now, expired for a reconnect
  const c = client({ token: () => (++calls === 1 ? token('dave', { ttlSeconds: 1 }) : token('dave')) });
  t.after(() => c.close());
  await c.connect();
  const room = c.room('chat:token');
  await room.join();
  await publish(node, 'chat:token', 'before', {});
  const reconnected = next(c, 'connected');
  TrackedSocket.last.terminate(); // the network drops the connection
  await reconnected;
  assert.equal(calls, 2, 'the expired token was replaced before connecting again');
  const rejoin = await next(room, 'joined');
  assert.equal(rejoin.recovered, true);
});

test('a static token that is refused stops the client: no reconnect loop', async () => {
  const c = client({ token: token('erin', { ttlSeconds: -10 }) });
  await assert.rejects(c.connect(), (err) => err instanceof SwitchboardError && err.code === 'unauthorized' && err.closeCode === 4001);
  assert.equal(c.state, 'disconnected');
  c.close();
});

test('publish resolves with the ack and rejects with typed errors', async (t) => {
  const c = client({ token: () => token('frank') });
  t.after(() => c.close());
  await c.connect();
  const room = c.room('chat:pub');
  const events = [];
  room.on('event', (e) => events.push(e));
  await room.join();
  const ack = await room.publish('message', { text: 'hi' });
  assert.deepEqual(ack, { room: 'chat:pub', offset: 1 });
  await until(room, 'event', () => events.length === 1); // the own event may come before the ack
  assert.equal(events[0].data.text, 'hi');
  assert.equal(events[0].from, 'frank');
  await assert.rejects(c.room('nope:x').publish('m', 1), { name: 'SwitchboardError', code: 'unknown_namespace' });
  await assert.rejects(c.room('chat:bad name').publish('m', 1), { code: 'invalid_room' });
  await assert.rejects(c.room('nope:x').join(), { code: 'unknown_namespace' });
  assert.ok((await c.ping()) >= 0);
});

test('presence pages, presence events and notifications', async (t) => {
  const clients = ['gina', 'hank', 'ivan'].map((u) => client({ token: () => token(u) }));
  t.after(() => clients.forEach((c) => c.close()));
  await Promise.all(clients.map((c) => c.connect()));
  const [g, h, i] = clients.map((c) => c.room('chat:presence'));
  const first = await g.join();
  assert.equal(first.presenceCount, 1);
  const joins = [];
  g.on('presence', (p) => joins.push(p));
  // listening before the joins: both presence events may arrive while i.join() is answered
  const bothJoined = next(g, 'presence', () => joins.length === 2);
  await h.join();
  await i.join();
  await bothJoined;
  assert.deepEqual(joins.map((p) => [p.action, p.user]), [['join', 'hank'], ['join', 'ivan']]);

  const page = await g.presence({ limit: 2 });
  assert.equal(page.count, 3);
  assert.equal(page.members.length, 2);
  assert.ok(page.next, 'a cursor to the next page');
  const all = [];
  for await (const m of g.members({ limit: 1 })) all.push(m.user);
  assert.deepEqual(all, ['gina', 'hank', 'ivan'], 'every member once, oldest join first');

  const notified = next(clients[1], 'notification');
  const res = await fetch(`${node.url}/api/v1/server/users/hank/notifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ event: 'invoice.paid', data: { id: 7 } }),
  });
  assert.equal(res.status, 202);
  assert.deepEqual(await notified, { event: 'invoice.paid', data: { id: 7 } });

  const left = next(g, 'presence', (p) => p.action === 'leave');
  await i.leave();
  assert.equal((await left).user, 'ivan');
});
