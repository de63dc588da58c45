/**
 * switchboard-js: the browser and Node client of Switchboard's `switchboard.v1` protocol
 * (docs/protocol.md). Plain ES module, no dependencies.
 */
export { Switchboard } from './client.js';
export { Room } from './room.js';
export { SwitchboardError, ClientErrorCodes, CloseCodes, closePolicy } from './errors.js';
export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export { tokenExpiry } from './token.js';
