// A small client of the REST API: keeps the token in session storage and turns problem documents into errors.
const TOKEN_KEY = 'waymark.token';

let unauthorizedListener = () => {};

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function forget() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Called when an authenticated call answers 401: the token expired or was revoked. */
export function onUnauthorized(listener) {
  unauthorizedListener = listener;
}

export async function signIn(username, password) {
  const body = await call('POST', '/api/auth/token', { username, password }, false);
  sessionStorage.setItem(TOKEN_KEY, body.token);
  return body.user;
}

export function get(path) {
  return call('GET', path);
}

export function post(path, body) {
  return call('POST', path, body);
}

/** The console's settings (open, no token needed): {tileUrl, tileAttribution}. */
export function consoleConfig() {
  return call('GET', '/api/console/config', undefined, false);
}

/** A query string of the given parameters, leaving out null and empty ones. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function call(method, path, body, authenticated = true) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (authenticated && token()) headers.Authorization = `Bearer ${token()}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = new Error(json?.detail || json?.title || `${response.status}`);
    error.status = response.status;
    if (response.status === 401 && authenticated) unauthorizedListener(error);
    throw error;
  }
  return json;
}
