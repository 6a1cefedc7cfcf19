// Pure functions of the console: no DOM, no Leaflet, so they can be tested on their own.

export const FRESH_MS = 2 * 60 * 1000;
export const STALE_MS = 15 * 60 * 1000;
export const TRAIL_MS = 30 * 60 * 1000;

/** How fresh a rep's last ping is: 'fresh' under 2 min, 'stale' under 15 min, 'dark' beyond (or never). */
export function freshness(ts, now = Date.now()) {
  if (ts == null) return 'dark';
  const age = now - ts;
  if (age < FRESH_MS) return 'fresh';
  if (age < STALE_MS) return 'stale';
  return 'dark';
}

const STATUS_COLOURS = {
  ACTIVE: '#16a34a',
  IDLE: '#d97706',
  ON_BREAK: '#2563eb',
  OFF_SHIFT: '#64748b',
  OFFLINE: '#9ca3af',
};

/** The colour of a rep status. */
export function statusColour(status) {
  return STATUS_COLOURS[status] ?? '#6b7280';
}

const STATUS_LABELS = {
  ACTIVE: 'Active',
  IDLE: 'Idle',
  ON_BREAK: 'On break',
  OFF_SHIFT: 'Off shift',
  OFFLINE: 'Offline',
};

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? (status ? String(status) : 'Unknown');
}

const OUTCOME_COLOURS = {
  NO_ANSWER: '#9ca3af',
  NOT_INTERESTED: '#dc2626',
  CALLBACK: '#f59e0b',
  LEAD: '#2563eb',
  APPOINTMENT: '#9333ea',
  SALE: '#16a34a',
};

export const NEUTRAL_COLOUR = '#475569';

/** The colour of an activity pin: door knocks by outcome, everything else neutral. */
export function activityColour(activity) {
  if (activity?.type === 'DOOR_KNOCK') return OUTCOME_COLOURS[activity.outcome] ?? NEUTRAL_COLOUR;
  return NEUTRAL_COLOUR;
}

/** "DOOR_KNOCK" → "Door knock". */
export function humanize(code) {
  if (!code) return '';
  const words = String(code).toLowerCase().split('_');
  words[0] = words[0].charAt(0).toUpperCase() + words[0].slice(1);
  return words.join(' ');
}

/** How long ago a time was, in words: "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago"; "never" for none. */
export function relativeTime(ts, now = Date.now()) {
  if (ts == null) return 'never';
  const seconds = Math.round((now - ts) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/** A clock time of the viewer's zone, e.g. "14:05". */
export function clockTime(ts) {
  if (ts == null) return '';
  return new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Battery 0..1 as "81 %"; a dash when unknown. */
export function batteryText(battery) {
  if (battery == null) return '—';
  return `${Math.round(battery * 100)} %`;
}

/** Speed in m/s as km/h; a dash when unknown. */
export function speedText(speed) {
  if (speed == null) return '—';
  return `${(speed * 3.6).toFixed(speed * 3.6 < 10 ? 1 : 0)} km/h`;
}

/** Epoch ms of the viewer's local midnight today. */
export function startOfToday(now = Date.now()) {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** The next reconnect delay: doubling from 500 ms to 15 s, with ±20 % jitter. */
export function backoffDelay(attempt, random = Math.random) {
  const base = Math.min(15000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Whether a rep has a position to draw. */
export function hasPosition(rep) {
  return rep != null && rep.lat != null && rep.lon != null;
}

/** [[lat, lon, ts]…] of a track FeatureCollection (Point features carry ts; the LineString is the fallback). */
export function trackPoints(collection) {
  const features = collection?.features ?? [];
  const points = features
    .filter((feature) => feature?.geometry?.type === 'Point')
    .map((feature) => [feature.geometry.coordinates[1], feature.geometry.coordinates[0], feature.properties?.ts ?? null]);
  if (points.length > 0) return points;
  const line = features.find((feature) => feature?.geometry?.type === 'LineString');
  return (line?.geometry?.coordinates ?? []).map(([lon, lat]) => [lat, lon, null]);
}

/** How far a time zone is ahead of UTC at an instant, in ms (e.g. +3600000 for Europe/Paris in winter). */
export function zoneOffsetMs(timeZone, ts) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ts));
  const value = (type) => Number(parts.find((part) => part.type === type)?.value);
  const local = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour') % 24, value('minute'), value('second'));
  return local - Math.floor(ts / 1000) * 1000;
}

/** The date ("2026-11-30") a time falls on in a time zone. */
export function dayInZone(timeZone, ts = Date.now()) {
  const local = new Date(ts + zoneOffsetMs(timeZone, ts));
  return local.toISOString().slice(0, 10);
}

/** [start, end] in epoch ms of a date ("2026-11-30") in a time zone: its first and last millisecond. */
export function dayBounds(timeZone, day) {
  const [year, month, date] = day.split('-').map(Number);
  const start = zonedMidnight(timeZone, Date.UTC(year, month - 1, date));
  const end = zonedMidnight(timeZone, Date.UTC(year, month - 1, date + 1)) - 1;
  return [start, end];
}

function zonedMidnight(timeZone, utcMidnight) {
  const guess = utcMidnight - zoneOffsetMs(timeZone, utcMidnight);
  return utcMidnight - zoneOffsetMs(timeZone, guess);
}

/** A time of day with seconds in a time zone, e.g. "14:05:09". */
export function zonedClock(timeZone, ts) {
  if (ts == null) return '';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(ts));
}

/** A duration in seconds as "42 s", "12 min", "1 h 05 min". */
export function durationText(seconds) {
  const value = Math.max(0, Math.round(Number(seconds) || 0));
  if (value < 60) return `${value} s`;
  const minutes = Math.round(value / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
