// The youth record as field workers and leaders meet it: register a youth and see the duplicate
// warning, write, sign and correct a note, take emergency access with a reason, the leader's
// review, and the youth's copy as PDF. Every page is scanned with axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

async function fillYouth(page, first, last, birth) {
  await page.getByLabel('Fornavn').fill(first);
  await page.getByLabel('Etternavn').fill(last);
  await page.getByLabel('Fødselsdato').fill(birth);
  await page.getByLabel('Kjønn').selectOption('female');
  await page.getByLabel('Bostedskommune').selectOption('3205');
  // The field worker is the first contact person; the second is her field partner.
  if (await page.getByLabel('Kontaktperson 2').count()) {
    await page.getByLabel('Kontaktperson 2').selectOption({ label: 'Kristoffer Kollega' });
  }
}

test('a field worker registers a youth, is warned of a duplicate, and signs and corrects a note', async () => {
  const page = await newPage(browser);
  try {
    await login(page, server.base, 'demo-feltarbeider', server.demoLogins['demo-feltarbeider']);
    await page.getByRole('link', { name: 'Ungdommer', exact: true }).click();
    await page.getByRole('heading', { name: 'Ungdommer i oppfølging', level: 1 }).waitFor();
    await expectAccessible(page, 'youth list');
    await page.getByRole('link', { name: 'Registrer ungdom' }).click();
    await expectAccessible(page, 'register form');
    await fillYouth(page, 'Solveig', 'Kvernbakken', '17.05.2010');
    await page.getByLabel('Telefon', { exact: true }).fill('987 65 432');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByRole('heading', { name: /Solveig Kvernbakken/ }).waitFor();
    const record = page.url();
    await expectAccessible(page, 'record');

    // A second registration with a typo in the name: the warning comes first.
    await page.goto(`${server.base}/youths/new`);
    await fillYouth(page, 'Solveg', 'Kvernbakken', '17.05.2010');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByRole('heading', { name: 'Finnes ungdommen allerede?' }).waitFor();
    await page.getByText(/Solveig Kvernbakken, 17\.05\.2010/).waitFor();
    await expectAccessible(page, 'duplicate warning');

    // Write a draft, sign it, correct it: both versions stay visible.
    await page.goto(record);
    await page.getByText('Nytt journalnotat').click();
    await page.getByLabel('Journalnotat').fill('Solveig fortalte om en vanskelig uke på skolen.');
    await page.getByRole('button', { name: 'Lagre', exact: true }).last().click();
    await page.getByText('Utkast, ikke signert').first().waitFor();
    await page.getByRole('button', { name: /Signer notatet/ }).click();
    await page.getByText('Notatet er signert og kan ikke lenger endres.').waitFor();
    await page.getByText(/Rett notatet/).click();
    await page.getByLabel('Rettet tekst').fill('Solveig fortalte om en vanskelig uke på fritidsklubben.');
    await page.getByLabel('Begrunnelse for rettelsen').fill('Feil sted i første versjon');
    await page.getByRole('button', { name: 'Lagre rettelsen som ny versjon' }).click();
    await page.getByText('Rettelsen er lagret som ny versjon.').waitFor();
    await page.getByText('Solveig fortalte om en vanskelig uke på skolen.').waitFor();
    await page.getByText('Solveig fortalte om en vanskelig uke på fritidsklubben.').first().waitFor();
    await page.getByText(/Begrunnelse for rettelsen: Feil sted/).waitFor();
    await expectAccessible(page, 'record with versions');

    // The youth's copy as PDF.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Innsyn (PDF)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    const bytes = readFileSync(await download.path());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    await page.goto(`${record}/innsyn`);
    await page.getByRole('heading', { name: 'Hvem har sett journalen' }).waitFor();
    await expectAccessible(page, 'innsyn');
  } finally {
    await page.context().close();
  }
});

test('emergency access with a reason, and the leader reviews it', async () => {
  const leader = await newPage(browser);
  const worker = await newPage(browser);
  try {
    await login(leader, server.base, 'demo-leder', server.demoLogins['demo-leder']);
    await leader.goto(`${server.base}/youths/new`);
    await fillYouth(leader, 'Selma', 'Testesen', '01.02.2011');
    await leader.getByLabel('Kontaktperson 1').selectOption({ label: 'Kristoffer Kollega' });
    await leader.getByLabel('Kontaktperson 2').selectOption({ label: 'Karin Kollega' });
    await leader.getByRole('button', { name: 'Lagre' }).click();
    await leader.getByRole('heading', { name: /Selma Testesen/ }).waitFor();
    const record = leader.url();

    await login(worker, server.base, 'demo-feltarbeider', server.demoLogins['demo-feltarbeider']);
    const refused = await worker.goto(record);
    assert.equal(refused.status(), 403);
    await worker.goto(`${server.base}/youths/search`);
    await expectAccessible(worker, 'search');
    await worker.getByLabel('Fornavn').fill('Selma');
    await worker.getByLabel('Etternavn').fill('Testesen');
    await worker.getByLabel('Fødselsdato').fill('01.02.2011');
    await worker.getByRole('button', { name: 'Søk' }).click();
    await worker.getByRole('link', { name: 'Ta nødtilgang' }).click();
    await expectAccessible(worker, 'emergency form');
    await worker.getByLabel('Begrunnelse').fill('Selma ringte fra stasjonen og trenger hjelp nå');
    await worker.getByRole('button', { name: 'Ta nødtilgang' }).click();
    await worker.getByText(/Du har nødtilgang til denne journalen/).waitFor();
    await worker.getByRole('heading', { name: /Selma Testesen/ }).waitFor();

    await leader.goto(`${server.base}/youths/access-review`);
    await leader.getByText('Selma ringte fra stasjonen og trenger hjelp nå').waitFor();
    await expectAccessible(leader, 'access review');
    await leader.getByLabel('Merknad').first().fill('Gjennomgått med Frida');
    await leader.getByRole('button', { name: /Merk som gjennomgått/ }).first().click();
    await leader.getByText('Ingen nødtilganger venter på gjennomgang.').waitFor();
  } finally {
    await leader.context().close();
    await worker.context().close();
  }
});
