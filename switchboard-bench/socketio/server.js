'use strict';
// Socket.IO 4 peer for the Switchboard benchmark. Semantics mirror switchboard.v1:
//   emit("join", room, ack)                 -> socket.join(room); ack({room})
//   emit("publish", {room,event,data}, ack) -> io.to(room).emit("event", {room,event,offset,from,data,ts}); ack({offset})
// WebSocket transport only. Usage: node --expose-gc server.js <port> [host]
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
    res.end(JSON.stringify({ ok: true, connections: io.engine.clientsCount, rss: m.rss, heapUsed: m.heapUsed }));
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

const offsets = new Map(); // room -> last offset (mirrors Switchboard's per-room offset)

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

httpServer.listen(port, host, () => {
  console.log(`socket.io ${require('socket.io/package.json').version} listening on ${host}:${port} pid=${process.pid}`);
});

const stop = () => { io.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
