// Taps queued offline survive closing the browser and an expired session: they are sent after
// the next login, attributed to the worker who tapped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchPersistent, login } from '../harness.mjs';

test('queued taps outlive the browser and the session', async () => {
  const server = await startServer(['--demo', '--session-idle', '3s']);
  const profile = mkdtempSync(join(tmpdir(), 'gatelangs-profile-'));
  const worker = 'demo-feltarbeider';
  try {
    let browser = await launchPersistent(profile);
    let page = browser.pages()[0] ?? await browser.newPage();
    await login(page, server.base, worker, server.demoLogins[worker]);
    await page.getByRole('heading', { name: /Hei, Frida/ }).waitFor();
    await page.goto(`${server.base}/field/`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.getByLabel('Sted').selectOption({ label: 'Fetsund' });
    await browser.setOffline(true);
    for (let i = 0; i < 3; i++) await page.locator('button.tap').nth(i).click();
    await page.locator('#sync-status').filter({ hasText: '3 venter på nett' }).waitFor();
    await browser.close();

    // The session runs out while the phone is closed.
    await new Promise((r) => setTimeout(r, 4000));
    browser = await launchPersistent(profile);
    page = browser.pages()[0] ?? await browser.newPage();
    await page.goto(`${server.base}/field/`);
    // Online but logged out: the page sends to the login, and the taps wait.
    await page.waitForURL(/\/login/);
    await login(page, server.base, worker, server.demoLogins[worker]);
    await page.getByRole('heading', { name: /Hei, Frida/ }).waitFor();
    await page.goto(`${server.base}/field/`);
    await page.locator('#sync-status').filter({ hasText: 'Alt er sendt.' }).waitFor({ timeout: 60_000 });
    const res = await page.request.get(`${server.base}/api/v1/contacts?from=${new Date().toISOString().slice(0, 10)}`);
    const contacts = (await res.json()).contacts.filter((c) => c.place === 'Fetsund');
    assert.equal(contacts.length, 3);
    assert.ok(contacts.every((c) => c.staff === worker));
    await browser.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
});
