// The live WebSocket (/ws/live): connects, reconnects with backoff, resumes alerts from the last seen seq.
import { backoffDelay } from './format.js';

/**
 * States, as shown by the connection indicator: 'connecting' (first attempt), 'connected', 'reconnecting'
 * (lost, trying again after a delay), 'closed' (stopped on purpose).
 */
export class LiveConnection {
  /**
   * @param {object} options
   * @param {() => string} options.token the current access token
   * @param {(message: object) => void} options.onMessage every message, parsed
   * @param {(state: string, detail: object) => void} options.onState state changes
   * @param {(failures: number) => void} [options.onFailedAttempt] an attempt that never opened (a refused handshake
   *     looks like this in a browser: the app may check whether its token still holds)
   */
  constructor({ token, onMessage, onState, onFailedAttempt = () => {} }) {
    this.token = token;
    this.onMessage = onMessage;
    this.onState = onState;
    this.onFailedAttempt = onFailedAttempt;
    this.socket = null;
    this.alertSeq = null;
    this.teamIds = null;
    this.attempt = 0;
    this.failures = 0;
    this.timer = null;
    this.stopped = true;
    this.state = 'closed';
  }

  start() {
    this.stopped = false;
    this.attempt = 0;
    this.setState('connecting');
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = null;
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.close(1000, 'bye');
    }
    this.setState('closed');
  }

  /** Narrows the stream to some teams (sent now and after every reconnect); null sends nothing. */
  subscribe(teamIds) {
    this.teamIds = teamIds ? [...teamIds] : null;
    this.sendSubscribe();
  }

  /** The last alert event seq seen; passed as sinceAlertSeq when reconnecting. */
  noteAlertSeq(seq) {
    if (typeof seq === 'number' && (this.alertSeq == null || seq > this.alertSeq)) this.alertSeq = seq;
  }

  url() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const params = new URLSearchParams({ access_token: this.token() ?? '' });
    if (this.alertSeq != null) params.set('sinceAlertSeq', String(this.alertSeq));
    return `${scheme}://${location.host}/ws/live?${params}`;
  }

  open() {
    if (this.stopped) return;
    let opened = false;
    let socket;
    try {
      socket = new WebSocket(this.url());
    } catch (error) {
      this.scheduleReconnect(false, { reason: error.message });
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (socket !== this.socket) return;
      opened = true;
      this.attempt = 0;
      this.failures = 0;
      this.setState('connected');
      this.sendSubscribe();
    });
    socket.addEventListener('message', (event) => {
      if (socket !== this.socket) return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message.type === 'snapshot') this.noteAlertSeq(message.alertSeq);
      if (message.type === 'alert') this.noteAlertSeq(message.alert?.seq);
      try {
        this.onMessage(message);
      } catch (error) {
        console.error('live message handler failed', error);
      }
    });
    socket.addEventListener('close', (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.scheduleReconnect(opened, { code: event.code, reason: event.reason });
    });
    // An error is always followed by a close; the close decides.
  }

  scheduleReconnect(wasOpen, detail) {
    if (this.stopped) return;
    if (!wasOpen) {
      this.failures += 1;
      this.onFailedAttempt(this.failures);
      if (this.stopped) return;
    }
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    this.setState('reconnecting', { ...detail, delay, retryAt: Date.now() + delay });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.open();
    }, delay);
  }

  sendSubscribe() {
    if (this.teamIds && this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type: 'subscribe', teamIds: this.teamIds }));
    }
  }

  setState(state, detail = {}) {
    this.state = state;
    this.onState(state, detail);
  }
}
