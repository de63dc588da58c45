'use strict';
// Minimal switchboard.v1 stub (NOT the real server) used only to test the load generator's
// Switchboard client path while the real server is unavailable. Usage: node switchboard-stub.js <port>
const http = require('http');
const { WebSocketServer } = require('ws');

const port = parseInt(process.argv[2] || '8000', 10);
const rooms = new Map(); // room -> {offset, members:Set}
let seq = 0;

const server = http.createServer((req, res) => {
  if (req.url === '/metrics') {
    const m = process.memoryUsage();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`# stub\njvm_memory_used_bytes{area="heap",id="stub"} ${m.heapUsed}\n`);
    return;
  }
  res.writeHead(404); res.end();
});
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });

function subOf(url) {
  const t = new URL(url, 'http://x').searchParams.get('token');
  if (!t) return 'anon-' + (++seq);
  try { return JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()).sub; } catch { return 'bad'; }
}

wss.on('connection', (ws, req) => {
  const user = subOf(req.url);
  const joined = new Set();
  ws.send(JSON.stringify({ type: 'welcome', data: { connection: 'c' + (++seq), user, node: 'stub', heartbeat: 25 } }));
  ws.on('message', (raw) => {
    let m;
    try { m = JSON.parse(raw); } catch { ws.send(JSON.stringify({ type: 'error', code: 'bad_frame', message: 'json' })); return; }
    if (m.type === 'join') {
      let r = rooms.get(m.room);
      if (!r) rooms.set(m.room, r = { offset: 0, members: new Set() });
      r.members.add(ws); joined.add(m.room);
      ws.send(JSON.stringify({ type: 'joined', id: m.id, room: m.room, data: { epoch: 'e1', offset: r.offset, presence: [], snapshot: null, history: [], recovered: false } }));
    } else if (m.type === 'publish') {
      const r = rooms.get(m.room);
      if (!r) { ws.send(JSON.stringify({ type: 'error', id: m.id, code: 'not_found', message: 'room' })); return; }
      const offset = ++r.offset;
      ws.send(JSON.stringify({ type: 'ack', id: m.id, offset }));
      const ev = JSON.stringify({ type: 'event', room: m.room, event: m.event, offset, from: user, data: m.data, ts: Date.now() });
      for (const s of r.members) s.send(ev);
    } else if (m.type === 'ping') {
      ws.send(JSON.stringify({ type: 'pong', id: m.id }));
    } else {
      ws.send(JSON.stringify({ type: 'error', id: m.id, code: 'unknown_type', message: String(m.type) }));
    }
  });
  ws.on('close', () => { for (const room of joined) { const r = rooms.get(room); if (r) r.members.delete(ws); } });
});
server.listen(port, '127.0.0.1', () => console.log(`switchboard.v1 STUB listening on 127.0.0.1:${port} pid=${process.pid}`));
process.on('SIGTERM', () => process.exit(0));
