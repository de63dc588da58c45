import { store, POINTS } from '../store.js';

/**
 * `<sb-plot data-field="publicationsPerSec" data-label="publications/s">`: the last {@link POINTS}
 * values of a rate summed over the nodes, as an inline SVG polyline scaled to its maximum.
 */
class Plot extends HTMLElement {
  connectedCallback() {
    store.addEventListener('update', () => this.render());
    this.render();
  }

  render() {
    const values = store.series.get(this.dataset.field) ?? [];
    const max = Math.max(1, ...values);
    const points = values
      .map((v, i) => `${((i / (POINTS - 1)) * 300).toFixed(1)},${(60 - (v / max) * 56).toFixed(1)}`)
      .join(' ');
    const last = values.length ? values[values.length - 1].toFixed(1) : '0';
    this.innerHTML = `<div>${this.dataset.label}: <b data-value>${last}</b> (max ${max.toFixed(1)})</div>
      <svg viewBox="0 0 300 60" preserveAspectRatio="none"><polyline points="${points}"></polyline></svg>`;
  }
}
customElements.define('sb-plot', Plot);
