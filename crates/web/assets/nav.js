// Gatelangs site menu: on a phone the menu folds behind its "Menu" button, so a page's own tap
// targets (the field page, a roll-call) are on the first screen. Without JavaScript the menu
// simply stays open, as the server sends it.
(() => {
  'use strict';
  const menu = document.querySelector('details.site-menu');
  if (!menu) return;
  const narrow = window.matchMedia('(max-width: 40em)');
  const fit = () => { menu.open = !narrow.matches; };
  fit();
  narrow.addEventListener('change', fit);
})();

// Logged out (no log-out button on the page): the roll-call pages kept for offline use name
// youths, so they go. Queued roll-calls (IndexedDB) stay and are sent at the next login.
(() => {
  'use strict';
  if (document.querySelector('form[action="/logout"]') || !('caches' in window)) return;
  caches.keys().then((keys) => keys
    .filter((k) => k.startsWith('gatelangs-groups-'))
    .forEach((k) => caches.delete(k)));
})();
