// The console: sign-in, then the live map with its side panel, fed by the live WebSocket.
import * as api from './api.js';
import { TRAIL_MS, dayInZone, hasPosition, startOfToday, trackPoints } from './format.js';
import { LiveConnection } from './live.js';
import { RepMap } from './map.js';
import { AlertPanel, alarmFor, unlockAudioOnGesture } from './alerts.js';
import { CoverageView } from './coverage.js';
import { Dashboard } from './dashboard.js';
import { FollowUpList } from './followups.js';
import { RepPanel } from './panel.js';
import { Replay } from './replay.js';

const DEFAULT_CONFIG = {
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  tileAttribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
};
const TICK_MS = 5000;
const TRAIL_LOADS_AT_ONCE = 4;

const signInForm = document.getElementById('sign-in');
const signInError = document.getElementById('sign-in-error');
const consoleSection = document.getElementById('console');
const controls = document.getElementById('console-controls');
const teamFilter = document.getElementById('team-filter');
const dashboardToggle = document.getElementById('dashboard-toggle');
const activityFilter = document.getElementById('activity-filter');
const fitButton = document.getElementById('fit-team');
const alertsBadge = document.getElementById('alerts');
const bar = document.querySelector('header.bar');
const connection = document.getElementById('connection');
const who = document.getElementById('who');
const signOut = document.getElementById('sign-out');
const replayStart = document.getElementById('replay-start');
const replayDay = document.getElementById('replay-day');

const state = {
  teams: [],
  teamId: null,
  map: null,
  panel: null,
  followUps: null,
  dashboard: null,
  alertPanel: null,
  coverage: null,
  replay: null,
  /** the rep whose day is replayed */
  replayRepId: null,
  live: null,
  /** alertId → the active alert, as of its latest event */
  alerts: new Map(),
  /** the alertSeq of the latest snapshot: alert events up to it are replays, already in the snapshot */
  snapshotAlertSeq: 0,
  me: null,
  fitted: false,
  trailsLoaded: new Set(),
  day: startOfToday(),
  ticker: null,
};

signInForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  signInError.hidden = true;
  const form = new FormData(signInForm);
  try {
    await api.signIn(form.get('username'), form.get('password'));
    await showConsole();
  } catch (error) {
    signInError.textContent = error.status === 401 ? 'Wrong user name or password.' : error.message;
    signInError.hidden = false;
  }
});

signOut.addEventListener('click', () => endSession());

api.onUnauthorized(() => endSession('Your session has ended: please sign in again.'));

function endSession(message) {
  api.forget();
  if (message) sessionStorage.setItem('waymark.signInMessage', message);
  // A fresh page drops the socket, the map and every rep held in memory.
  location.reload();
}

function showSignIn() {
  signInForm.hidden = false;
  consoleSection.hidden = true;
  controls.hidden = true;
  who.hidden = true;
  signOut.hidden = true;
  document.body.classList.remove('live');
  const message = sessionStorage.getItem('waymark.signInMessage');
  if (message) {
    sessionStorage.removeItem('waymark.signInMessage');
    signInError.textContent = message;
    signInError.hidden = false;
  }
  signInForm.querySelector('input[name="username"]').focus();
}

