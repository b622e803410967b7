// The field page as a field worker meets it: taps online, then fifty taps with no network
// (one of them undone), a reload while offline, and back online: exactly 49 new contacts on the
// server, attributed to the worker and timed when tapped. Every page visited is scanned.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, expectAccessible, login } from '../harness.mjs';

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer(['--demo']);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);

async function serverContacts(page) {
  const res = await page.request.get(`${server.base}/api/v1/contacts?from=${today()}`);
  assert.equal(res.status(), 200);
  return (await res.json()).contacts;
}

const status = (page) => page.locator('#sync-status');

/** Waits until the server holds `n` contacts from today, and returns them. */
async function waitForContacts(page, n, timeout = 90_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const contacts = await serverContacts(page);
    if (contacts.length >= n || Date.now() > until) return contacts;
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('one tap per contact, offline included, exactly once', async () => {
  const page = await newPage(browser);
  try {
    await login(page, server.base, 'demo-feltarbeider', server.demoLogins['demo-feltarbeider']);
    await page.getByRole('heading', { name: /Hei, Frida/ }).waitFor();
    await page.getByRole('link', { name: 'Registrer treff' }).first().click();
    await page.waitForURL(/\/field\/$/);
    await expectAccessible(page, 'field page');
    await page.evaluate(() => navigator.serviceWorker.ready);

    // Online: two taps, one of them a group of three at a school (channel follows the place).
    await page.getByLabel('Sted').selectOption({ label: 'Stav skole' });
    assert.equal(await page.locator('input[name="channel"]:checked').getAttribute('value'), 'school');
    await page.getByRole('button', { name: 'Jente, 13–15' }).click();
    await page.getByText('+3').click();
    await page.getByRole('button', { name: 'Gutt, 16–18' }).click();
    let contacts = await waitForContacts(page, 2);
    assert.equal(contacts.length, 2);
    await status(page).filter({ hasText: 'Alt er sendt.' }).waitFor();
    assert.deepEqual(contacts.map((c) => c.count).sort(), [1, 3]);
    assert.ok(contacts.every((c) => c.place === 'Stav skole' && c.channel === 'school' && c.staff === 'demo-feltarbeider'));

    // Offline: fifty taps, one undone, then a reload with no network.
    await page.getByLabel('Sted').selectOption({ label: 'Lillestrøm tog- og bussterminal' });
    await page.context().setOffline(true);
    const offlineFrom = Date.now();
    const buttons = page.locator('button.tap');
    for (let i = 0; i < 50; i++) await buttons.nth(i % 20).click();
    await status(page).filter({ hasText: '50 venter på nett' }).waitFor();
    await page.locator('#shift-list button.undo').first().click();
    await status(page).filter({ hasText: '49 venter på nett' }).waitFor();
    // The test's own API client is not taken offline: nothing reached the server meanwhile.
    assert.equal((await serverContacts(page)).length, 2, 'the page really is offline');

    await page.reload();
    await status(page).filter({ hasText: '49 venter på nett' }).waitFor();
    assert.match(await page.locator('#shift-list').textContent(), /Angret/);
    const offlineUntil = Date.now();

    // Back online: everything arrives once.
    await page.context().setOffline(false);
    await status(page).filter({ hasText: 'Alt er sendt.' }).waitFor({ timeout: 90_000 });
    contacts = await waitForContacts(page, 51);
    // Nothing more arrives later (no doubles from a retry).
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await serverContacts(page)).length, 51);
    const fresh = contacts.filter((c) => c.place === 'Lillestrøm tog- og bussterminal');
    assert.equal(fresh.length, 49);
    assert.ok(fresh.every((c) => c.staff === 'demo-feltarbeider' && c.channel === 'street'));
    for (const c of fresh) {
      const at = Date.parse(c.occurred_at);
      // Timed when tapped (the server stores whole seconds), not when it arrived.
      assert.ok(at >= offlineFrom - 1000 && at <= offlineUntil, `${c.occurred_at} outside the offline taps`);
    }
    await expectAccessible(page, 'field page with a shift list');
  } finally {
    await page.context().close();
  }
});

test('the same registration id sent twice is stored once', async () => {
  const page = await newPage(browser);
  try {
    await login(page, server.base, 'demo-feltarbeider', server.demoLogins['demo-feltarbeider']);
    await page.getByRole('heading', { name: /Hei, Frida/ }).waitFor();
    const before = (await serverContacts(page)).length;
    const place = await page.request.get(`${server.base}/field/`).then((r) => r.text()).then((html) => html.match(/<option value="([0-9a-f-]{36})"/)[1]);
    const op = { op: 'register', id: crypto.randomUUID(), occurred_at: new Date().toISOString(), place, channel: 'street', age_group: 'unknown', gender: 'unknown', count: 2 };
    const send = () => page.request.post(`${server.base}/api/v1/contacts/sync`, { data: { ops: [op] } });
    const first = await (await send()).json();
    const second = await (await send()).json();
    assert.equal(first.results[0].status, 'stored');
    assert.equal(second.results[0].status, 'already_stored');
    assert.equal((await serverContacts(page)).length, before + 1);
  } finally {
    await page.context().close();
  }
});

test('the field page fits a 360 px phone with large targets', async () => {
  const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  try {
    await login(page, server.base, 'demo-feltarbeider', server.demoLogins['demo-feltarbeider']);
    await page.getByRole('heading', { name: /Hei, Frida/ }).waitFor();
    await page.goto(`${server.base}/field/`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page scrolls sideways (${width} px)`);
    const sizes = await page.locator('button.tap').evaluateAll((buttons) => buttons.map((b) => {
      const r = b.getBoundingClientRect();
      return [r.width, r.height];
    }));
    assert.equal(sizes.length, 20);
    assert.ok(sizes.every(([w, h]) => w >= 44 && h >= 44), JSON.stringify(sizes));
    // The site menu is folded behind its button, so the taps start on the first screen of a
    // 360×640 phone; the menu opens with one tap.
    const firstTap = await page.locator('button.tap').first().boundingBox();
    assert.ok(firstTap.y + firstTap.height <= 640, `the first tap target ends at ${firstTap.y + firstTap.height} px`);
    const youths = page.getByRole('link', { name: 'Ungdommer', exact: true });
    assert.equal(await youths.isVisible(), false, 'the menu is folded on a phone');
    await page.locator('summary', { hasText: 'Meny' }).click();
    await youths.waitFor();
    await expectAccessible(page, 'field page at 360 px');
  } finally {
    await context.close();
  }
});
