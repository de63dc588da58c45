import { store, show, esc } from '../store.js';

/** `<sb-rooms>`: rooms with local members on any node (each node's top rooms), members and rate. */
class Rooms extends HTMLElement {
  connectedCallback() {
    store.addEventListener('update', () => this.render());
    this.render();
  }

  render() {
    const nodes = [...store.nodes.values()];
    const count = nodes.reduce((s, n) => s + (n.rooms ?? 0), 0);
    const items = store
      .rooms()
      .map(
        (r) => `<tr data-room="${esc(r.room)}"><td>${esc(r.room)}</td>
          <td data-field="members">${r.members}</td><td>${show(r.publicationsPerSec, 1)}</td></tr>`)
      .join('');
    this.innerHTML = `<p>rooms with members (sum over nodes): <b id="room-count">${count}</b></p>
      <table><thead><tr><th>top rooms</th><th>members</th><th>publications/s</th></tr></thead>
      <tbody>${items}</tbody></table>`;
  }
}
customElements.define('sb-rooms', Rooms);
