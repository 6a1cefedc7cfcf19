import * as api from './api.js';

const signInForm = document.getElementById('sign-in');
const signInError = document.getElementById('sign-in-error');
const teamsSection = document.getElementById('teams');
const teamList = document.getElementById('team-list');
const who = document.getElementById('who');
const signOut = document.getElementById('sign-out');

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

signOut.addEventListener('click', () => {
  api.forget();
  showSignIn();
});

function showSignIn() {
  signInForm.hidden = false;
  teamsSection.hidden = true;
  who.hidden = true;
  signOut.hidden = true;
}

async function showConsole() {
  let me;
  try {
    me = await api.get('/api/auth/me');
  } catch (error) {
    api.forget();
    showSignIn();
    return;
  }
  who.textContent = `${me.username} · ${me.role}`;
  who.hidden = false;
  signOut.hidden = false;
  signInForm.hidden = true;
  teamsSection.hidden = false;
  const teams = await api.get('/api/teams');
  teamList.replaceChildren(...await Promise.all(teams.map(renderTeam)));
  if (teams.length === 0) teamList.textContent = 'No teams yet.';
}

async function renderTeam(team) {
  const section = document.createElement('section');
  section.className = 'team';
  section.dataset.teamId = team.id;
  const heading = document.createElement('h2');
  heading.textContent = `${team.name} — tracking ${team.tracking ?? ''}`;
  const reps = await api.get(`/api/reps?teamId=${encodeURIComponent(team.id)}`);
  const table = document.createElement('table');
  table.innerHTML = '<thead><tr><th>Rep</th><th>Email</th></tr></thead>';
  const body = document.createElement('tbody');
  for (const rep of reps) {
    const row = document.createElement('tr');
    for (const value of [rep.name, rep.email ?? '']) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    body.append(row);
  }
  table.append(body);
  section.append(heading, table);
  return section;
}

if (api.token()) {
  showConsole();
} else {
  showSignIn();
}
