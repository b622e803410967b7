// A real OpenID Connect provider (the `oidc-provider` package) for testing Gatelangs' single sign-on
// on loopback over plain http. It has one confidential client and its own tiny login page.
//
//   node oidc-provider.mjs [--port N] [--client-id ID] [--client-secret S] [--redirect-uri URI]...
//
// Each option may instead come from the environment: OIDC_PORT (default 0: any free port),
// OIDC_CLIENT_ID (default `gatelangs`), OIDC_CLIENT_SECRET (default `gatelangs-test-secret`),
// OIDC_REDIRECT_URIS (comma separated; default `http://127.0.0.1/login/sso/callback`),
// OIDC_TOKEN_AUTH_METHOD (`client_secret_basic`, the default, or `client_secret_post`),
// OIDC_MFA_ACR (the `acr` given when the second-factor box is ticked), OIDC_SSO_SESSION=1 (keep the
// provider's own login session between sign-ins instead of showing the login page every time).
//
// A redirect URI on a loopback host (127.0.0.1, [::1]) matches whatever its port, as RFC 8252 does
// for native apps, so it can be registered before Gatelangs has picked its port.
//
// Once it listens it prints one line `listening http://127.0.0.1:PORT`; that URL is the issuer.
// The login page has a "Username" field and a "used a second factor" checkbox: the user signed in
// is the username, with `amr` ["pwd","otp"] and `acr` OIDC_MFA_ACR when the box is ticked, and
// `amr` ["pwd"] and no `acr` when it is not. Consent to openid/profile/email is given by itself.
// The ID token carries sub, preferred_username, email, email_verified, name, amr and acr.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import Provider, { interactionPolicy } from 'oidc-provider';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
  },
});

const env = process.env;
const port = Number(opts.port ?? env.OIDC_PORT ?? 0);
const clientId = opts['client-id'] ?? env.OIDC_CLIENT_ID ?? 'gatelangs';
const clientSecret = opts['client-secret'] ?? env.OIDC_CLIENT_SECRET ?? 'gatelangs-test-secret';
const redirectUris = opts['redirect-uri']
  ?? (env.OIDC_REDIRECT_URIS ?? 'http://127.0.0.1/login/sso/callback').split(',').map((s) => s.trim()).filter(Boolean);
const tokenAuthMethod = env.OIDC_TOKEN_AUTH_METHOD ?? 'client_secret_basic';
const MFA_ACR = env.OIDC_MFA_ACR ?? 'http://schemas.openid.net/pape/policies/2007/06/multi-factor';
const ssoSession = env.OIDC_SSO_SESSION === '1';

// The issuer holds the real port, so listen first and build the provider afterwards.
const server = createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, '127.0.0.1', resolve);
});
const issuer = `http://127.0.0.1:${server.address().port}`;

const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: 'test-rs256', use: 'sig', alg: 'RS256',
};

const policy = interactionPolicy.base();
if (!ssoSession) {
  // Ask for the login page on every authorization request, except the one resumed from it.
  policy.get('login').checks.add(new interactionPolicy.Check(
    'always_login', 'End-User authentication is required on every sign-in',
    (ctx) => (ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT),
  ));
}

const SCOPES = 'openid profile email';

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: tokenAuthMethod,
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  pkce: { required: () => true }, // and oidc-provider only knows S256
  scopes: SCOPES.split(' '),
  // Top-level claims here are only "supported": oidc-provider puts acr/amr/auth_time in the ID token
  // only when the request asks for them (acr_values, max_age, the claims parameter). Tying them to
  // the openid scope puts them in every ID token, as most real providers do. `amr` is not among the
  // default claims at all, and `acr` is dropped from them unless acrValues has a value.
  claims: {
    acr: null, amr: null, auth_time: null, iss: null, sid: null,
    openid: ['sub', 'auth_time', 'acr', 'amr'],
    profile: ['preferred_username', 'name'],
    email: ['email', 'email_verified'],
  },
  acrValues: [MFA_ACR],
  // By default, while the userinfo endpoint is on, scope claims (preferred_username, email) are only
  // given at userinfo and the ID token holds just `sub`; put them in the ID token too.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // No consent screen: the client is granted its scopes as soon as someone has signed in.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const grant = await ctx.oidc.provider.Grant.find(grantId);
      if (grant && grant.accountId === ctx.oidc.session.accountId) return grant;
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(SCOPES);
    await grant.save();
    return grant;
  },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id, preferred_username: id, name: id, email: `${id}@example.test`, email_verified: true,
        };
      },
    };
  },
});

// Loopback redirect URIs match whatever their port (as RFC 8252 §7.3 asks for native apps).
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);
function withoutLoopbackPort(value) {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) return undefined;
    url.port = '';
    return url.href;
  } catch {
    return undefined;
  }
}
const exactRedirectUriAllowed = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
  if (exactRedirectUriAllowed.call(this, value)) return true;
  const stripped = withoutLoopbackPort(value);
  return stripped !== undefined && this.redirectUris.some((uri) => withoutLoopbackPort(uri) === stripped);
};

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, clientName, error) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in – Test identity provider</title></head>
<body>
<main>
<h1>Test identity provider</h1>
<p>Sign in to continue to ${escapeHtml(clientName)}.</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<p><label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" required autofocus></p>
<p><input id="second_factor" name="second_factor" type="checkbox" value="yes">
<label for="second_factor">used a second factor</label></p>
<p><button type="submit">Sign in</button></p>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort">
<p><button type="submit">Cancel</button></p>
</form>
</main>
</body>
</html>
`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

// The interaction (login page) routes; everything else is the provider's.
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET' && !action) {
    send(res, 200, loginPage(uid, details.params.client_id));
    return;
  }
  if (req.method !== 'POST') {
    send(res, 405, 'method not allowed');
    return;
  }
  const form = await readForm(req);
  let result;
  if (action === 'login') {
    const username = (form.get('username') ?? '').trim();
    if (!username) {
      send(res, 400, loginPage(uid, details.params.client_id, 'Enter a username.'));
      return;
    }
    const mfa = form.has('second_factor');
    result = {
      login: {
        accountId: username,
        amr: mfa ? ['pwd', 'otp'] : ['pwd'],
        ...(mfa ? { acr: MFA_ACR } : {}),
        remember: ssoSession,
      },
    };
  } else if (action === 'abort') {
    result = { error: 'access_denied', error_description: 'End-User aborted interaction' };
  } else {
    send(res, 404, 'not found');
    return;
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
server.on('request', (req, res) => {
  const m = new URL(req.url, issuer).pathname.match(/^\/interaction\/([^/]+)(?:\/(login|abort))?\/?$/);
  if (!m) {
    callback(req, res);
    return;
  }
  interaction(req, res, m[1], m[2]).catch((err) => {
    if (!res.headersSent) send(res, 400, `<!doctype html><html lang="en"><head><title>Error</title></head><body><main><h1>Error</h1><p>${escapeHtml(err.message)}</p></main></body></html>`);
    else res.end();
  });
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

console.log(`listening ${issuer}`);
