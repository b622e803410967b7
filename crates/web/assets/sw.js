// Gatelangs service worker for the phone-first pages: the field page (scope /field/) and the
// roll-calls of groups (scope /groups/) open with no network. A page is fetched from the network
// when there is one (so a new login, new places or new youths show at once) and from the cache
// when there is not.
//
// A roll-call page names youths, so a copy is kept only for the length of a shift (12 hours),
// is dropped as soon as the server answers with the login page, and is deleted by nav.js on any
// page seen logged out. The field page holds no personal data.
const SCOPE = new URL(self.registration.scope).pathname;
const KIND = SCOPE === '/groups/' ? 'groups' : 'field';
const CACHE = `gatelangs-${KIND}-__VERSION__`;
const PRECACHED_PAGE = KIND === 'field' ? '/field/' : null;
const ASSETS = ['/assets/app.css', '/assets/field.js', '/assets/rollcall.js', '/assets/nav.js', '/assets/favicon.svg'];
const PAGE_MAX_AGE_MS = 12 * 3600_000;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(ASSETS);
    if (PRECACHED_PAGE) {
      const page = await fetch(PRECACHED_PAGE, { credentials: 'same-origin' });
      if (page.ok && !page.redirected) await cache.put(PRECACHED_PAGE, page);
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Only this kind's older versions: the other page's worker keeps its own cache.
    for (const key of await caches.keys()) {
      if (key.startsWith(`gatelangs-${KIND}-`) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// A page of this worker: the field page, or one group's roll-call (/groups/ID).
const isPage = (path) => (KIND === 'field' ? path === '/field/' : /^\/groups\/[0-9a-f-]{36}$/.test(path));

async function networkFirst(request, path) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) {
      const copy = new Headers(response.headers);
      copy.set('x-gatelangs-cached-at', String(Date.now()));
      const body = await response.clone().arrayBuffer();
      await cache.put(path, new Response(body, { status: response.status, headers: copy }));
    } else if (response.redirected && KIND === 'groups') {
      // Logged out: no roll-call page stays on the phone.
      await caches.delete(CACHE);
    }
    return response;
  } catch (_) {
    const cached = await cache.match(path);
    const at = Number(cached?.headers.get('x-gatelangs-cached-at') || 0);
    if (cached && (KIND === 'field' || Date.now() - at < PAGE_MAX_AGE_MS)) return cached;
    if (cached) await cache.delete(path);
    return Response.error();
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (isPage(url.pathname)) {
    event.respondWith(networkFirst(event.request, url.pathname));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith((async () => (await caches.match(url.pathname)) || fetch(event.request))());
  }
});
