// A small client of the REST API: keeps the token in session storage and turns problem documents into errors.
const TOKEN_KEY = 'waymark.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function forget() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export async function signIn(username, password) {
  const body = await call('POST', '/api/auth/token', { username, password }, false);
  sessionStorage.setItem(TOKEN_KEY, body.token);
  return body.user;
}

export function get(path) {
  return call('GET', path);
}

async function call(method, path, body, authenticated = true) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (authenticated && token()) headers.Authorization = `Bearer ${token()}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(json?.detail || json?.title || `${response.status}`);
    error.status = response.status;
    throw error;
  }
  return json;
}
