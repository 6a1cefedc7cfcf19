// The Leaflet map: rep markers (status colour, heading arrow, fading with age), 30-minute trails, activity pins
// and territories (shaded by coverage once it is loaded). Leaflet is the global L from the WebJar.
import {
  TRAIL_MS,
  activityColour,
  clockTime,
  freshness,
  hasPosition,
  humanize,
  statusColour,
  statusLabel,
} from './format.js';
import { percent, shareColour } from './coverage.js';

const SEVERITY_COLOURS = { CRITICAL: '#b3261e', WARNING: '#d97706', INFO: '#2563eb' };

const L = window.L;
const DEFAULT_VIEW = { center: [39.5, -98.35], zoom: 4 };
const TERRITORY_STYLE = { color: '#1769aa', weight: 2, opacity: 0.7, fillColor: '#1769aa', fillOpacity: 0.06 };

export class RepMap {
  /**
   * @param {HTMLElement} element the map's container
   * @param {{tileUrl: string, tileAttribution: string}} config
   * @param {(repId: string) => void} onSelect a rep marker was clicked
   * @param {(feature: object, layer: L.Path) => void} onTerritory a territory was clicked
   */
  constructor(element, config, onSelect, onTerritory = () => {}) {
    this.onSelect = onSelect;
    this.map = L.map(element, { zoomControl: true, preferCanvas: false, worldCopyJump: true });
    this.map.setView(DEFAULT_VIEW.center, DEFAULT_VIEW.zoom);
    if (config?.tileUrl) {
      const tiles = L.tileLayer(config.tileUrl, {
        maxZoom: 19,
        attribution: config.tileAttribution ?? '',
        crossOrigin: true,
      });
      // Offline or blocked tiles leave the plain background: nothing else depends on them.
      tiles.on('tileerror', () => element.classList.add('map--no-tiles'));
      tiles.on('tileload', () => element.classList.remove('map--no-tiles'));
      tiles.addTo(this.map);
    }
    this.territoryLayer = L.geoJSON(null, {
      style: () => ({ ...TERRITORY_STYLE, className: 'territory' }),
      onEachFeature: (feature, layer) => {
        layer.bindTooltip(territoryName(feature), { sticky: true });
        layer.on('add', () => layer.getElement()?.setAttribute('data-territory-id', String(feature.id ?? '')));
        layer.on('click', () => onTerritory(feature, layer));
      },
    }).addTo(this.map);
    this.trailLayer = L.layerGroup().addTo(this.map);
    this.activityLayer = L.layerGroup().addTo(this.map);
    this.repLayer = L.layerGroup().addTo(this.map);
    this.alertLayer = L.layerGroup().addTo(this.map);
    /** repId → {rep, marker, trail: [[lat, lon, ts]…], line} */
    this.reps = new Map();
    /** activityId → {activity, marker} */
    this.activities = new Map();
    this.teamFilter = null;
    /** null for every activity, else a predicate of the pins to show */
    this.activityFilter = null;
    this.selected = null;
    /** alertId → {alert, marker}: the active alerts that have a place, drawn as rings */
    this.alerts = new Map();
    this.focusedAlert = null;
    this.pulsingRep = null;
  }

  /**
   * Shows only some activity pins: '' for all, 'none' for none, else comma-separated TYPE or TYPE:OUTCOME choices.
   */
  setActivityFilter(value) {
    this.activityFilter = activityPredicate(value);
    for (const entry of this.activities.values()) this.applyPinVisibility(entry);
  }

  applyPinVisibility(entry) {
    const shown = this.activityFilter == null || this.activityFilter(entry.activity);
    const element = entry.marker.getElement?.();
    this.applyVisibility(entry.activity.teamId, entry.marker);
    if (element && !shown) element.style.display = 'none';
    if (element) element.dataset.filtered = shown ? 'false' : 'true';
  }

  /** The name of a territory shown on the map, or its id when it is not shown. */
  territoryName(id) {
    let name = null;
    this.territoryLayer.eachLayer((layer) => {
      if (layer.feature?.id === id) name = layer.feature.properties?.name ?? null;
    });
    return name ?? id;
  }

  /** Shows only one team's reps, pins and territories; null for all. */
  setTeamFilter(teamId) {
    this.teamFilter = teamId || null;
    for (const entry of this.reps.values()) this.applyVisibility(entry.rep.teamId, entry.marker, entry.line);
    for (const entry of this.activities.values()) this.applyPinVisibility(entry);
    for (const entry of this.alerts.values()) this.applyVisibility(entry.alert.teamId, entry.marker);
    this.territoryLayer.eachLayer((layer) => layer.setStyle?.(this.territoryStyle(layer)));
  }

