'use strict';
// Socket.IO 4 cluster node for the Switchboard cluster benchmark: the same peer as server.js
// (same events, same acks, same /health and /gc), plus @socket.io/redis-adapter over two node-redis
// clients (one publishes, one subscribes) so that io.to(room).emit(...) reaches the sockets of every
// node sharing the Redis. Start one process per node:
//
//   node --expose-gc cluster-server.js <port> [host]        (Redis from SIO_REDIS_URL, default redis://127.0.0.1:6379)
//
// Semantics mirror switchboard.v1 as in server.js:
//   emit("join", room, ack)                 -> socket.join(room); ack({room, offset})
//   emit("publish", {room,event,data}, ack) -> io.to(room).emit("event", {room,event,offset,from,data,ts}); ack({offset})
// The offset is a per-node counter (as in server.js): Socket.IO has no room history, so nothing is
// stored in Redis per publication; only the adapter's PUBLISH goes through Redis.
const http = require('http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');

const port = parseInt(process.argv[2] || process.env.PORT || '3000', 10);
const host = process.argv[3] || '127.0.0.1';
const redisUrl = process.env.SIO_REDIS_URL || 'redis://127.0.0.1:6379';

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
      ok: pubClient.isReady && subClient.isReady, connections: io.engine.clientsCount,
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
const pubClient = createClient({ url: redisUrl });
const subClient = pubClient.duplicate();
for (const [name, c] of [['pub', pubClient], ['sub', subClient]]) {
  c.on('error', (err) => {
    redisErrors++;
    if (redisErrors <= 20) console.error(`redis ${name} client error: ${err && err.message}`);
  });
}

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

Promise.all([pubClient.connect(), subClient.connect()]).then(() => {
  io.adapter(createAdapter(pubClient, subClient));
  // listen only once the adapter is in place: a port that answers means broadcasts cross nodes
  httpServer.listen(port, host, () => {
    console.log(`socket.io ${require('socket.io/package.json').version} cluster node listening on ${host}:${port} `
      + `pid=${process.pid} adapter=@socket.io/redis-adapter ${require('@socket.io/redis-adapter/package.json').version} `
      + `redis=${require('redis/package.json').version} ${redisUrl.replace(/(:\/\/[^:/@]*:)[^@/]*@/, '$1***@')}`);
  });
}).catch((err) => {
  console.error(`cannot connect to Redis at ${redisUrl}: ${err && err.message}`);
  process.exit(1);
});

const stop = () => {
  io.close();
  Promise.allSettled([pubClient, subClient].map((c) => (typeof c.close === 'function' ? c.close() : c.quit()))).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
