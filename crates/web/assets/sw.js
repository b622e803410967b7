// Gatelangs service worker for the field page: the page and its assets open with no network.
// The page is fetched from the network when there is one (so a new login or new places show at
// once) and from the cache when there is not.
const CACHE = 'gatelangs-field-__VERSION__';
const PAGE = '/field/';
const ASSETS = ['/assets/app.css', '/assets/field.js', '/assets/nav.js', '/assets/favicon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(ASSETS);
    const page = await fetch(PAGE, { credentials: 'same-origin' });
    if (page.ok && !page.redirected) await cache.put(PAGE, page);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname === PAGE) {
    event.respondWith((async () => {
      try {
        const response = await fetch(event.request);
        if (response.ok && !response.redirected) (await caches.open(CACHE)).put(PAGE, response.clone());
        return response;
      } catch (_) {
        return (await caches.match(PAGE)) || Response.error();
      }
    })());
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith((async () => (await caches.match(url.pathname)) || fetch(event.request))());
  }
});
