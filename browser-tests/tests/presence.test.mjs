// The presence planner as a leader meets it on the demo: from the staffing plan to the planner,
// the demo's 2024 records give a week for 7 staff and the curve for 5 to 9 (so 6, 7 and 8); a
// must-cover night is kept when planning again, a pinned team stays, and the week becomes the
// staffing plan in one click. Every page is scanned with axe-core.

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

const number = (text) => Number(text.trim().replace(/\s/g, '').replace(',', '.'));

test('a leader plans presence for fewer staff and adopts the week', async () => {
  const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await login(page, server.base, 'demo-leder', server.demoLogins['demo-leder']);
    await page.getByRole('link', { name: 'Bemanningsplan', exact: true }).click();
    await page.getByRole('link', { name: 'Planlegg tilstedeværelse med færre ansatte' }).click();
    await page.getByRole('heading', { name: 'Tilstedeværelse', level: 1 }).waitFor();
    await expectAccessible(page, 'presence planner');
    // The demo's records are of 2024; the page opens on them.
    assert.equal(await page.getByLabel('Årets registreringer (år)').inputValue(), '2024');
    const expected = number(await page.locator('#expected').innerText());
    assert.ok(expected > 0, 'a week for 7 staff meets youths');
    // The curve has 6, 7 and 8 staff, and more staff never expect fewer contacts.
    const curve = page.getByRole('region', { name: 'Forventede kontakter per uke etter antall ansatte' });
    const rows = await curve.locator('tbody tr').allInnerTexts();
    const points = rows.map((r) => r.split('\t').map(number));
    for (const n of [6, 7, 8]) assert.ok(points.some(([s]) => s === n), `curve has ${n} staff`);
    for (let i = 1; i < points.length; i++) assert.ok(points[i][1] >= points[i - 1][1], `${points}`);

    // Fewer staff, Sunday evening must be covered, and the first suggested team is pinned.
    await page.getByLabel('Antall ansatte i felt').fill('6');
    await page.getByRole('checkbox', { name: 'Må dekkes søndag evening' }).check();
    const firstPin = page.locator('input[name="pin"]').first();
    const pinned = await firstPin.getAttribute('value');
    await firstPin.check();
    await page.getByRole('button', { name: 'Planlegg', exact: true }).click();
    await page.locator('#expected').waitFor();
    assert.equal(await page.getByLabel('Antall ansatte i felt').inputValue(), '6');
    assert.ok(await page.getByRole('checkbox', { name: 'Må dekkes søndag evening' }).isChecked());
    assert.ok(await page.locator(`input[name="pin"][value="${pinned}"]`).isChecked(), pinned);
    const sunday = await page.locator('input[name="teams"][value^="sun:evening:"]').getAttribute('value');
    assert.notEqual(sunday, 'sun:evening:0', 'the must-cover evening has a team');
    await expectAccessible(page, 'presence planner after planning again');

    // One click: the week is the staffing plan from 1 January 2025.
    await page.getByLabel('Gjelder fra').fill('01.01.2025');
    await page.getByRole('button', { name: 'Lagre som bemanningsplan' }).click();
    await page.getByRole('heading', { name: 'Bemanningsplan', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /01\.01\.2025/ }).waitFor();
    const evening = page.getByRole('row', { name: /\(evening\)/ }).first();
    const sundayCell = (await evening.locator('td').allInnerTexts())[6];
    assert.equal(sundayCell.trim(), sunday.split(':')[2]);
  } finally {
    await context.close();
  }
});
