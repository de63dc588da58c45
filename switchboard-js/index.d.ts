// Types of switchboard-js, the client of Switchboard's `switchboard.v1` protocol (docs/protocol.md).

/** Reconnect delays in ms: min(maxDelay, minDelay * factor^attempt), lowered by up to `jitter` of itself. */
export interface BackoffOptions {
  minDelay: number;
  maxDelay: number;
  factor: number;
  jitter: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffOptions>;

/** The delay in ms before reconnect attempt `attempt` (0-based); `random` in [0, 1). */
export function backoffDelay(attempt: number, options?: Partial<BackoffOptions>, random?: () => number): number;

/** A constructor compatible with the browser's WebSocket (e.g. the `ws` package in Node 20). */
export type WebSocketConstructor = new (url: string) => {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message' | 'close' | 'error' | 'open', listener: (event: any) => void): void;
};

export interface SwitchboardOptions {
  /** A JWT, or a function returning one; the function is called again after 4001 and when the token has expired. */
  token?: string | (() => string | Promise<string>);
  /** Default: globalThis.WebSocket (browsers, Node 22+). */
  WebSocket?: WebSocketConstructor;
  /** Reconnect by itself (default true). */
  reconnect?: boolean;
  backoff?: Partial<BackoffOptions>;
  /** Backoff steps added after 4009 and 4029 (default 4: 16 times the delay). */
  longDelaySteps?: number;
  /** Request timeout in ms (default 10000). */
  requestTimeout?: number;
  /** Time to `welcome` in ms before the attempt counts as failed (default 15000). */
  connectTimeout?: number;
}

/** Codes the client produces itself. */
export type ClientErrorCode = 'timeout' | 'disconnected' | 'closed' | 'token_error';

/** Error codes of `switchboard.v1` (docs/protocol.md "Errors"). */
export type ServerErrorCode =
  | 'bad_request'
  | 'unknown_type'
  | 'frame_too_large'
  | 'binary_not_supported'
  | 'invalid_room'
  | 'unknown_namespace'
  | 'forbidden'
  | 'not_found'
  | 'too_many_rooms'
  | 'rate_limited'
  | 'buffer_full'
  | 'cancelled'
  | 'unavailable'
  | 'unauthorized';

export const ClientErrorCodes: Readonly<{ TIMEOUT: 'timeout'; DISCONNECTED: 'disconnected'; CLOSED: 'closed'; TOKEN: 'token_error' }>;

export class SwitchboardError extends Error {
  constructor(code: string, message?: string, details?: { closeCode?: number; cause?: unknown });
  readonly name: 'SwitchboardError';
  readonly code: ServerErrorCode | ClientErrorCode | (string & {});
  /** The WebSocket close code, for errors caused by a close. */
  closeCode?: number;
}

export interface ClosePolicy {
  name: string;
  reconnect: boolean;
  refreshToken?: boolean;
  delay?: 'now' | 'backoff' | 'long';
}

export const CloseCodes: Readonly<Record<number, ClosePolicy>>;
export function closePolicy(code: number): ClosePolicy;

/** `exp` of a JWT in ms since the epoch, or undefined. */
export function tokenExpiry(jwt: string): number | undefined;

export interface Welcome {
  connection: string;
  user: string | null;
  node: string;
  /** Server ping interval in seconds. */
  heartbeat: number;
  /** The URL this connection went to. */
  url: string;
}

export interface Publication {
  type: 'event';
  room: string;
  event: string;
  offset: number;
  from: string | null;
  data: unknown;
  ts: number;
}

export interface Member {
  user: string | null;
  connection: string;
  node: string;
}

export interface JoinResult {
  epoch: string;
  offset: number;
  presence: Member[];
  presenceCount: number;
  snapshot: { event: string; offset: number; data: unknown } | null;
  history: Publication[];
  recovered: boolean;
}

/** The state to load: after the first join, and whenever the server could not recover the room. */
export interface RoomState {
  epoch: string;
  offset: number;
  snapshot: JoinResult['snapshot'];
  history: Publication[];
  presence: Member[];
  presenceCount: number;
  recovered: false;
}

export type PresenceChange =
  | { action: 'join' | 'leave'; user: string | null; connection: string }
  | { action: 'count'; count: number };

export interface PresencePage {
  members: Member[];
  count: number;
  next: string | null;
}

type Listener<T> = (value: T) => void;

export interface RoomEvents {
  event: Publication;
  presence: PresenceChange;
  state: RoomState;
  joined: JoinResult;
  error: SwitchboardError;
}

export class Room {
  readonly name: string;
  readonly joined: boolean;
  readonly position: { epoch: string | null; offset: number };
  on<K extends keyof RoomEvents>(name: K, fn: Listener<RoomEvents[K]>): () => void;
  once<K extends keyof RoomEvents>(name: K, fn: Listener<RoomEvents[K]>): () => void;
  off<K extends keyof RoomEvents>(name: K, fn?: Listener<RoomEvents[K]>): void;
  join(): Promise<JoinResult>;
  leave(): Promise<void>;
  publish(event: string, data?: unknown): Promise<{ room: string; offset: number }>;
  presence(page?: { limit?: number; cursor?: string | null }): Promise<PresencePage>;
  members(options?: { limit?: number }): AsyncGenerator<Member>;
}

export interface Disconnect {
  code: number;
  reason: string;
  /** Whether the client reconnects by itself, after `delay` ms. */
  reconnect: boolean;
  delay: number;
  error: SwitchboardError;
}

export interface ClientEvents {
  connecting: { url: string; attempt: number };
  connected: Welcome;
  disconnected: Disconnect;
  notification: { event: string; data: unknown };
  error: SwitchboardError;
  closed: void;
}

export class Switchboard {
  constructor(urls: string | string[], options?: SwitchboardOptions);
  readonly state: 'disconnected' | 'connecting' | 'connected' | 'closed';
  readonly session: Welcome | null;
  readonly rooms: Room[];
  on<K extends keyof ClientEvents>(name: K, fn: Listener<ClientEvents[K]>): () => void;
  once<K extends keyof ClientEvents>(name: K, fn: Listener<ClientEvents[K]>): () => void;
  off<K extends keyof ClientEvents>(name: K, fn?: Listener<ClientEvents[K]>): void;
  connect(): Promise<Welcome>;
  close(): void;
  room(name: string): Room;
  ping(): Promise<number>;
  request(frame: object, opts?: { timeout?: number; onReply?: (reply: object) => void }): Promise<any>;
}
