/**
 * The Host/Origin guards v2-handler adds for a server bound to loopback (trial 66C B2). They change
 * who may connect: behind a reverse proxy on the same host that passes the public Host (Caddy by
 * default), every request got 403 where v1 answered 200. So they are a change to review that says
 * so, on the MCP endpoint's path alone, and `--safe-only` leaves them out, marked. Where the
 * package (or the repository's top) configures such a proxy, none is added: a marker names the
 * hostnames the proxy serves for hostHeaderValidation.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { proxiedHosts, proxyUpstreams, runFix } from '../src/fix/runner.js';
import { tempDirs } from './helpers/cli.js';

const { tree, repo } = tempDirs();

const SERVER = [
  "import express from 'express';",
  "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
  "const buildServer = () => new McpServer({ name: 'b2', version: '1.0.0' });",
  'const app = express();',
  'app.use(express.json());',
  "app.get('/health', (_req, res) => res.send('ok'));",
  "app.post('/mcp', async (req, res) => {",
  '  const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
  "  res.on('close', () => t.close());",
  '  await buildServer().connect(t);',
  '  await t.handleRequest(req, res, req.body);',
  '});',
  "app.listen(Number(process.env.PORT ?? 49121), '127.0.0.1');",
  '',
].join('\n');

const MANIFEST = JSON.stringify({ name: 'b2', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.32.2', express: '^5.1.0', zod: '^4.2.1' } }, null, 2);

const CADDYFILE = 'mcp.example.com {\n\treverse_proxy 127.0.0.1:49121\n}\n';

/** The B2 project, with `extra` files beside it (a reverse proxy's config). */
const project = (extra: Record<string, string> = {}) => tree({ 'package.json': MANIFEST, 'src/server.ts': SERVER, ...extra });