async function showConsole() {
  let me;
  try {
    me = await api.get('/api/auth/me');
  } catch {
    api.forget();
    showSignIn();
    return;
  }
  if (!window.L) {
    signInError.textContent = 'The map library could not be loaded.';
    signInError.hidden = false;
    return;
  }
  const [config, teams] = await Promise.all([
    api.consoleConfig().catch(() => DEFAULT_CONFIG),
    api.get('/api/teams').catch(() => []),
  ]);
  state.teams = teams;
  state.me = me;

  who.textContent = `${me.username} · ${me.role}`;
  who.hidden = false;
  signOut.hidden = false;
  signInForm.hidden = true;
  controls.hidden = false;
  consoleSection.hidden = false;
  document.body.classList.add('live');

  teamFilter.replaceChildren(new Option('All teams', ''), ...teams.map((team) => new Option(team.name, team.id)));
  teamFilter.disabled = teams.length < 2;
  if (teams.length === 1) state.teamId = teams[0].id;
  teamFilter.value = state.teamId ?? '';

  state.map = new RepMap(document.getElementById('map'), config, selectRep, showCoverage);
  state.coverage = new CoverageView(state.map);
  state.replay = new Replay(document.getElementById('replay'), state.map, closeReplay);
  state.map.setTeamFilter(state.teamId);
  state.panel = new RepPanel(document.getElementById('rep-panel'), closePanel);
  state.panel.territoryName = (id) => state.map.territoryName(id);
  state.map.setActivityFilter(activityFilter.value);
  state.followUps = new FollowUpList(
    document.getElementById('follow-ups'),
    document.getElementById('follow-ups-toggle'),
    (repId) => state.map.rep(repId)?.name,
  );
  state.followUps.setTeam(state.teamId);
  state.dashboard = new Dashboard(document.getElementById('dashboard'), dashboardTeam);
  state.alertPanel = new AlertPanel(document.getElementById('alert-panel'), alertsBadge, bar, {
    repName: (repId) => state.map.rep(repId)?.name,
    teamName: (teamId) => state.teams.find((team) => team.id === teamId)?.name,
    onFocus: focusAlert,
    onChanged: (alert) => onAlert(alert),
  });
  state.alertPanel.setUser(me);
  unlockAudioOnGesture();

  loadTerritories();
  loadActivityPins();
  startLive();
  state.ticker = setInterval(tick, TICK_MS);
}

function startLive() {
  state.live = new LiveConnection({
    token: api.token,
    onMessage: handleMessage,
    onState: showConnection,
    onFailedAttempt: (failures) => {
      // A browser cannot see the handshake's 401: ask the REST API whether the token still holds.
      if (failures === 1 || failures % 5 === 0) api.get('/api/auth/me').catch(() => {});
    },
  });
  if (state.teamId && state.teams.length > 1) state.live.subscribe([state.teamId]);
  state.live.start();
}

function handleMessage(message) {
  switch (message.type) {
    case 'snapshot':
      return onSnapshot(message);
    case 'rep':
      return onRep(message.rep);
    case 'activity':
      return onActivity(message.activity);
    case 'alert':
      return onAlert(message.alert);
    default:
      return undefined;
  }
}

function onSnapshot(snapshot) {
  const reps = snapshot.reps ?? [];
  for (const repId of state.map.retainReps(reps.map((rep) => rep.repId))) {
    state.trailsLoaded.delete(repId);
    if (state.panel.repId === repId) closePanel();
  }
  for (const rep of reps) onRep(rep, false);
  state.alerts.clear();
  state.snapshotAlertSeq = snapshot.alertSeq ?? 0;
  for (const alert of snapshot.alerts ?? []) {
    if (alert?.id && alert.state !== 'RESOLVED') state.alerts.set(alert.id, alert);
  }
  renderAlerts();
  loadTrails(reps.filter((rep) => hasPosition(rep) && !state.trailsLoaded.has(rep.repId)));
  if (!state.fitted) state.fitted = state.map.fitTo(state.teamId);
}

/** A rep's new state; a snapshot loads trails and fits the map once for all its reps instead. */
function onRep(rep, live = true) {
  if (!rep?.repId) return;
  const onMap = state.map.upsertRep(rep);
  if (state.panel.repId === rep.repId) state.panel.update(rep);
  if (!live || !onMap) return;
  if (!state.trailsLoaded.has(rep.repId)) loadTrails([rep]);
  if (!state.fitted) state.fitted = state.map.fitTo(state.teamId);
}

function onActivity(activity) {
  if (!activity?.id) return;
  if ((activity.ts ?? Date.now()) >= state.day) state.map.addActivity(activity);
  state.panel.addActivity(activity);
  state.followUps.activityLogged();
  state.dashboard.activityLogged(activity);
}

/**
 * An alert event (live, or the answer of an action taken here). Events up to the snapshot's seq are replays the
 * snapshot already holds, and an event older than the alert's shown state is stale: neither changes anything.
 */
