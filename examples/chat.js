/**
 * The chat page (chat.html; README "Quickstart"): one Switchboard client on this node's /ws, one
 * room at a time. The client re-joins after every reconnect with `since` its last offset, so the
 * list gets every publication once, in offset order; when the server cannot recover the room, the
 * `state` event reloads the list from the snapshot and history. Token: `?token=` or the sign-in
 * form (/api/v1/auth/login, register; refreshed with the refresh token when the socket is refused).
 */
import { Switchboard } from '/dashboard/vendor/index.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let session = params.get('token') ? { token: params.get('token') } : null;
let room = null;
const members = new Map(); // connection → user

function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

async function auth(path, body) {
  const res = await fetch(`/api/v1/auth/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error?.message ?? `${path}: ${res.status}`);
  return json;
}

/** The client's `token` option: asked again on 4001 and before reconnecting with an expired one. */
async function token() {
  if (session.refreshToken && session.used) {
    const t = await auth('refresh', { refreshToken: session.refreshToken });
    session = { token: t.token, refreshToken: t.refreshToken };
  }
  session.used = true;
  return session.token;
}

function renderMessage(e) {
  const li = document.createElement('li');
  li.dataset.offset = e.offset;
  const from = document.createElement('span');
  from.className = 'from';
  from.textContent = e.from ?? 'server';
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = e.data?.text ?? JSON.stringify(e.data);
  li.append(from, text);
  $('messages').append(li);
  li.scrollIntoView({ block: 'nearest' });
}

function renderMembers() {
  const users = [...new Set(members.values())].sort();
  $('members').replaceChildren(
    ...users.map((u) => Object.assign(document.createElement('li'), { textContent: u })),
  );
  $('member-count').textContent = users.length;
}

const wired = new WeakSet(); // rooms whose listeners are on (the client keeps one Room per name)

function open(client, name) {
  if (room?.name === name) return room.join();
  if (room) room.leave();
  const r = client.room(name);
  room = r;
  $('messages').replaceChildren();
  if (!wired.has(r)) {
    wired.add(r);
    const current = (fn) => (arg) => room === r && fn(arg);
    r.on('state', current(({ snapshot, history }) => {
      $('messages').replaceChildren(); // first join or not recovered: reload from the server
      for (const m of snapshot?.data?.messages ?? []) renderMessage(m);
      history.forEach(renderMessage);
    }));
    r.on('event', current(renderMessage));
    r.on('joined', current((data) => {
      members.clear();
      for (const m of data.presence ?? []) members.set(m.connection, m.user);
      renderMembers();
      $('joined').dataset.room = name;
      $('joined').textContent = `in ${name}`;
    }));
    r.on('presence', current((p) => {
      if (p.action === 'join') members.set(p.connection, p.user);
      if (p.action === 'leave') members.delete(p.connection);
      renderMembers();
    }));
    r.on('error', current((e) => ($('send-error').textContent = `${name}: ${e.code}`)));
  }
  return r.join();
}

function start() {
  $('signin').hidden = true;
  $('chat').hidden = false;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = new Switchboard(`${scheme}//${location.host}/ws`, { token });
  client.on('connecting', ({ attempt }) =>
    setStatus(attempt > 0 ? 'reconnecting' : 'connecting', attempt > 0 ? `reconnecting (${attempt})` : 'connecting'));
  client.on('connected', (w) => setStatus('connected', `connected as ${w.user} on ${w.node}`));
  client.on('disconnected', (d) =>
    setStatus(d.reconnect ? 'reconnecting' : 'closed', `disconnected (${d.code})${d.reconnect ? ', reconnecting' : ''}`));
  client.on('closed', () => setStatus('closed', 'closed'));
  $('room').value = params.get('room') ?? 'chat:lobby';
  $('room-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    open(client, $('room').value.trim()).catch((e) => ($('send-error').textContent = e.code ?? e.message));
  });
  $('send-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('send-error').textContent = '';
    try {
      await room.publish('message', { text: $('text').value });
      $('text').value = '';
    } catch (e) {
      $('send-error').textContent = `not sent: ${e.code ?? e.message}`;
    }
  });
  client.connect().catch((e) => setStatus('error', `refused: ${e.code ?? e.message}`));
  open(client, $('room').value).catch((e) => ($('send-error').textContent = e.code ?? e.message));
}

async function signIn(register) {
  const email = $('email').value;
  const password = $('password').value;
  try {
    if (register) await auth('register', { email, password, firstName: email.split('@')[0], lastName: '-' });
    const t = await auth('login', { email, password });
    session = { token: t.token, refreshToken: t.refreshToken };
    start();
  } catch (e) {
    $('signin-error').textContent = e.message;
  }
}

$('signin').addEventListener('submit', (ev) => {
  ev.preventDefault();
  signIn(false);
});
$('register').addEventListener('click', () => $('signin').reportValidity() && signIn(true));
if (session) start();
else $('signin').hidden = false;
