/**
 * A room of the client (docs/protocol.md `join`, `leave`, `publish`, `presence`). The room
 * remembers its stream position (epoch and last offset seen); after a reconnect it is joined
 * again with `since` that position, so the server sends only the missed publications
 * (`recovered: true`, delivered as ordinary `event`s, in order, without duplicates). When the
 * server cannot recover (history expired, epoch changed) or resyncs the room by itself (an
 * unsolicited `joined`), the room emits `state` with the snapshot and history to reload from.
 *
 * Events: `event` (a publication frame), `presence` (`{action: 'join'|'leave', user,
 * connection}` or `{action: 'count', count}` for large rooms), `state` (the room's state to
 * load: `{epoch, offset, snapshot, history, presence, presenceCount, recovered: false}`),
 * `joined` (every join reply, with `recovered`), `error` (a join refused by the server).
 */
import { Emitter } from './emitter.js';
import { SwitchboardError, ClientErrorCodes } from './errors.js';

export class Room extends Emitter {
  #client;
  #wanted = false;
  #joined = false;
  #epoch = null;
  #offset = 0;
  /** @type {{resolve: Function, reject: Function}[]} */
  #waiters = [];

  /** @param {import('./client.js').Switchboard} client @param {string} name */
  constructor(client, name) {
    super();
    this.#client = client;
    /** @type {string} */
    this.name = name;
  }

  /** Whether the room is joined on the current connection. */
  get joined() {
    return this.#joined;
  }

  /** The stream position `{epoch, offset}` the room has reached (epoch null before any join). */
  get position() {
    return { epoch: this.#epoch, offset: this.#offset };
  }

  /**
   * Joins the room now (or as soon as the client is connected) and after every reconnect.
   * @returns {Promise<object>} the `joined` data of this join (`recovered`, `offset`, ...);
   *   rejects with the server's code (`forbidden`, `unknown_namespace`, `cancelled`, ...)
   */
  join() {
    this.#wanted = true;
    const done = new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
    if (this.#joined) this.#sendJoin();
    else if (this.#client.state === 'connected' && this.#waiters.length === 1) this.#sendJoin();
    return done;
  }

  /**
   * Leaves the room (no more re-joins); a join still waiting is answered `cancelled`.
   * @returns {Promise<void>}
   */
  async leave() {
    this.#wanted = false;
    const wasJoined = this.#joined;
    this.#joined = false;
    if (this.#client.state !== 'connected') {
      this.#rejectWaiters(new SwitchboardError('cancelled', 'left before joined'));
      return;
    }
    await this.#client.request({ type: 'leave', room: this.name });
    if (!wasJoined) this.#rejectWaiters(new SwitchboardError('cancelled', 'left before joined'));
  }

  /**
   * Publishes to the room (joining is not needed, the namespace's `publish` access decides).
   * @param {string} event event name, 1-128 characters
   * @param {unknown} [data] any JSON value
   * @returns {Promise<{room: string, offset: number}>} the ack; rejects with a SwitchboardError
   *   (`rate_limited`, `forbidden`, `buffer_full`, `bad_request`, `disconnected`, `timeout`, ...)
   */
  async publish(event, data = null) {
    const ack = await this.#client.request({ type: 'publish', room: this.name, event, data });
    return { room: ack.room, offset: ack.offset };
  }

  /**
   * One page of members, oldest join first.
   * @param {{limit?: number, cursor?: string}} [page] `limit` 1-1000; `cursor` = a previous `next`
   * @returns {Promise<{members: object[], count: number, next: string | null}>}
   */
  async presence(page = {}) {
    const frame = { type: 'presence', room: this.name };
    if (page.limit !== undefined) frame.limit = page.limit;
    if (page.cursor !== undefined && page.cursor !== null) frame.cursor = page.cursor;
    const reply = await this.#client.request(frame);
    return { members: reply.data ?? [], count: reply.count ?? 0, next: reply.next ?? null };
  }

  /**
   * Every member, page after page (each member that stays in the room is listed exactly once).
   * @param {{limit?: number}} [options] page size
   * @returns {AsyncGenerator<object>}
   */
  async *members(options = {}) {
    let cursor;
    do {
      const page = await this.presence({ limit: options.limit, cursor });
      yield* page.members;
      cursor = page.next;
    } while (cursor);
  }

  #sendJoin() {
    const frame = { type: 'join', room: this.name };
    if (this.#epoch !== null) frame.since = { epoch: this.#epoch, offset: this.#offset };
    this.#client.request(frame).then(
      (reply) => this.#onJoined(reply.data),
      (err) => {
        if (err.code === ClientErrorCodes.DISCONNECTED) return; // joined again on reconnect
        if (err.code !== ClientErrorCodes.TIMEOUT) this.#wanted = false;
        this.#rejectWaiters(err);
        this.emit('error', err);
      },
    );
  }

  #onJoined(data) {
    if (!this.#wanted) return;
    this.#joined = true;
    if (data.recovered && data.epoch === this.#epoch) {
      for (const pub of data.history ?? []) this._onEvent({ ...pub, room: this.name });
      this.#offset = Math.max(this.#offset, data.offset);
    } else {
      this.#load(data);
    }
    const waiters = this.#waiters;
    this.#waiters = [];
    waiters.forEach((w) => w.resolve(data));
    this.emit('joined', data);
  }

  #load(data) {
    this.#epoch = data.epoch;
    this.#offset = data.offset;
    this.emit('state', {
      epoch: data.epoch,
      offset: data.offset,
      snapshot: data.snapshot ?? null,
      history: data.history ?? [],
      presence: data.presence ?? [],
      presenceCount: data.presenceCount ?? 0,
      recovered: false,
    });
  }

  #rejectWaiters(err) {
    const waiters = this.#waiters;
    this.#waiters = [];
    waiters.forEach((w) => w.reject(err));
  }

  /** @internal a publication frame of this room */
  _onEvent(frame) {
    if (typeof frame.offset === 'number' && frame.offset <= this.#offset) return; // already seen
    if (typeof frame.offset === 'number') this.#offset = frame.offset;
    this.emit('event', frame);
  }

  /** @internal a presence change */
  _onPresence(change) {
    this.emit('presence', change);
  }

  /** @internal an unsolicited `joined`: the server could not recover the room by itself */
  _onResync(data) {
    if (!this.#wanted) return;
    this.#load(data);
    this.emit('joined', data);
  }

  /** @internal the client has a new connection */
  _onConnected() {
    if (this.#wanted) this.#sendJoin();
  }

  /** @internal the connection closed */
  _onDisconnected() {
    this.#joined = false;
  }
}
