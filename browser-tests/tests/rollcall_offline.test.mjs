// The roll-call on a phone with no network: the group's page opens from the phone, a session's
// attendance is saved on the phone, and when the network is back it is sent and counted once,
// even when the server's first answer is lost on the way back. Logged out, the kept page goes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, expectAccessible, login } from '../harness.mjs';

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

test('a roll-call taken offline is sent once when the network is back', async () => {
  const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  try {
    await login(page, server.base, 'demo-feltarbeider', server.demoLogins['demo-feltarbeider']);
    await page.getByRole('heading', { name: /Hei, Frida/ }).waitFor();
    await page.goto(`${server.base}/groups`);
    await page.locator('tbody a').first().click();
    await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/);
    const groupUrl = page.url();
    const groupName = await page.locator('h1').textContent();
    await page.evaluate(() => navigator.serviceWorker.ready);
    // Opened once more under the worker, the page is kept for the shift.
    await page.reload();
    await page.getByRole('heading', { name: groupName, level: 1 }).waitFor();

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: groupName, level: 1 }).waitFor();
    const youth = page.locator('input[name="youth"]').first();
    await youth.check();
    await page.getByLabel(/Anonyme deltakere \(kallenavn/).fill('Offline-Ugla\nOffline-Rev');
    await page.getByLabel('Andre deltakere (antall)').fill('2');
    await page.getByRole('button', { name: 'Lagre oppmøtet' }).click();
    const status = page.locator('#roll-call-status');
    await status.filter({ hasText: 'Oppmøter som venter på nett: 1.' }).waitFor();
    assert.equal(await youth.isChecked(), false, 'the form is emptied for the next session');
    await expectAccessible(page, 'roll-call offline');

    // The first answer is lost: the server stores the roll-call, the phone sees no reply and
    // sends it again.
    let sends = 0;
    await page.route('**/api/v1/groups/roll-calls/sync', async (route) => {
      sends += 1;
      if (sends === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await context.setOffline(false);
    await status.filter({ hasText: 'Alle oppmøter er sendt.' }).waitFor({ timeout: 30_000 });
    assert.ok(sends >= 2, `sent ${sends} time(s)`);
    await page.unroute('**/api/v1/groups/roll-calls/sync');

    // Counted once: today's session has one named youth, two pseudonyms and two others.
    await page.goto(groupUrl);
    const today = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    const cells = await page.locator('tr', { has: page.locator('td', { hasText: today }) }).locator('td').allTextContents();
    assert.deepEqual(cells, [today, '1', '2', '2']);

    // Logged out, no roll-call page stays on the phone.
    await page.locator('summary', { hasText: 'Meny' }).click();
    await page.getByRole('button', { name: /Logg ut/ }).click();
    await page.waitForURL(/\/login/);
    await page.waitForFunction(async () => !(await caches.keys()).some((k) => k.startsWith('gatelangs-groups-')));
    await context.setOffline(true);
    const offline = await page.goto(groupUrl).catch((e) => e);
    assert.ok(offline instanceof Error || !offline.ok(), 'the roll-call page is gone');
  } finally {
    await context.close();
  }
});
