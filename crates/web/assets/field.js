// Gatelangs field page: one tap per contact, also offline.
//
// Every tap becomes an operation with an id made here, kept in IndexedDB until the server has
// answered for it, and sent in order to /api/v1/contacts/sync. The server stores an id once, so a
// retry, a second tab or a reload mid-send never counts a tap twice; nothing is removed from the
// queue before the server has answered for it, so no tap is lost. Operations belong to the user
// who tapped and are only sent while that user is logged in.
(() => {
  'use strict';
  const form = document.getElementById('field-form');
  if (!form) return;
  const user = form.dataset.user;
  const undoMs = Number(form.dataset.undoMinutes) * 60_000;
  const msg = (name, count) => (form.dataset[name] || '').replace('__COUNT__', String(count));
  const status = document.getElementById('sync-status');
  const list = document.getElementById('shift-list');
  const placeSelect = document.getElementById('place');
  const SHIFT_MS = 12 * 3600_000;

  // --- IndexedDB: 'queue' holds operations not yet answered for; 'log' the shift's taps. ---
  const dbReady = new Promise((resolve, reject) => {
    const req = indexedDB.open('gatelangs-field', 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
      req.result.createObjectStore('log', { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = async (stores, mode, work) => {
    const db = await dbReady;
    return new Promise((resolve, reject) => {
      const t = db.transaction(stores, mode);
      const result = work(t);
      t.oncomplete = () => resolve(result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  };
  const all = (store) => tx([store], 'readonly', (t) => {
    const out = [];
    t.objectStore(store).openCursor().onsuccess = (e) => {
      const c = e.target.result;
      if (c) { out.push(c.value); c.continue(); }
    };
    return out;
  });

  // --- The place sticks for the shift; recently used places come first. ---
  const saved = JSON.parse(localStorage.getItem('gl-field-place') || 'null');
  if (saved && saved.user === user && Date.now() - saved.at < SHIFT_MS) placeSelect.value = saved.id;
  const recent = JSON.parse(localStorage.getItem('gl-field-recent') || '[]').filter((id) => id !== placeSelect.value);
  if (recent.length) {
    const group = document.createElement('optgroup');
    group.label = '★';
    for (const id of recent.slice(0, 4)) {
      const opt = placeSelect.querySelector(`option[value="${CSS.escape(id)}"]`);
      if (opt) group.appendChild(opt.cloneNode(true));
    }
    if (group.children.length) placeSelect.insertBefore(group, placeSelect.firstChild);
  }
  const channelFor = () => placeSelect.selectedOptions[0]?.dataset.channel || 'street';
  const setChannel = (value) => {
    const radio = form.querySelector(`input[name="channel"][value="${value}"]`);
    if (radio) radio.checked = true;
  };
  setChannel(channelFor());
  placeSelect.addEventListener('change', () => {
    setChannel(channelFor());
    localStorage.setItem('gl-field-place', JSON.stringify({ user, id: placeSelect.value, at: Date.now() }));
  });

  // --- Taps ---
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const cell = event.submitter?.value;
    if (!cell) return;
    const [age_group, gender] = cell.split(':');
    const data = new FormData(form);
    const other = Number(data.get('count_other'));
    const count = other >= 1 ? Math.min(other, 500) : Number(data.get('count') || 1);
    const op = {
      op: 'register', id: crypto.randomUUID(), occurred_at: new Date().toISOString(),
      place: placeSelect.value, channel: data.get('channel') || channelFor(), age_group, gender, count,
      topics: data.getAll('topic'),
    };
    const entry = {
      id: op.id, user, at: Date.now(), state: 'waiting', count, label: event.submitter.getAttribute('aria-label'),
      place: placeSelect.selectedOptions[0]?.textContent || '',
    };
    await tx(['queue', 'log'], 'readwrite', (t) => {
      t.objectStore('queue').add({ user, op });
      t.objectStore('log').put(entry);
    });
    localStorage.setItem('gl-field-place', JSON.stringify({ user, id: placeSelect.value, at: Date.now() }));
    const recentIds = [placeSelect.value, ...JSON.parse(localStorage.getItem('gl-field-recent') || '[]').filter((id) => id !== placeSelect.value)];
    localStorage.setItem('gl-field-recent', JSON.stringify(recentIds.slice(0, 5)));
    form.querySelector('input[name="count"][value="1"]').checked = true;
    form.querySelector('input[name="count_other"]').value = '';
    await render();
    flush();
  });

  async function undo(id) {
    // An operation not yet sent is simply taken out of the queue; one that may have reached the
    // server is followed by an undo operation, which the server applies in order.
    const queued = (await all('queue')).find((q) => q.op.op === 'register' && q.op.id === id);
    await tx(['queue', 'log'], 'readwrite', (t) => {
      if (queued && !inFlight.has(queued.seq)) t.objectStore('queue').delete(queued.seq);
      else t.objectStore('queue').add({ user, op: { op: 'undo', id } });
      const log = t.objectStore('log');
      log.get(id).onsuccess = (e) => { if (e.target.result) log.put({ ...e.target.result, state: 'undone' }); };
    });
    await render();
    flush();
  }

  // --- The running list and the waiting count ---
  async function render() {
    const [queue, log] = await Promise.all([all('queue'), all('log')]);
    const mine = queue.filter((q) => q.user === user);
    const waiting = new Set(mine.map((q) => q.op.id));
    const shift = log.filter((e) => e.user === user && Date.now() - e.at < SHIFT_MS).sort((a, b) => b.at - a.at);
    list.replaceChildren(...shift.map((e) => {
      const li = document.createElement('li');
      const time = new Date(e.at).toLocaleTimeString('nb-NO', { hour: '2-digit', minute: '2-digit' });
      const state = e.state === 'undone' ? msg('msgUndone') : e.state === 'rejected' ? msg('msgRejected')
        : waiting.has(e.id) ? msg('msgWaiting') : msg('msgSent');
      li.textContent = `${time} ${e.place}: ${e.label}${e.count > 1 ? ` ×${e.count}` : ''} (${state}) `;
      if (e.state !== 'undone' && e.state !== 'rejected' && Date.now() - e.at < undoMs) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'undo';
        b.textContent = msg('msgUndo');
        b.setAttribute('aria-label', `${msg('msgUndo')}: ${time} ${e.label}`);
        b.addEventListener('click', () => undo(e.id));
        li.appendChild(b);
      }
      return li;
    }));
    status.dataset.pending = String(mine.length);
    status.textContent = needsLogin ? msg('msgLogin', mine.length) : mine.length ? msg('msgPending', mine.length) : msg('msgAllSent');
  }

  // --- Sending, with retry and back-off ---
  const inFlight = new Set();
  let sending = false;
  let needsLogin = false;
  let backoff = 1000;
  let retryTimer = null;
  async function flush() {
    if (sending) return;
    const batch = (await all('queue')).filter((q) => q.user === user).slice(0, 200);
    if (!batch.length) { backoff = 1000; return render(); }
    sending = true;
    batch.forEach((q) => inFlight.add(q.seq));
    try {
      const res = await fetch('/api/v1/contacts/sync', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ops: batch.map((q) => q.op) }),
      });
      if (res.status === 401) { needsLogin = true; return; }
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      needsLogin = false;
      const { results } = await res.json();
      await tx(['queue', 'log'], 'readwrite', (t) => {
        batch.forEach((q, i) => {
          t.objectStore('queue').delete(q.seq);
          if (results[i]?.status === 'rejected') {
            const log = t.objectStore('log');
            log.get(q.op.id).onsuccess = (e) => { if (e.target.result) log.put({ ...e.target.result, state: 'rejected' }); };
          }
        });
      });
      backoff = 1000;
    } catch (_) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, backoff);
      backoff = Math.min(backoff * 2, 60_000);
    } finally {
      batch.forEach((q) => inFlight.delete(q.seq));
      sending = false;
      await render();
    }
    if (!needsLogin && backoff === 1000 && (await all('queue')).some((q) => q.user === user)) flush();
  }

  window.addEventListener('online', () => { backoff = 1000; flush(); });
  setInterval(flush, 30_000);
  setInterval(render, 60_000);
  render().then(flush);

  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js', { scope: '/field/' });
})();
