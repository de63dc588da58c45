// Unit tests of the reconnect delays: bounds of the exponential backoff with jitter, and what
// each close code makes the client do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_BACKOFF, closePolicy, tokenExpiry } from '../src/index.js';

test('backoff delays stay within [ceiling * (1 - jitter), ceiling], the ceiling doubling to maxDelay', () => {
  const o = { minDelay: 100, maxDelay: 10000, factor: 2, jitter: 0.5 };
  for (let attempt = 0; attempt < 40; attempt++) {
    const ceiling = Math.min(o.maxDelay, o.minDelay * 2 ** attempt);
    assert.equal(backoffDelay(attempt, o, () => 0), ceiling, `attempt ${attempt} without jitter`);
    assert.equal(backoffDelay(attempt, o, () => 0.999999), ceiling - ceiling * 0.5 * 0.999999);
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(attempt, o);
      assert.ok(d >= ceiling * 0.5 && d <= ceiling, `attempt ${attempt}: ${d} within [${ceiling / 2}, ${ceiling}]`);
    }
  }
  assert.equal(backoffDelay(1000, o, () => 0), 10000, 'capped at maxDelay however many attempts');
});

test('jitter spreads the delays of many clients over the range', () => {
  const delays = Array.from({ length: 1000 }, () => backoffDelay(3, { minDelay: 100, jitter: 0.5 }));
  const lowHalf = delays.filter((d) => d < 600).length;
  assert.ok(lowHalf > 350 && lowHalf < 650, `about half below the middle: ${lowHalf}`);
  assert.ok(new Set(delays).size > 900, 'nearly all distinct');
});

test('jitter 0 gives the exact ceiling and jitter 1 reaches down to 0', () => {
  assert.equal(backoffDelay(2, { minDelay: 10, jitter: 0 }), 40);
  assert.equal(backoffDelay(2, { minDelay: 10, jitter: 1 }, () => 0.5), 20);
  assert.deepEqual(
    [0, 1, 2].map((n) => backoffDelay(n, {}, () => 0)),
    [DEFAULT_BACKOFF.minDelay, DEFAULT_BACKOFF.minDelay * 2, DEFAULT_BACKOFF.minDelay * 4],
  );
});

test('bad backoff options are refused', () => {
  assert.throws(() => backoffDelay(0, { minDelay: 10, maxDelay: 5 }), RangeError);
  assert.throws(() => backoffDelay(0, { factor: 0.5 }), RangeError);
  assert.throws(() => backoffDelay(0, { jitter: 2 }), RangeError);
});

test('close codes: which reconnect, how soon, and which refresh the token (docs/protocol.md)', () => {
  for (const code of [1012, 4002]) assert.deepEqual([closePolicy(code).reconnect, closePolicy(code).delay], [true, 'now'], `${code}`);
  for (const code of [1006, 1013, 4008]) assert.deepEqual([closePolicy(code).reconnect, closePolicy(code).delay], [true, 'backoff'], `${code}`);
  for (const code of [4009, 4029]) assert.deepEqual([closePolicy(code).reconnect, closePolicy(code).delay], [true, 'long'], `${code}`);
  for (const code of [4004, 1002, 1007, 1008, 1009]) assert.equal(closePolicy(code).reconnect, false, `${code}`);
  assert.equal(closePolicy(4001).refreshToken, true);
  assert.equal(closePolicy(4999).reconnect, true, 'unknown codes reconnect with backoff');
});

test('tokenExpiry reads exp from a JWT, undefined otherwise', () => {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  assert.equal(tokenExpiry(`${b64({ alg: 'HS256' })}.${b64({ sub: 'a', exp: 1700000000 })}.sig`), 1700000000000);
  assert.equal(tokenExpiry(`${b64({ alg: 'HS256' })}.${b64({ sub: 'a' })}.sig`), undefined);
  assert.equal(tokenExpiry('not a jwt'), undefined);
});
