// The alert panel: the active alerts of the selected team (or of every team the user covers), CRITICAL first and
// the oldest first within a severity, each with acknowledge, assign and resolve. A new critical alert opens it,
// flashes the header and beeps.
import * as api from './api.js';
import { humanize, relativeTime } from './format.js';

const SEVERITY_RANK = { CRITICAL: 0, WARNING: 1, INFO: 2 };

/** The panel's order: CRITICAL, WARNING, INFO; then the oldest first; then by id, so that the order is stable. */
export function compareAlerts(a, b) {
  const bySeverity = (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3);
  if (bySeverity !== 0) return bySeverity;
  const byAge = (a.raisedAt ?? 0) - (b.raisedAt ?? 0);
  if (byAge !== 0) return byAge;
  return String(a.id).localeCompare(String(b.id));
}

/**
 * Whether a live alert event calls for the alarm: a critical alert that is open and either new to the console
 * (raised) or at a higher level than before (escalated). Acknowledgements, assignments, notes and resolutions do not.
 */
export function alarmFor(alert, previous) {
  if (alert?.severity !== 'CRITICAL' || alert.state !== 'OPEN') return null;
  if (!previous) return 'RAISED';
  if ((alert.level ?? 0) > (previous.level ?? 0)) return 'ESCALATED';
  return null;
}

const STATE_LABELS = { OPEN: 'Open', ACKNOWLEDGED: 'Acknowledged', RESOLVED: 'Resolved' };
const KIND_LABELS = { SOS: 'SOS', GPS_ANOMALY: 'GPS anomaly', NO_CLOCK_IN: 'No clock-in', FOLLOW_UP_MISSED: 'Follow-up missed' };

/** "GEOFENCE_EXIT" → "Geofence exit"; acronyms kept. */
export function kindLabel(kind) {
  return KIND_LABELS[kind] ?? humanize(kind);
}

let audio = null;

/** The page's audio context, made (and resumed) lazily; null where there is no Web Audio. */
function audioContext() {
  const Context = window.AudioContext ?? window.webkitAudioContext;
  if (!Context) return null;
  if (!audio) audio = new Context();
  if (audio.state === 'suspended') audio.resume().catch(() => {});
  return audio;
}

/**
 * Browsers keep audio suspended until the user interacts with the page: the first click or key press wakes it, so
 * that a later alarm can be heard.
 */
export function unlockAudioOnGesture(target = window) {
  const stop = () => {
    target.removeEventListener('pointerdown', unlock, true);
    target.removeEventListener('keydown', unlock, true);
  };
  function unlock() {
    try {
      const context = audioContext();
      // Until the context runs, every gesture tries again.
      if (!context || context.state === 'running') stop();
    } catch {
      stop(); // no audio: the flash still shows
    }
  }
  target.addEventListener('pointerdown', unlock, true);
  target.addEventListener('keydown', unlock, true);
}

/** Two short tones (an oscillator, no audio file); false when audio is unavailable or blocked. Never throws. */
export function beep() {
  try {
    const context = audioContext();
    if (!context || context.state !== 'running') return false;
    const start = context.currentTime + 0.01;
    [880, 660].forEach((frequency, index) => {
      const at = start + index * 0.22;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'square';
      oscillator.frequency.setValueAtTime(frequency, at);
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.2);
    });
    return true;
  } catch {
    return false;
  }
}

