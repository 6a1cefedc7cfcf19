// Replay of a rep's day on the map: the day's path with the part travelled so far emphasised, the rep's marker at the
// slider's time, activities appearing as their time passes, stops as circles labelled with their duration, and a
// clock in the team's zone. The live layers stay underneath (hidden) and keep following the live stream.
import * as api from './api.js';
import { activityColour, clockTime, dayBounds, durationText, humanize, trackPoints, zonedClock } from './format.js';

const L = window.L;
const SPEEDS = [1, 10, 60, 300];
const FRAME_MS = 100;
const TRACK_PAGE = 10000;
const ACTIVITY_LIMIT = 50000;
const STOP_RADIUS_METERS = 50;

export class Replay {
  /**
   * @param {HTMLElement} root the replay controls (#replay)
   * @param {import('./map.js').RepMap} repMap the map to draw on
   * @param {() => void} onClose the user went back to the live map
   */
  constructor(root, repMap, onClose) {
    this.root = root;
    this.repMap = repMap;
    this.title = root.querySelector('#replay-title');
    this.clock = root.querySelector('#replay-clock');
    this.slider = root.querySelector('#replay-slider');
    this.playButton = root.querySelector('#replay-play');
    this.speed = root.querySelector('#replay-speed');
    this.status = root.querySelector('#replay-status');
    this.speed.replaceChildren(...SPEEDS.map((speed) => new Option(`${speed}×`, String(speed))));
    this.speed.value = '60';
    this.layer = L.layerGroup();
    this.points = [];
    this.activities = [];
    this.pins = new Map();
    this.timer = null;
    this.loading = 0;
    this.slider.addEventListener('input', () => {
      this.pause();
      this.seek(Number(this.slider.value));
    });
    this.playButton.addEventListener('click', () => (this.timer ? this.pause() : this.play()));
    root.querySelector('#replay-close').addEventListener('click', () => {
      this.close();
      onClose();
    });
  }

  get open() {
    return !this.root.hidden;
  }

  /** Opens the replay of a rep's day ("2026-11-30") in a time zone, loading its track, activities and stops. */
  async show(rep, day, timeZone) {
    this.close();
    const load = ++this.loading;
    this.timeZone = timeZone || 'UTC';
    this.repId = rep.repId;
    const [from, to] = dayBounds(this.timeZone, day);
    this.root.hidden = false;
    this.root.dataset.repId = rep.repId;
    this.root.dataset.day = day;
    this.root.dataset.state = 'loading';
    this.title.textContent = `${rep.name ?? 'Rep'} · ${day}`;
    this.status.textContent = 'Loading…';
    this.status.hidden = false;
    this.view = { center: this.repMap.map.getCenter(), zoom: this.repMap.map.getZoom() };
    this.repMap.map.getContainer().classList.add('map--replay');
    this.layer.addTo(this.repMap.map);
    const repPath = `/api/reps/${encodeURIComponent(rep.repId)}`;
    try {
      const [points, activities, stops] = await Promise.all([
        loadTrack(`${repPath}/track${api.query({ from, to, limit: TRACK_PAGE })}`),
        api.get(`/api/activities${api.query({ repId: rep.repId, from, to, limit: ACTIVITY_LIMIT })}`),
        api.get(`${repPath}/stops${api.query({ from, to })}`),
      ]);
      if (load !== this.loading) return;
      this.draw(points, activities ?? [], stops ?? [], from, to);
    } catch (error) {
      if (load !== this.loading) return;
      this.root.dataset.state = 'error';
      this.status.textContent = `No replay: ${error.message}`;
    }
  }

