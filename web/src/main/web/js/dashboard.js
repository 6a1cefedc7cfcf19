// The dashboard beside the map: one team's KPIs for today with their targets and pace, the leaderboard, the funnel
// and the trend of the last 30 days, each table exportable as CSV. Live activities refresh it a moment later.
import * as api from './api.js';

const KPIS = [
  ['doors', 'Doors'],
  ['contacts', 'Contacts'],
  ['leads', 'Leads'],
  ['appointments', 'Appointments'],
  ['sales', 'Sales'],
  ['revenue', 'Revenue'],
];
/** Metrics that are shares (0.25 is a quarter), shown in percent. */
const SHARES = new Set(['contactRate', 'appointmentRate', 'closeRate', 'followUpCompliance', 'territoryCoverage']);
const AFTER_ACTIVITY_MS = 800;
const REFRESH_MS = 60000;
const TREND_DAYS = 30;

/** A number as a dashboard shows it: whole, or with up to 2 decimals; "—" for none. */
export function figure(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const number = Number(value);
  return Number.isInteger(number) ? number.toLocaleString('en-US') : number.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** "62 %" for a share 0.62; "—" for none. */
export function percent(share) {
  return share === null || share === undefined ? '—' : `${Math.round(share * 100)} %`;
}

/** A metric's value as the dashboard shows it: a share in percent, anything else as a figure. */
export function metricValue(metric, value) {
  return SHARES.has(metric) ? percent(value) : figure(value);
}

/** An SVG polyline's points for values over a width and height (the highest value at the top). */
export function sparkPoints(values, width, height) {
  if (values.length === 0) return '';
  const top = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((value, i) => `${(i * step).toFixed(1)},${(height - (value / top) * height).toFixed(1)}`).join(' ');
}

export class Dashboard {
  /**
   * @param {HTMLElement} root the dashboard (#dashboard)
   * @param {() => {id: string, name: string} | null} team the team shown
   */
  constructor(root, team) {
    this.root = root;
    this.team = team;
    this.kpis = root.querySelector('#dash-kpis');
    this.title = root.querySelector('#dash-title');
    this.leaderboard = root.querySelector('#dash-leaderboard');
    this.metric = root.querySelector('#dash-metric');
    this.period = root.querySelector('#dash-period');
    this.funnel = root.querySelector('#dash-funnel');
    this.trend = root.querySelector('#dash-trend');
    this.trendMetric = root.querySelector('#dash-trend-metric');
    this.status = root.querySelector('#dash-status');
    this.pending = null;
    this.timer = null;
    this.loads = 0;
    this.metric.addEventListener('change', () => this.loadLeaderboard());
    this.period.addEventListener('change', () => this.loadLeaderboard());
    this.trendMetric.addEventListener('change', () => this.loadTrend());
    for (const button of root.querySelectorAll('[data-export]')) {
      button.addEventListener('click', () => this.export(button.dataset.export));
    }
  }

  get open() {
    return !this.root.hidden;
  }

  show() {
    this.root.hidden = false;
    this.load();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.load(), REFRESH_MS);
  }

  hide() {
    this.root.hidden = true;
    clearInterval(this.timer);
    this.timer = null;
  }

  /** The team changed: show the new one. */
  teamChanged() {
    if (this.open) this.load();
  }

  /** An activity arrived live: today's figures change a moment later, once it is counted. */
  activityLogged(activity) {
    if (!this.open) return;
    const team = this.team();
    if (team && activity?.teamId && activity.teamId !== team.id) return;
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.loadToday(), AFTER_ACTIVITY_MS);
  }

  async load() {
    const team = this.team();
    this.title.textContent = team ? team.name : 'No team';
    this.root.dataset.teamId = team?.id ?? '';
    if (!team) return;
    await Promise.all([this.loadToday(), this.loadTrend()]);
  }

  async loadToday() {
    await Promise.all([this.loadPace(), this.loadLeaderboard(), this.loadFunnel()]);
  }

  async loadPace() {
    const team = this.team();
    if (!team) return;
    const load = ++this.loads;
    try {
      const pace = await api.get(`/api/metrics/pace${api.query({ teamId: team.id })}`);
      if (load !== this.loads) return;
      this.renderKpis(pace);
      this.status.hidden = true;
      this.root.dataset.state = 'ready';
    } catch (error) {
      this.status.textContent = `The figures could not be loaded: ${error.message}`;
      this.status.hidden = false;
      this.root.dataset.state = 'error';
    }
  }

  renderKpis(pace) {
    const totals = pace.totals ?? {};
    this.kpis.replaceChildren(
      ...KPIS.map(([metric, label]) => {
        const card = document.createElement('li');
        card.className = 'kpi';
        card.dataset.metric = metric;
        const value = document.createElement('b');
        value.className = 'kpi__value';
        value.textContent = figure(totals[metric] ?? 0);
        const name = document.createElement('span');
        name.className = 'kpi__label';
        name.textContent = label;
        card.append(value, name);
        const own = pace.pace?.[metric];
        if (own) {
          card.dataset.status = own.status;
          const line = document.createElement('small');
          line.className = 'kpi__pace';
          const ahead = own.ahead >= 0 ? `+${figure(own.ahead)}` : figure(own.ahead);
          line.textContent = `target ${figure(own.target)} · projected ${figure(own.projected)} · ${own.status.replace('_', ' ').toLowerCase()} (${ahead})`;
          card.append(line);
        }
        return card;
      }),
    );
    this.kpis.dataset.day = pace.day ?? '';
  }

  async loadLeaderboard() {
    const team = this.team();
    if (!team) return;
    const metric = this.metric.value;
    const rows = await api
      .get(`/api/metrics/leaderboard${api.query({ teamId: team.id, period: this.period.value, metric })}`)
      .catch(() => []);
    this.leaderboard.dataset.metric = metric;
    this.leaderboard.replaceChildren(
      ...rows.map((row) => {
        const line = document.createElement('tr');
        line.dataset.repId = row.repId;
        line.dataset.rank = String(row.rank);
        for (const text of [String(row.rank), row.repName ?? row.repId, metricValue(row.metric ?? metric, row.value)]) {
          const cell = document.createElement('td');
          cell.textContent = text;
          line.append(cell);
        }
        return line;
      }),
    );
  }

  async loadFunnel() {
    const team = this.team();
    if (!team) return;
    const funnel = await api.get(`/api/metrics/funnel${api.query({ teamId: team.id })}`).catch(() => null);
    const stages = funnel?.team ?? [];
    const top = Math.max(1, ...stages.map((stage) => stage.count));
    this.funnel.replaceChildren(
      ...stages.map((stage) => {
        const item = document.createElement('li');
        item.dataset.stage = stage.stage;
        item.dataset.count = String(stage.count);
        const bar = document.createElement('span');
        bar.className = 'funnel__bar';
        bar.style.width = `${Math.max(2, (stage.count / top) * 100)}%`;
        const text = document.createElement('span');
        text.className = 'funnel__text';
        text.textContent = `${stage.stage} ${figure(stage.count)}${stage.conversion === null || stage.conversion === undefined ? '' : ` · ${percent(stage.conversion)}`}`;
        item.append(bar, text);
        return item;
      }),
    );
  }

  async loadTrend() {
    const team = this.team();
    if (!team) return;
    const rows = await api.get(`/api/metrics/trend${api.query({ teamId: team.id })}`).catch(() => []);
    const metric = this.trendMetric.value;
    const values = rows.map((row) => Number(row[metric] ?? 0));
    const svg = this.trend;
    const width = 600;
    const height = 120;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.dataset.days = String(rows.length);
    svg.dataset.total = String(values.reduce((sum, value) => sum + value, 0));
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', sparkPoints(values, width, height - 4));
    line.setAttribute('class', 'trend__line');
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = `${metric} per day, ${rows[0]?.day ?? ''} to ${rows[rows.length - 1]?.day ?? ''}`;
    svg.replaceChildren(title, line);
    const coverage = await api
      .get(`/api/metrics/coverage${api.query({ teamId: team.id, from: rows[0]?.day, to: rows[rows.length - 1]?.day })}`)
      .catch(() => null);
    const covered = this.root.querySelector('#dash-coverage');
    covered.dataset.coverage = coverage?.coverage ?? '';
    covered.textContent = !coverage || coverage.cells === 0
      ? 'Territory coverage: no territories'
      : `Territory coverage: ${percent(coverage.coverage)} of ${figure(coverage.cells)} cells knocked`;
    this.renderRepCoverage(coverage?.cells ? coverage.reps ?? [] : []);
    this.root.querySelector('#dash-trend-range').textContent = rows.length
      ? `${rows[0].day} – ${rows[rows.length - 1].day} (${TREND_DAYS} days): ${figure(values.reduce((a, b) => a + b, 0))}`
      : 'No days';
  }

  /** Each rep's share of the cells of the territories they work that they knocked; reps without any: "no territory". */
  renderRepCoverage(reps) {
    this.root.querySelector('#dash-rep-coverage').replaceChildren(
      ...reps.map((rep) => {
        const item = document.createElement('li');
        item.dataset.repId = rep.repId;
        item.dataset.coverage = rep.coverage ?? '';
        item.textContent = `${rep.repName ?? rep.repId}: ${rep.cells ? percent(rep.coverage) : 'no territory'}`;
        item.title = `${figure(rep.workedCells)} of ${figure(rep.cells)} cells of their territories knocked by them`;
        return item;
      }),
    );
  }

  /** Downloads one of the tables as CSV, with the token, as the server writes it. */
  async export(which) {
    const team = this.team();
    if (!team) return;
    const paths = {
      reps: `/api/metrics/reps${api.query({ teamId: team.id })}`,
      leaderboard: `/api/metrics/leaderboard${api.query({ teamId: team.id, period: this.period.value, metric: this.metric.value })}`,
      trend: `/api/metrics/trend${api.query({ teamId: team.id })}`,
    };
    const response = await fetch(paths[which], { headers: { Accept: 'text/csv', Authorization: `Bearer ${api.token()}` } });
    if (!response.ok) {
      this.status.textContent = `The export failed (${response.status}).`;
      this.status.hidden = false;
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = `${team.name.replace(/[^\w.-]+/g, '-')}-${which}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }
}
