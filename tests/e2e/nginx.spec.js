// The README's nginx configuration, run as it is by Debian's nginx in front of the stand-in: only the
// addresses, ports, certificate paths and the upstream are swapped for the test's. The upstream is a
// TLS front for the stand-in with a certificate for api.awork.com from a test CA, which the config
// trusts in place of the system's CAs. The app works through it; every path the app calls
// (src/api/awork.rs) passes the allowlist; and with a CA that did not sign the upstream's
// certificate, no request (so no token) reaches the upstream.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, expectNoPanic, ADMIN_TOKEN } from './fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NGINX = '/usr/sbin/nginx';

/// The ```nginx block of the README.
async function readmeNginx() {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(readme);
  expect(block, 'the README has an nginx block').not.toBeNull();
  return block[1];
}

/// Every path the app calls, from src/api/ (`{}` where an id goes).
async function apiPaths() {
  const src = (await readFile(path.join(root, 'src/api/awork.rs'), 'utf8')).split('#[cfg(test)]')[0];
  const paths = new Set([...src.matchAll(/"(\/[a-z][^"?]*)/g)].map((m) => m[1]));
  paths.add('/me');
  return [...paths];
}

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

function openssl(dir, ...args) {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/// A CA, and a certificate it signs for `name` (DNS or IP).
function certificates(dir) {
  const ca = (name) => openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`,
    '-keyout', `${name}.key`, '-out', `${name}.crt`);
  ca('test-ca');
  ca('other-ca');
  const leaf = (file, san) => {
    openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${file}`, '-keyout', `${file}.key`, '-out', `${file}.csr`);
    writeFileSync(path.join(dir, `${file}.ext`), `subjectAltName=${san}\n`);
    openssl(dir, 'x509', '-req', '-in', `${file}.csr`, '-CA', 'test-ca.crt', '-CAkey', 'test-ca.key', '-CAcreateserial',
      '-days', '2', '-extfile', `${file}.ext`, '-out', `${file}.crt`);
  };
  leaf('api', 'DNS:api.awork.com');
  leaf('app', 'IP:127.0.0.1');
}

/// `text` with `from` replaced by `to`; the test fails if the README no longer has `from`.
function swap(text, from, to) {
  expect(text.includes(from), `the README's nginx block has ${from}`).toBe(true);
  return text.split(from).join(to);
}