function onAlert(alert) {
  if (!alert?.id) return;
  const seq = alert.seq ?? 0;
  if (seq <= state.snapshotAlertSeq) return;
  const previous = state.alerts.get(alert.id);
  if (previous && (previous.seq ?? 0) >= seq) return;
  // A resolved alert stays as a marker of its seq (until the next snapshot): a late event of it cannot bring it back.
  state.alerts.set(alert.id, alert.state === 'RESOLVED' ? { id: alert.id, seq, state: alert.state } : alert);
  renderAlerts();
  if (alarmFor(alert, previous) && inScope(alert)) state.alertPanel.alarm(alert);
}

function inScope(alert) {
  return state.teamId == null || alert.teamId === state.teamId;
}

function renderAlerts() {
  const open = [...state.alerts.values()].filter((alert) => alert.state !== 'RESOLVED' && inScope(alert));
  const critical = open.some((alert) => alert.severity === 'CRITICAL');
  alertsBadge.dataset.count = String(open.length);
  alertsBadge.dataset.severity = critical ? 'CRITICAL' : open.length > 0 ? 'WARNING' : '';
  alertsBadge.textContent = `${open.length} alert${open.length === 1 ? '' : 's'}`;
  alertsBadge.title = open.map((alert) => `${alert.kind}: ${alert.message ?? ''}`).join('\n') || 'No open alerts';
  const allTeams = state.teamId == null && state.teams.length > 1;
  const team = state.teams.find((candidate) => candidate.id === state.teamId);
  state.alertPanel.setScope(allTeams ? `all ${state.teams.length} teams` : team?.name ?? '', allTeams);
  state.alertPanel.setAlerts(open);
  state.map.setAlerts(open);
  if (state.map.focusedAlert && !open.some((alert) => alert.id === state.map.focusedAlert)) {
    state.map.focusAlert(null, null);
  }
}

/** A row of the alert panel was clicked: select the alert's rep, pulse its place and bring it into view. */
function focusAlert(alert) {
  state.map.focusAlert(alert.id, alert.repId);
  const rep = state.map.rep(alert.repId);
  const sheet = narrowScreen();
  // On a narrow screen the alert sheet stays up: the rep is highlighted on the map, its panel stays closed.
  if (rep && !sheet) selectRep(alert.repId);
  else state.map.select(alert.repId);
  const place = alert.lat != null && alert.lon != null ? alert : hasPosition(rep) ? rep : null;
  if (place) {
    const inset = sheet ? state.alertPanel.root.getBoundingClientRect().height : 0;
    state.map.panToPoint(place.lat, place.lon, inset);
  }
}

function narrowScreen() {
  return window.matchMedia('(max-width: 760px)').matches;
}

const CONNECTION_LABELS = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

function showConnection(connectionState, detail) {
  connection.dataset.state = connectionState;
  let label = CONNECTION_LABELS[connectionState] ?? connectionState;
  if (connectionState === 'reconnecting' && detail?.delay) {
    label = `Reconnecting in ${Math.max(1, Math.round(detail.delay / 1000))} s…`;
  }
  connection.querySelector('.label').textContent = label;
  connection.title = detail?.code ? `Closed with code ${detail.code}${detail.reason ? `: ${detail.reason}` : ''}` : '';
}

