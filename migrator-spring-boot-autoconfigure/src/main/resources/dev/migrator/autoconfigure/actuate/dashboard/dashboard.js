// The migrations dashboard: reads the migrations endpoint (GET) and posts its operations, nothing else.
// Every value is put in the page as text (textContent), never as markup.
'use strict';
(function () {
  const endpoint = document.body.dataset.endpoint;
  const writesOpen = document.body.dataset.writes === 'true';
  const FAST_MS = 2000; // while a migration runs
  const SLOW_MS = 30000;
  let state = null;
  let timer = null;
  // the migrator shown: '' for the default one, else a migrator.instances name (kept in the URL's #)
  let instance = decodeURIComponent(location.hash.replace(/^#/, ''));
  const base = () => endpoint + (instance ? '/' + encodeURIComponent(instance) : '');

  const $ = (id) => document.getElementById(id);

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (value === null || value === undefined || value === false) return;
      if (key === 'class') node.className = value;
      else if (key.startsWith('data-') || key === 'datetime' || key === 'scope' || key === 'title') node.setAttribute(key, value);
      else node[key] = value;
    });
    children.flat().forEach((child) => {
      if (child === null || child === undefined) return;
      node.append(child instanceof Node ? child : String(child));
    });
    return node;
  }

  function fill(tbody, rows, empty, columns) {
    tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colSpan: columns, class: 'muted' }, empty))]));
  }

  // ---- formatting ----
  function millis(ms) {
    if (ms === null || ms === undefined) return 'unknown';
    if (ms < 1000) return ms + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
    return Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
  }
  function percent(share) {
    return (share === null || share === undefined) ? '–' : Math.round(share * 100) + '%';
  }
  function absolute(iso) {
    return new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  }
  function relative(iso, now) {
    const seconds = Math.max(0, Math.round((now - new Date(iso)) / 1000));
    if (seconds < 60) return seconds + 's ago';
    if (seconds < 3600) return Math.floor(seconds / 60) + 'min ago';
    if (seconds < 86400) return Math.floor(seconds / 3600) + 'h ago';
    return Math.floor(seconds / 86400) + 'd ago';
  }
  function when(iso, now) {
    if (!iso) return el('span', { class: 'muted' }, '–');
    return el('time', { datetime: iso, title: absolute(iso) }, relative(iso, now), el('span', { class: 'muted' }, ' (' + absolute(iso) + ')'));
  }
  function bytes(size) {
    if (size < 1024) return size + ' B';
    if (size < 1048576) return (size / 1024).toFixed(1) + ' KB';
    return (size / 1048576).toFixed(1) + ' MB';
  }
  const STATE_CLASS = { APPLIED: 'ok', BASELINE: 'ok', FAILED: 'bad', MISSING: 'bad', PENDING: 'warn', ROLLED_BACK: 'warn', OUT_OF_ORDER: 'warn' };
  function stateText(value) {
    return el('span', { class: 'badge ' + (STATE_CLASS[value] || 'muted') }, String(value).toLowerCase().replace(/_/g, ' '));
  }
  const STATUS_CLASS = { UP_TO_DATE: 'ok', PENDING: 'warn', MIGRATING: 'warn', FAILED: 'bad', INVALID: 'bad', LOCK_STUCK: 'bad' };
  function dataLossText(loss) {
    if (!loss) return el('span', { class: 'muted' }, 'not estimated (a Java down)');
    if (!loss.effects.length) return 'none';
    return el('span', { class: loss.rows > 0 ? 'bad' : '' }, loss.effects.join(', '));
  }
  function pair(key, label, value) {
    return el('tr', { 'data-key': key }, el('th', { scope: 'row' }, label), el('td', {}, value));
  }

  // ---- reading ----
  async function load() {
    clearTimeout(timer);
    try {
      const asked = instance;
      const response = await fetch(base(), { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (asked !== instance) return; // another migrator was chosen meanwhile: its own load renders it
      if (response.status === 404 && instance) { choose(''); return; } // an instance gone since, or a mistyped #
      if (!response.ok) throw new Error('GET ' + base() + ' answered HTTP ' + response.status
        + (response.status === 401 || response.status === 403 ? ': sign in as a user allowed to read the migrations endpoint' : ''));
      state = await response.json();
      renderInstances(state.instances || []);
      render(state);
      document.body.dataset.shown = instance || 'default';
      $('error').hidden = true;
    } catch (ex) {
      $('error').textContent = ex.message;
      $('error').hidden = false;
    }
    const running = state && (state.status === 'MIGRATING' || (state.lock && state.lock.held));
    timer = setTimeout(load, running ? FAST_MS : SLOW_MS);
  }

  function render(m) {
    const d = m.dashboard;
    const now = new Date(d.computedAt);
    const o = d.overview;
    const s = d.statistics;
    $('updated').textContent = 'Read ' + absolute(d.computedAt) + (m.status === 'MIGRATING' ? ' · refreshing every 2 s while a migration runs' : '');

    const withLatest = o.currentVersion + (o.currentVersion === o.latestVersion && o.currentVersion !== '0' ? ' (latest)' : ' (latest: ' + o.latestVersion + ')');
    fill($('overview-rows'), [
      pair('status', 'Status', el('span', { class: 'badge ' + (STATUS_CLASS[m.status] || '') }, m.status.toLowerCase().replace(/_/g, ' '))),
      pair('currentVersion', 'Current version', withLatest),
      pair('applied', 'Applied', o.applied),
      pair('pending', 'Pending', o.pending),
      pair('rollbacksAvailable', 'Rollbacks available', o.rollbacksAvailable + ' · ' + o.withDown + ' of ' + o.migrations + ' migrations have a down (' + percent(o.downShare) + ')'),
      pair('successRate', 'Success rate', s.successRate === null ? 'no attempts yet' : percent(s.successRate) + ' (' + s.succeeded + ' of ' + s.attempts + ' attempts)'),
      pair('averageMs', 'Average duration', s.averageMs === null ? '–' : millis(s.averageMs)),
      pair('longest', 'Longest / shortest', s.longest ? millis(s.longest.ms) + ' (v' + s.longest.version + ') / ' + millis(s.shortest.ms) + ' (v' + s.shortest.version + ')' : '–'),
      pair('lock', 'Lock', m.lock && m.lock.held ? 'held' + (m.lock.host ? ' by ' + m.lock.host + ' pid ' + m.lock.pid : '') + (m.lock.since ? ' since ' + absolute(m.lock.since) : '') : 'free'),
    ], '', 2);
    $('reasons').replaceChildren(...m.reasons.concat(m.problems, m.warnings).map((text) => el('li', {}, text)));

    const running = m.status === 'MIGRATING' || (m.lock && m.lock.held);
    $('progress').hidden = !running;
    if (running) {
      const since = m.lock && m.lock.since ? new Date(m.lock.since) : null;
      $('progress-text').textContent = 'A run holds the lock' + (since ? ' for ' + millis(now - since) + ' so far' : '')
        + '; committed up to version ' + m.currentVersion + '. ' + m.reasons.join(' ');
    }

    const history = m.applied.concat(m.pending).sort((a, b) => compareVersions(a.version, b.version));
    fill($('history-rows'), history.map((x) => el('tr', { 'data-version': x.version },
      el('th', { scope: 'row' }, x.version), el('td', {}, x.description), el('td', {}, when(x.appliedAt, now)),
      el('td', {}, x.executionTimeMs === null ? '–' : millis(x.executionTimeMs)), el('td', {}, stateText(x.state)),
      el('td', {}, x.appliedBy || '–'))), 'No migrations in the code or the history.', 6);

    $('timeline-list').replaceChildren(...d.timeline.map((t) => el('li', {
      'data-version': t.version,
      class: [t.state.toLowerCase().replace(/_/g, '-'), t.current ? 'current' : ''].join(' ').trim(),
    }, 'v' + t.version + ' → ' + t.description,
      t.appliedAt ? el('span', { class: 'muted' }, ' (' + relative(t.appliedAt, now) + ')') : null,
      t.current ? el('strong', {}, ' CURRENT') : null,
      t.state !== 'APPLIED' && t.state !== 'BASELINE' ? el('span', { class: STATE_CLASS[t.state] || 'muted' }, ' · ' + t.state.toLowerCase().replace(/_/g, ' ')) : null,
      t.failedAttempts ? el('span', { class: 'bad' }, ' · ' + t.failedAttempts + ' failed attempt' + (t.failedAttempts === 1 ? '' : 's')) : null,
      t.rollbacks ? el('span', { class: 'warn' }, ' · rolled back ' + t.rollbacks + '×') : null)));
    if (!d.timeline.length) $('timeline-list').append(el('li', { class: 'muted' }, 'No migrations yet.'));

    fill($('statistics-rows'), [
      pair('attempts', 'Attempts (migrate and rollback)', s.attempts),
      pair('succeeded', 'Successful', s.succeeded + (s.attempts ? ' (' + percent(s.successRate) + ')' : '')),
      pair('failed', 'Failed', s.failed + ' (' + s.migrationsFailed + ' migrate, ' + s.rollbacksFailed + ' rollback)'),
      pair('migrationsApplied', 'Migrations applied', s.migrationsApplied),
      pair('rollbacksPerformed', 'Rollbacks performed', s.rollbacksPerformed + (s.rollbacksPerformed ? '' : ' (never needed)')),
      pair('totalMs', 'Total time of the applied migrations', millis(s.totalMs)),
      pair('average', 'Average', s.averageMs === null ? '–' : millis(s.averageMs)),
      pair('longestMigration', 'Longest', s.longest ? millis(s.longest.ms) + ' (v' + s.longest.version + ': ' + s.longest.description + ')' : '–'),
      pair('shortestMigration', 'Shortest', s.shortest ? millis(s.shortest.ms) + ' (v' + s.shortest.version + ': ' + s.shortest.description + ')' : '–'),
    ], '', 2);

    fill($('rollback-rows'), d.rollbackPlan.map((r) => el('tr', { 'data-version': r.version },
      el('th', { scope: 'row' }, r.step), el('td', {}, 'v' + r.version + ' → v' + r.to),
      el('td', { class: r.possible ? 'ok' : 'bad' }, r.possible ? 'yes' : 'no: ' + r.blockedBy + ' has no down'),
      el('td', {}, dataLossText(r.dataLoss)),
      el('td', {}, r.estimatedMs === null ? 'unknown' : millis(r.estimatedMs), el('span', { class: 'muted' }, r.basis === 'DOWN' ? ' (its recorded downs)' : r.basis === 'UP' ? ' (its up took)' : '')),
      el('td', {}, r.cumulativeMs === null ? 'unknown' : millis(r.cumulativeMs)))), 'Nothing applied: nothing to roll back.', 6);

    fill($('pending-rows'), m.pending.map((x) => el('tr', { 'data-version': x.version },
      el('th', { scope: 'row' }, x.version), el('td', {}, x.description), el('td', { class: 'mono' }, x.script || '–'),
      el('td', {}, stateText(x.state)))), 'Nothing pending.', 4);

    fill($('backup-rows'), m.backups.map((b) => el('tr', { 'data-id': b.id },
      el('td', {}, when(b.created, now)), el('td', {}, b.version), el('td', {}, bytes(b.size)),
      el('td', { class: b.verified ? 'ok' : 'bad' }, b.verified ? 'verified' : 'NOT verified'),
      el('td', { class: 'mono', title: b.checksum || '' }, b.checksum ? b.checksum.slice(0, 12) + '…' : '–'),
      el('td', {}, writesOpen ? el('button', { type: 'button', class: 'danger', 'data-restore': b.id }, 'Restore…')
        : el('code', {}, 'migrator restore ' + b.id)))), 'None yet: one is taken before every run that changes the database.', 6);

    fill($('log-rows'), m.log.map((e) => el('tr', {},
      el('td', {}, when(e.performedAt, now)), el('td', {}, e.action), el('td', {}, e.version || '–'),
      el('td', { class: e.success ? 'ok' : 'bad' }, e.success ? 'ok' : 'failed'),
      el('td', {}, e.executionTimeMs === null ? '–' : millis(e.executionTimeMs)), el('td', {}, e.performedBy || '–'),
      el('td', { class: 'mono' }, e.error || ''))), 'The log is empty.', 7);

    renderActions(m);
  }

  function compareVersions(a, b) {
    const x = a.split('.').map(Number);
    const y = b.split('.').map(Number);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const diff = (x[i] || 0) - (y[i] || 0);
      if (diff) return diff;
    }
    return 0;
  }

  // ---- several migrators (migrator.instances): a selector, shown only when there are some ----
  function renderInstances(names) {
    $('instance-picker').hidden = names.length === 0;
    const select = $('instance');
    const options = [''].concat(names);
    if (select.options.length !== options.length || options.some((name, i) => select.options[i].value !== name)) {
      select.replaceChildren(...options.map((name) => el('option', { value: name }, name || 'default')));
    }
    select.value = instance;
  }

  function choose(name) {
    instance = name;
    history.replaceState(null, '', name ? '#' + encodeURIComponent(name) : location.pathname + location.search);
    document.title = 'Migrations' + (name ? ' · ' + name : '');
    ['result', 'restore-result'].forEach((id) => { $(id).textContent = ''; });
    ['confirm', 'restore-confirm'].forEach((id) => { $(id).hidden = true; });
    load();
  }

  // ---- writing: only the endpoint's own operations ----
  function renderActions(m) {
    $('actions').hidden = !writesOpen;
    if (!writesOpen) return;
    $('dry-run').disabled = m.pending.length === 0;
    $('migrate').disabled = m.pending.length === 0;
    const select = $('rollback-target');
    const chosen = select.value;
    const versions = m.dashboard.rollbackPlan.map((r) => r.to);
    select.replaceChildren(...versions.map((v) => el('option', { value: v }, v)));
    if (versions.includes(chosen)) select.value = chosen;
    $('rollback-review').disabled = m.dashboard.rollbackPlan.length === 0;
  }

  function csrfHeaders() {
    const token = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
    return token ? { 'X-XSRF-TOKEN': decodeURIComponent(token.split('=')[1]) } : {};
  }

  async function post(command, body, result = $('result')) {
    result.textContent = command + '…';
    let response;
    try {
      response = await fetch(base() + '/' + command, {
        method: 'POST',
        headers: Object.assign({ 'Content-Type': 'application/json', Accept: 'application/json' }, csrfHeaders()),
        body: JSON.stringify(body),
      });
    } catch (ex) {
      result.textContent = command + ' could not be sent: ' + ex.message;
      return null;
    }
    let answer = null;
    try { answer = await response.json(); } catch (ignored) { /* a security filter's answer has no JSON */ }
    result.replaceChildren(...report(command, body, response.status, answer));
    load();
    return { status: response.status, answer };
  }

  function report(command, body, status, a) {
    const title = (body.dryRun ? 'Dry run of ' : '') + command;
    if (status === 401 || status === 403) {
      return [el('strong', { class: 'bad', 'data-outcome': 'refused' }, title + ' refused (HTTP ' + status + ')'),
        ': sign in as a user allowed to write to the migrations endpoint. Nothing was run.'];
    }
    if ((status === 404 && !(a && a.error)) || status === 405) {
      return [el('strong', { class: 'bad', 'data-outcome': 'closed' }, title + ': writes are not open (HTTP ' + status + ')'),
        ' — management.endpoint.migrations.access=unrestricted opens them.'];
    }
    if (!a) return [el('strong', { class: 'bad', 'data-outcome': 'error' }, title + ' answered HTTP ' + status)];
    if (a.error !== undefined) {
      const parts = [el('strong', { class: 'bad', 'data-outcome': status === 409 ? 'refused' : 'error' }, title + ' (HTTP ' + status + '): '), a.error];
      if (a.dataLoss && a.dataLoss.length) {
        parts.push(el('ul', {}, a.dataLoss.map((l) => el('li', {}, 'v' + l.version + ': ' + (l.effects.join(', ') || 'nothing')))));
        parts.push('Tick “Allow data loss” to run it anyway.');
      }
      (a.problems || []).forEach((p) => parts.push(el('div', {}, '• ' + p)));
      return parts;
    }
    if (a.command === 'restore') {
      return [el('strong', { class: 'ok', 'data-outcome': 'done' }, 'Restored backup ' + a.restored.id + ': the database is at version ' + a.currentVersion),
        el('div', {}, 'The state before the restore is in backup ' + a.safetyBackup.id + ' (version ' + a.safetyBackup.version + '): restore it to undo this.')];
    }
    const lines = [el('strong', { class: a.failure ? 'bad' : 'ok', 'data-outcome': a.failure ? 'failed' : 'done' },
      title + (a.dryRun ? ' (nothing changed)' : '') + ': version ' + a.previousVersion + ' → ' + a.currentVersion)];
    lines.push(el('ul', {}, (a.migrations || []).map((x) => el('li', {}, 'v' + x.version + ' ' + x.description + ' (' + millis(x.durationMs) + ')'))));
    (a.dataLoss || []).forEach((l) => lines.push(el('div', {}, 'v' + l.version + ' data loss: ' + (l.effects.join(', ') || 'none'))));
    if (a.failure) lines.push(el('div', { class: 'bad' }, 'Would fail at v' + a.failure.version + ' ' + (a.failure.script || '') + ':' + a.failure.line + ': ' + a.failure.message));
    (a.warnings || []).forEach((w) => lines.push(el('div', { class: 'warn' }, w)));
    if (a.backup) lines.push(el('div', {}, 'Backup taken first: ' + a.backup.id));
    return lines;
  }

  function rollbackRequest() {
    const bySteps = document.querySelector('input[name=by]:checked').value === 'steps';
    return bySteps ? { steps: Number($('rollback-steps').value) } : { target: $('rollback-target').value };
  }

  function review(event) {
    event.preventDefault();
    const request = rollbackRequest();
    const plan = state.dashboard.rollbackPlan;
    const count = request.steps !== undefined ? request.steps : plan.findIndex((r) => r.to === request.target) + 1;
    const steps = plan.slice(0, Math.max(0, count));
    const items = steps.map((r) => el('li', { class: r.possible ? '' : 'bad' }, 'v' + r.version + ' → v' + r.to + ': ',
      dataLossText(r.dataLoss), r.possible ? '' : ' (cannot: ' + r.blockedBy + ' has no down)'));
    const last = steps[steps.length - 1];
    $('confirm-report').replaceChildren(
      el('p', {}, 'This rolls back ' + steps.length + ' migration' + (steps.length === 1 ? '' : 's')
        + (last ? ', to version ' + last.to + '; estimated time ' + millis(last.cumulativeMs) : '') + ':'),
      el('ul', {}, items),
      el('p', { class: 'hint' }, 'A backup is taken first. Data loss is estimated now; the rollback counts again and refuses unless data loss is allowed.'));
    $('allow-data-loss').checked = false;
    $('confirm-check').checked = false;
    $('rollback-run').disabled = true;
    $('confirm').hidden = false;
    $('confirm-check').focus();
  }

  function reviewRestore(event) {
    const button = event.target.closest('button[data-restore]');
    if (!button) return;
    const backup = state.backups.find((b) => b.id === button.dataset.restore);
    if (!backup) return;
    $('restore-report').replaceChildren(
      el('p', {}, 'This puts backup ', el('code', {}, backup.id), ' (version ' + backup.version + ', taken ' + absolute(backup.created)
        + ') in place of the current database (version ' + state.currentVersion + ').'),
      el('p', {}, 'A safety backup of the current state is taken first; restoring it undoes this. What changed since the backup was taken is then only in the safety backup.'),
      backup.verified ? null : el('p', { class: 'bad' }, 'This backup does NOT match its recorded checksum: the restore will refuse it.'));
    $('restore-confirm').dataset.id = backup.id;
    $('restore-check').checked = false;
    $('restore-run').disabled = true;
    $('restore-confirm').hidden = false;
    $('restore-check').focus();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('refresh').addEventListener('click', load);
    $('instance').addEventListener('change', (e) => choose(e.target.value));
    if (instance) document.title = 'Migrations · ' + instance;
    $('dry-run').addEventListener('click', () => post('migrate', { dryRun: true }));
    $('migrate').addEventListener('click', () => post('migrate', {}));
    $('rollback-form').addEventListener('submit', review);
    $('confirm-check').addEventListener('change', (e) => { $('rollback-run').disabled = !e.target.checked; });
    $('rollback-dry-run').addEventListener('click', () => post('rollback', Object.assign(rollbackRequest(), {
      dryRun: true, allowDataLoss: $('allow-data-loss').checked })));
    $('rollback-run').addEventListener('click', async () => {
      if (!$('confirm-check').checked) return;
      const body = rollbackRequest();
      if ($('allow-data-loss').checked) body.allowDataLoss = true;
      const outcome = await post('rollback', body);
      if (outcome && outcome.status === 200) $('confirm').hidden = true;
      $('confirm-check').checked = false;
      $('rollback-run').disabled = true;
    });
    $('rollback-cancel').addEventListener('click', () => { $('confirm').hidden = true; });
    $('backup-rows').addEventListener('click', reviewRestore);
    $('restore-check').addEventListener('change', (e) => { $('restore-run').disabled = !e.target.checked; });
    $('restore-run').addEventListener('click', async () => {
      if (!$('restore-check').checked) return;
      const outcome = await post('restore', { target: $('restore-confirm').dataset.id }, $('restore-result'));
      if (outcome && outcome.status === 200) $('restore-confirm').hidden = true;
      $('restore-check').checked = false;
      $('restore-run').disabled = true;
    });
    $('restore-cancel').addEventListener('click', () => { $('restore-confirm').hidden = true; });
    load();
  });
})();
