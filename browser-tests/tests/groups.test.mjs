// Groups, prevention work and trend notes as a field worker meets them on a phone: create a
// group, take the roll-call of a session (a youth ticked, pseudonyms typed), record a
// drug-prevention class, a trend note and the 8th-grade checklist. Every page is scanned with
// axe-core.

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

test('a roll-call on a phone, a prevention class and a trend note', async () => {
  const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  try {
    await login(page, server.base, 'demo-feltarbeider', server.demoLogins['demo-feltarbeider']);
    await page.getByRole('heading', { name: /Hei, Frida/ }).waitFor();
    await page.locator('summary', { hasText: 'Meny' }).click();
    await page.getByRole('link', { name: 'Grupper', exact: true }).click();
    await page.getByRole('heading', { name: 'Grupper', level: 1 }).waitFor();
    await expectAccessible(page, 'groups');
    await page.getByLabel('Navn').fill('Jentegruppa Torsdag');
    await page.getByLabel('Type').selectOption('life_skills');
    await page.getByRole('button', { name: 'Opprett gruppen' }).click();
    await page.getByRole('heading', { name: 'Jentegruppa Torsdag', level: 1 }).waitFor();
    await expectAccessible(page, 'roll-call');
    // Frida's own youths are offered; tick the first, and type two gamer tags.
    const first = page.locator('input[name="youth"]').first();
    await first.check();
    await page.getByLabel(/Anonyme deltakere \(kallenavn/).fill('Nattugla\nBlåbær');
    await page.getByRole('button', { name: 'Lagre oppmøtet' }).click();
    await page.locator('#roll-call-status').filter({ hasText: 'Sendt og lagret: 3 nye oppmøter.' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the roll-call scrolls sideways (${width} px)`);

    await page.goto(`${server.base}/prevention`);
    await expectAccessible(page, 'prevention');
    await page.getByLabel('Type').selectOption('drug_prevention_class');
    await page.getByLabel('Trinn').fill('8');
    await page.getByLabel('Klasser').fill('1');
    await page.getByLabel('Deltakere').fill('25');
    await page.getByRole('button', { name: 'Lagre tiltaket' }).click();
    await page.getByText('Tiltaket er lagret.').waitFor();

    await page.goto(`${server.base}/trends`);
    await expectAccessible(page, 'trends');
    await page.getByLabel('Område').selectOption({ label: 'Fetsund' });
    await page.getByLabel('Rus', { exact: true }).check();
    await page.getByLabel('Observasjon', { exact: true }).fill('Mer snus på ungdomsskolen.');
    await page.getByRole('button', { name: 'Lagre observasjonen' }).click();
    await page.getByText('Observasjonen er lagret.').waitFor();
    await expectAccessible(page, 'trends after saving');

    // The summary for the collaboration forums: a period, no free text, a PDF of the same.
    await page.getByRole('link', { name: /Oppsummering for samarbeidsforum/ }).click();
    await page.getByRole('heading', { name: 'Trender for samarbeidsforum', level: 1 }).waitFor();
    await page.getByLabel('Fra og med').fill('01.01.2024');
    await page.getByLabel('Til og med').fill('31.12.2024');
    await page.getByRole('button', { name: 'Vis perioden' }).click();
    const table = page.getByRole('table', { name: /Observasjoner 01.01.2024–31.12.2024/ });
    await table.waitFor();
    const headers = await table.locator('thead th').allTextContents();
    assert.deepEqual(headers.slice(0, 3), ['Område', 'Observasjoner', 'Rus']);
    const counts = await table.locator('tbody td').allTextContents();
    assert.ok(counts.length > 0 && counts.every((c) => c === '0' || c === '<5' || Number(c) >= 5), counts.join(' '));
    assert.equal(await page.getByText('Mer snus på ungdomsskolen.').count(), 0);
    await expectAccessible(page, 'trend summary');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Last ned som PDF' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^trender-out-lillestrom-2024-01-01-2024-12-31\.pdf$/);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(Buffer.concat(chunks).subarray(0, 5).toString(), '%PDF-');

    // The 8th-grade checklist: two classes typed once, one marked taught.
    await page.goto(`${server.base}/prevention`);
    await page.getByRole('link', { name: 'Sjekklisten for 8. trinn' }).click();
    await page.getByRole('heading', { name: /Rusforebyggende undervisning på 8. trinn/ }).waitFor();
    await page.getByLabel('Klasser', { exact: true }).fill('8X\n8Y');
    await page.getByRole('button', { name: 'Legg inn klassene' }).click();
    await page.getByText(/0 av \d+ klasser er undervist/).waitFor();
    const row = page.locator('tr', { hasText: '8X' }).first();
    await row.getByRole('combobox').selectOption('taught');
    await row.getByRole('button', { name: /Lagre/ }).click();
    await page.getByText(/1 av \d+ klasser er undervist/).waitFor();
    await expectAccessible(page, '8th-grade checklist');
  } finally {
    await context.close();
  }
});
