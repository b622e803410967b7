// The staffing plan and the rota as a leader meets them: the week shows every shift against its
// target with the shifts under target marked (in words, not colour alone); putting a team on a
// shift that needs one takes the mark away. Every page is scanned with axe-core.

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

test('a leader fills a shift under target in the week view', async () => {
  const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  try {
    await login(page, server.base, 'demo-leder', server.demoLogins['demo-leder']);
    await page.getByRole('link', { name: 'Bemanningsplan', exact: true }).click();
    await page.getByRole('heading', { name: 'Bemanningsplan', level: 1 }).waitFor();
    await expectAccessible(page, 'staffing plan');
    // The reference team's plan: Tuesday day shifts 3 - 4 teams.
    const dayRow = page.getByRole('row', { name: /08:30–15:30 \(day\)/ }).first();
    assert.match(await dayRow.innerText(), /3 - 4/);

    await page.getByRole('link', { name: 'Turnus', exact: true }).click();
    await page.getByRole('heading', { name: 'Turnus', level: 1 }).waitFor();
    await expectAccessible(page, 'rota week');
    // Eight weeks ahead the demo has no teams yet (its rota covers 2023–2024 and the weeks
    // around today): every shift of that week is under target.
    const ahead = new Date(Date.now() + 56 * 24 * 3600 * 1000);
    const pad = (n) => String(n).padStart(2, '0');
    const at = `${pad(ahead.getDate())}.${pad(ahead.getMonth() + 1)}.${ahead.getFullYear()}`;
    await page.goto(`${server.base}/rota?at=${at}`);
    await page.getByRole('heading', { name: /^Uke \d+/ }).waitFor();
    const under = page.locator('tr.under');
    const before = await under.count();
    assert.ok(before > 0, 'shifts under target are marked');
    assert.match(await under.first().innerText(), /Under mål/);
    await page.getByText(`${before} vakter er under målet`).waitFor();
    // A shift whose target is 1 - 2 teams: one team fills it.
    const row = page.locator('tr.under', { hasText: '1 - 2' }).first();
    const cells = await row.locator('td').allInnerTexts();
    const date = cells[0].split(' ')[1];
    const shift = cells[1].match(/\((.+)\)/)[1];
    await page.getByLabel('Dato').fill(date);
    await page.getByLabel('Vakt', { exact: true }).selectOption(shift);
    await page.getByLabel('Ansatt 1').selectOption({ label: 'Frida Feltarbeider (demo-feltarbeider)' });
    await page.getByLabel('Ansatt 2').selectOption({ label: 'Kristoffer Kollega (demo-kollega-1)' });
    await page.getByRole('button', { name: 'Sett opp', exact: true }).click();
    await page.getByText('Feltteamet er satt opp.').waitFor();
    assert.equal(await page.locator('tr.under').count(), before - 1);
    const filled = page.locator('tr', { hasText: cells[0] }).filter({ hasText: shift });
    assert.match(await filled.first().innerText(), /demo-feltarbeider, demo-kollega-1/);
    await expectAccessible(page, 'rota week after adding a team');
    await page.getByRole('link', { name: 'Vis måned' }).click();
    await page.getByRole('heading', { name: /Måned/ }).waitFor();
    await expectAccessible(page, 'rota month');
  } finally {
    await context.close();
  }
});