  draw(points, activities, stops, dayStart, dayEnd) {
    this.points = points.filter((point) => point[2] != null);
    this.activities = activities
      .filter((activity) => activity.lat != null && activity.lon != null && activity.ts != null)
      .sort((a, b) => a.ts - b.ts);
    // Both lists are in time order: the replay spans from the first to the last thing that happened that day.
    const firsts = [this.points[0]?.[2], this.activities[0]?.ts].filter((ts) => ts != null);
    const lasts = [this.points[this.points.length - 1]?.[2], this.activities[this.activities.length - 1]?.ts]
      .filter((ts) => ts != null);
    this.start = firsts.length ? Math.min(...firsts) : dayStart;
    this.end = lasts.length ? Math.max(...lasts) : dayEnd;
    const latLngs = this.points.map(([lat, lon]) => [lat, lon]);
    this.path = L.polyline(latLngs, { className: 'replay-path', color: '#64748b', weight: 3, opacity: 0.45, interactive: false })
      .addTo(this.layer);
    this.done = L.polyline([], { className: 'replay-path--done', color: '#1769aa', weight: 5, opacity: 0.9, interactive: false })
      .addTo(this.layer);
    for (const stop of stops) this.drawStop(stop);
    this.marker = L.marker(latLngs[0] ?? this.repMap.map.getCenter(), {
      icon: L.divIcon({
        className: 'replay-marker',
        html: '<span class="replay-marker__dot" aria-hidden="true"></span>',
        iconSize: [20, 20],
        iconAnchor: [10, 10],
      }),
      interactive: false,
      keyboard: false,
      zIndexOffset: 1000,
    }).addTo(this.layer);
    if (this.points.length === 0) this.marker.getElement()?.setAttribute('hidden', '');
    this.slider.min = String(this.start);
    this.slider.max = String(this.end);
    this.slider.step = '1000';
    this.root.dataset.start = String(this.start);
    this.root.dataset.end = String(this.end);
    this.root.dataset.points = String(this.points.length);
    this.root.dataset.stops = String(stops.length);
    this.root.dataset.activities = String(this.activities.length);
    this.root.dataset.state = 'ready';
    this.status.hidden = this.points.length > 0 || this.activities.length > 0;
    this.status.textContent = 'No pings or activities that day.';
    const bounds = L.latLngBounds(latLngs);
    for (const activity of this.activities) bounds.extend([activity.lat, activity.lon]);
    if (bounds.isValid()) {
      // Keep the day clear of the controls at the bottom of the map.
      this.repMap.map.fitBounds(bounds, {
        paddingTopLeft: [40, 40],
        paddingBottomRight: [40, this.root.offsetHeight + 40],
        maxZoom: 17,
        animate: false,
      });
    }
    this.seek(this.start);
  }

  drawStop(stop) {
    const circle = L.circle([stop.lat, stop.lon], {
      radius: STOP_RADIUS_METERS,
      className: 'replay-stop',
      color: '#7c3aed',
      weight: 2,
      fillOpacity: 0.15,
    }).addTo(this.layer);
    const label = `${durationText(stop.durationSec)} stop`;
    circle.bindTooltip(label, { permanent: true, direction: 'top', className: 'replay-stop__label' });
    circle.bindPopup(
      `${label}<br>${zonedClock(this.timeZone, stop.start)}–${zonedClock(this.timeZone, stop.end)} · ${stop.pings} pings`);
    const element = circle.getElement();
    if (element) {
      element.dataset.start = String(stop.start);
      element.dataset.end = String(stop.end);
      element.dataset.durationSec = String(stop.durationSec);
    }
  }

  /** Shows the day as of a time: the marker, the path travelled so far, the activities up to it and the clock. */
  seek(ts) {
    const time = Math.min(this.end, Math.max(this.start, ts));
    this.time = time;
    this.slider.value = String(time);
    this.clock.textContent = zonedClock(this.timeZone, time);
    this.clock.dataset.ts = String(Math.round(time));
    const travelled = this.travelled(time);
    this.done?.setLatLngs(travelled);
    const here = travelled[travelled.length - 1];
    if (here && this.marker) {
      this.marker.setLatLng(here);
      const element = this.marker.getElement();
      if (element) {
        element.dataset.repId = this.repId;
        element.dataset.lat = here[0].toFixed(6);
        element.dataset.lon = here[1].toFixed(6);
      }
    }
    for (const activity of this.activities) {
      const shown = this.pins.has(activity.id);
      if (activity.ts <= time && !shown) this.addPin(activity);
      else if (activity.ts > time && shown) {
        this.layer.removeLayer(this.pins.get(activity.id));
        this.pins.delete(activity.id);
      }
    }
  }

