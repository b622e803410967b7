// A leader's retention decision in Chromium: a demo record closed in 2019 is due, the decision
// form (in a disclosure) is filled and sent, the record is gone from the list and the decision
// is shown. axe-core scans the page with the form open and after.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
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

/** Marks a demo record as closed on 1 June 2019 (noon in Oslo), straight in the database. */
function closedIn2019(reference) {
  const db = join(server.dataDir, 'gatelangs.db');
  const script = `
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n = c.execute("UPDATE youths SET closed_at = 1559383200 WHERE ref = ?", (sys.argv[2],)).rowcount
c.commit()
print(n)
`;
  const run = spawnSync('python3', ['-c', script, db, reference], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), '1');
}

test('a leader deletes a record past its period by a recorded decision', async () => {
  closedIn2019('D-0300');
  const page = await newPage(browser);
  try {
    await login(page, server.base, 'demo-leder', server.demoLogins['demo-leder']);
    await page.goto(`${server.base}/youths/retention`);
    await page.getByRole('cell', { name: '01.06.2019' }).waitFor();
    await page.getByText('Vedtak om D-0300').click();
    await expectAccessible(page, 'retention decision form');

    // Without grounds the browser asks for them first.
    await page.getByRole('button', { name: 'Registrer vedtaket og slett journalen D-0300' }).click();
    assert.equal(await page.getByLabel('Begrunnelse (hvorfor journalen ikke lenger trengs)').evaluate((e) => e.validity.valueMissing), true);

    await page.getByLabel('Begrunnelse (hvorfor journalen ikke lenger trengs)').fill('Oppfølgingen ble avsluttet i 2019 og journalen trengs ikke lenger.');
    await page.getByRole('button', { name: 'Registrer vedtaket og slett journalen D-0300' }).click();
    await page.getByText('Vedtaket er registrert').waitFor();
    await page.getByRole('cell', { name: 'Oppfølgingen ble avsluttet i 2019 og journalen trengs ikke lenger.' }).waitFor();
    assert.equal(await page.getByText('Vedtak om D-0300').count(), 0, 'no longer due');
    await expectAccessible(page, 'retention after a decision');

    await page.goto(`${server.base}/youths?page=1`);
    assert.equal(await page.getByText('D-0300', { exact: true }).count(), 0, 'gone from the youth list');
  } finally {
    await page.context().close();
  }
});
