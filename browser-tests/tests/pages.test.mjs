// The places, report, contacts, shift and import pages as leaders and administrators meet
// them, each scanned with axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

test('a leader manages places, reads the report and enters a shift', async () => {
  const page = await newPage(browser);
  try {
    await login(page, server.base, 'demo-leder', server.demoLogins['demo-leder']);
    await page.getByRole('heading', { name: /Hei, Leif/ }).waitFor();

    await page.getByRole('link', { name: 'Steder', exact: true }).click();
    await page.getByRole('heading', { name: 'Steder', level: 1 }).waitFor();
    await expectAccessible(page, 'places');
    await page.getByLabel('Navn på området').fill('Testområdet');
    await page.getByRole('button', { name: 'Legg til område' }).click();
    await page.getByText('Lagret.').waitFor();
    await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Testområdet' });
    await page.getByLabel('Navn', { exact: true }).fill('Skateparken nord');
    await page.getByLabel('Type').selectOption({ label: 'Gateområde' });
    await page.getByLabel('Breddegrad (valgfritt)').fill('59,956');
    await page.getByLabel('Lengdegrad (valgfritt)').fill('11.05');
    await page.getByRole('button', { name: 'Legg til sted' }).click();
    await page.getByRole('cell', { name: 'Skateparken nord', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Endre Skateparken nord' }).click();
    await page.getByRole('heading', { name: 'Endre sted' }).waitFor();
    await expectAccessible(page, 'edit place');
    await page.getByLabel('Navn', { exact: true }).fill('Skateparken sør');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByRole('cell', { name: 'Skateparken sør', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Rapport' }).first().click();
    await page.getByLabel('År').fill('2024');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByText('Treff i alt: 41\u00a0878.').waitFor();
    await expectAccessible(page, 'report');
    const csv = await page.request.get(`${server.base}/report/field-contacts/districts.csv?year=2024`);
    assert.match(await csv.text(), /Lillestrøm stasjon og bussterminal,Lillestrøm tog- og bussterminal,3691,/);

    await page.goto(`${server.base}/contacts/shift`);
    await expectAccessible(page, 'shift table');
    await page.getByLabel('Sted').selectOption({ label: 'Skateparken sør – Testområdet' });
    await page.getByLabel('Jente, 13–15').fill('4');
    await page.getByLabel('Gutt, 16–18').fill('2');
    await page.getByRole('button', { name: 'Lagre vakten' }).click();
    await page.getByText('Lagret: 6 ungdommer.').waitFor();
    await expectAccessible(page, 'contacts list');
    assert.match(await page.locator('table').textContent(), /Skateparken sør/);
  } finally {
    await page.context().close();
  }
});

test('an administrator exports and imports a bundle and sees problems by line', async () => {
  const page = await newPage(browser);
  try {
    await login(page, server.base, 'demo-admin', server.demoLogins['demo-admin']);
    await page.getByRole('link', { name: 'Import og eksport' }).first().click();
    await page.getByRole('heading', { name: 'Import og eksport' }).waitFor();
    await expectAccessible(page, 'import');

    const dir = mkdtempSync(join(tmpdir(), 'gatelangs-upload-'));
    const exported = await page.request.get(`${server.base}/admin/export?year=2024`);
    assert.equal(exported.status(), 200);
    const zipPath = join(dir, 'export.zip');
    writeFileSync(zipPath, await exported.body());
    await page.getByLabel('Fil (.zip eller .xlsx)').setInputFiles(zipPath);
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByText('contacts.csv: nye / fantes fra før: 0 /').waitFor();

    const notZip = join(dir, 'contacts.zip');
    writeFileSync(notZip, 'occurred_at,place\n');
    await page.getByLabel('Fil (.zip eller .xlsx)').setInputFiles(notZip);
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByText('contacts.zip:1: file: not a readable .zip file').waitFor();
    await expectAccessible(page, 'import with problems');
  } finally {
    await page.context().close();
  }
});

test('the accessibility statement is linked in the footer, before and after login', async () => {
  const page = await newPage(browser);
  try {
    await page.goto(`${server.base}/login`);
    await page.locator('footer').getByRole('link', { name: 'Tilgjengelighetserklæring' }).click();
    await page.getByRole('heading', { name: 'Tilgjengelighetserklæring', level: 1 }).waitFor();
    await page.getByText(/WCAG 2\.1 nivå AA/).waitFor();
    await page.getByRole('heading', { name: 'Kjente avvik' }).waitFor();
    await expectAccessible(page, 'accessibility statement');
    await login(page, server.base, 'demo-analytiker', server.demoLogins['demo-analytiker']);
    await page.goto(`${server.base}/accessibility`);
    await page.getByRole('heading', { name: 'Tilgjengelighetserklæring', level: 1 }).waitFor();
    assert.equal(await page.locator('form[action="/logout"]').count(), 1, 'the logged-in layout');
  } finally {
    await page.close();
  }
});

test('a leader finds the retention rules and the records due for review', async () => {
  const page = await newPage(browser);
  try {
    await login(page, server.base, 'demo-leder', server.demoLogins['demo-leder']);
    await page.getByRole('heading', { name: /Hei, Leif/ }).waitFor();
    await page.goto(`${server.base}/youths`);
    await page.getByRole('link', { name: 'Oppbevaring og sletting' }).click();
    await page.getByRole('heading', { name: 'Oppbevaring og sletting', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: 'Tilgangsloggen' }).waitFor();
    await expectAccessible(page, 'retention');
  } finally {
    await page.context().close();
  }
});
