/**
 * Token handling: the `token` option is a JWT string or a function returning one (or a promise
 * of one). The function is called before the first connect, again after a close 4001
 * (docs/protocol.md "Close codes": token missing, expired or invalid), and before a reconnect
 * when the cached token's `exp` has passed, so a reconnect never presents a token known to be
 * expired. The token is never logged.
 */
import { SwitchboardError, ClientErrorCodes } from './errors.js';

/**
 * The `exp` claim of a JWT in ms since the epoch, or `undefined` when it has none or the token
 * cannot be decoded (the server decides then).
 * @param {string} jwt compact JWS
 * @returns {number | undefined}
 */
export function tokenExpiry(jwt) {
  try {
    const part = jwt.split('.')[1];
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const exp = JSON.parse(json).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Holds the current token and asks the source for a new one when needed. */
export class TokenSource {
  #source;
  #token = null;

  /** @param {string | (() => string | Promise<string>) | undefined} source the `token` option */
  constructor(source) {
    this.#source = source;
    if (typeof source === 'string') this.#token = source;
  }

  /** Whether a new token can be obtained (the option is a function). */
  get refreshable() {
    return typeof this.#source === 'function';
  }

  /** Forgets the cached token, so that {@link get} asks the function again. */
  invalidate() {
    if (this.refreshable) this.#token = null;
  }

  /**
   * The token to connect with: the cached one while it is not expired (with `skewMs` to spare),
   * else a new one from the function. `null` for anonymous connections (no `token` option).
   * @param {number} [skewMs] margin before `exp` at which a token counts as expired
   * @returns {Promise<string | null>}
   * @throws {SwitchboardError} code `token_error` when the function throws or returns no string
   */
  async get(skewMs = 1000) {
    if (this.#source === undefined || this.#source === null) return null;
    const exp = this.#token ? tokenExpiry(this.#token) : undefined;
    if (this.#token && this.refreshable && exp !== undefined && exp - skewMs <= Date.now()) {
      this.#token = null;
    }
    if (this.#token) return this.#token;
    let token;
    try {
      token = await this.#source();
    } catch (err) {
      throw new SwitchboardError(ClientErrorCodes.TOKEN, 'the token function failed', { cause: err });
    }
    if (typeof token !== 'string' || token.length === 0) {
      throw new SwitchboardError(ClientErrorCodes.TOKEN, 'the token function returned no token');
    }
    this.#token = token;
    return token;
  }
}
