/**
 * The page's session: the credential (an admin's access token from /api/v1/auth/login, or a server
 * API key) and the dashboard's JSON routes (docs/dashboard.md "Routes"). Credentials stay in this
 * tab's memory; nothing is stored.
 */
let credential = null;

/** Signs in with email and password; resolves with the user, rejects with the server's message. */
export async function login(email, password) {
  const res = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error?.message ?? `login: ${res.status}`);
  credential = { Authorization: `Bearer ${body.token}` };
  await call('GET', '/api/v1/dashboard/overview'); // an admin? (403 otherwise)
  return body.user;
}

/** Uses a server API key; rejects when the key is refused. */
export async function useKey(key) {
  credential = { 'X-API-Key': key };
  await call('GET', '/api/v1/dashboard/overview');
}

/** A dashboard route as JSON; rejects with the server's message on an error status. */
export async function call(method, path, body) {
  const headers = { ...credential };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error(json.error?.message ?? `${method} ${path}: ${res.status}`);
  }
  return json;
}

/** A fresh socket token for /ws (the `token` option of the client: called again when it expires). */
export async function socketToken() {
  return (await call('POST', '/api/v1/dashboard/socket-token')).token;
}
