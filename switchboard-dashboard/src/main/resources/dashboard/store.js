/**
 * What the page knows, fed by the `sys:metrics` stats frames of every node (docs/dashboard.md
 * "The stats frame"): the latest frame per node and the last {@link POINTS} values of each plotted
 * rate, summed over the nodes. Elements listen for `update`.
 */
export const POINTS = 60;

/** How long a node may stay silent before the page forgets it, ms. */
export const STALE_MS = 10000;

class Store extends EventTarget {
  /** @type {Map<string, object>} node id → latest frame */
  nodes = new Map();
  /** @type {Map<string, number[]>} field → summed values, oldest first */
  series = new Map();

  /** Takes one node's frame; a node silent for {@link STALE_MS} is dropped (stopped or gone). */
  frame(f) {
    if ((this.nodes.get(f.node)?.ts ?? -1) > f.ts) return; // an older frame, from the overview
    this.nodes.set(f.node, f);
    for (const [id, n] of this.nodes) {
      if (n.ts < f.ts - STALE_MS) this.nodes.delete(id);
    }
    for (const field of ['publicationsPerSec', 'deliveriesPerSec', 'commandsPerSec']) {
      const total = [...this.nodes.values()].reduce((s, n) => s + (n[field] ?? 0), 0);
      const values = this.series.get(field) ?? [];
      values.push(total);
      if (values.length > POINTS) values.shift();
      this.series.set(field, values);
    }
    this.dispatchEvent(new Event('update'));
  }

  /** Every node's top rooms merged: members and rates summed by room, most members first. */
  rooms() {
    const merged = new Map();
    for (const n of this.nodes.values()) {
      for (const r of n.topRooms ?? []) {
        const m = merged.get(r.room) ?? { room: r.room, members: 0, publicationsPerSec: 0 };
        m.members += r.members;
        m.publicationsPerSec += r.publicationsPerSec ?? 0;
        merged.set(r.room, m);
      }
    }
    return [...merged.values()].sort((a, b) => b.members - a.members || a.room.localeCompare(b.room));
  }
}

export const store = new Store();

/** A number for display, or an `absent` marker for a metric this node does not have. */
export function show(v, digits = 0) {
  if (v === null || v === undefined) return '<span class="absent">absent</span>';
  return typeof v === 'number' ? v.toFixed(digits) : String(v);
}

/** Escapes text for innerHTML. */
export function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