async function loadTrails(reps) {
  const queue = reps.filter((rep) => !state.trailsLoaded.has(rep.repId));
  for (const rep of queue) state.trailsLoaded.add(rep.repId);
  const worker = async () => {
    while (queue.length > 0) {
      const rep = queue.shift();
      const to = Date.now();
      try {
        const track = await api.get(`/api/reps/${encodeURIComponent(rep.repId)}/track${api.query({ from: to - TRAIL_MS, to })}`);
        state.map.setTrail(rep.repId, trackPoints(track));
      } catch {
        // No stored track (or the history API is not there): the trail grows from live positions.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(TRAIL_LOADS_AT_ONCE, queue.length) }, worker));
}

async function loadTerritories() {
  try {
    state.map.setTerritories(await api.get('/api/territories'));
    if (!state.fitted) state.fitted = state.map.fitTo(state.teamId);
  } catch {
    // Territories are optional decoration.
  }
}

/** Loads a clicked territory's coverage of the last 7 days (the server's default period) and shows it. */
async function showCoverage(feature, layer) {
  const name = feature?.properties?.name ?? feature?.id;
  try {
    state.coverage.show(await api.get(`/api/territories/${encodeURIComponent(feature.id)}/coverage`), layer, name);
  } catch (error) {
    state.coverage.showError(name, `No coverage: ${error.message}`);
  }
}

async function loadActivityPins() {
  try {
    const activities = await api.get(`/api/activities${api.query({ from: state.day })}`);
    for (const activity of activities ?? []) state.map.addActivity(activity);
  } catch {
    // Pins of today so far are optional; live ones still arrive.
  }
}

async function selectRep(repId) {
  const rep = state.map.rep(repId);
  if (!rep) return;
  // Choosing a rep (from an alert, say) ends a replay: the live map comes back first.
  if (state.replay.open) state.replay.close();
  state.map.select(repId);
  const wasHidden = state.panel.root.hidden;
  if (state.panel.repId !== repId) replayDay.value = dayInZone(teamZone(rep.teamId));
  state.panel.show(rep);
  if (wasHidden) state.map.invalidateSize();
  try {
    const activities = await api.get(`/api/activities${api.query({ repId, from: state.day })}`);
    state.panel.setActivities(repId, activities ?? []);
  } catch {
    state.panel.setActivities(repId, []);
  }
  try {
    state.panel.setTimesheet(repId, await api.get(`/api/reps/${encodeURIComponent(repId)}/timesheet`));
  } catch {
    state.panel.setTimesheet(repId, null);
  }
}

/** The time zone of a team ("UTC" when unknown). */
function teamZone(teamId) {
  return state.teams.find((team) => team.id === teamId)?.timeZone || 'UTC';
}

/** Replays the shown rep's day: the panel gives way to the replay's controls over the map. */
replayStart.addEventListener('submit', (event) => {
  event.preventDefault();
  const rep = state.panel.rep;
  if (!rep || !replayDay.value) return;
  state.replayRepId = rep.repId;
  closePanel();
  state.coverage.clear();
  state.replay.show(rep, replayDay.value, teamZone(rep.teamId));
});

/** Back from a replay: the live layers show again (they kept following the stream) and the rep's panel reopens. */
function closeReplay() {
  const repId = state.replayRepId;
  state.map.refresh();
  if (repId) selectRep(repId);
}

function closePanel() {
  state.panel.hide();
  state.map.select(null);
  state.map.invalidateSize();
}

teamFilter.addEventListener('change', () => {
  state.teamId = teamFilter.value || null;
  state.map.setTeamFilter(state.teamId);
  state.live.subscribe(state.teamId ? [state.teamId] : state.teams.map((team) => team.id));
  state.map.fitTo(state.teamId);
  state.followUps.setTeam(state.teamId);
  state.dashboard.teamChanged();
  state.map.focusAlert(null, null);
  renderAlerts();
  const shown = state.panel.repId ? state.map.rep(state.panel.repId) : null;
  if (shown && state.teamId && shown.teamId !== state.teamId) closePanel();
});

/** The team the dashboard shows: the one selected, else the first. */
function dashboardTeam() {
  return state.teams.find((team) => team.id === state.teamId) ?? state.teams[0] ?? null;
}

function toggleDashboard(open) {
  if (!state.dashboard) return;
  if (open) state.dashboard.show();
  else state.dashboard.hide();
  dashboardToggle.setAttribute('aria-expanded', String(open));
  if (!open) state.map.invalidateSize();
}

dashboardToggle.addEventListener('click', () => toggleDashboard(!state.dashboard?.open));
document.getElementById('dashboard-close').addEventListener('click', () => toggleDashboard(false));

activityFilter.addEventListener('change', () => state.map?.setActivityFilter(activityFilter.value));

fitButton.addEventListener('click', () => state.map?.fitTo(state.teamId));

function tick() {
  const now = Date.now();
  const day = startOfToday(now);
  if (day !== state.day) {
    state.day = day;
    state.map.dropActivitiesBefore(day);
  }
  state.map.refresh(now);
  state.panel.tick(now);
  state.alertPanel.tick(now);
}

if (api.token()) {
  showConsole();
} else {
  showSignIn();
}
