'use strict';
// Socket.IO 4 peer for the Switchboard benchmark. Semantics mirror switchboard.v1:
//   emit("join", room, ack)                 -> socket.join(room); ack({room})
//   emit("publish", {room,event,data}, ack) -> io.to(room).emit("event", {room,event,offset,from,data,ts}); ack({offset})
// WebSocket transport only. Usage: node --expose-gc server.js <port> [host]
//
// Cluster node: with SIO_REDIS_URL set (e.g. redis://127.0.0.1:6390) it also installs
// @socket.io/redis-adapter over two node-redis clients (publish / subscribe), so io.to(room).emit(...)
// reaches the sockets of every node sharing that Redis, and listens only once the adapter is
// connected. The offset stays a per-node counter: Socket.IO has no room history, so nothing is
// stored in Redis per publication; only the adapter's PUBLISH goes through Redis.
const http = require('http');
const { Server } = require('socket.io');

const port = parseInt(process.argv[2] || process.env.PORT || '3000', 10);
const host = process.argv[3] || '127.0.0.1';

const httpServer = http.createServer((req, res) => {
  if (req.url === '/gc') { // full GC before memory readings (needs node --expose-gc)
    if (typeof global.gc === 'function') { global.gc(); res.writeHead(200); res.end('ok'); }
    else { res.writeHead(501); res.end('start node with --expose-gc'); }
    return;
  }
  if (req.url === '/health') {
    const m = process.memoryUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      ok: redis === null || (redis.pub.isReady && redis.sub.isReady), connections: io.engine.clientsCount,
      rss: m.rss, heapUsed: m.heapUsed, redisErrors,
    }));
    return;
  }
  res.writeHead(404);
  res.end();
});
httpServer.maxConnections = 1 << 20;

const io = new Server(httpServer, {
  transports: ['websocket'],
  allowUpgrades: false,
  serveClient: false,
  perMessageDeflate: false,
  httpCompression: false,
  pingInterval: 25000,
  pingTimeout: 20000,
  connectTimeout: 45000,
  maxHttpBufferSize: 1e6,
});

let redisErrors = 0;
const redisUrl = process.env.SIO_REDIS_URL || '';
const redis = redisUrl ? (() => {
  const { createClient } = require('redis');
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  for (const [name, c] of [['pub', pub], ['sub', sub]]) {
    c.on('error', (err) => {
      redisErrors++;
      if (redisErrors <= 20) console.error(`redis ${name} client error: ${err && err.message}`);
    });
  }
  return { pub, sub };
})() : null;

const offsets = new Map(); // room -> last offset on this node (mirrors Switchboard's per-room offset)

io.on('connection', (socket) => {
  const user = (socket.handshake.query && socket.handshake.query.user) || socket.id;
  socket.on('join', (room, ack) => {
    if (typeof room !== 'string' || room.length === 0) {
      if (typeof ack === 'function') ack({ error: 'bad_request' });
      return;
    }
    socket.join(room);
    if (typeof ack === 'function') ack({ room, offset: offsets.get(room) || 0 });
  });
  socket.on('publish', (msg, ack) => {
    if (!msg || typeof msg.room !== 'string') {
      if (typeof ack === 'function') ack({ error: 'bad_request' });
      return;
    }
    const offset = (offsets.get(msg.room) || 0) + 1;
    offsets.set(msg.room, offset);
    io.to(msg.room).emit('event', {
      room: msg.room, event: msg.event, offset, from: user, data: msg.data, ts: Date.now(),
    });
    if (typeof ack === 'function') ack({ offset });
  });
});

const listen = (what) => httpServer.listen(port, host, () => {
  console.log(`socket.io ${require('socket.io/package.json').version} ${what} listening on ${host}:${port} pid=${process.pid}`);
});

if (redis === null) {
  listen('server');
} else {
  Promise.all([redis.pub.connect(), redis.sub.connect()]).then(() => {
    const { createAdapter } = require('@socket.io/redis-adapter');
    io.adapter(createAdapter(redis.pub, redis.sub));
    // listen only once the adapter is in place: a port that answers means broadcasts cross nodes
    listen(`cluster node (@socket.io/redis-adapter ${require('@socket.io/redis-adapter/package.json').version}, `
      + `redis ${require('redis/package.json').version}, ${redisUrl.replace(/(:\/\/[^:/@]*:)[^@/]*@/, '$1***@')})`);
  }).catch((err) => {
    console.error(`cannot connect to Redis at ${redisUrl}: ${err && err.message}`);
    process.exit(1);
  });
}

const stop = () => {
  io.close();
  if (redis === null) process.exit(0);
  Promise.allSettled([redis.pub, redis.sub].map((c) => (typeof c.close === 'function' ? c.close() : c.quit())))
    .finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
