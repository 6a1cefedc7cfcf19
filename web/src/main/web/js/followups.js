// The follow-up list: open follow-ups of the selected team (or all), the overdue ones first and highlighted, each
// closable by hand. Kept fresh when activities arrive and while it is open.
import * as api from './api.js';
import { humanize } from './format.js';

const REFRESH_MS = 30000;
const AFTER_ACTIVITY_MS = 1000;

/** "in 3 h", "in 12 min", "5 min ago", "2 d ago": how far a due time is. */
export function dueText(dueAt, now = Date.now()) {
  const minutes = Math.round((dueAt - now) / 60000);
  const size = Math.abs(minutes);
  const words = size < 60 ? `${size} min` : size < 48 * 60 ? `${Math.round(size / 60)} h` : `${Math.round(size / 1440)} d`;
  return minutes >= 0 ? `due in ${words}` : `overdue by ${words}`;
}

export class FollowUpList {
  constructor(root, button, repName) {
    this.root = root;
    this.button = button;
    this.repName = repName;
    this.list = root.querySelector('#follow-up-items');
    this.empty = root.querySelector('#follow-up-empty');
    this.teamId = null;
    this.items = [];
    this.timer = null;
    this.pending = null;
    button.addEventListener('click', () => this.toggle());
    root.querySelector('#follow-ups-close').addEventListener('click', () => this.hide());
  }

  setTeam(teamId) {
    this.teamId = teamId;
    this.load();
  }

  toggle() {
    if (this.root.hidden) this.show();
    else this.hide();
  }

  show() {
    this.root.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.load();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.load(), REFRESH_MS);
  }

  hide() {
    this.root.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    clearInterval(this.timer);
    this.timer = null;
  }

  /** An activity arrived: it may have opened, attempted or closed a follow-up a moment later. */
  activityLogged() {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.load(), AFTER_ACTIVITY_MS);
  }

  async load() {
    try {
      this.items = (await api.get(`/api/follow-ups${api.query({ state: 'open', teamId: this.teamId })}`)) ?? [];
    } catch {
      return;
    }
    this.render();
  }

  render(now = Date.now()) {
    const overdue = this.items.filter((item) => item.dueAt <= now).length;
    this.button.textContent = overdue ? `Follow-ups · ${overdue} overdue` : `Follow-ups · ${this.items.length}`;
    this.button.dataset.overdue = String(overdue);
    this.empty.hidden = this.items.length > 0;
    this.list.replaceChildren(...this.items.map((item) => this.row(item, now)));
  }

  row(item, now) {
    const li = document.createElement('li');
    li.className = 'follow-up';
    li.dataset.followUpId = item.id;
    if (item.dueAt <= now) li.classList.add('overdue');
    const title = document.createElement('strong');
    title.textContent = item.address || item.contactName || item.leadId || humanize(item.outcome);
    const detail = document.createElement('span');
    const who = this.repName(item.repId);
    detail.textContent = [humanize(item.outcome), who, `${item.attempts} attempt${item.attempts === 1 ? '' : 's'}`]
      .filter(Boolean)
      .join(' · ');
    const due = document.createElement('span');
    due.className = 'due';
    due.textContent = dueText(item.dueAt, now);
    due.title = new Date(item.dueAt).toLocaleString();
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'link';
    close.textContent = 'Close';
    close.addEventListener('click', async () => {
      const note = window.prompt('Why close this follow-up? (optional)') ?? null;
      if (note === null) return;
      try {
        await api.post(`/api/follow-ups/${item.id}/close`, { note: note || null });
      } catch {
        // a closed or vanished follow-up leaves the list on the next load either way
      }
      this.load();
    });
    li.append(title, due, detail, close);
    return li;
  }
}