  /** A territory's style: hidden when filtered out, filled by its coverage share when one is shown. */
  territoryStyle(layer) {
    if (!this.visible(layer.feature?.properties?.teamId)) return { opacity: 0, fillOpacity: 0 };
    const share = layer.coverageShare;
    if (share == null) return TERRITORY_STYLE;
    return { ...TERRITORY_STYLE, fillColor: shareColour(share), fillOpacity: 0.1 + 0.3 * share };
  }

  /** Fills a territory by its coverage share (0..1), with the share in its tooltip; null goes back to plain. */
  shadeTerritory(layer, share) {
    layer.coverageShare = share;
    layer.setStyle(this.territoryStyle(layer));
    const name = territoryName(layer.feature);
    layer.setTooltipContent(share == null ? name : `${name} · ${percent(share)} covered in 7 days`);
    if (share != null) layer.bringToBack();
  }

  visible(teamId) {
    return this.teamFilter == null || teamId == null || teamId === this.teamFilter;
  }

  applyVisibility(teamId, ...layers) {
    const visible = this.visible(teamId);
    for (const layer of layers) {
      if (!layer) continue;
      const element = layer.getElement?.();
      if (element) element.style.display = visible ? '' : 'none';
      else if (layer.setStyle) layer.setStyle({ opacity: visible ? 0.55 : 0 });
    }
  }

  /** Adds or updates a rep; extends its trail when it moved. Returns whether the rep is on the map. */
  upsertRep(rep) {
    let entry = this.reps.get(rep.repId);
    if (!entry) {
      entry = { rep, marker: null, trail: [], line: null };
      this.reps.set(rep.repId, entry);
    }
    entry.rep = { ...entry.rep, ...rep };
    if (!hasPosition(entry.rep)) {
      this.removeMarker(entry);
      return false;
    }
    const position = [entry.rep.lat, entry.rep.lon];
    if (!entry.marker) {
      entry.marker = L.marker(position, { icon: repIcon(), keyboard: true, riseOnHover: true, title: rep.name ?? '' });
      entry.marker.on('click', () => this.onSelect(rep.repId));
      entry.marker.addTo(this.repLayer);
    } else {
      entry.marker.setLatLng(position);
    }
    this.extendTrail(entry, [entry.rep.lat, entry.rep.lon, entry.rep.ts ?? Date.now()]);
    this.renderRep(entry);
    return true;
  }

  /** Removes reps no longer in a snapshot (after a subscribe narrowed it, say); returns their ids. */
  retainReps(repIds) {
    const keep = new Set(repIds);
    const removed = [];
    for (const [repId, entry] of this.reps) {
      if (!keep.has(repId)) {
        this.removeMarker(entry);
        if (entry.line) this.trailLayer.removeLayer(entry.line);
        this.reps.delete(repId);
        removed.push(repId);
      }
    }
    return removed;
  }

  removeMarker(entry) {
    if (entry.marker) {
      this.repLayer.removeLayer(entry.marker);
      entry.marker = null;
    }
  }

  renderRep(entry, now = Date.now()) {
    const element = entry.marker?.getElement();
    if (!element) return;
    const { rep } = entry;
    const fresh = freshness(rep.ts, now);
    element.dataset.repId = rep.repId;
    element.dataset.teamId = rep.teamId ?? '';
    element.dataset.status = rep.status ?? '';
    element.dataset.freshness = fresh;
    element.dataset.lat = String(rep.lat);
    element.dataset.lon = String(rep.lon);
    element.classList.remove('rep-marker--fresh', 'rep-marker--stale', 'rep-marker--dark');
    element.classList.add(`rep-marker--${fresh}`);
    element.classList.toggle('rep-marker--selected', this.selected === rep.repId);
    element.classList.toggle('rep-marker--alerting', this.pulsingRep === rep.repId);
    element.style.setProperty('--status', statusColour(rep.status));
    element.setAttribute('aria-label', `${rep.name ?? 'Rep'}: ${statusLabel(rep.status)}`);
    element.querySelector('.rep-marker__name').textContent = rep.name ?? '';
    const arrow = element.querySelector('.rep-marker__arrow');
    if (rep.heading == null) {
      arrow.hidden = true;
    } else {
      arrow.hidden = false;
      arrow.style.transform = `rotate(${rep.heading}deg)`;
    }
    this.applyVisibility(rep.teamId, entry.marker, entry.line);
  }

  /** Replaces a rep's trail with stored points [[lat, lon, ts]…] (from the track API), keeping newer live ones. */
  setTrail(repId, points) {
    const entry = this.reps.get(repId);
    if (!entry) return;
    const newestStored = points.reduce((max, point) => Math.max(max, point[2] ?? 0), 0);
    const live = entry.trail.filter((point) => (point[2] ?? 0) > newestStored);
    entry.trail = [...points, ...live];
    this.drawTrail(entry);
  }

