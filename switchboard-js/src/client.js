/**
 * The `switchboard.v1` client (docs/protocol.md): one WebSocket to one of the given nodes,
 * re-opened with exponential backoff and jitter after a close (honouring the close codes, see
 * {@link closePolicy}), with the token refreshed when it expires, every joined room joined again
 * with `since` (its last epoch and offset), requests matched to their replies by `id`, and the
 * server's liveness watched from the `heartbeat` of `welcome`.
 */
import { Emitter } from './emitter.js';
import { SwitchboardError, ClientErrorCodes, closePolicy } from './errors.js';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import { TokenSource } from './token.js';
import { Room } from './room.js';
import { Liveness } from './liveness.js';

const DEFAULTS = {
  reconnect: true,
  requestTimeout: 10000,
  connectTimeout: 15000,
  backoff: DEFAULT_BACKOFF,
  /** Backoff steps added after 4009 and 4029 (the server asks for a longer pause). */
  longDelaySteps: 4,
};

/** A client of one Switchboard cluster. Events: see index.d.ts `ClientEvents`. */
export class Switchboard extends Emitter {
  #urls;
  #urlIndex = 0;
  #options;
  #tokens;
  #ws = null;
  #state = 'disconnected';
  #attempts = 0;
  #reconnectTimer = null;
  #connectTimer = null;
  #nextId = 1;
  /** @type {Map<number, {frame: object, resolve: Function, reject: Function, timer: any, sent: boolean}>} */
  #pending = new Map();
  /** @type {Map<string, Room>} */
  #rooms = new Map();
  #liveness;
  #welcome = null;
  #lastError = null;

