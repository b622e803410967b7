// Shared helpers for the browser tests: a real gatelangs server on a fresh SQLite database,
// Debian's Chromium driven by playwright-core, an axe-core scan, and TOTP codes.

import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const BIN = process.env.GATELANGS_BIN ?? new URL('../target/debug/gatelangs', import.meta.url).pathname;

/** Starts `gatelangs serve` (with `env` added to its environment) and resolves once it listens,
 * with everything it printed. */
export async function startServer(args = [], env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatelangs-browser-'));
  const child = spawn(BIN, ['serve', '--bind', '127.0.0.1:0', ...args], {
    env: { ...process.env, GATELANGS_DATA_DIR: dataDir, GATELANGS_DATABASE_URL: '', GATELANGS_LOG: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${lines.join('\n')}`)), 30_000);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${lines.join('\n')}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const m = line.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  const demoLogins = {};
  for (const line of lines) {
    const m = line.match(/^\s+(demo-\S+)\s+\S+\s+password: (\S+)/);
    if (m) demoLogins[m[1]] = m[2];
  }
  const setupLink = lines.map((l) => l.trim()).find((l) => l.includes('/setup/'));
  return {
    base, lines, demoLogins, setupLink, dataDir,
    async stop() {
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A browser with a profile on disk: closing and opening it again keeps its IndexedDB. */
export async function launchPersistent(profileDir, locale = 'nb-NO') {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, locale,
  });
}

/** A page in a fresh context (own cookies); Norwegian users' browsers ask for bokmål. */
export async function newPage(browser, locale = 'nb-NO') {
  const context = await browser.newContext({ locale });
  return context.newPage();
}

/** Scans the page with axe-core for WCAG 2.1 A and AA and fails on any violation. */
export async function expectAccessible(page, what) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  assert.deepEqual(summary, [], `accessibility violations on ${what ?? page.url()}`);
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`not base32: ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The RFC 6238 code (SHA-1, 6 digits, 30 s) for `secret`, `stepOffset` steps from now. */
export function totp(secret, stepOffset = 0) {
  const step = Math.floor(Date.now() / 1000 / 30) + stepOffset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

/** Logs in through the form. */
export async function login(page, base, username, password) {
  await page.goto(`${base}/login`);
  await page.getByLabel(/Brukernavn|Username/).fill(username);
  await page.getByLabel(/^(Passord|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Logg inn|Log in)$/ }).click();
}
