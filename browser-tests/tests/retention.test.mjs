// A leader's retention decision in Chromium: the demo's records closed in 2019 are due, the
// decision form (in a disclosure) is filled and sent, the record is gone from the list and the
// decision is shown. axe-core scans the page with the form open and after.

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

test('a leader deletes a record past its period by a recorded decision', async () => {
  const page = await newPage(browser);
  try {
    await login(page, server.base, 'demo-leder', server.demoLogins['demo-leder']);
    await page.goto(`${server.base}/youths/retention`);
    await page.getByRole('cell', { name: '28.06.2019' }).first().waitFor();
    for (const due of ['D-0301', 'D-0302', 'D-0303']) await page.getByRole('link', { name: due }).waitFor();
    await page.getByText('Vedtak om D-0301').click();
    const form = page.locator('details', { hasText: 'Vedtak om D-0301' });
    await expectAccessible(page, 'retention decision form');

    // Without grounds the browser asks for them first.
    await form.getByRole('button', { name: 'Registrer vedtaket og slett journalen D-0301' }).click();
    assert.equal(await form.getByLabel('Begrunnelse (hvorfor journalen ikke lenger trengs)').evaluate((e) => e.validity.valueMissing), true);

    await form.getByLabel('Begrunnelse (hvorfor journalen ikke lenger trengs)').fill('Oppfølgingen ble avsluttet i 2019 og journalen trengs ikke lenger.');
    await form.getByRole('button', { name: 'Registrer vedtaket og slett journalen D-0301' }).click();
    await page.getByText('Vedtaket er registrert').waitFor();
    await page.getByRole('cell', { name: 'Oppfølgingen ble avsluttet i 2019 og journalen trengs ikke lenger.' }).waitFor();
    assert.equal(await page.getByText('Vedtak om D-0301').count(), 0, 'no longer due');
    await expectAccessible(page, 'retention after a decision');

    assert.equal(await page.getByRole('link', { name: 'D-0301' }).count(), 0, 'no longer listed');
    await page.getByRole('link', { name: 'D-0302' }).waitFor();
  } finally {
    await page.context().close();
  }
});
