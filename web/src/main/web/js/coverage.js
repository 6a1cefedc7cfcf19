// Territory coverage on the map: the territory shaded by the share of its H3 cells knocked in the last 7 days, a
// heat layer of the cells by knock count, and a toggle that outlines the cells not worked for N days. The server
// computes the cells (GET /api/territories/{id}/coverage) and sends each one's outline, since a browser has no H3.
const L = window.L;

/** Fill colours for 0, 1, 2–3, 4–7 and 8 or more knocks in a cell. */
const HEAT = ['#e2e8f0', '#fde68a', '#fbbf24', '#f97316', '#c2410c'];

export function heatColour(knocks) {
  if (knocks <= 0) return HEAT[0];
  if (knocks === 1) return HEAT[1];
  if (knocks <= 3) return HEAT[2];
  if (knocks <= 7) return HEAT[3];
  return HEAT[4];
}

/** From red (nothing covered) through amber to green (all covered). */
export function shareColour(share) {
  const hue = Math.round(120 * Math.min(1, Math.max(0, share)));
  return `hsl(${hue}, 70%, 40%)`;
}

export function percent(share) {
  return `${Math.round(share * 100)} %`;
}

export class CoverageView {
  /** @param {import('./map.js').RepMap} repMap the map the cells go on */
  constructor(repMap) {
    this.repMap = repMap;
    this.map = repMap.map;
    this.territoryLayer = null;
    this.cellLayer = L.layerGroup().addTo(this.map);
    this.cells = [];
    this.coverage = null;
    this.showNotWorked = false;
    this.panel = this.createPanel();
  }

  /** Shows a coverage answer, shading the territory's layer; replaces what was shown. */
  show(coverage, territoryLayer, name) {
    this.clear();
    this.coverage = coverage;
    this.territoryLayer = territoryLayer;
    this.repMap.shadeTerritory(territoryLayer, coverage.coverage);
    for (const cell of coverage.cells ?? []) {
      const polygon = L.polygon(cell.boundary, {
        className: 'coverage-cell',
        weight: 1,
        color: '#94a3b8',
        fillColor: heatColour(cell.knocks),
        fillOpacity: cell.knocks > 0 ? 0.7 : 0.25,
      });
      polygon.bindTooltip(cellText(cell), { sticky: true });
      polygon.addTo(this.cellLayer);
      const element = polygon.getElement();
      if (element) {
        element.dataset.cell = cell.cell;
        element.dataset.knocks = String(cell.knocks);
        element.dataset.notWorked = String(cell.notWorked);
      }
      this.cells.push({ cell, polygon });
    }
    this.renderPanel(name);
    this.applyNotWorked();
  }

  /** Shows that loading the coverage failed. */
  showError(name, message) {
    this.clear();
    this.panel.hidden = false;
    this.panel.querySelector('.coverage__title').textContent = name;
    this.panel.querySelector('.coverage__summary').textContent = message;
    this.panel.querySelector('.coverage__toggle').hidden = true;
  }

  /** Takes the cells and the shading off the map. */
  clear() {
    if (this.territoryLayer) this.repMap.shadeTerritory(this.territoryLayer, null);
    this.territoryLayer = null;
    this.cellLayer.clearLayers();
    this.cells = [];
    this.coverage = null;
    this.panel.hidden = true;
  }

  setShowNotWorked(show) {
    this.showNotWorked = show;
    this.applyNotWorked();
  }

  applyNotWorked() {
    for (const { cell, polygon } of this.cells) {
      const highlight = this.showNotWorked && cell.notWorked;
      polygon.setStyle(
        highlight
          ? { color: '#b3261e', weight: 2, dashArray: '4 3', fillColor: '#fecaca', fillOpacity: 0.6 }
          : { color: '#94a3b8', weight: 1, dashArray: null, fillColor: heatColour(cell.knocks), fillOpacity: cell.knocks > 0 ? 0.7 : 0.25 },
      );
      polygon.getElement()?.classList.toggle('coverage-cell--not-worked', highlight);
    }
  }

  renderPanel(name) {
    const { coverage } = this;
    this.panel.hidden = false;
    this.panel.dataset.coverage = String(coverage.coverage);
    this.panel.querySelector('.coverage__title').textContent = name;
    this.panel.querySelector('.coverage__summary').textContent =
      `${percent(coverage.coverage)} covered · ${coverage.workedCells} of ${coverage.cellCount} cells · ` +
      `${coverage.knocks} knock${coverage.knocks === 1 ? '' : 's'} in 7 days`;
    const toggle = this.panel.querySelector('.coverage__toggle');
    toggle.hidden = false;
    toggle.querySelector('span').textContent =
      `Not worked for ${coverage.notWorkedDays} days (${coverage.notWorked?.length ?? 0})`;
    toggle.querySelector('input').checked = this.showNotWorked;
  }

  createPanel() {
    const Panel = L.Control.extend({
      onAdd: () => {
        const root = L.DomUtil.create('div', 'coverage leaflet-bar');
        root.id = 'coverage';
        root.hidden = true;
        root.innerHTML =
          '<button type="button" class="close" aria-label="Close coverage">×</button>' +
          '<strong class="coverage__title"></strong>' +
          '<p class="coverage__summary"></p>' +
          '<label class="coverage__toggle"><input type="checkbox"> <span>Not worked</span></label>' +
          '<p class="coverage__legend">Knocks per cell: ' +
          HEAT.map((colour, i) => `<i style="background:${colour}"></i>${['0', '1', '2–3', '4–7', '8+'][i]}`).join(' ') +
          '</p>';
        L.DomEvent.disableClickPropagation(root);
        root.querySelector('input').addEventListener('change', (event) => this.setShowNotWorked(event.target.checked));
        root.querySelector('.close').addEventListener('click', () => this.clear());
        return root;
      },
    });
    const control = new Panel({ position: 'bottomleft' });
    control.addTo(this.map);
    return control.getContainer();
  }
}

function cellText(cell) {
  const last = cell.lastKnockAt ? new Date(cell.lastKnockAt).toLocaleString() : 'none in the period looked at';
  return `${cell.knocks} knock${cell.knocks === 1 ? '' : 's'} · last: ${last}${cell.notWorked ? ' · not worked' : ''}`;
}