export class AlertPanel {
  /**
   * @param {HTMLElement} root the panel (#alert-panel)
   * @param {HTMLElement} badge the header's alert badge (#alerts), which opens and closes it
   * @param {HTMLElement} bar the header, which flashes
   * @param {object} options
   * @param {(repId: string) => string|undefined} options.repName a rep's name, from the map
   * @param {(teamId: string) => string|undefined} options.teamName a team's name
   * @param {(alert: object) => void} options.onFocus a row was clicked
   * @param {(alert: object) => void} options.onChanged an action answered with the updated alert
   */
  constructor(root, badge, bar, { repName, teamName, onFocus, onChanged }) {
    this.root = root;
    this.badge = badge;
    this.bar = bar;
    this.repName = repName;
    this.teamName = teamName;
    this.onFocus = onFocus;
    this.onChanged = onChanged;
    this.list = root.querySelector('#alert-items');
    this.empty = root.querySelector('#alert-empty');
    this.scope = root.querySelector('#alert-panel-scope');
    this.status = root.querySelector('#alert-panel-status');
    this.alerts = [];
    this.me = null;
    /** console users by id (ADMIN only: the assignee picker) */
    this.users = new Map();
    this.multiTeam = false;
    this.scopeText = '';
    this.focusedId = null;
    /** ids of the critical alerts that sounded the alarm and are still open */
    this.alarming = new Set();
    /** alertId → {key, li}: the rows shown, and what they were drawn from */
    this.rows = new Map();
    this.alarms = 0;
    badge.addEventListener('click', () => this.toggle());
    root.querySelector('#alert-panel-close').addEventListener('click', () => this.hide());
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.hide();
    });
  }

  /** The signed-in user ({id, username, role}); an ADMIN also gets the picker of every console user. */
  async setUser(me) {
    this.me = me;
    if (me?.role !== 'ADMIN') return;
    try {
      const users = (await api.get('/api/users')) ?? [];
      this.users = new Map(users.filter((user) => user.role !== 'REP').map((user) => [user.id, user]));
      this.render();
    } catch {
      // no picker: "Assign to me" remains
    }
  }

  /** What the panel covers: one team's name, or all teams (then each row names its team). */
  setScope(text, multiTeam) {
    this.scopeText = text;
    this.multiTeam = multiTeam;
    this.render();
  }

  toggle() {
    if (this.root.hidden) this.show();
    else this.hide();
  }

  show() {
    this.root.hidden = false;
    this.badge.setAttribute('aria-expanded', 'true');
    this.render();
  }

  hide() {
    this.root.hidden = true;
    this.badge.setAttribute('aria-expanded', 'false');
  }

  /** The active alerts to show (any order). */
  setAlerts(alerts) {
    this.alerts = [...alerts].sort(compareAlerts);
    const stillOpen = new Set(this.alerts.filter((alert) => alert.state === 'OPEN').map((alert) => alert.id));
    for (const id of [...this.alarming]) if (!stillOpen.has(id)) this.alarming.delete(id);
    this.showAlarm();
    this.render();
  }

  /** A new or escalated critical alert: open the panel, flash the header, beep. */
  alarm(alert) {
    this.alarming.add(alert.id);
    this.alarms += 1;
    this.badge.dataset.alarms = String(this.alarms);
    this.showAlarm(true);
    this.show();
    this.badge.dataset.sound = beep() ? 'played' : 'blocked';
  }

  /** Flashes while an alarmed alert is still open; restarts the animation on a new alarm. */
  showAlarm(restart = false) {
    const on = this.alarming.size > 0;
    if (restart && on) {
      this.bar.classList.remove('bar--alarm');
      void this.bar.offsetWidth; // restarts the CSS animation
    }
    this.bar.classList.toggle('bar--alarm', on);
    if (on) this.badge.dataset.alarm = 'CRITICAL';
    else delete this.badge.dataset.alarm;
  }

  focus(alertId) {
    this.focusedId = alertId;
    for (const row of this.list.children) {
      const focused = row.dataset.alertId === alertId;
      row.classList.toggle('alert-row--focused', focused);
      if (focused) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
  }

  render(now = Date.now()) {
    this.root.dataset.multiTeam = String(this.multiTeam);
    this.scope.textContent = this.scopeText;
    this.empty.hidden = this.alerts.length > 0;
    if (this.root.hidden) return;
    // Rows whose alert and context did not change are kept as they are, so that a live event elsewhere in the list
    // neither closes an open picker nor moves the keyboard focus.
    const cached = this.rows;
    this.rows = new Map();
    const rows = this.alerts.map((alert) => {
      const key = [alert.seq, alert.state, this.multiTeam, this.me?.id, this.users.size,
        this.repName(alert.repId), this.teamName(alert.teamId)].join('|');
      const kept = cached.get(alert.id);
      const li = kept?.key === key ? kept.li : this.row(alert, now);
      this.rows.set(alert.id, { key, li });
      return li;
    });
    rows.forEach((li, index) => {
      const at = this.list.children[index];
      if (at !== li) this.list.insertBefore(li, at ?? null);
    });
    while (this.list.children.length > rows.length) this.list.lastElementChild.remove();
    this.tick(now);
  }

  /** Recomputes the rows' ages. */
  tick(now = Date.now()) {
    if (this.root.hidden) return;
    for (const age of this.list.querySelectorAll('.alert-row__age')) {
      age.textContent = relativeTime(Number(age.dataset.ts), now);
    }
  }

  row(alert, now) {
    const li = document.createElement('li');
    li.className = 'alert-row';
    li.tabIndex = 0;
    li.dataset.alertId = alert.id;
    li.dataset.kind = alert.kind ?? '';
    li.dataset.severity = alert.severity ?? '';
    li.dataset.state = alert.state ?? '';
    li.dataset.level = String(alert.level ?? '');
    li.dataset.repId = alert.repId ?? '';
    li.dataset.teamId = alert.teamId ?? '';
    if (alert.id === this.focusedId) {
      li.classList.add('alert-row--focused');
      li.setAttribute('aria-current', 'true');
    }

    const head = document.createElement('div');
    head.className = 'alert-row__head';
    const severity = element('span', 'alert-row__severity', humanize(alert.severity));
    const kind = element('strong', 'alert-row__kind', kindLabel(alert.kind));
    const rep = element('span', 'alert-row__rep', this.repName(alert.repId) ?? 'Unknown rep');
    const age = element('time', 'alert-row__age', relativeTime(alert.raisedAt, now));
    age.dataset.ts = String(alert.raisedAt ?? '');
    if (alert.raisedAt != null) {
      age.dateTime = new Date(alert.raisedAt).toISOString();
      age.title = `Raised ${new Date(alert.raisedAt).toLocaleString()}`;
    }
    head.append(severity, kind, rep);
    if (this.multiTeam) head.append(element('span', 'alert-row__team', this.teamName(alert.teamId) ?? 'Team'));
    head.append(age);

    const message = element('p', 'alert-row__message', alert.message ?? '');
    const facts = [
      `Level ${alert.level}`,
      STATE_LABELS[alert.state] ?? alert.state,
      alert.reason ? `Reason: ${humanize(alert.reason)}` : null,
      alert.ackedBy ? `Acked by ${alert.ackedBy}` : null,
      alert.assignee ? `Assigned to ${this.userName(alert.assignee)}` : null,
    ];
    const meta = element('p', 'alert-row__meta', facts.filter(Boolean).join(' · '));
    if (alert.note) meta.title = alert.note;

    const actions = document.createElement('div');
    actions.className = 'alert-row__actions';
    if (alert.state === 'OPEN') {
      actions.append(this.button('alert-ack', 'Acknowledge', () => api.post(`/api/alerts/${alert.id}/ack`)));
    }
    if (this.me?.id && alert.assignee !== this.me.id) {
      actions.append(this.button('alert-assign', 'Assign to me',
        () => api.post(`/api/alerts/${alert.id}/assign`, { userId: this.me.id })));
    }
    const picker = this.picker(alert);
    if (picker) actions.append(picker);
    actions.append(this.button('alert-resolve', 'Resolve', () => {
      const note = window.prompt('Resolve this alert: what happened? (optional)');
      if (note === null) return null;
      return api.post(`/api/alerts/${alert.id}/resolve`, { note: note || null });
    }));

    li.append(head, message, meta, actions);
    li.addEventListener('click', (event) => {
      if (event.target.closest('button, select')) return;
      this.focus(alert.id);
      this.onFocus(alert);
    });
    li.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target === li) {
        this.focus(alert.id);
        this.onFocus(alert);
      }
    });
    return li;
  }

  /** An action button: disabled while its call runs; the answer updates the row, a refusal shows in the status. */
  button(className, label, action) {
    const button = element('button', className, label);
    button.type = 'button';
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const updated = await action();
        if (updated) this.onChanged(updated);
        this.say('');
      } catch (error) {
        this.say(error.status === 409 ? `Already handled: ${error.message}` : `Could not do that: ${error.message}`);
      } finally {
        button.disabled = false;
      }
    });
    return button;
  }

  /** ADMIN: a list of the console users who see the alert's team. */
  picker(alert) {
    if (this.me?.role !== 'ADMIN' || this.users.size === 0) return null;
    const select = document.createElement('select');
    select.className = 'alert-assignee';
    select.setAttribute('aria-label', 'Assign to');
    select.append(new Option('Assign to…', ''));
    for (const user of [...this.users.values()].sort((a, b) => a.username.localeCompare(b.username))) {
      if (user.role === 'ADMIN' || (user.teamIds ?? []).includes(alert.teamId)) {
        select.append(new Option(`${user.username} (${humanize(user.role)})`, user.id));
      }
    }
    select.value = '';
    select.addEventListener('change', async () => {
      const userId = select.value;
      if (!userId) return;
      select.disabled = true;
      try {
        this.onChanged(await api.post(`/api/alerts/${alert.id}/assign`, { userId }));
        this.say('');
      } catch (error) {
        this.say(`Could not assign: ${error.message}`);
      } finally {
        select.disabled = false;
      }
    });
    return select;
  }

  userName(userId) {
    if (userId === this.me?.id) return 'you';
    return this.users.get(userId)?.username ?? `user ${String(userId).slice(0, 8)}`;
  }

  say(text) {
    this.status.textContent = text;
    this.status.hidden = !text;
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}
