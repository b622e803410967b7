// The foundation as a person meets it: first-run setup, two-factor enrolment and login, wrong
// password, logout, session expiry, language switch and the audit log. Every page visited is
// scanned with axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, expectAccessible, totp, login } from '../harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const ADMIN_PASSWORD = 'tre-blå-busser-kjører-sakte';

test('first-run setup, two-factor enrolment, logout and login with a code', async () => {
  const server = await startServer();
  const page = await newPage(browser);
  try {
    assert.ok(server.setupLink, `no setup link in:\n${server.lines.join('\n')}`);
    await page.goto(server.setupLink);
    await expectAccessible(page, 'setup');
    await page.getByLabel('Navn på tjenesten').fill('Oppsøkende ungdomsteam');
    await page.getByLabel('Kortnavn').fill('out-test');
    await page.getByLabel('Kommunenummer').fill('3205');
    await page.getByLabel('Fullt navn').fill('Ada Admin');
    await page.getByLabel('Brukernavn').fill('ada');
    await page.getByLabel('Nytt passord').fill('password1234');
    await page.getByLabel('Gjenta passordet').fill('password1234');
    await page.getByRole('button', { name: 'Opprett' }).click();
    await page.getByText('Passordet er for vanlig').waitFor();
    await expectAccessible(page, 'setup with errors');
    await page.getByLabel('Nytt passord').fill(ADMIN_PASSWORD);
    await page.getByLabel('Gjenta passordet').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Opprett' }).click();
    // The setup link leads straight on to enrol a second factor.
    await page.waitForURL(/\/account\/two-factor$/);

    // The setup link is spent.
    const again = await page.request.get(server.setupLink);
    assert.equal(again.status(), 400);

    await page.getByText('Tjenesten krever tofaktorinnlogging').waitFor();
    await expectAccessible(page, 'two-factor enrolment');
    assert.ok(await page.locator('.qr svg[role="img"]').isVisible());
    const secret = (await page.locator('#totp-secret').textContent()).trim();
    await page.getByLabel('Kode', { exact: true }).fill(totp(secret));
    await page.getByRole('button', { name: 'Slå på tofaktorinnlogging' }).click();
    await page.getByRole('heading', { name: 'Gjenopprettingskoder' }).waitFor();
    assert.equal(await page.locator('#recovery-codes li').count(), 10);
    await expectAccessible(page, 'recovery codes');
    await page.getByRole('link', { name: 'Fortsett' }).click();
    await page.getByRole('heading', { name: 'Hei, Ada Admin' }).waitFor();
    await expectAccessible(page, 'home');

    await page.getByRole('button', { name: /Logg ut/ }).click();
    await page.waitForURL(/\/login$/);

    await login(page, server.base, 'ada', ADMIN_PASSWORD);
    await page.waitForURL(/\/login\/two-factor$/);
    await expectAccessible(page, 'second factor');
    await page.getByLabel('Kode', { exact: true }).fill('123456');
    await page.getByRole('button', { name: 'Bekreft' }).click();
    await page.getByText('Koden er ikke riktig').waitFor();
    await page.getByLabel('Kode', { exact: true }).fill(totp(secret, 1));
    await page.getByRole('button', { name: 'Bekreft' }).click();
    await page.getByRole('heading', { name: 'Hei, Ada Admin' }).waitFor();
  } finally {
    await page.context().close();
    await server.stop();
  }
});

test('wrong password, language switch and the leader\'s audit log', async () => {
  const server = await startServer(['--demo']);
  const page = await newPage(browser);
  try {
    const leader = server.demoLogins['demo-leder'];
    assert.ok(leader, server.lines.join('\n'));
    await page.goto(`${server.base}/login`);
    await page.getByText('Dette er en demo').waitFor();
    await expectAccessible(page, 'login');
    await login(page, server.base, 'demo-leder', 'wrong-password-here');
    await page.getByText('Feil brukernavn eller passord.').waitFor();
    await expectAccessible(page, 'login with error');

    await login(page, server.base, 'demo-leder', leader);
    await page.getByRole('heading', { name: 'Hei, Leif Leder' }).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Hello, Leif Leder' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await expectAccessible(page, 'home in English');

    await page.getByRole('link', { name: 'Audit log' }).first().click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await expectAccessible(page, 'audit log');
    const table = page.locator('table');
    assert.match(await table.textContent(), /login_failed/);
    assert.match(await table.textContent(), /language_changed/);

    await page.getByLabel('User', { exact: true }).selectOption({ label: 'Leif Leder (demo-leder)' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/user=/);
    const rows = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    assert.ok(rows.length > 0 && rows.every((r) => r === 'demo-leder'), rows.join(','));
    await expectAccessible(page, 'filtered audit log');

    await page.getByRole('button', { name: 'Norsk (bokmål)' }).click();
    await page.getByRole('heading', { name: 'Logg' }).waitFor();
  } finally {
    await page.context().close();
    await server.stop();
  }
});

test('an English browser gets English before login', async () => {
  const server = await startServer(['--demo']);
  const page = await newPage(browser, 'en-GB');
  try {
    await page.goto(`${server.base}/login`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await expectAccessible(page, 'login in English');
  } finally {
    await page.context().close();
    await server.stop();
  }
});

test('an idle session expires and says so', async () => {
  const server = await startServer(['--demo', '--session-idle', '2s']);
  const page = await newPage(browser);
  try {
    await login(page, server.base, 'demo-feltarbeider', server.demoLogins['demo-feltarbeider']);
    await page.getByRole('heading', { name: /Hei, Frida/ }).waitFor();
    await new Promise((r) => setTimeout(r, 3500));
    await page.reload();
    await page.waitForURL(/\/login\?expired=1$/);
    await page.getByText('Økten din er utløpt').waitFor();
    await expectAccessible(page, 'expired login');
  } finally {
    await page.context().close();
    await server.stop();
  }
});