  /** The path up to a time, ending at the position between the fixes around it. */
  travelled(time) {
    const points = this.points;
    if (points.length === 0) return [];
    let low = 0;
    let high = points.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (points[middle][2] <= time) low = middle + 1;
      else high = middle;
    }
    const passed = points.slice(0, Math.max(1, low)).map(([lat, lon]) => [lat, lon]);
    if (low > 0 && low < points.length) {
      const [lat1, lon1, t1] = points[low - 1];
      const [lat2, lon2, t2] = points[low];
      const share = t2 > t1 ? (time - t1) / (t2 - t1) : 0;
      if (share > 0) passed.push([lat1 + (lat2 - lat1) * share, lon1 + (lon2 - lon1) * share]);
    }
    return passed;
  }

  addPin(activity) {
    const marker = L.marker([activity.lat, activity.lon], {
      icon: L.divIcon({
        className: 'replay-pin',
        html: `<span class="activity-pin__dot" style="background:${activityColour(activity)}"></span>`,
        iconSize: [14, 14],
        iconAnchor: [7, 7],
        popupAnchor: [0, -6],
      }),
      keyboard: false,
      title: [humanize(activity.type), humanize(activity.outcome), clockTime(activity.ts)].filter(Boolean).join(' · '),
    }).addTo(this.layer);
    marker.bindPopup(() => pinPopup(activity, this.timeZone));
    const element = marker.getElement();
    if (element) {
      element.dataset.activityId = activity.id;
      element.dataset.type = activity.type ?? '';
      element.dataset.outcome = activity.outcome ?? '';
      element.dataset.ts = String(activity.ts);
    }
    this.pins.set(activity.id, marker);
  }

  play() {
    if (this.root.dataset.state !== 'ready' || this.timer) return;
    if (this.time >= this.end) this.seek(this.start);
    let last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      const next = this.time + (now - last) * Number(this.speed.value);
      last = now;
      this.seek(next);
      if (next >= this.end) this.pause();
    }, FRAME_MS);
    this.root.dataset.playing = 'true';
    this.playButton.textContent = 'Pause';
    this.playButton.setAttribute('aria-pressed', 'true');
  }

  pause() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.root.dataset.playing = 'false';
    this.playButton.textContent = 'Play';
    this.playButton.setAttribute('aria-pressed', 'false');
  }

  /** Takes the replay off the map and shows the live layers again, at the view they had. */
  close() {
    this.loading++;
    this.pause();
    this.layer.clearLayers();
    this.layer.remove();
    this.pins.clear();
    this.points = [];
    this.activities = [];
    this.path = null;
    this.done = null;
    this.marker = null;
    const wasOpen = this.open;
    this.root.hidden = true;
    delete this.root.dataset.repId;
    delete this.root.dataset.state;
    this.repMap.map.getContainer().classList.remove('map--replay');
    if (wasOpen && this.view) this.repMap.map.setView(this.view.center, this.view.zoom, { animate: false });
  }
}

/** Every point of a track, following its pages. */
async function loadTrack(first) {
  const points = [];
  let next = first;
  while (next) {
    const page = await api.get(next);
    points.push(...trackPoints(page));
    next = page?.next ?? null;
  }
  return points;
}

function pinPopup(activity, timeZone) {
  const root = document.createElement('div');
  root.className = 'activity-popup';
  root.dataset.activityId = activity.id;
  const title = document.createElement('strong');
  title.textContent = [humanize(activity.type), humanize(activity.outcome)].filter(Boolean).join(' · ');
  const time = document.createElement('div');
  time.textContent = zonedClock(timeZone, activity.ts);
  root.append(title, time);
  const detail = [activity.address, activity.contactName, activity.notes].filter(Boolean).join(' — ');
  if (detail) {
    const note = document.createElement('div');
    note.textContent = detail;
    root.append(note);
  }
  return root;
}
