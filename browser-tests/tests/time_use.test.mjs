// Time use on a phone: the demo field worker opens one of their recent shifts (the demo puts
// shifts around today on the rota), finds its hours offered as field work, moves an hour to
// documentation and saves; the year's shares update. The page fits a 360 px screen and axe-core
// finds no violations.

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

test('a field worker records the time of a shift on a phone', async () => {
  const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  try {
    await login(page, server.base, 'demo-feltarbeider', server.demoLogins['demo-feltarbeider']);
    await page.getByRole('heading', { name: /Hei, Frida/ }).waitFor();
    await page.locator('summary', { hasText: 'Meny' }).click();
    await page.getByRole('link', { name: 'Tidsbruk', exact: true }).click();
    await page.getByRole('heading', { name: 'Tidsbruk', level: 1 }).waitFor();
    await expectAccessible(page, 'time use');
    const shift = page.locator('ul.shift-links li').first();
    await shift.getByText('ikke registrert').waitFor();
    await shift.getByRole('link').click();
    await page.getByRole('heading', { name: /Tid for vakten/ }).waitFor();
    const field = page.getByLabel('Oppsøkende feltarbeid');
    const offered = await field.inputValue();
    assert.match(offered, /^\d+:\d\d$/, 'the shift is offered as field work');
    const [h, m] = offered.split(':').map(Number);
    const shiftMinutes = h * 60 + m;
    const less = shiftMinutes - 60;
    await field.fill(`${Math.floor(less / 60)}:${String(less % 60).padStart(2, '0')}`);
    await page.getByLabel('Dokumentasjon og journal').fill('1');
    await expectAccessible(page, 'time form');
    await page.getByRole('button', { name: 'Lagre tiden' }).click();
    await page.getByText('Tiden er lagret.').waitFor();
    await page.locator('ul.shift-links li', { hasText: `registrert ${offered} t` }).first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the time page scrolls sideways (${width} px)`);
    await expectAccessible(page, 'time use after saving');
  } finally {
    await context.close();
  }
});
