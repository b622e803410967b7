// The leader writes the annual report's foreword with a live value, previews the report and
// downloads the PDF: the figure in the text is the figure of the report. Every page is scanned
// with axe-core, the stand-alone report document included.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
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

test('a leader writes the foreword with a live value, previews and downloads the PDF', async () => {
  const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await login(page, server.base, 'demo-leder', server.demoLogins['demo-leder']);
    await page.getByRole('link', { name: 'Rapport', exact: true }).click();
    await page.getByRole('heading', { name: /Årsrapport 2024|2024/, level: 1 }).waitFor();
    // The year's total as the report page prints it ("41 878").
    const lead = await page.locator('p.lead').innerText();
    const total = lead.match(/\d{1,3}(?:[\s\u00a0]\d{3})+|\d+/)[0].replace(/\s/g, ' ');

    await page.getByRole('link', { name: 'Skriv forord, mandat og historikk' }).click();
    await page.getByRole('heading', { name: 'Tekster til årsrapporten 2024', level: 1 }).waitFor();
    await expectAccessible(page, 'report texts');
    // A typo is named, and nothing is lost from the form.
    await page.getByLabel('Forord').fill('I år møtte vi ungdom {{ field_contacts.totl }} ganger.');
    await page.getByRole('button', { name: 'Lagre tekstene' }).click();
    await page.getByText('«field_contacts.totl» er ikke et tall i årets rapport').waitFor();
    assert.match(await page.getByLabel('Forord').inputValue(), /totl/);
    await expectAccessible(page, 'report texts with an error');

    await page.getByLabel('Forord').fill('I år møtte vi ungdom {{ field_contacts.total }} ganger.\n\nTakk til alle som bidro.');
    await page.getByLabel('Mandat').fill('Oppsøkende arbeid blant ungdom fra 13 til 24 år.');
    await page.getByRole('button', { name: 'Lagre tekstene' }).click();
    await page.getByText('Tekstene er lagret.').waitFor();

    // Preview: the report as a document, the figure filled in.
    await page.getByRole('link', { name: 'Forhåndsvis rapporten (intern utgave, HTML)' }).click();
    await page.getByRole('heading', { name: 'Forord', level: 2 }).waitFor();
    const foreword = (await page.locator('main p').first().innerText()).replace(/\s/g, ' ');
    assert.equal(foreword, `I år møtte vi ungdom ${total} ganger.`);
    await page.getByRole('heading', { name: 'Kilder', level: 2 }).waitFor();
    await expectAccessible(page, 'report document preview');
    await page.goBack();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Last ned PDF (offentlig utgave)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    const pdf = readFileSync(await download.path());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = execFileSync('pdftotext', ['-q', '-', '-'], { input: pdf }).toString().replace(/\s+/g, ' ');
    assert.ok(text.includes(`I år møtte vi ungdom ${total} ganger.`), text.slice(0, 2000));
    assert.ok(text.includes('Mandat') && text.includes('Takk til alle som bidro.'));
  } finally {
    await context.close();
  }
});