  /**
   * @param {string | string[]} urls `ws://host:port/ws` of one node, or of several (tried in turn)
   * @param {import('../index.js').SwitchboardOptions} [options]
   */
  constructor(urls, options = {}) {
    super();
    this.#urls = Array.isArray(urls) ? [...urls] : [urls];
    if (this.#urls.length === 0) throw new TypeError('at least one URL is needed');
    this.#options = { ...DEFAULTS, ...options, backoff: { ...DEFAULT_BACKOFF, ...options.backoff } };
    this.#options.WebSocket ??= globalThis.WebSocket;
    if (typeof this.#options.WebSocket !== 'function') {
      throw new TypeError('no WebSocket: pass the `WebSocket` option (e.g. the `ws` package in Node 20)');
    }
    this.#tokens = new TokenSource(options.token);
    this.#liveness = new Liveness(() => this.#send({ type: 'ping', id: this.#nextId++ }), () => this.#dead());
  }

  /** `disconnected`, `connecting`, `connected` or `closed` (after {@link close}). */
  get state() {
    return this.#state;
  }

  /** The last `welcome` data (`connection`, `user`, `node`, `heartbeat`), or null. */
  get session() {
    return this.#welcome;
  }

  /**
   * Opens the connection (and keeps it open until {@link close}).
   * @returns {Promise<object>} the `welcome` data of the first connection
   */
  connect() {
    const connected = new Promise((resolve, reject) => {
      const offs = [
        this.once('connected', (w) => (offs.forEach((f) => f()), resolve(w))),
        this.once('disconnected', (d) => !d.reconnect && (offs.forEach((f) => f()), reject(d.error))),
      ];
    });
    if (this.#state === 'connected') return Promise.resolve(this.#welcome);
    if (this.#state === 'disconnected' || this.#state === 'closed') {
      this.#state = 'disconnected';
      this.#attempts = 0;
      this.#open();
    }
    return connected;
  }

  /** Closes the connection for good: pending requests reject with `closed`, no reconnect. */
  close() {
    this.#state = 'closed';
    clearTimeout(this.#reconnectTimer);
    this.#teardown(1000, 'client closed');
    this.#failPending(new SwitchboardError(ClientErrorCodes.CLOSED, 'client closed'), true);
    this.emit('closed');
  }

  /**
   * The room object for `name` (one per name); call `join()` on it to enter the room.
   * @param {string} name `namespace:rest`
   * @returns {Room}
   */
  room(name) {
    let room = this.#rooms.get(name);
    if (!room) {
      room = new Room(this, name);
      this.#rooms.set(name, room);
    }
    return room;
  }

  /** Rooms created with {@link room}. */
  get rooms() {
    return [...this.#rooms.values()];
  }

  /**
   * Application-level round trip (`ping` → `pong`).
   * @returns {Promise<number>} round-trip time in ms
   */
  async ping() {
    const start = Date.now();
    await this.request({ type: 'ping' });
    return Date.now() - start;
  }

  /**
   * Sends a request and resolves with its reply frame (matched by `id`). While the client is not
   * connected the request waits for the next connection; it rejects with `timeout` after
   * `requestTimeout` ms, with the server's code on an `error` reply, with `disconnected` when the
   * connection closes after it was sent (it may have taken effect), `closed` after close().
   * @param {object} frame request without `id`
   * @param {{timeout?: number}} [opts]
   * @returns {Promise<object>} the reply frame
   */
  request(frame, opts = {}) {
    if (this.#state === 'closed') {
      return Promise.reject(new SwitchboardError(ClientErrorCodes.CLOSED, 'client closed'));
    }
    const id = this.#nextId++;
    const timeout = opts.timeout ?? this.#options.requestTimeout;
    return new Promise((resolve, reject) => {
      const entry = { frame: { ...frame, id }, resolve, reject, sent: false, timer: null };
      entry.timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new SwitchboardError(ClientErrorCodes.TIMEOUT, `no reply to ${frame.type} in ${timeout} ms`));
      }, timeout);
      this.#pending.set(id, entry);
      if (this.#state === 'connected') this.#transmit(entry);
    });
  }

  #transmit(entry) {
    entry.sent = this.#send(entry.frame);
  }

  #send(frame) {
    if (!this.#ws || this.#state !== 'connected') return false;
    try {
      this.#ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  async #open() {
    if (this.#state === 'closed') return;
    this.#state = 'connecting';
    const url = this.#urls[this.#urlIndex % this.#urls.length];
    this.emit('connecting', { url, attempt: this.#attempts });
    let token;
    try {
      token = await this.#tokens.get();
    } catch (err) {
      this.emit('error', err);
      this.#afterClose(1006, 'no token', err);
      return;
    }
    if (this.#state !== 'connecting') return;
    const target = token ? `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : url;
    let ws;
    try {
      ws = new this.#options.WebSocket(target);
    } catch (err) {
      this.#afterClose(1006, 'cannot open', err);
      return;
    }
    this.#ws = ws;
    this.#lastError = null;
    this.#connectTimer = setTimeout(() => this.#drop(ws, 1006, 'no welcome in time'), this.#options.connectTimeout);
    ws.addEventListener('message', (e) => ws === this.#ws && this.#onFrame(e.data));
    ws.addEventListener('close', (e) => ws === this.#ws && this.#onSocketClose(e.code, e.reason));
    ws.addEventListener('error', () => {});
    if (typeof ws.on === 'function') ws.on('ping', () => ws === this.#ws && this.#liveness.touch());
  }

  #onFrame(text) {
    let frame;
    try {
      frame = JSON.parse(typeof text === 'string' ? text : String(text));
    } catch {
      return;
    }
    this.#liveness.touch();
    if (frame.type === 'welcome') return this.#onWelcome(frame.data, this.#urls[this.#urlIndex % this.#urls.length]);
    if (frame.id !== undefined && frame.id !== null) return this.#onReply(frame);
    const room = frame.room === undefined ? undefined : this.#rooms.get(frame.room);
    switch (frame.type) {
      case 'event':
        return room?._onEvent(frame);
      case 'presence':
        return room?._onPresence(frame.data);
      case 'presence_count':
        return room?._onPresence({ action: 'count', count: frame.data?.count });
      case 'joined':
        return room?._onResync(frame.data);
      case 'notification':
        return this.emit('notification', { event: frame.event, data: frame.data });
      case 'error': {
        const err = new SwitchboardError(frame.code, frame.message);
        if (frame.code === 'unauthorized') this.#lastError = err;
        return this.emit('error', err);
      }
      default:
        return undefined;
    }
  }

  #onWelcome(data, url) {
    clearTimeout(this.#connectTimer);
    this.#state = 'connected';
    this.#attempts = 0;
    this.#welcome = { ...data, url };
    this.#liveness.start((data?.heartbeat ?? 25) * 1000);
    for (const room of this.#rooms.values()) room._onConnected();
    for (const entry of this.#pending.values()) if (!entry.sent) this.#transmit(entry);
    this.emit('connected', this.#welcome);
  }

  #onReply(frame) {
    const entry = this.#pending.get(frame.id);
    if (!entry) return;
    this.#pending.delete(frame.id);
    clearTimeout(entry.timer);
    if (frame.type === 'error') entry.reject(new SwitchboardError(frame.code, frame.message));
    else entry.resolve(frame);
  }

  #dead() {
    if (this.#ws) this.#drop(this.#ws, 4002, 'server silent for two heartbeats');
  }

  /** Gives up on a socket without waiting for its close handshake (a dead peer never answers). */
  #drop(ws, code, reason) {
    if (ws !== this.#ws) return;
    this.#teardown(4000, reason);
    this.#onSocketClose(code, reason, true);
  }

  #teardown(code, reason) {
    const ws = this.#ws;
    this.#ws = null;
    clearTimeout(this.#connectTimer);
    this.#liveness.stop();
    if (!ws) return;
    try {
      if (typeof ws.terminate === 'function' && code !== 1000) ws.terminate();
      else ws.close(code, reason);
    } catch {
      /* already closed */
    }
  }

  #onSocketClose(code, reason, alreadyTornDown = false) {
    if (!alreadyTornDown) this.#teardown(1000, '');
    this.#afterClose(code, reason, this.#lastError);
  }

  #afterClose(code, reason, cause) {
    if (this.#state === 'closed') return;
    this.#state = 'disconnected';
    this.#failPending(new SwitchboardError(ClientErrorCodes.DISCONNECTED, `connection closed (${code})`, { closeCode: code }), false);
    for (const room of this.#rooms.values()) room._onDisconnected();
    const policy = closePolicy(code);
    if (policy.refreshToken) this.#tokens.invalidate();
    const reconnect = this.#options.reconnect && policy.reconnect && !(policy.refreshToken && !this.#tokens.refreshable);
    const error = cause instanceof SwitchboardError ? cause : new SwitchboardError(ClientErrorCodes.DISCONNECTED, reason || policy.name, { closeCode: code, cause });
    error.closeCode ??= code;
    let delay = 0;
    if (reconnect) {
      const b = this.#options.backoff;
      if (policy.delay === 'now') delay = Math.random() * b.minDelay;
      else delay = backoffDelay(this.#attempts + (policy.delay === 'long' ? this.#options.longDelaySteps : 0), b);
      this.#attempts++;
      this.#urlIndex++;
      this.#reconnectTimer = setTimeout(() => this.#open(), delay);
    }
    this.emit('disconnected', { code, reason: reason || policy.name, reconnect, delay, error });
  }

  #failPending(error, all) {
    for (const [id, entry] of this.#pending) {
      if (!all && !entry.sent) continue;
      this.#pending.delete(id);
      clearTimeout(entry.timer);
      entry.reject(error);
    }
  }
}
