#!/usr/bin/env node
// A local OpenID Connect provider for development and tests (D49): `oidc-provider` on loopback with
// one public client (the web application: authorization code + PKCE, no secret) and a demo account
// per role. Its access tokens are JWTs for the ledger API (audience JWT_AUDIENCE) carrying `role` and
// `farms`; the API checks them against this provider's JWKS. Never for production: anyone who can
// reach its sign-in page may choose any demo account.
//
//   node bin/asb-dev-oidc.mjs --port 3002 --redirect http://127.0.0.1:3000/aanmelden [--redirect …]
//
// Prints one JSON line `{"issuer": …}` on stdout when it listens.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

export const DEMO_ACCOUNTS = [
  { sub: 'boer-jansen', name: 'Boer Jansen', role: 'farmer', farms: ['nl-drenthe-0001'], label: 'Melkveehouder (boer)' },
  { sub: 'boer-de-vries', name: 'Boer De Vries', role: 'farmer', farms: ['nl-drenthe-0002'], label: 'Melkveehouder (buurman)' },
  { sub: 'wur', name: 'WUR rekenaar', role: 'calculator', farms: [], label: 'Rekenaar (WUR)' },
  { sub: 'snn', name: 'SNN', role: 'payer', farms: [], label: 'Betaler (SNN)' },
  { sub: 'provincie-drenthe', name: 'Provincie Drenthe', role: 'norm_authority', farms: [], label: 'Normsteller (provincie)' },
  { sub: 'nvwa-auditor', name: 'NVWA auditor', role: 'regulator', farms: [], label: 'Toezichthouder (NVWA)' },
  { sub: 'pbl', name: 'PBL analist', role: 'policy_analyst', farms: [], label: 'Beleidsanalist (PBL)' },
];

export const RESOURCE = 'urn:asb:ledger-api';

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const loginPage = (uid, clientName) => `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inloggen — lokale testaanbieder</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
fieldset{border:1px solid #666;padding:1rem}label{display:block;padding:.25rem 0}button{font:inherit;padding:.5rem 1.25rem;margin-top:1rem;background:#24578f;color:#fff;border:0;border-radius:4px}
button:focus-visible,input:focus-visible{outline:3px solid #000;outline-offset:2px}</style></head>
<body><main><h1>Inloggen</h1>
<p>Lokale testaanbieder voor <strong>${escapeHtml(clientName)}</strong>. Kies een demo-account (alleen voor ontwikkeling en tests).</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<fieldset><legend>Demo-account</legend>
${DEMO_ACCOUNTS.map((a, i) => `<label><input type="radio" name="account" value="${escapeHtml(a.sub)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(a.label)} — <span lang="en">${escapeHtml(a.sub)}</span></label>`).join('\n')}
</fieldset>
<button type="submit">Inloggen</button>
</form></main></body></html>`;

/** The provider's sign-out page, in Dutch: the person confirms ending the session (a link alone must not sign anyone out). */
const logoutSource = async (ctx, form) => {
  ctx.type = 'html';
  ctx.body = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Uitloggen — lokale testaanbieder</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
button{font:inherit;padding:.5rem 1.25rem;margin:1rem .5rem 0 0;border-radius:4px;border:2px solid #24578f}.yes{background:#24578f;color:#fff}.no{background:#fff;color:#24578f}
button:focus-visible{outline:3px solid #000;outline-offset:2px}</style></head>
<body><main><h1>Uitloggen</h1>
<p>Wilt u ook bij de lokale testaanbieder uitloggen? Daarna kiest u bij het volgende inloggen opnieuw een account.</p>
${form}
<button class="yes" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Ja, uitloggen</button>
<button class="no" type="submit" form="op.logoutForm">Nee, ingelogd blijven</button>
</main></body></html>`;
};

const readForm = (req) =>
  new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 4096) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });

/** Starts the provider; resolves with its issuer and a close function. */
export const startDevOidcProvider = async ({ port = 0, host = '127.0.0.1', redirectUris, audience = process.env.JWT_AUDIENCE ?? 'asb-ledger-api', clientId = 'asb-web', ttlSeconds = 3600 }) => {
  const server = createServer();
  await new Promise((resolve) => server.listen(port, host, resolve));
  const issuer = `http://${host}:${server.address().port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `dev-${randomBytes(4).toString('hex')}`, use: 'sig', alg: 'RS256' };
  const accounts = new Map(DEMO_ACCOUNTS.map((a) => [a.sub, a]));

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_name: 'ASB grootboek (webapplicatie)',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: redirectUris,
      post_logout_redirect_uris: redirectUris.map((u) => new URL('/', u).href),
    }],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'asb'],
    claims: { openid: ['sub'], profile: ['name'], asb: ['role', 'farms'] },
    conformIdTokenClaims: false,
    clientBasedCORS: (ctx, origin, client) => client.redirectUris.some((uri) => new URL(uri).origin === origin),
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, name: account.name, role: account.role, farms: account.farms }) };
    },
    // Demo accounts consent to the web application by signing in: no consent screen.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile asb');
      grant.addResourceScope(RESOURCE, 'asb');
      await grant.save();
      return grant;
    },
    extraTokenClaims: async (_ctx, token) => {
      const account = accounts.get(token.accountId);
      return account ? { role: account.role, farms: account.farms } : undefined;
    },
    ttl: { AccessToken: ttlSeconds, IdToken: ttlSeconds, Interaction: 600, Session: 3600 * 8, Grant: 3600 * 8, AuthorizationCode: 60 },
    features: {
      devInteractions: { enabled: false },
      // The web application's "Uitloggen" ends this session too (end_session_endpoint), after the person confirms.
      rpInitiatedLogout: { enabled: true, logoutSource },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          if (resource !== RESOURCE) throw new Provider.errors.InvalidTarget();
          return { scope: 'asb', audience, accessTokenFormat: 'jwt', accessTokenTTL: ttlSeconds, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Fout bij inloggen</title></head><body><main><h1>Fout bij inloggen</h1><p>${escapeHtml(out.error)}: ${escapeHtml(out.error_description ?? '')}</p></main></body></html>`;
    },
  });
  provider.proxy = false;
  const callback = provider.callback();

  server.on('request', async (req, res) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(req.url.split('?')[0]);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== match[1]) throw new Error('interaction mismatch');
      if (req.method === 'GET' && !match[2]) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(loginPage(details.uid, 'ASB grootboek'));
      }
      if (req.method === 'POST' && match[2]) {
        const form = await readForm(req);
        const accountId = form.get('account');
        if (!accounts.has(accountId)) {
          res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
          return res.end('onbekend account');
        }
        return provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
      }
      res.writeHead(405).end();
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`interaction failed: ${error.message}`);
    }
  });

  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
};

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const args = process.argv.slice(2);
  const redirectUris = [];
  let port = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i] === '--redirect') redirectUris.push(args[++i]);
  }
  if (!redirectUris.length) {
    console.error('usage: asb-dev-oidc --port PORT --redirect URL [--redirect URL …]');
    process.exit(1);
  }
  const { issuer } = await startDevOidcProvider({ port, redirectUris });
  console.log(JSON.stringify({ issuer }));
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}
