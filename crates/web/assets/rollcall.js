// Gatelangs roll-call: the attendance of a group's session, also offline.
//
// Saving a roll-call puts it, with an id made here, in IndexedDB; it stays there until the
// server has answered for it, and is sent to /api/v1/groups/roll-calls/sync. The server stores
// an id once, so a retry, a second tab or a reload mid-send never counts anyone twice; nothing
// leaves the queue before the server has answered, so no roll-call is lost. Roll-calls belong to
// the user who saved them and are only sent while that user is logged in.
(() => {
  'use strict';
  const form = document.getElementById('roll-call-form');
  if (!form || !('indexedDB' in window)) return;
  const user = form.dataset.user;
  const status = document.getElementById('roll-call-status');
  const msg = (name, count, message) => (form.dataset[name] || '')
    .replace('__COUNT__', String(count)).replace('__MESSAGE__', message || '');

  const dbReady = new Promise((resolve, reject) => {
    const req = indexedDB.open('gatelangs-rollcall', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = async (mode, work) => {
    const db = await dbReady;
    return new Promise((resolve, reject) => {
      const t = db.transaction(['queue'], mode);
      const result = work(t.objectStore('queue'));
      t.oncomplete = () => resolve(result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  };
  const mine = () => tx('readonly', (store) => {
    const out = [];
    store.openCursor().onsuccess = (e) => {
      const c = e.target.result;
      if (c) { if (c.value.user === user) out.push(c.value); c.continue(); }
    };
    return out;
  });

  // 26.11.2026 or 2026-11-26, and a day that exists: checked here, since an offline roll-call
  // with a bad date would only be refused long after the session.
  const validDate = (text) => {
    const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text) || /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    const [d, mo, y] = text.includes('.') ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d);
  };

  let notice = '';
  const rejected = [];
  let needsLogin = false;

  async function render() {
    const waiting = (await mine()).length;
    const state = needsLogin ? msg('msgLogin', waiting) : waiting ? msg('msgPending', waiting) : msg('msgAllSent');
    status.textContent = [notice, state, ...rejected].filter(Boolean).join(' ');
    status.dataset.pending = String(waiting);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const date = String(data.get('date') || '').trim();
    if (!validDate(date)) {
      notice = msg('msgDate');
      await render();
      form.querySelector('#date').focus();
      return;
    }
    const othersText = String(data.get('others') || '').trim();
    if (othersText !== '' && !(/^\d{1,4}$/.test(othersText) && Number(othersText) <= 1000)) {
      notice = msg('msgOthers');
      await render();
      form.querySelector('#others').focus();
      return;
    }
    const call = {
      id: crypto.randomUUID(),
      group: form.dataset.group,
      date,
      youths: data.getAll('youth'),
      pseudonyms: String(data.get('pseudonyms') || '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean),
      others: othersText === '' ? null : Number(othersText),
    };
    await tx('readwrite', (store) => store.add({ user, call }));
    form.reset();
    form.querySelector('#date').value = date;
    notice = msg('msgQueued');
    await render();
    flush();
  });

  let sending = false;
  let backoff = 1000;
  let retryTimer = null;
  async function flush() {
    if (sending) return;
    const batch = (await mine()).slice(0, 100);
    if (!batch.length) { backoff = 1000; return render(); }
    sending = true;
    try {
      const res = await fetch('/api/v1/groups/roll-calls/sync', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ roll_calls: batch.map((q) => q.call) }),
      });
      if (res.status === 401) { needsLogin = true; return; }
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      needsLogin = false;
      const { results } = await res.json();
      results.forEach((r) => { if (r.status === 'rejected') rejected.push(msg('msgRejected', 0, r.message)); });
      const written = results.reduce((n, r) => n + (r.written || 0), 0);
      if (results.some((r) => r.status !== 'rejected')) notice = msg('msgStored', written);
      await tx('readwrite', (store) => batch.forEach((q) => store.delete(q.seq)));
      backoff = 1000;
    } catch (_) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, backoff);
      backoff = Math.min(backoff * 2, 60_000);
    } finally {
      sending = false;
      await render();
    }
    if (!needsLogin && backoff === 1000 && (await mine()).length) flush();
  }

  window.addEventListener('online', () => { backoff = 1000; flush(); });
  setInterval(flush, 30_000);
  render().then(flush);

  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js', { scope: '/groups/' });
})();
