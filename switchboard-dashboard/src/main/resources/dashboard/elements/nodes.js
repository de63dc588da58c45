import { store, show, esc } from '../store.js';

/** `<sb-nodes>`: one row per node: id, uptime, connections, rooms, event loop lag, engines ready. */
class Nodes extends HTMLElement {
  connectedCallback() {
    store.addEventListener('update', () => this.render());
    this.render();
  }

  render() {
    const rows = [...store.nodes.values()]
      .map(
        (n) => `<tr data-node="${esc(n.node)}">
          <td>${esc(n.node)}</td>
          <td>${show(n.uptimeMs / 1000)} s</td>
          <td data-field="connections">${show(n.connections)}</td>
          <td data-field="rooms">${show(n.rooms)}</td>
          <td data-field="lag">${show(n.eventLoopLagMs)} ms</td>
          <td data-field="engines">${n.enginesReady ? 'ready' : 'not ready'}</td>
        </tr>`)
      .join('');
    const total = [...store.nodes.values()].reduce((s, n) => s + (n.connections ?? 0), 0);
    this.innerHTML = `<table>
      <thead><tr><th>node</th><th>uptime</th><th>connections</th><th>rooms</th><th title="worst lateness of an event loop over the last second">event loop lag</th><th>engines</th></tr></thead>
      <tbody>${rows}</tbody></table>
      <p>connections in all: <b id="total-connections">${total}</b></p>`;
  }
}
customElements.define('sb-nodes', Nodes);
