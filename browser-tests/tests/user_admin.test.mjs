// An administrator creates an account in the web and hands over the one-time link; its owner
// chooses a password in another browser and logs in. Every page is scanned with axe-core.

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

test('a new account gets a one-time link and its owner chooses the password', async () => {
  const admin = await newPage(browser);
  const owner = await newPage(browser);
  try {
    await login(admin, server.base, 'demo-admin', server.demoLogins['demo-admin']);
    await admin.getByRole('link', { name: 'Brukere', exact: true }).first().click();
    await admin.getByRole('heading', { name: 'Brukere', level: 1 }).waitFor();
    await expectAccessible(admin, 'users');

    await admin.getByLabel('Fullt navn').fill('Nina Ny');
    await admin.getByLabel('Brukernavn').fill('nina');
    await admin.getByLabel('Rolle').selectOption({ label: 'Analytiker' });
    await admin.getByRole('button', { name: 'Opprett bruker' }).click();
    await admin.getByRole('heading', { name: 'Engangslenke' }).waitFor();
    await expectAccessible(admin, 'one-time link');
    const link = await admin.getByLabel('Lenke').inputValue();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/password\/[0-9a-f]{64}$/);

    await admin.getByRole('link', { name: 'Til nina' }).click();
    await admin.getByRole('heading', { name: 'Nina Ny (nina)' }).waitFor();
    await admin.getByText('Venter på at lenken blir brukt').waitFor();
    await expectAccessible(admin, 'user page');

    await owner.goto(link);
    await owner.getByRole('heading', { name: 'Velg passord' }).waitFor();
    await expectAccessible(owner, 'choose a password');
    await owner.getByLabel('Nytt passord').fill('fire-grønne-trikker-i-snø');
    await owner.getByLabel('Gjenta passordet').fill('fire-grønne-trikker-i-sol');
    await owner.getByRole('button', { name: 'Lagre passordet' }).click();
    await owner.getByText('Passordene er ikke like.').waitFor();
    await expectAccessible(owner, 'choose a password, with errors');
    await owner.getByLabel('Nytt passord').fill('fire-grønne-trikker-i-snø');
    await owner.getByLabel('Gjenta passordet').fill('fire-grønne-trikker-i-snø');
    await owner.getByRole('button', { name: 'Lagre passordet' }).click();
    await owner.getByText('Passordet er lagret.').waitFor();
    await login(owner, server.base, 'nina', 'fire-grønne-trikker-i-snø');
    await owner.getByRole('button', { name: 'Logg ut (nina)' }).waitFor();

    await admin.reload();
    await admin.getByText('Aktiv', { exact: true }).waitFor();
  } finally {
    await admin.context().close();
    await owner.context().close();
  }
});