  extendTrail(entry, point) {
    const last = entry.trail[entry.trail.length - 1];
    if (last && (point[2] ?? 0) < (last[2] ?? 0)) return;
    if (last && last[0] === point[0] && last[1] === point[1]) return;
    entry.trail.push(point);
    this.drawTrail(entry);
  }

  drawTrail(entry, now = Date.now()) {
    const cutoff = now - TRAIL_MS;
    entry.trail = entry.trail.filter((point) => point[2] == null || point[2] >= cutoff);
    const latLngs = entry.trail.map(([lat, lon]) => [lat, lon]);
    const colour = statusColour(entry.rep.status);
    if (!entry.line) {
      entry.line = L.polyline(latLngs, {
        color: colour,
        weight: 3,
        opacity: 0.55,
        interactive: false,
        className: 'rep-trail',
      }).addTo(this.trailLayer);
    } else {
      entry.line.setLatLngs(latLngs);
      entry.line.setStyle({ color: colour });
    }
    entry.line.getElement()?.setAttribute('data-rep-id', entry.rep.repId);
    this.applyVisibility(entry.rep.teamId, entry.line);
  }

  /** Recomputes every marker's freshness and trims trails to 30 minutes. */
  refresh(now = Date.now()) {
    for (const entry of this.reps.values()) {
      this.renderRep(entry, now);
      if (entry.trail.length > 0) this.drawTrail(entry, now);
    }
  }

  select(repId) {
    this.selected = repId;
    for (const entry of this.reps.values()) {
      entry.marker?.getElement()?.classList.toggle('rep-marker--selected', entry.rep.repId === repId);
    }
  }

  rep(repId) {
    return this.reps.get(repId)?.rep;
  }

  /** Draws a ring at the place of each active alert that has one (those not given are taken off). */
  setAlerts(alerts) {
    const keep = new Set();
    for (const alert of alerts) {
      if (alert.lat == null || alert.lon == null) continue;
      keep.add(alert.id);
      let entry = this.alerts.get(alert.id);
      if (!entry) {
        const marker = L.marker([alert.lat, alert.lon], {
          icon: alertIcon(),
          interactive: false,
          keyboard: false,
          zIndexOffset: 500,
        }).addTo(this.alertLayer);
        entry = { alert, marker };
        this.alerts.set(alert.id, entry);
      }
      entry.alert = alert;
      entry.marker.setLatLng([alert.lat, alert.lon]);
      this.renderAlert(entry);
    }
    for (const [id, entry] of this.alerts) {
      if (!keep.has(id)) {
        this.alertLayer.removeLayer(entry.marker);
        this.alerts.delete(id);
      }
    }
  }

  renderAlert(entry) {
    const element = entry.marker.getElement();
    if (!element) return;
    const { alert } = entry;
    element.dataset.alertId = alert.id;
    element.dataset.kind = alert.kind ?? '';
    element.dataset.severity = alert.severity ?? '';
    element.dataset.state = alert.state ?? '';
    element.style.setProperty('--severity', SEVERITY_COLOURS[alert.severity] ?? '#6b7280');
    element.classList.toggle('alert-marker--focused', this.focusedAlert === alert.id);
    this.applyVisibility(alert.teamId, entry.marker);
  }

  /** Pulses an alert's ring, or its rep's marker when the alert has no place; null stops it. */
  focusAlert(alertId, repId) {
    this.focusedAlert = alertId;
    this.pulsingRep = alertId && !this.alerts.has(alertId) ? repId : null;
    for (const entry of this.alerts.values()) this.renderAlert(entry);
    for (const entry of this.reps.values()) {
      entry.marker?.getElement()?.classList.toggle('rep-marker--alerting', this.pulsingRep === entry.rep.repId);
    }
  }

  /**
   * Centres a place in the part of the map left uncovered by a sheet of bottomInset pixels at its bottom, zooming in
   * when the map is far out.
   */
  panToPoint(lat, lon, bottomInset = 0) {
    const zoom = Math.max(this.map.getZoom(), 15);
    const point = this.map.project([lat, lon], zoom).add([0, bottomInset / 2]);
    this.map.setView(this.map.unproject(point, zoom), zoom, { animate: false });
  }

  /** Adds an activity pin (when it has a place); the same id twice is one pin. */
  addActivity(activity) {
    if (!activity?.id || activity.lat == null || activity.lon == null || this.activities.has(activity.id)) return;
    const teamId = activity.teamId ?? this.reps.get(activity.repId)?.rep.teamId ?? null;
    const stored = { ...activity, teamId };
    const marker = L.marker([activity.lat, activity.lon], {
      icon: activityIcon(stored),
      keyboard: false,
      zIndexOffset: -1000,
    });
    marker.bindPopup(() => activityPopup(stored, this.reps.get(stored.repId)?.rep));
    marker.addTo(this.activityLayer);
    const element = marker.getElement();
    if (element) {
      element.dataset.activityId = stored.id;
      element.dataset.type = stored.type ?? '';
      element.dataset.outcome = stored.outcome ?? '';
      element.dataset.repId = stored.repId ?? '';
    }
    const entry = { activity: stored, marker };
    this.activities.set(activity.id, entry);
    this.applyPinVisibility(entry);
  }

