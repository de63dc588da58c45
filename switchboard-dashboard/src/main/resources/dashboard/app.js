/**
 * The dashboard page (docs/dashboard.md): after sign-in it opens the gateway's own WebSocket with a
 * socket token from POST /api/v1/dashboard/socket-token (asked again when it expires), joins
 * `sys:metrics` and feeds every node's stats frame to the store the elements render. It never
 * polls /metrics.
 */
import { Switchboard } from './vendor/index.js';
import { call, socketToken } from './api.js';
import { store } from './store.js';
import './elements/signin.js';
import './elements/nodes.js';
import './elements/plot.js';
import './elements/rooms.js';
import './elements/counters.js';
import './elements/room-admin.js';

const status = document.getElementById('status');

function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

document.addEventListener('signed-in', async () => {
  document.getElementById('live').hidden = false;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = new Switchboard(`${scheme}//${location.host}/ws`, { token: socketToken });
  document.querySelector('sb-room-admin').client = client;
  client.on('connected', (w) => setStatus('live', `live on node ${w.node}`));
  client.on('disconnected', (d) => setStatus('error', `disconnected (${d.reason}); reconnecting`));
  // every node's latest frame at once, then the live ones
  call('GET', '/api/v1/dashboard/overview')
    .then((o) => (o.nodes ?? [o.node]).forEach((f) => store.frame(f)))
    .catch(() => {});
  const metrics = client.room('sys:metrics');
  metrics.on('event', (f) => {
    if (f.event === 'stats' && f.data && typeof f.data === 'object') store.frame(f.data);
  });
  try {
    setStatus('connecting', 'connecting');
    await client.connect();
    await metrics.join();
  } catch (e) {
    setStatus('error', `live feed refused: ${e.message}`);
  }
});