/** The code lines of a text, comments left out. */
const code = (text: string) => text.split('\n').filter((line) => !/^\s*\/\//.test(line));

describe('v2-handler: the loopback Host/Origin guards (trial 66C B2)', () => {
  it('adds them on /mcp only, as a change to review that names the 403 and the reverse-proxy case', async () => {
    const result = await runFix({ cwd: project(), target: '2026-07-28', dryRun: true, format: false });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(code(server.after)).toContain("app.use('/mcp', localhostHostValidation(), localhostOriginValidation());");
    expect(code(server.after).filter((line) => /\bapp\.use\(\s*localhost/.test(line))).toEqual([]);
    const guard = server.changes.find((c) => /Host\/Origin validation/.test(c.description));
    expect(guard).toMatchObject({ line: 5, safety: 'review' });
    expect(guard!.description).toMatch(/on \/mcp .*Host is not localhost, 127\.0\.0\.1 or \[::1\] gets 403.*reverse proxy on this host that passes the public Host.*hostHeaderValidation\(\[\.\.\.its hostnames\]\)/);
  });

  it('--safe-only leaves them out (the runner filters no change: the codemod asks ctx.allows), marked, and asks for no @modelcontextprotocol/express', async () => {
    const result = await runFix({ cwd: project(), target: '2026-07-28', dryRun: true, format: false, safeOnly: true });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    // The move itself still happens: the guards alone are left out.
    expect(server.after).toContain('createMcpHandler(() => buildServer())');
    expect(code(server.after).join('\n')).not.toMatch(/localhost(Host|Origin)Validation/);
    expect(server.changes.filter((c) => c.safety === 'review')).toEqual([]);
    expect(server.markers.map((m) => m.message)).toEqual([expect.stringMatching(/^createMcpHandler validates neither Host nor Origin, and this server binds to loopback: .*app\.use\('\/mcp', localhostHostValidation\(\), localhostOriginValidation\(\)\).* left out under --safe-only/)]);
    const manifest = result.files.find((f) => f.file === 'package.json');
    expect(manifest?.after ?? '').not.toContain('@modelcontextprotocol/express');
  });

  /** The proxy marker of a run's src/server.ts, and its code. */
  const proxied = async (cwd: string, options: { safeOnly?: boolean; paths?: string[] } = {}) => {
    const result = await runFix({ cwd, target: '2026-07-28', dryRun: true, format: false, ...options });
    const server = result.files.find((f) => /(^|\/)server\.ts$/.test(f.file))!;
    return { result, server, code: code(server.after).join('\n'), markers: server.markers.map((m) => m.message) };
  };

  it('adds none behind the Caddyfile of the package (it passes the public Host): a marker names its site for hostHeaderValidation', async () => {
    const { result, server, code: after, markers } = await proxied(project({ Caddyfile: CADDYFILE }));
    expect(after).toContain('createMcpHandler(() => buildServer())');
    expect(after).not.toMatch(/Validation\(/);
    expect(server.changes.filter((c) => /Host\/Origin/.test(c.description))).toEqual([]);
    expect(markers).toEqual([
      expect.stringMatching(/^Caddyfile proxies mcp\.example\.com to 127\.0\.0\.1:49121, the port this server listens on \(a reverse proxy on this host passes the public Host\): .*403 to every proxied request, so none were added\. .*hostHeaderValidation\(\['mcp\.example\.com'\]\) and originValidation\(\['mcp\.example\.com'\]\) from @modelcontextprotocol\/express/),
    ]);
    expect(result.files.find((f) => f.file === 'package.json')?.after ?? '').not.toContain('@modelcontextprotocol/express');
  });

  it('--safe-only says the same (not the guards left out)', async () => {
    const { markers } = await proxied(project({ Caddyfile: CADDYFILE }), { safeOnly: true });
    expect(markers).toEqual([expect.stringMatching(/^Caddyfile proxies mcp\.example\.com to 127\.0\.0\.1:49121, .*hostHeaderValidation\(\['mcp\.example\.com'\]\)/)]);
  });

  it('finds the Caddyfile beside package.json when the run is given src/ alone (in a git repository: outside one, the run knows nothing above src/)', async () => {
    const cwd = repo({ 'package.json': MANIFEST, 'src/server.ts': SERVER, Caddyfile: CADDYFILE });
    const { code: after, markers } = await proxied(cwd, { paths: ['src'] });
    expect(after).not.toMatch(/Validation\(/);
    expect(markers).toEqual([expect.stringMatching(/^\.\.\/Caddyfile proxies mcp\.example\.com to 127\.0\.0\.1:49121, .*hostHeaderValidation\(\['mcp\.example\.com'\]\)/)]);
  });

  it('takes an nginx config that proxies (proxy_pass), with its server_name hosts, and a Caddyfile at the top of a git repository above the package', async () => {
    const nginx = ['server {', '  listen 443 ssl;', '  server_name mcp.example.com api.example.com _ *.example.org;', '  location /mcp {', '    proxy_set_header Host $host;', '    proxy_pass http://127.0.0.1:49121;', '  }', '}', ''].join('\n');
    const { code: after, markers } = await proxied(project({ 'deploy/nginx/mcp.conf': nginx }));
    expect(after).not.toMatch(/Validation\(/);
    expect(markers).toEqual([expect.stringMatching(/^deploy\/nginx\/mcp\.conf proxies mcp\.example\.com, api\.example\.com to 127\.0\.0\.1:49121, .*hostHeaderValidation\(\['mcp\.example\.com', 'api\.example\.com'\]\)/)]);
    const monorepo = repo({ 'packages/b2/package.json': MANIFEST, 'packages/b2/src/server.ts': SERVER, Caddyfile: CADDYFILE });
    const top = await proxied(path.join(monorepo, 'packages/b2'));
    expect(top.code).not.toMatch(/Validation\(/);
    expect(top.markers).toEqual([expect.stringMatching(/^\.\.\/\.\.\/Caddyfile proxies mcp\.example\.com to 127\.0\.0\.1:49121, .*\['mcp\.example\.com'\]/)]);
  });

  it('names no host where the config names none (a Traefik file of a service by url), and the node adapter for a node:http server', async () => {
    const node = [
      "import { createServer } from 'node:http';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "const buildServer = () => new McpServer({ name: 'b2', version: '1.0.0' });",
      'createServer(async (req, res) => {',
      '  const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
      "  res.on('close', () => t.close());",
      '  await buildServer().connect(t);',
      '  await t.handleRequest(req, res);',
      "}).listen(49121, '127.0.0.1');",
      '',
    ].join('\n');
    const cwd = tree({ 'package.json': MANIFEST, 'src/server.ts': node, 'traefik.yml': 'entryPoints:\n  websecure:\n    address: ":443"\nhttp:\n  services:\n    mcp:\n      loadBalancer:\n        servers:\n          - url: "http://127.0.0.1:49121/"\n' });
    const { code: after, markers } = await proxied(cwd);
    expect(after).not.toMatch(/Validation\(|mcpHostGuard/);
    expect(markers).toEqual([expect.stringMatching(/^traefik\.yml proxies to 127\.0\.0\.1:49121, the port this server listens on .*hostHeaderValidation\(\[\.\.\.its hostnames\]\) and originValidation\(\[\.\.\.its hostnames\]\) from @modelcontextprotocol\/node/)]);
  });

  // Look-alikes: a config that proxies nothing, or that is another package's, leaves the guards.
  it.each([
    ['an nginx config of a static site (no proxy_pass; one commented out)', { 'nginx.conf': 'server {\n  server_name www.example.com;\n  root /var/www/site;\n  # proxy_pass http://127.0.0.1:49121;\n  location / { try_files $uri /index.html; }\n}\n' }],
    ['a Caddyfile that only serves files', { Caddyfile: 'www.example.com {\n\troot * /srv/site\n\tfile_server\n}\n' }],
    ["another package's Caddyfile", { 'web/package.json': JSON.stringify({ name: 'web' }), 'web/Caddyfile': CADDYFILE }],
  ])('still adds the guards beside %s', async (_name, extra) => {
    const { code: after, markers } = await proxied(project(extra));
    expect(after).toContain("app.use('/mcp', localhostHostValidation(), localhostOriginValidation());");
    expect(markers.filter((m) => /proxies to this server/.test(m))).toEqual([]);
  });

  // Review 86 #1: a config counts only where one of its upstreams is the port this server listens
  // on (49121, the default of its PORT expression), and none under docs/, examples/, test/ or fixtures/.
  /** The guards are there, and no proxy marker. */
  const guarded = async (cwd: string) => {
    const { code: after, markers } = await proxied(cwd);
    expect(after).toContain("app.use('/mcp', localhostHostValidation(), localhostOriginValidation());");
    expect(markers.filter((m) => /proxies|proxy to/.test(m))).toEqual([]);
  };
  const LITERAL_PORT = SERVER.replace('Number(process.env.PORT ?? 49121)', '8787');

  it('keeps the guards beside a docs/nginx.conf for another site (review 86 repro 1), and beside any config that proxies another port', async () => {
    await guarded(tree({ 'package.json': MANIFEST, 'src/server.ts': LITERAL_PORT, 'docs/nginx.conf': 'server { server_name docs.example.com; location / { proxy_pass http://127.0.0.1:4000; } }\n' }));
    // Each half alone: the port matches but the config is an example's, or it is deployed but proxies another port.
    await guarded(project({ 'examples/caddy/Caddyfile': CADDYFILE, 'test/fixtures/nginx.conf': 'server { location / { proxy_pass http://127.0.0.1:49121; } }\n' }));
    await guarded(project({ 'nginx.conf': 'server { server_name docs.example.com; location / { proxy_pass http://127.0.0.1:4000; } }\n', 'haproxy.cfg': 'backend web\n  server s1 127.0.0.1:3000 check\n' }));
  });

  it("keeps the guards of a workspace package beside the repository's Caddyfile for another service (review 86 repro 2), not beside one for its port", async () => {
    const files = (caddy: string) => ({ 'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }), 'packages/web/package.json': JSON.stringify({ name: 'web' }), 'packages/mcp/package.json': MANIFEST, 'packages/mcp/src/server.ts': LITERAL_PORT, Caddyfile: caddy });
    await guarded(repo(files('shop.example.com {\n\treverse_proxy 127.0.0.1:3000\n}\n')));
    const { code: after, markers } = await proxied(repo(files('shop.example.com {\n\treverse_proxy /api/* 127.0.0.1:3000\n\treverse_proxy @mcp localhost:8787\n}\n')));
    expect(after).not.toMatch(/Validation\(/);
    expect(markers).toEqual([expect.stringMatching(/^Caddyfile proxies shop\.example\.com to localhost:8787, the port this server listens on .*hostHeaderValidation\(\['shop\.example\.com'\]\)/)]);
  });

  it('reads the port from a constant with a PORT default, and follows an nginx upstream block', async () => {
    const constant = SERVER.replace("app.listen(Number(process.env.PORT ?? 49121), '127.0.0.1');", "const PORT = parseInt(process.env.PORT || '8787', 10);\napp.listen(PORT, '127.0.0.1');");
    const nginx = (port: number) => `upstream mcp_backend {\n  server 127.0.0.1:${port} max_fails=3;\n}\nserver {\n  server_name mcp.example.com;\n  location /mcp { proxy_pass http://mcp_backend; }\n}\n`;
    const { code: after, markers } = await proxied(tree({ 'package.json': MANIFEST, 'src/server.ts': constant, 'deploy/mcp.conf': nginx(8787) }));
    expect(after).not.toMatch(/Validation\(/);
    expect(markers).toEqual([expect.stringMatching(/^deploy\/mcp\.conf proxies mcp\.example\.com to 127\.0\.0\.1:8787, the port this server listens on .*hostHeaderValidation\(\['mcp\.example\.com'\]\)/)]);
    await guarded(tree({ 'package.json': MANIFEST, 'src/server.ts': constant, 'deploy/mcp.conf': nginx(3000) }));
  });

  it("where the server's port is not read, takes a config whose upstream port is not read either, and the package's own that names a port, not the repository's top one (review 87)", async () => {
    const unread = SERVER.replace('Number(process.env.PORT ?? 49121)', 'config.port').replace("const app = express();", "const config = JSON.parse(process.env.MCP_CONFIG ?? '{}');\nconst app = express();");
    const { code: after, markers } = await proxied(tree({ 'package.json': MANIFEST, 'src/server.ts': unread, 'nginx.conf': 'server { server_name mcp.example.com; location / { proxy_pass http://mcp; } }\n' }));
    expect(after).not.toMatch(/Validation\(/);
    expect(markers).toEqual([expect.stringMatching(/^nginx\.conf is taken to proxy mcp\.example\.com to this server, as neither its upstream's port nor this server's is read here \(a reverse proxy/)]);
    const own = await proxied(tree({ 'package.json': MANIFEST, 'src/server.ts': unread, Caddyfile: CADDYFILE }));
    expect(own.code).not.toMatch(/Validation\(/);
    expect(own.markers).toEqual([expect.stringMatching(/^Caddyfile, this package's, is taken to proxy mcp\.example\.com to this server, as the port this server listens on is not read here/)]);
    await guarded(repo({ 'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }), 'packages/mcp/package.json': MANIFEST, 'packages/mcp/src/server.ts': unread, Caddyfile: 'shop.example.com {\n\treverse_proxy 127.0.0.1:3000\n}\n' }));
  });
});

describe('proxiedHosts: the hostnames a reverse proxy config serves (trial 66C B2)', () => {
  it("reads Caddy's site addresses, not ports alone, loopback, snippets, placeholders or wildcards", () => {
    const caddy = ['{', '\temail ops@example.com', '}', '(common) {', '\tencode gzip', '}', 'https://mcp.example.com:443, api.example.com {', '\t@mcp path /mcp*', '\thandle @mcp {', '\t\treverse_proxy localhost:49121', '\t}', '}', ':8080 {', '\treverse_proxy 127.0.0.1:49121', '}', 'localhost, *.example.org, {$DOMAIN} {', '\treverse_proxy 127.0.0.1:49121', '}', ''].join('\n');
    expect(proxiedHosts(caddy, 'caddy')).toEqual(['mcp.example.com', 'api.example.com']);
    expect(proxiedHosts('mcp.example.com\nreverse_proxy 127.0.0.1:49121\n', 'caddy')).toEqual(['mcp.example.com']);
    expect(proxiedHosts('www.example.com {\n\tfile_server\n\t# reverse_proxy 127.0.0.1:1\n}\n', 'caddy')).toBeUndefined();
  });

  it("reads nginx's server_name where it proxies, Traefik's Host rules and HAProxy's hdr(host) ACLs", () => {
    expect(proxiedHosts('server { server_name ~^(www\\.)?example\\.com$ .example.net mcp.example.com; location / { proxy_pass http://app; } }', 'nginx')).toEqual(['mcp.example.com']);
    expect(proxiedHosts('http:\n  routers:\n    mcp:\n      rule: "Host(`mcp.example.com`) && PathPrefix(`/mcp`)"\n      service: mcp\n', 'traefik')).toEqual(['mcp.example.com']);
    expect(proxiedHosts('frontend fe\n  bind :443\n  acl is_mcp hdr(host) -i mcp.example.com\n  use_backend mcp if is_mcp\nbackend mcp\n  server s1 127.0.0.1:49121\n', 'haproxy')).toEqual(['mcp.example.com']);
    expect(proxiedHosts('services: {}', 'yaml')).toBeUndefined();
  });

  it('proxyUpstreams reads where each proxies to, with the port where one is written (review 86 #1)', () => {
    expect(proxyUpstreams('a.example.com {\n\treverse_proxy @mcp h2c://localhost:8787 # not :1\n\treverse_proxy /static/* {\n\t\tto 127.0.0.1:3000 {$UPSTREAM}\n\t}\n}\n', 'caddy')).toEqual([{ address: 'localhost:8787', port: 8787 }, { address: '127.0.0.1:3000', port: 3000 }, { address: '{$UPSTREAM}' }]);
    expect(proxyUpstreams('upstream app { server [::1]:8787; server unix:/run/app.sock; }\nserver { location / { proxy_pass http://app/; } location /x { proxy_pass https://10.0.0.2:9000/x; } }', 'nginx')).toEqual([{ address: 'app' }, { address: '10.0.0.2:9000', port: 9000 }, { address: '[::1]:8787', port: 8787 }, { address: 'unix:' }]);
    expect(proxyUpstreams('[http.services.mcp.loadBalancer]\n  [[http.services.mcp.loadBalancer.servers]]\n    url = "http://mcp:8787"\n', 'traefik')).toEqual([{ address: 'mcp:8787', port: 8787 }]);
    expect(proxyUpstreams('backend mcp\n  default-server check\n  server s1 127.0.0.1:8787 check\n', 'haproxy')).toEqual([{ address: '127.0.0.1:8787', port: 8787 }]);
  });
});
