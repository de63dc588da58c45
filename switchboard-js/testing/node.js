/**
 * Test support: starts a real Switchboard node (the fat jar built by
 * `mvn -o -q package -pl switchboard-app -am -DskipTests -DskipITs`) with a generated
 * configuration, mints HS256 tokens with node:crypto, publishes through the server API, and
 * waits for client events with timeouts (never sleeps as synchronisation).
 */
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

export const JAR = resolve(dirname(fileURLToPath(import.meta.url)), '../../switchboard-app/target/switchboard.jar');
export const SECRET = randomBytes(32).toString('hex');
export const API_KEY = `test-key-${randomBytes(12).toString('hex')}`;

const children = new Set();
process.on('exit', () => {
  for (const proc of children) proc.kill('SIGKILL');
});

/** Throws a clear error when the fat jar has not been built. */
export function requireJar() {
  if (!existsSync(JAR)) {
    throw new Error(
      `switchboard-js tests need the Switchboard fat jar at ${JAR}; build it from the repository root with ` +
        '`mvn -o -q package -pl switchboard-app -am -DskipTests -DskipITs`',
    );
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/**
 * An HS256 JWT for `sub`, signed with the nodes' secret.
 * @param {string} sub user id
 * @param {{ttlSeconds?: number, claims?: object}} [opts] lifetime (negative: already expired)
 */
export function token(sub, opts = {}) {
  const now = Math.floor(Date.now() / 1000);
  const body = { sub, iat: now - 60, exp: now + (opts.ttlSeconds ?? 3600), ...opts.claims };
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(body)}`;
  return `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`;
}

/**
 * The node's configuration (JSON is YAML): one chat namespace with a long history, capabilities
 * that need other services turned off.
 */
export function config({ port, nodeId, engine = 'memory', prefix, client = {}, heartbeat = '25s' }) {
  return {
    node: { id: nodeId },
    server: { host: '127.0.0.1', port, shutdownGrace: '1s' },
    auth: { hmacSecret: SECRET, leeway: '0s' },
    api: { keys: [API_KEY] },
    client: { heartbeat, ...client },
    engine: engine === 'redis' ? { type: 'redis', redis: { prefix } } : { type: 'memory' },
    commands: { enabled: false },
    workflows: { enabled: false },
    tunnel: { enabled: false },
    edge: { enabled: false },
    rateLimits: { enabled: false },
    namespaces: { chat: { historySize: 5000, historyTtl: '10m', presenceEvents: true } },
  };
}

/**
 * Starts a node and resolves once `/health/ready` answers 200.
 * @param {object} options see {@link config}; `port` defaults to a free one
 * @returns {Promise<{port: number, url: string, ws: string, kill: (signal?: string) => Promise<void>, log: () => string}>}
 */
export async function startNode(options = {}) {
  requireJar();
  const port = options.port ?? (await freePort());
  const nodeId = options.nodeId ?? `js-${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-js-'));
  const file = join(dir, 'switchboard.yaml');
  writeFileSync(file, JSON.stringify(config({ ...options, port, nodeId }), null, 2));
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('SWITCHBOARD_')) delete env[key];
  const proc = spawn('java', ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xss512k', '-jar', JAR, '-c', file], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // the test process may end (a failed test) without waiting for the node: kill it on exit
  proc.unref();
  proc.stdout.unref?.();
  proc.stderr.unref?.();
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk).slice(-20000);
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const exited = new Promise((ok) => proc.once('exit', (code, signal) => ok({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  let ready = false;
  while (!ready) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`node ${nodeId} exited during start:\n${log}`);
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`node ${nodeId} not ready in 60 s:\n${log}`);
    }
    ready = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 100)); // polling the health route, not synchronising
  }
  return {
    port,
    nodeId,
    url,
    ws: `ws://127.0.0.1:${port}/ws`,
    log: () => log,
    /** Stops the process (SIGTERM: graceful, 1012; SIGKILL: no close frame) and waits for its exit. */
    async kill(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const alive = setInterval(() => {}, 1000); // the child is unref'd: keep the loop while it exits
      await exited;
      clearInterval(alive);
    },
  };
}

/**
 * Publishes through the server API.
 * @returns {Promise<{room: string, offset: number}>}
 */
export async function publish(node, room, event, data) {
  const res = await fetch(`${node.url}/api/v1/server/rooms/${encodeURIComponent(room)}/publications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ event, data }),
    signal: AbortSignal.timeout(10000),
  });
  if (res.status !== 200) throw new Error(`publish answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** The value of one Prometheus series of the node's `/metrics`, or 0 when absent. */
export async function metric(node, series) {
  const text = await (await fetch(`${node.url}/metrics`, { signal: AbortSignal.timeout(10000) })).text();
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/**
 * Resolves with the arguments of the next `event` of `emitter` for which `predicate` holds,
 * rejects after `timeoutMs`.
 */
export function next(emitter, event, predicate = () => true, timeoutMs = 20000) {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      off();
      fail(new Error(`no '${event}' matching within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = emitter.on(event, (value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      off();
      ok(value);
    });
  });
}

/** Resolves when `condition()` is true, checking on every `event` of `emitter`; rejects after the timeout. */
export function until(emitter, event, condition, timeoutMs = 20000) {
  if (condition()) return Promise.resolve();
  return next(emitter, event, () => condition(), timeoutMs).then(() => undefined);
}

/** A `ws` WebSocket that remembers its last instance, so a test can cut the connection. */
export class TrackedSocket extends WebSocket {
  static last = null;
  constructor(...args) {
    super(...args);
    TrackedSocket.last = this;
  }
}
