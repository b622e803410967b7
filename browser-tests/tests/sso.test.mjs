// Single sign-on against a real OpenID Connect provider (the `oidc-provider` package, started
// here on a loopback port by ../oidc-provider.mjs): login through the provider, the user found by
// the configured claim, and the provider's second factor standing in for Gatelangs' own.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BIN, startServer, launchBrowser, newPage, expectAccessible, login, totp } from '../harness.mjs';

const SECRET = 'gatelangs-test-secret';
let provider;
let issuer;
let browser;
let server;

async function startProvider() {
  const child = spawn(process.execPath, [new URL('../oidc-provider.mjs', import.meta.url).pathname], {
    env: {
      ...process.env, OIDC_PORT: '0', OIDC_CLIENT_ID: 'gatelangs', OIDC_CLIENT_SECRET: SECRET,
      OIDC_REDIRECT_URIS: 'http://127.0.0.1/login/sso/callback',
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the OpenID provider did not start')), 30_000);
    child.on('exit', (code) => reject(new Error(`the OpenID provider exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = line.match(/^listening (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  return { url, child };
}

before(async () => {
  provider = await startProvider();
  issuer = provider.url;
  browser = await launchBrowser();
  server = await startServer(['--demo'], {
    GATELANGS_OIDC_ISSUER: issuer,
    GATELANGS_OIDC_CLIENT_ID: 'gatelangs',
    GATELANGS_OIDC_CLIENT_SECRET: SECRET,
  });
});
after(async () => {
  await browser?.close();
  await server?.stop();
  provider?.child.removeAllListeners('exit');
  provider?.child.kill('SIGTERM');
});

/** From Gatelangs' login page through the provider's, as `username`. */
async function signIn(page, username, secondFactor) {
  await page.goto(`${server.base}/login`);
  await page.getByRole('link', { name: 'Logg inn med kommunens innlogging' }).click();
  await page.waitForURL((url) => url.href.startsWith(issuer));
  await page.getByLabel('Username').fill(username);
  if (secondFactor) await page.getByLabel('used a second factor').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.href.startsWith(server.base));
}

/** Runs a `gatelangs` command on the server's database. */
function gatelangs(...args) {
  const run = spawnSync(BIN, args, {
    env: { ...process.env, GATELANGS_DATA_DIR: server.dataDir, GATELANGS_DATABASE_URL: '' },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
}

function requireTwoFactor(on) {
  gatelangs('service', 'set', '--slug', 'out-lillestrom', '--require-two-factor', String(on));
}

test('the login page offers the municipality sign-in, and it logs a known user in', async () => {
  const page = await newPage(browser);
  try {
    await page.goto(`${server.base}/login`);
    await expectAccessible(page, 'login with single sign-on');
    await signIn(page, 'demo-leder', false);
    await page.getByRole('heading', { name: /Hei, Leif/ }).waitFor();
    // The audit log says how: single sign-on, and no second factor asserted.
    await page.goto(`${server.base}/audit`);
    await page.getByText(/single sign-on \(sub demo-leder; amr pwd; acr -; second factor not asserted\)/).first().waitFor();
  } finally {
    await page.context().close();
  }
});

test('someone the provider knows but Gatelangs does not is refused, and told why', async () => {
  const page = await newPage(browser);
  try {
    await signIn(page, 'nobody-here', true);
    await page.getByText('ingen aktiv bruker i Gatelangs').waitFor();
    assert.match(page.url(), /\/login\/sso\/callback/);
    await expectAccessible(page, 'single sign-on refused');
    // No session was started.
    await page.goto(`${server.base}/`);
    await page.waitForURL(/\/login/);
  } finally {
    await page.context().close();
  }
});

test('an account not yet activated through its one-time link is not used by single sign-on', async () => {
  // An administrator's reset takes the password away until the owner chooses a new one, as
  // for imported staff (interchange.md: they cannot log in until given a password).
  gatelangs('user', 'reset', '--username', 'demo-analytiker');
  const page = await newPage(browser);
  try {
    await signIn(page, 'demo-analytiker', true);
    await page.getByText('ikke tatt i bruk ennå').waitFor();
    await page.goto(`${server.base}/`);
    await page.waitForURL(/\/login/);
  } finally {
    await page.context().close();
  }
});

test('where two factors are required, the provider must assert the second one', async () => {
  requireTwoFactor(true);
  try {
    const page = await newPage(browser);
    try {
      await signIn(page, 'demo-leder', false);
      await page.getByText('Tjenesten krever totrinnsinnlogging').waitFor();
      await page.goto(`${server.base}/`);
      await page.waitForURL(/\/login/);

      await signIn(page, 'demo-leder', true);
      await page.getByRole('heading', { name: /Hei, Leif/ }).waitFor();
      await page.goto(`${server.base}/audit`);
      await page.getByText(/amr pwd otp; acr \S+; second factor from the provider/).first().waitFor();
    } finally {
      await page.context().close();
    }
  } finally {
    requireTwoFactor(false);
  }
});

test('without the second factor from the provider, a user with an authenticator is asked for its code', async () => {
  const page = await newPage(browser);
  try {
    await login(page, server.base, 'demo-feltarbeider', server.demoLogins['demo-feltarbeider']);
    await page.goto(`${server.base}/account/two-factor`);
    const secret = (await page.locator('#totp-secret').textContent()).trim();
    await page.getByLabel('Kode', { exact: true }).fill(totp(secret));
    await page.getByRole('button', { name: 'Slå på tofaktorinnlogging' }).click();
    await page.getByRole('heading', { name: 'Gjenopprettingskoder' }).waitFor();
    await page.getByRole('link', { name: 'Fortsett' }).click();
    await page.getByRole('button', { name: /Logg ut/ }).click();
    await page.waitForURL(/\/login$/);

    await signIn(page, 'demo-feltarbeider', false);
    await page.waitForURL(/\/login\/two-factor$/);
    await page.getByLabel('Kode', { exact: true }).fill(totp(secret, 1));
    await page.getByRole('button', { name: 'Bekreft' }).click();
    await page.getByRole('heading', { name: /Hei, Frida/ }).waitFor();
    await page.getByRole('button', { name: /Logg ut/ }).click();
    await page.waitForURL(/\/login$/);

    // With the provider's second factor, no code is asked.
    await signIn(page, 'demo-feltarbeider', true);
    await page.getByRole('heading', { name: /Hei, Frida/ }).waitFor();
  } finally {
    await page.context().close();
  }
});
