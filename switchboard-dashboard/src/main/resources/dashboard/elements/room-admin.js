import { call } from '../api.js';
import { esc } from '../store.js';

/**
 * `<sb-room-admin>`: one room as an admin sees it: presence, history and snapshot
 * (GET /api/v1/dashboard/rooms/:room), its publications live (joined over the page's socket) and
 * a form to publish as the server (POST /api/v1/dashboard/rooms/:room/publications).
 * Set `client` (a switchboard-js client) before opening a room.
 */
class RoomAdmin extends HTMLElement {
  client = null;
  #room = null;

  connectedCallback() {
    this.innerHTML = `
      <form id="room-form"><input id="room-name" placeholder="room, e.g. chat:lobby">
        <button id="room-open" type="submit">Open</button></form>
      <div id="room-view"></div>
      <h3>Live</h3><ul id="room-events"></ul>
      <form id="pub-form"><input id="pub-event" placeholder="event" value="message">
        <input id="pub-data" placeholder='data (JSON)' value='{"text":"hello"}'>
        <button id="pub-send" type="submit">Publish as server</button></form>
      <p id="room-error" class="error"></p>`;
    this.querySelector('#room-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.open(this.querySelector('#room-name').value.trim()).catch((err) => this.#error(err));
    });
    this.querySelector('#pub-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.#publish().catch((err) => this.#error(err));
    });
  }

  /** Shows `name` and follows its publications. */
  async open(name) {
    this.querySelector('#room-error').textContent = '';
    if (this.#room) await this.#room.leave().catch(() => {});
    this.querySelector('#room-events').innerHTML = '';
    const room = this.client.room(name);
    this.#room = room;
    room.on('event', (f) => {
      const li = document.createElement('li');
      li.dataset.offset = f.offset;
      li.textContent = `#${f.offset} ${f.event} from ${f.from ?? 'server'}: ${JSON.stringify(f.data)}`;
      this.querySelector('#room-events').append(li);
    });
    await room.join();
    await this.refresh();
  }

  /** Reads presence, history and snapshot again. */
  async refresh() {
    const v = await call('GET', `/api/v1/dashboard/rooms/${encodeURIComponent(this.#room.name)}`);
    const who = (v.presence?.presence ?? []).map((p) => `<li>${esc(p.user ?? 'anonymous')} (${esc(p.connection)})</li>`);
    const history = (v.history?.publications ?? []).map(
      (p) => `<li>#${p.offset} ${esc(p.event)}: <code>${esc(JSON.stringify(p.data))}</code></li>`);
    this.querySelector('#room-view').innerHTML = `
      <h3>${esc(v.room)}</h3>
      <p>presence: <b id="room-presence-count">${v.presence?.count ?? 0}</b></p><ul>${who.join('')}</ul>
      <p>history</p><ul id="room-history">${history.join('')}</ul>
      <p>snapshot</p><pre id="room-snapshot">${v.snapshot ? esc(JSON.stringify(v.snapshot.data)) : 'none'}</pre>`;
  }

  async #publish() {
    if (!this.#room) throw new Error('open a room first');
    const data = JSON.parse(this.querySelector('#pub-data').value || 'null');
    await call('POST', `/api/v1/dashboard/rooms/${encodeURIComponent(this.#room.name)}/publications`, {
      event: this.querySelector('#pub-event').value,
      data,
    });
    await this.refresh();
  }

  #error(err) {
    this.querySelector('#room-error').textContent = err.message ?? String(err);
  }
}
customElements.define('sb-room-admin', RoomAdmin);
