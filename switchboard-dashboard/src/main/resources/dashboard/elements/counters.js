import { store, show, esc } from '../store.js';

/**
 * `<sb-counters>`: per node, the event buffer depth, resyncs and slow-consumer closes; commands by
 * outcome; workflows by status; tunnel agents, in all and per project. A capability that is off shows `absent`.
 */
class Counters extends HTMLElement {
  connectedCallback() {
    store.addEventListener('update', () => this.render());
    this.render();
  }

  render() {
    const rows = [...store.nodes.values()]
      .map((n) => {
        const c = n.commands;
        const w = n.workflows;
        const t = n.tunnel;
        return `<tr data-node="${esc(n.node)}"><td>${esc(n.node)}</td>
          <td data-field="buffer">${show(n.eventBufferDepth)}</td>
          <td>${show(n.resyncs)}</td><td>${show(n.slowConsumerCloses)}</td>
          <td>${c ? `${show(c.applied)} applied, ${show(c.rejected)} rejected` : show(null)}</td>
          <td>${w ? `${show(w.running)} running, ${show(w.completed)} completed, ${show(w.failed)} failed, ${show(w.cancelled)} cancelled` : show(null)}</td>
          <td data-field="tunnel">${t ? `${show(t.controllers)} agents, ${show(t.inFlight)} in flight${projects(t)}` : show(null)}</td></tr>`;
      })
      .join('');
    this.innerHTML = `<table><thead><tr><th>node</th><th>event buffer</th><th>resyncs</th>
      <th>slow-consumer closes</th><th>commands</th><th>workflows</th><th>tunnel</th></tr></thead>
      <tbody>${rows}</tbody></table>`;
  }
}
/** Each project with its agents on this node: ` (billing: 2, search: 1)`. */
function projects(t) {
  const list = (t.projects ?? []).map((p) => `${esc(p.project)}: ${show(p.agents)}`);
  return list.length ? ` (${list.join(', ')})` : '';
}

customElements.define('sb-counters', Counters);
