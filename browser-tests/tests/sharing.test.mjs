// Consent-based collaboration as a field worker meets it: record a consent, register an outgoing
// collaboration, be refused for an uncovered service and register an anonymous inquiry instead,
// withdraw the consent and be refused, send a concern report, and answer an information request
// so that it leaves the leader's overdue list. Every page is scanned with axe-core.

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

test('consent, collaboration, inquiry instead, withdrawal, concern report and an answered request', async () => {
  const page = await newPage(browser);
  const leader = await newPage(browser);
  try {
    await login(page, server.base, 'demo-feltarbeider', server.demoLogins['demo-feltarbeider']);
    await page.goto(`${server.base}/youths/new`);
    await page.getByLabel('Fornavn').fill('Tuva');
    await page.getByLabel('Etternavn').fill('Samtykkesen');
    await page.getByLabel('Fødselsdato').fill('15.06.2010');
    await page.getByLabel('Kjønn').selectOption('female');
    await page.getByLabel('Bostedskommune').selectOption('3205');
    await page.getByLabel('Kontaktperson 2').selectOption({ label: 'Kristoffer Kollega' });
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByRole('heading', { name: /Tuva Samtykkesen/ }).waitFor();
    const record = page.url();
    const reference = (await page.getByRole('heading', { level: 1 }).textContent()).match(/\((.+)\)/)[1];

    // Record a consent covering NAV.
    await page.getByRole('link', { name: 'Registrer samtykke' }).click();
    await expectAccessible(page, 'consent form');
    await page.getByLabel('Ungdommen', { exact: true }).check();
    await page.getByLabel('NAV', { exact: true }).check();
    await page.getByLabel('Hva kan deles').fill('Skolesituasjon og ønske om jobb');
    await page.getByLabel('Formål').fill('Hjelp til sommerjobb');
    await page.getByRole('button', { name: 'Lagre samtykket' }).click();
    await page.getByText('Samtykket er registrert.').waitFor();
    await page.getByText(/Samtykke dekker i dag:\s*NAV/).waitFor();

    // An outgoing collaboration with NAV is stored.
    const collaborate = async (service) => {
      await page.goto(`${record}/collaborations/new`);
      await page.getByLabel(/Ut \(vi henviste/).check();
      await page.getByLabel('Tjeneste', { exact: true }).selectOption({ label: service });
      await page.getByLabel('Notat').fill('Møte om sommerjobb');
      await page.getByRole('button', { name: 'Lagre samarbeidet' }).click();
    };
    await collaborate('NAV');
    await page.getByText('Samarbeidet er registrert i journalen.').waitFor();
    await page.getByRole('cell', { name: 'Møte om sommerjobb' }).waitFor();

    // Skole is not covered: refused, and an anonymous inquiry is offered instead.
    await collaborate('Skole');
    await page.getByRole('heading', { name: 'Samarbeidet kan ikke lagres' }).waitFor();
    await expectAccessible(page, 'collaboration refused');
    await page.getByRole('link', { name: 'Registrer anonym henvendelse i stedet' }).click();
    await page.getByRole('heading', { name: 'Henvendelser uten samtykke', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Tjeneste', { exact: true }).inputValue(), 'skole');
    await page.getByText(/Ikke skriv noe som kan identifisere en ungdom/).waitFor();
    await page.getByLabel('Tema').fill('Generelle råd om skolefravær');
    await page.getByRole('button', { name: 'Registrer henvendelsen' }).click();
    await page.getByText('Henvendelsen er registrert.').waitFor();
    await page.getByRole('cell', { name: 'Generelle råd om skolefravær' }).waitFor();
    await expectAccessible(page, 'inquiries');

    // Withdraw the consent: NAV is refused from now on.
    await page.goto(record);
    await page.getByRole('button', { name: /Registrer tilbaketrekking/ }).click();
    await page.getByText(/Tilbaketrekkingen er registrert/).waitFor();
    await collaborate('NAV');
    await page.getByRole('heading', { name: 'Samarbeidet kan ikke lagres' }).waitFor();

    // A concern report.
    await page.goto(record);
    await page.getByRole('link', { name: 'Send bekymringsmelding' }).click();
    await expectAccessible(page, 'concern report form');
    await page.getByLabel('Omsorgssvikt').check();
    await page.getByLabel('Grunnlaget med egne ord').fill('Ungdommen forteller om lite mat og tilsyn hjemme.');
    await page.getByRole('group', { name: 'Ungdommen er informert' }).getByLabel('Ja').check();
    await page.getByRole('group', { name: 'Foresatte er informert' }).getByLabel('Nei').check();
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByText('Registrert i journalen.').waitFor();
    await page.getByText(/Bekymringsmelding sendt/).first().waitFor();

    // An information request with a deadline already passed shows on the leader's start page.
    await page.goto(`${record}/child-welfare/new?kind=information_request`);
    await page.getByLabel('Dato mottatt').fill('02.11.2026');
    await page.getByLabel('Hva ble det spurt om').fill('Oppsummering av oppfølgingen');
    await page.getByLabel('Svarfrist').fill('16.11.2026');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByText('Registrert i journalen.').waitFor();
    await expectAccessible(page, 'record with sharing');

    await login(leader, server.base, 'demo-leder', server.demoLogins['demo-leder']);
    await leader.getByRole('heading', { name: 'Åpne anmodninger fra barnevernstjenesten' }).waitFor();
    await leader.getByRole('link', { name: reference }).waitFor();
    await expectAccessible(leader, 'leader start page');

    await page.goto(record);
    await page.getByLabel('Hva ble svart').fill('Sendt oppsummering etter samtale med ungdommen');
    await page.getByRole('button', { name: 'Lagre svaret' }).click();
    await page.getByText('Svaret er registrert.').waitFor();

    await leader.goto(server.base + '/');
    assert.equal(await leader.getByRole('link', { name: reference }).count(), 0, 'the answered request left the list');

    await leader.goto(`${server.base}/counterparts`);
    await expectAccessible(leader, 'counterparts');
    await leader.goto(`${server.base}/report?year=2024`);
    await leader.getByRole('heading', { name: '2.5 Samarbeid med andre tjenester' }).waitFor();
    await expectAccessible(leader, 'report with sections 2.5, 2.6 and 2.9');
  } finally {
    await page.context().close();
    await leader.context().close();
  }
});