  /** Drops activity pins older than a time (yesterday's, after midnight). */
  dropActivitiesBefore(ts) {
    for (const [id, entry] of this.activities) {
      if ((entry.activity.ts ?? 0) < ts) {
        this.activityLayer.removeLayer(entry.marker);
        this.activities.delete(id);
      }
    }
  }

  /** Shows a GeoJSON FeatureCollection of territories. */
  setTerritories(collection) {
    this.territoryLayer.clearLayers();
    if (collection?.features?.length) this.territoryLayer.addData(collection);
    this.setTeamFilter(this.teamFilter);
  }

  /** Fits the map to a team's reps and territories (all when teamId is null); false when there is nothing. */
  fitTo(teamId) {
    const bounds = L.latLngBounds([]);
    for (const entry of this.reps.values()) {
      if (hasPosition(entry.rep) && (teamId == null || entry.rep.teamId === teamId)) {
        bounds.extend([entry.rep.lat, entry.rep.lon]);
        for (const [lat, lon] of entry.trail) bounds.extend([lat, lon]);
      }
    }
    this.territoryLayer.eachLayer((layer) => {
      if (teamId != null && layer.feature?.properties?.teamId !== teamId) return;
      if (layer.getBounds) bounds.extend(layer.getBounds());
      else if (layer.getLatLng) bounds.extend(layer.getLatLng());
    });
    if (!bounds.isValid()) return false;
    this.map.fitBounds(bounds.pad(0.15), { maxZoom: 16, animate: false });
    return true;
  }

  /** Centres on one rep, keeping the zoom unless it is far out. */
  focus(repId) {
    const rep = this.rep(repId);
    if (!hasPosition(rep)) return;
    this.map.setView([rep.lat, rep.lon], Math.max(this.map.getZoom(), 14), { animate: true });
  }

  invalidateSize() {
    this.map.invalidateSize();
  }
}

function territoryName(feature) {
  return String(feature?.properties?.name ?? feature?.id ?? 'Territory');
}

function repIcon() {
  return L.divIcon({
    className: 'rep-marker',
    html:
      '<span class="rep-marker__arrow" aria-hidden="true"></span>' +
      '<span class="rep-marker__dot" aria-hidden="true"></span>' +
      '<span class="rep-marker__name"></span>',
    iconSize: [22, 22],
    iconAnchor: [11, 11],
  });
}

function alertIcon() {
  return L.divIcon({
    className: 'alert-marker',
    html: '<span class="alert-marker__ring" aria-hidden="true"></span>',
    iconSize: [36, 36],
    iconAnchor: [18, 18],
  });
}

function activityIcon(activity) {
  return L.divIcon({
    className: 'activity-pin',
    html: `<span class="activity-pin__dot" style="background:${activityColour(activity)}"></span>`,
    iconSize: [14, 14],
    iconAnchor: [7, 7],
    popupAnchor: [0, -6],
  });
}

function activityPopup(activity, rep) {
  const root = document.createElement('div');
  root.className = 'activity-popup';
  root.dataset.activityId = activity.id;
  const title = document.createElement('strong');
  title.textContent = humanize(activity.type);
  root.append(title);
  const rows = [
    ['Outcome', humanize(activity.outcome)],
    ['Time', clockTime(activity.ts)],
    ['Rep', rep?.name],
    ['Address', activity.address],
    ['Contact', activity.contactName],
    ['Amount', activity.amount != null ? String(activity.amount) : null],
    ['Notes', activity.notes],
  ];
  const list = document.createElement('dl');
  for (const [label, value] of rows) {
    if (!value) continue;
    const term = document.createElement('dt');
    term.textContent = label;
    const detail = document.createElement('dd');
    detail.textContent = value;
    list.append(term, detail);
  }
  root.append(list);
  return root;
}

/** A predicate of activities from a filter value ('' or null: null, meaning all). */
export function activityPredicate(value) {
  if (!value) return null;
  if (value === 'none') return () => false;
  const choices = value.split(',').map((choice) => {
    const [type, outcome] = choice.split(':');
    return { type, outcome: outcome ?? null };
  });
  return (activity) => choices.some(
    (choice) => activity?.type === choice.type && (choice.outcome == null || activity.outcome === choice.outcome));
}
