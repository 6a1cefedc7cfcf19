// The side panel of the selected rep (a bottom sheet on narrow screens): status, last seen, battery, today's
// counters and today's timeline.
import { activityColour, batteryText, clockTime, humanize, relativeTime, speedText, statusColour, statusLabel } from './format.js';

const COUNTERS = [
  'doors', 'contacts', 'leads', 'appointments', 'sales', 'revenue',
  'calls', 'sms', 'emails', 'meetings', 'visits',
];

export class RepPanel {
  constructor(root, onClose) {
    this.root = root;
    this.name = root.querySelector('#rep-panel-name');
    this.status = root.querySelector('#rep-panel-status');
    this.lastSeen = root.querySelector('#rep-panel-last-seen');
    this.battery = root.querySelector('#rep-panel-battery');
    this.speed = root.querySelector('#rep-panel-speed');
    this.territory = root.querySelector('#rep-panel-territory');
    this.worked = root.querySelector('#rep-panel-worked');
    /** Names a territory by its id; the app sets it to the map's names. */
    this.territoryName = (id) => id;
    this.timeline = root.querySelector('#rep-timeline');
    this.empty = root.querySelector('#rep-timeline-empty');
    this.rep = null;
    /** activityId → activity, of the shown rep */
    this.activities = new Map();
    root.querySelector('#rep-panel-close').addEventListener('click', () => onClose());
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') onClose();
    });
  }

  get repId() {
    return this.rep?.repId ?? null;
  }

  /** Shows a rep, clearing the timeline of the one before. */
  show(rep) {
    if (this.repId !== rep.repId) {
      this.activities.clear();
      this.renderTimeline();
      this.worked.textContent = '—';
    }
    this.root.hidden = false;
    this.root.dataset.repId = rep.repId;
    this.update(rep);
  }

  hide() {
    this.rep = null;
    this.root.hidden = true;
    delete this.root.dataset.repId;
    this.activities.clear();
    this.renderTimeline();
  }

  /** New data of the shown rep (ignored for another rep). */
  update(rep, now = Date.now()) {
    if (this.rep && this.rep.repId !== rep.repId) return;
    this.rep = { ...this.rep, ...rep };
    const shown = this.rep;
    this.name.textContent = shown.name ?? 'Rep';
    this.status.textContent = statusLabel(shown.status);
    this.status.dataset.status = shown.status ?? '';
    this.status.style.setProperty('--status', statusColour(shown.status));
    this.battery.textContent = batteryText(shown.battery);
    this.battery.classList.toggle('low', shown.battery != null && shown.battery < 0.2);
    this.speed.textContent = speedText(shown.speed);
    const territories = (shown.territoryIds ?? []).map((id) => this.territoryName(id));
    this.territory.textContent = territories.length ? territories.join(', ') : 'Outside territories';
    const today = shown.today ?? {};
    for (const counter of COUNTERS) {
      const element = this.root.querySelector(`[data-counter="${counter}"]`);
      const value = today[counter] ?? 0;
      element.textContent = counter === 'revenue' ? formatMoney(value) : String(value);
    }
    this.tick(now);
  }

  /** Today's timesheet of the shown rep (from the REST API): active and idle minutes; null when unknown. */
  setTimesheet(repId, sheet) {
    if (repId !== this.repId) return;
    this.worked.textContent = sheet ? `${minutesText(sheet.activeMinutes)} / ${minutesText(sheet.idleMinutes)}` : '—';
    this.worked.dataset.active = sheet ? String(sheet.activeMinutes) : '';
    this.worked.dataset.idle = sheet ? String(sheet.idleMinutes) : '';
  }

  /** Recomputes the relative "last seen". */
  tick(now = Date.now()) {
    if (!this.rep) return;
    this.lastSeen.textContent = relativeTime(this.rep.ts, now);
    if (this.rep.ts != null) this.lastSeen.title = new Date(this.rep.ts).toLocaleString();
  }

  /** Today's activities of the shown rep (from the REST API); merged with live ones already shown. */
  setActivities(repId, activities) {
    if (repId !== this.repId) return;
    for (const activity of activities) this.activities.set(activity.id, activity);
    this.renderTimeline();
  }

  /** A live activity; kept when it is the shown rep's. */
  addActivity(activity) {
    if (!this.rep || activity.repId !== this.repId || this.activities.has(activity.id)) return;
    this.activities.set(activity.id, activity);
    this.renderTimeline();
  }

  renderTimeline() {
    const items = [...this.activities.values()].sort((a, b) => (b.ts ?? 0) - (a.ts ?? 0));
    this.timeline.replaceChildren(...items.map(timelineItem));
    this.empty.hidden = items.length > 0;
  }
}

function timelineItem(activity) {
  const item = document.createElement('li');
  item.className = 'timeline__item';
  item.dataset.activityId = activity.id;
  item.dataset.type = activity.type ?? '';
  if (activity.outcome) item.dataset.outcome = activity.outcome;
  const dot = document.createElement('span');
  dot.className = 'timeline__dot';
  dot.style.background = activityColour(activity);
  const time = document.createElement('time');
  time.textContent = clockTime(activity.ts);
  if (activity.ts != null) time.dateTime = new Date(activity.ts).toISOString();
  const what = document.createElement('span');
  what.className = 'timeline__what';
  what.textContent = [humanize(activity.type), humanize(activity.outcome)].filter(Boolean).join(' · ');
  item.append(dot, time, what);
  const detail = [activity.address, activity.contactName, activity.notes].filter(Boolean).join(' — ');
  if (detail) {
    const note = document.createElement('span');
    note.className = 'timeline__note';
    note.textContent = detail;
    item.append(note);
  }
  return item;
}

function formatMoney(value) {
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  return number.toLocaleString(undefined, { maximumFractionDigits: 0 });
}

function minutesText(minutes) {
  const value = Number(minutes) || 0;
  return value >= 60 ? `${Math.floor(value / 60)} h ${value % 60} min` : `${value} min`;
}