/// Starts nginx with the README's block; `trust` names the CA the upstream is checked against.
async function startNginx(standin, { trust }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'awork-nginx-'));
  certificates(dir);
  await cp(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true });
  await writeFile(path.join(dir, 'dist/config.json'), JSON.stringify({ apiBaseUrl: '/awork-api/v1' }));
  const [http, https, upstream] = [await freePort(), await freePort(), await freePort()];
  let site = await readmeNginx();
  site = swap(site, 'listen 80;', `listen 127.0.0.1:${http};`);
  site = swap(site, 'listen 443 ssl;', `listen 127.0.0.1:${https} ssl;`);
  site = swap(site, '/etc/ssl/awork-admin/fullchain.pem', `${dir}/app.crt`);
  site = swap(site, '/etc/ssl/awork-admin/privkey.pem', `${dir}/app.key`);
  site = swap(site, 'root /srv/awork-admin/dist;', `root ${dir}/dist;`);
  site = swap(site, 'proxy_pass https://api.awork.com;', `proxy_pass https://127.0.0.1:${upstream};`);
  site = swap(site, 'proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;', `proxy_ssl_trusted_certificate ${dir}/${trust}.crt;`);
  const standinPort = new URL(standin.api).port;
  const user = os.userInfo().uid === 0 ? 'user root;' : '';
  const conf = `${user}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${site}
  # The test's api.awork.com: TLS with a certificate for that name from the test CA, in front of
  # the stand-in.
  server {
    listen 127.0.0.1:${upstream} ssl;
    ssl_certificate ${dir}/api.crt;
    ssl_certificate_key ${dir}/api.key;
    location / {
      proxy_pass http://127.0.0.1:${standinPort};
      proxy_set_header Host 127.0.0.1:${standinPort};
      proxy_buffering off;
    }
  }
}
`;
  await writeFile(path.join(dir, 'nginx.conf'), conf);
  execFileSync(NGINX, ['-t', '-p', dir, '-c', `${dir}/nginx.conf`, '-e', `${dir}/error.log`], { stdio: 'pipe' });
  const proc = spawn(NGINX, ['-p', dir, '-c', `${dir}/nginx.conf`, '-e', `${dir}/error.log`, '-g', 'daemon off;'], { stdio: 'ignore' });
  await expect.poll(() => new Promise((resolve) => {
    const s = net.connect(https, '127.0.0.1', () => { s.end(); resolve(true); }).on('error', () => resolve(false));
  })).toBe(true);
  return {
    app: `https://127.0.0.1:${https}/`,
    http: `http://127.0.0.1:${http}/`,
    errorLog: () => readFile(path.join(dir, 'error.log'), 'utf8'),
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((resolve) => (proc.exitCode !== null ? resolve() : proc.once('exit', resolve)));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

test.use({ ignoreHTTPSErrors: true });

test('the README\'s nginx config serves the app with its headers and passes awork through a verified upstream', async ({ page, standin, consoleLog }) => {
  test.setTimeout(60_000);
  const nginx = await startNginx(standin, { trust: 'test-ca' });
  try {
    const index = await page.goto(nginx.app);
    const h = index.headers();
    expect(h['content-security-policy']).toContain('frame-ancestors https://portal.example.com');
    expect(h['strict-transport-security']).toBe('max-age=63072000');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
    // Plain http is sent to https.
    const redirect = await fetch(nginx.http, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toMatch(/^https:\/\//);

    await page.getByLabel('API token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
    await page.getByRole('link', { name: 'Roles' }).click();
    await page.getByRole('link', { name: /^Admin/ }).click();
    await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
    await page.getByRole('link', { name: 'People' }).click();
    await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('api-users-failed'), 'GET /apiusers passes the proxy').toHaveCount(0);
    const requests = await standin.requests();
    expect(requests.map((r) => r.path)).toContain('/apiusers');
    expect(requests.every((r) => r.authorization === `Bearer ${ADMIN_TOKEN}` || r.path.startsWith('/files/'))).toBe(true);
    expectNoPanic(consoleLog);
  } finally {
    await nginx.stop();
  }
});

test('every path the app calls passes the README\'s allowlist, and the rest of the API does not', async ({ standin, request }) => {
  const nginx = await startNginx(standin, { trust: 'test-ca' });
  try {
    const paths = await apiPaths();
    expect(paths.length).toBeGreaterThan(10);
    const blockedByNginx = async (p) => {
      const r = await request.get(`${nginx.app}awork-api/v1${p}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, maxRedirects: 0 });
      return r.status() === 404 && /<center>nginx/.test(await r.text());
    };
    for (const p of paths) {
      const sample = p.replaceAll('{}', '00000000-0000-4000-8000-000000000001');
      expect(await blockedByNginx(sample), `${p} reaches awork through the proxy`).toBe(false);
    }
    for (const p of ['/accounts/authorize', '/workspaces/1', '/projects', '/../../etc/passwd']) {
      expect(await blockedByNginx(p), `${p} stays behind the proxy`).toBe(true);
    }
  } finally {
    await nginx.stop();
  }
});

test('with an upstream certificate nginx cannot verify, nothing (so no token) reaches the upstream', async ({ page, standin }) => {
  const nginx = await startNginx(standin, { trust: 'other-ca' });
  try {
    await page.goto(nginx.app);
    await page.getByLabel('API token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByTestId('profile-name')).toHaveCount(0);
    expect(await standin.requests(), 'the stand-in behind the upstream got nothing').toEqual([]);
    expect(await nginx.errorLog()).toMatch(/upstream SSL certificate verify error/);
  } finally {
    await nginx.stop();
  }
});
