/**
 * Typed errors of the client. Every promise of the client rejects with a {@link SwitchboardError}
 * whose `code` is either a server error code of `switchboard.v1` (docs/protocol.md "Errors":
 * `bad_request`, `unknown_type`, `frame_too_large`, `invalid_room`, `unknown_namespace`,
 * `forbidden`, `too_many_rooms`, `rate_limited`, `buffer_full`, `cancelled`, `unavailable`,
 * `unauthorized`, ...) or one of the client's own codes below.
 */

/** Codes the client itself produces (never sent by the server). */
export const ClientErrorCodes = Object.freeze({
  /** No reply within the request timeout (the request may or may not have taken effect). */
  TIMEOUT: 'timeout',
  /** The connection closed before the reply arrived (a publish may or may not have been applied). */
  DISCONNECTED: 'disconnected',
  /** The client was closed with `close()`, or stopped reconnecting after a terminal close code. */
  CLOSED: 'closed',
  /** A token could not be obtained from the `token` function. */
  TOKEN: 'token_error',
});

/** Error with a machine-readable `code` (a server or a client code). */
export class SwitchboardError extends Error {
  /**
   * @param {string} code server error code or one of {@link ClientErrorCodes}
   * @param {string} [message] human-readable message
   * @param {{closeCode?: number, cause?: unknown}} [details] the close code for disconnects
   */
  constructor(code, message, details = {}) {
    super(message || code, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SwitchboardError';
    /** @type {string} */
    this.code = code;
    /** @type {number | undefined} */
    this.closeCode = details.closeCode;
  }
}

/**
 * Close codes of `switchboard.v1` (docs/protocol.md "Close codes") and what the client does.
 * `reconnect`: whether it reconnects by itself; `refreshToken`: whether it asks the token
 * function for a new token first; `delay`: `'now'` (a small jitter only), `'backoff'`
 * (exponential), `'long'` (starts from a higher step of the backoff).
 */
export const CloseCodes = Object.freeze({
  1000: { name: 'normal', reconnect: true, delay: 'backoff' },
  1002: { name: 'protocol_error', reconnect: false },
  1006: { name: 'abnormal', reconnect: true, delay: 'backoff' },
  1007: { name: 'invalid_payload', reconnect: false },
  1008: { name: 'policy_violation', reconnect: false },
  1009: { name: 'message_too_big', reconnect: false },
  1012: { name: 'service_restart', reconnect: true, delay: 'now' },
  1013: { name: 'try_again_later', reconnect: true, delay: 'backoff' },
  4001: { name: 'unauthorized', reconnect: true, refreshToken: true, delay: 'backoff' },
  4002: { name: 'heartbeat_timeout', reconnect: true, delay: 'now' },
  4004: { name: 'disconnected_by_server', reconnect: false },
  4008: { name: 'slow_consumer', reconnect: true, delay: 'backoff' },
  4009: { name: 'too_many_connections', reconnect: true, delay: 'long' },
  4029: { name: 'rate_limited', reconnect: true, delay: 'long' },
});

/**
 * What the client does after a close with `code` (unknown codes: reconnect with backoff).
 * @param {number} code WebSocket close code
 * @returns {{name: string, reconnect: boolean, refreshToken?: boolean, delay?: string}}
 */
export function closePolicy(code) {
  return CloseCodes[code] ?? { name: 'unknown', reconnect: true, delay: 'backoff' };
}
