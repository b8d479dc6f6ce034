/**
 * The report's checklist reads what the code does, not what its comments say, and reads right
 * whatever the date: the CORS row, the SDK and OAuth rows, the transport row's counts, the heading.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scan } from '../src/index.js';
import { buildInventory, checklistTitle, type ChecklistItem } from '../src/inventory/inventory.js';
import { analyseProject, ProjectSignals } from '../src/inventory/project.js';
import { withoutComments } from '../src/analysis/mcp.js';
import { formatMarkdown } from '../src/report/markdown.js';
import { tempTree } from './helpers/cli.js';
import { statelessExpressRoute } from './helpers/code.js';

const V1 = JSON.stringify({ name: 'srv', dependencies: { '@modelcontextprotocol/sdk': '^1.29.0', express: '^5.1.0' } });

/** A stateless v1 server over HTTP; `extra` goes above the route. */
const server = (extra = '') =>
  [
    "import express from 'express';",
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
    'const app = express();',
    extra,
    ...statelessExpressRoute("new McpServer({ name: 'x', version: '1.0.0' })"),
    'app.listen(3000);',
    '',
  ].join('\n');

async function inventoryOf(files: Record<string, string>) {
  const dir = tempTree({ 'package.json': V1, ...files });
  const signals = new ProjectSignals();
  const result = await scan({ paths: [dir], cwd: dir, onFile: (rel, text, kind) => signals.add(text, kind, rel) });
  return buildInventory(result, await analyseProject(dir, signals), new Set());
}

async function row(prefix: string, files: Record<string, string>): Promise<[ChecklistItem['status'], string]> {
  const item = (await inventoryOf(files)).checklist.find((i) => i.step.startsWith(prefix))!;
  return [item.status, item.detail];
}

describe('the checklist: gateway routing and CORS', () => {
  const gateway = (files: Record<string, string>) => row('Gateway routing', files);

  it('is to do where Mcp-Method and Mcp-Name are named only in a comment above a closed CORS list', async () => {
    const closed = "// A browser preflight for Mcp-Method / Mcp-Name fails with this list\napp.use(cors({ allowedHeaders: ['Content-Type', 'Authorization'] }));\n/* Mcp-Method, Mcp-Name: later */";
    expect(await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server(closed) })).toEqual(['todo', 'no CORS list or proxy config mentions Mcp-Method and Mcp-Name yet']);
    const named = "app.use(cors({ allowedHeaders: ['Content-Type', 'Authorization', 'Mcp-Method', 'Mcp-Name', 'MCP-Protocol-Version'] }));";
    expect(await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server(named) })).toEqual(['done', 'Mcp-Method and Mcp-Name appear in code or config']);
  });

  it('is done where every CORS answer allows any header (Access-Control-Allow-Headers: *), unless credentials are allowed or a list names others', async () => {
    const headers = (more: string) => `const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*'${more} };\napp.use((req, res, next) => { res.set(CORS); next(); });`;
    const [status, detail] = await gateway({ 'src/index.ts': server(headers('')) });
    expect([status, detail]).toEqual(['done', expect.stringMatching(/^Access-Control-Allow-Headers: \* admits Mcp-Method and Mcp-Name on requests without credentials \(not Authorization/)]);
    // With credentials, browsers take `*` for a header's name.
    expect(await gateway({ 'src/index.ts': server(headers(", 'Access-Control-Allow-Credentials': 'true'")) })).toEqual(['todo', expect.stringMatching(/^Access-Control-Allow-Headers: \* with credentials allowed/)]);
    // A closed list elsewhere (another route's CORS) still lacks them.
    const other = "app.options('/admin', (req, res) => res.set('Access-Control-Allow-Headers', 'Content-Type').end());";
    expect((await gateway({ 'src/index.ts': server(`${headers('')}\n${other}`) }))[0]).toBe('todo');
    // Or a list set from a value not written out, which nobody can check here.
    const unread = "app.options('/admin', (req, res) => res.set('Access-Control-Allow-Headers', ADMIN_HEADERS.join(',')).end());";
    expect((await gateway({ 'src/index.ts': server(`${headers('')}\n${unread}`) }))[0]).toBe('todo');
    // nginx's wildcard, quoted, in front of the server.
    const nginx = "server {\n  location /mcp {\n    add_header 'Access-Control-Allow-Headers' '*';\n    proxy_pass http://app:3000;\n  }\n}\n";
    expect((await gateway({ 'src/index.ts': server(), 'deploy/nginx.conf': nginx }))[0]).toBe('done');
  });

  it('is done where a CORS middleware is given no header list (it reflects what the browser asks for), to do once a list, a header set by hand or a proxy config is there', async () => {
    const reflected = ['done', expect.stringMatching(/^a CORS middleware with no header list answers each preflight with the headers the browser asks for/)];
    expect(await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server('app.use(cors());') })).toEqual(reflected);
    expect(await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server("app.use(cors({ origin: (o, cb) => cb(null, true), exposedHeaders: ['x-id'] }));") })).toEqual(reflected);
    // Nest's enableCors() is the same middleware.
    expect(await gateway({ 'src/index.ts': server('app.enableCors({ origin: true });') })).toEqual(reflected);
    // A list in its options, in options kept apart, or another CORS answer with a list: those lists decide.
    expect((await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server("app.use(cors({ allowedHeaders: ['Content-Type'] }));") }))[0]).toBe('todo');
    expect((await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server("const opts = { allowedHeaders: 'Content-Type' };\napp.use(cors(opts));") }))[0]).toBe('todo');
    // A header list built at run time cannot be read here.
    expect((await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server("app.use(cors());\napp.use((req, res, next) => { res.set('Access-Control-Allow-Headers', ALLOWED.join(',')); next(); });") }))[0]).toBe('todo');
    // A proxy in front is for a person to check.
    const nginx = 'upstream app { server app:3000; }\nserver { location /mcp { proxy_pass http://app; } }\n';
    expect((await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server('app.use(cors());'), 'deploy/nginx.conf': nginx }))[0]).toBe('todo');
  });

  it('leaves out a CORS middleware mounted on a path the MCP endpoint is not under (skybridge: cors() on /assets only)', async () => {
    const reflected = ['done', expect.stringMatching(/^a CORS middleware with no header list/)];
    expect(await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server("app.use('/assets', cors(), express.static('public'));") })).toEqual(['n/a', expect.stringMatching(/^no CORS headers or proxy config found/)]);
    // Mounted where the endpoint is: at the root, on it, or on a prefix of a route of the file that names it.
    expect(await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server("app.use('/', cors());") })).toEqual(reflected);
    expect(await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server("app.use('/mcp', cors());") })).toEqual(reflected);
    expect(await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server("app.use('/api', cors());\napp.post('/api/v1/mcp', handle);") })).toEqual(reflected);
    // Another CORS middleware of the file still counts.
    expect(await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server("app.use('/assets', cors());\napp.use(cors({ allowedHeaders: ['Content-Type'] }));") })).toEqual(['todo', expect.any(String)]);
  });

  it('leaves out a CORS middleware with a header list that only a route off the MCP endpoint uses, inline or kept under a name (hf-mcp-server: the server card)', async () => {
    const reflected = ['done', expect.stringMatching(/^a CORS middleware with no header list/)];
    const endpoint = "const corsOptions = { origin: ['https://app.example'], exposedHeaders: ['WWW-Authenticate'] };\napp.use(cors(corsOptions));\n";
    const card = "const cardCors = cors({ origin: '*', methods: ['GET'], allowedHeaders: ['Content-Type', 'If-None-Match'] });\n";
    expect(await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server(`${endpoint}${card}app.get('/.well-known/server-card.json', cardCors, (_req, res) => void res.json({}));`) })).toEqual(reflected);
    // Inline on the route, after another handler.
    expect(await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server(`${endpoint}app.get('/card.json', etag, cors({ allowedHeaders: ['If-None-Match'] }), (_req, res) => void res.json({}));`) })).toEqual(reflected);
    // On the endpoint, or used anywhere else (handed on, chosen at run time), its list counts.
    expect((await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server(`${endpoint}${card}app.post('/mcp', cardCors, handle);`) }))[0]).toBe('todo');
    expect((await gateway({ 'src/index.ts': "import cors from 'cors';\n" + server(`${endpoint}${card}app.get('/card.json', cardCors, send);\napp.use((req, res, next) => (req.path === '/card.json' ? cardCors : next)(req, res, next));`) }))[0]).toBe('todo');
  });

  it('is n/a where no CORS and no proxy config is found, to do once a proxy config is (its comment naming them counts for nothing)', async () => {
    expect(await gateway({ 'src/index.ts': server() })).toEqual(['n/a', expect.stringMatching(/^no CORS headers or proxy config found/)]);
    const nginx = '# forward Mcp-Method and Mcp-Name\nupstream app { server app:3000; }\nserver { location /mcp { proxy_pass http://app; } }\n';
    expect(await gateway({ 'src/index.ts': server(), 'deploy/nginx.conf': nginx })).toEqual(['todo', 'no CORS list or proxy config mentions Mcp-Method and Mcp-Name yet']);
    // Caddy's reverse_proxy, in a Caddyfile.
    const caddy = 'mcp.example.com {\n\treverse_proxy app-1:3000 app-2:3000\n}\n';
    expect(await gateway({ 'src/index.ts': server(), 'deploy/Caddyfile': caddy })).toEqual(['todo', 'no CORS list or proxy config mentions Mcp-Method and Mcp-Name yet']);
  });
});

describe('withoutComments', () => {
  it('drops line and block comments, keeps strings (a URL), template literals and the line count', () => {
    const text = "const a = 'https://x.test/mcp'; // Mcp-Method\n/* Mcp-Name\n */ const b = `// ${a}`;\nconst c = \"/* kept */\";";
    expect(withoutComments(text)).toBe("const a = 'https://x.test/mcp'; \n\n const b = `// ${a}`;\nconst c = \"/* kept */\";");
  });
});

describe('the checklist: markers fix left', () => {
  it('lists the TODO(mcp-migrate) markers left in the code as a row to do, and has no such row where there are none (trial 69C B1)', async () => {
    const marker = ['// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add hostHeaderValidation([...your hostnames])', '// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)'].join('\n');
    const marked = await inventoryOf({ 'src/index.ts': server(marker), 'src/other.ts': server(`${marker}\n${marker}`) });
    const item = marked.checklist.find((i) => i.step.startsWith('Markers fix left'))!;
    expect([item.status, item.detail]).toEqual(['todo', '3 marker(s) in 2 file(s) (src/index.ts, src/other.ts): each says what is left and why; `grep -rn "TODO(mcp-migrate)"` lists them']);
    expect((await inventoryOf({ 'src/index.ts': server() })).checklist.some((i) => i.step.startsWith('Markers fix left'))).toBe(false);
  });
});

describe('the checklist: SDK and OAuth rows', () => {
  it('is to do for a project on SDK v1 alone (only v2 speaks 2026-07-28), partly done with v2 beside it', async () => {
    expect((await row('SDK on', { 'src/index.ts': server() }))[0]).toBe('todo');
    const both = JSON.stringify({ name: 'srv', dependencies: { '@modelcontextprotocol/sdk': '^1.29.0', '@modelcontextprotocol/server': '^2.0.0' } });
    expect((await row('SDK on', { 'src/index.ts': server(), 'package.json': both }))[0]).toBe('partial');
  });

  it('counts no long-running tool where a tool only streams progress on its own request (info), one where it sends it through the server', async () => {
    const tool = (send: string) =>
      server(`const tools = new McpServer({ name: 't', version: '1.0.0' });\ntools.registerTool('slow', {}, async (extra) => { ${send}; return { content: [] }; });`);
    const own = "await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: extra._meta?.progressToken ?? 0, progress: 1 } })";
    const viaServer = "await tools.server.notification({ method: 'notifications/progress', params: { progressToken: 0, progress: 1 } })";
    expect(await row('Long-running tools', { 'src/index.ts': tool(own) })).toEqual(['done', 'none found']);
    expect(await row('Long-running tools', { 'src/index.ts': tool(viaServer) })).toEqual(['todo', '1 finding(s)']);
  });

  it('says an SDK range below 1.0 never installs a 1.x, and asks a ^1.x range below 1.10 to raise its floor', async () => {
    const pkg = (range: string) => JSON.stringify({ name: `srv-${range}`, dependencies: { '@modelcontextprotocol/sdk': range, express: '^5.1.0' } });
    const [, old] = await row('SDK on', { 'package.json': pkg('^0.5.0'), 'src/index.ts': server(), 'b/package.json': pkg('^1.26.0'), 'b/src/index.ts': server() });
    expect(old).toMatch(/The SDK below 1\.0 \(\^0\.5\.0\) has no Streamable HTTP at all: upgrade to 1\.10 or later first; only the v2 packages/);
    expect(old).not.toMatch(/caret range may install/);
    const [, caret] = await row('SDK on', { 'package.json': pkg('^1.8.0'), 'src/index.ts': server() });
    expect(caret).toMatch(/v1 below 1\.10 has no stateless Streamable HTTP \(the caret range may install a later 1\.x: raise its floor to \^1\.10\.2 to be sure\)/);
    const [, both] = await row('SDK on', { 'package.json': pkg('^0.6.0'), 'src/index.ts': server(), 'b/package.json': pkg('^1.8.0'), 'b/src/index.ts': server() });
    expect(both).toMatch(/\(\^0\.6\.0\) has no Streamable HTTP at all: upgrade to 1\.10 or later first \(and raise the \^1\.x floors below 1\.10 to \^1\.10\.2\)/);
  });

  it('is n/a for OAuth where the code only validates tokens and publishes metadata, done where a callback checks iss', async () => {
    const resourceServer = [
      "app.get('/.well-known/oauth-authorization-server', (req, res) => res.json({ grant_types_supported: ['authorization_code'], response_types_supported: ['code'] }));",
      '// later: finishAuth(code) for the authorization_code grant',
      "app.use('/mcp', (req, res, next) => (verifyBearer(req.headers.authorization) ? next() : res.status(401).end()));",
    ].join('\n');
    expect(await row('OAuth callbacks', { 'src/index.ts': server(resourceServer) })).toEqual(['n/a', 'no OAuth client code found']);
    const client = "app.get('/callback', async (req, res) => { await transport.finishAuth(new URL(req.url, 'http://localhost').searchParams); res.end(); });";
    expect(await row('OAuth callbacks', { 'src/index.ts': server(client) })).toEqual(['done', 'no unchecked callback found']);
  });
});

describe('the checklist: stateless transports', () => {
  it('says what it counts: the errors, and the warnings of the same categories, which add up to the table', async () => {
    const hooks = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
      "const server = new McpServer({ name: 'r', version: '1.0.0' });",
      'let canSample = false;',
      'server.server.oninitialized = () => {',
      "  console.error('client', server.server.getClientVersion()?.name);",
      '  canSample = !!server.server.getClientCapabilities()?.sampling;',
      '};',
      'await server.connect(new StdioServerTransport());',
      '',
    ].join('\n');
    const inventory = await inventoryOf({ 'src/server.ts': hooks });
    const gate = inventory.categories.find((c) => c.id === 'initialize-gate')!;
    expect(gate.counts).toEqual({ error: 1, warning: 2, info: 0 });
    const item = inventory.checklist.find((i) => i.step.startsWith('Transports stateless'))!;
    expect([item.status, item.detail]).toEqual(['todo', '1 error(s) in initialize-gate; besides, 2 warning(s) in initialize-gate (not blocking)']);
  });
});

describe('the checklist: sticky load-balancer config', () => {
  const sticky = (files: Record<string, string>) => row('Sticky load-balancer config', files);

  it('counts the AWS target group stickiness of Terraform, CloudFormation and CDK as left (a stateless server on ECS behind a sticky ALB)', async () => {
    expect(await sticky({ 'src/server.ts': server() })).toEqual(['done', 'no sticky routing found']);
    const terraform = 'resource "aws_lb_target_group" "mcp_server" {\n  port = 3000\n  stickiness {\n    enabled = true\n    type    = "lb_cookie"\n  }\n}\n';
    expect(await sticky({ 'src/server.ts': server(), 'infra/alb.tf': terraform })).toEqual(['todo', '1 sticky setting(s) left']);
    const cloudFormation = 'Resources:\n  TG:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties:\n      TargetGroupAttributes:\n        - Key: stickiness.enabled\n          Value: "true"\n';
    const cdk = "import { Duration } from 'aws-cdk-lib';\nimport * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';\nconst tg = new elbv2.ApplicationTargetGroup(stack, 'TG', { port: 3000 });\ntg.enableCookieStickiness(Duration.days(1));\n";
    expect(await sticky({ 'src/server.ts': server(), 'infra/alb.tf': terraform, 'infra/cfn.yaml': cloudFormation, 'infra/cdk.ts': cdk })).toEqual(['todo', '3 sticky setting(s) left']);
  });

  it('names a service kept on one instance for its in-memory sessions apart: no sticky setting, a cap to scale out afterwards (trial 30A)', async () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1 # must stay 1: transports are kept in memory per Mcp-Session-Id\n';
    expect(await sticky({ 'src/server.ts': server(), 'k8s/deployment.yaml': deployment })).toEqual(['done', 'no sticky routing found; 1 service(s) kept on one instance for in-memory sessions, to scale out once the servers keep no per-instance state']);
    const terraform = 'resource "aws_lb_target_group" "mcp_server" {\n  stickiness {\n    enabled = true\n    type    = "lb_cookie"\n  }\n}\n';
    expect(await sticky({ 'src/server.ts': server(), 'k8s/deployment.yaml': deployment, 'infra/alb.tf': terraform })).toEqual(['todo', '1 sticky setting(s) left; 1 service(s) kept on one instance for in-memory sessions, to scale out once the servers keep no per-instance state']);
    // A bare cap (a dev manifest) is no finding at all.
    expect(await sticky({ 'src/server.ts': server(), 'k8s/deployment.yaml': 'spec:\n  replicas: 1\n' })).toEqual(['done', 'no sticky routing found']);
  });

  it('is done where the stickiness is switched off', async () => {
    const off = 'resource "aws_lb_target_group" "mcp_server" {\n  stickiness {\n    enabled = false\n    type    = "lb_cookie"\n  }\n}\n';
    expect(await sticky({ 'src/server.ts': server(), 'infra/alb.tf': off })).toEqual(['done', 'no sticky routing found']);
  });
});

describe('the checklist heading', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('counts the weeks to GA before 2026-07-28 and is a plain title from then on', () => {
    expect(checklistTitle('2026-06-30')).toBe('Checklist: 4 weeks to GA (2026-07-28)');
    expect(checklistTitle('2026-07-01')).toBe('Checklist: 4 weeks to GA (2026-07-28)');
    expect(checklistTitle('2026-07-27')).toBe('Checklist: one week to GA (2026-07-28)');
    expect(checklistTitle('2026-07-28')).toBe('Migration checklist');
    expect(checklistTitle('2026-11-22')).toBe('Migration checklist');
  });

  it('is what the report shows for its own date, and the last step is no date after GA', async () => {
    const headingAndLast = async (date: string) => {
      vi.stubEnv('SOURCE_DATE_EPOCH', String(Date.parse(date) / 1000));
      const markdown = formatMarkdown(await inventoryOf({ 'src/index.ts': server() }));
      return [markdown.match(/^## .*checklist.*$|^## Checklist.*$/im)?.[0], markdown.match(/^\| (\w+) \| Kill test/m)?.[1], markdown.match(/^\| Date \| (.*) \|$/m)?.[1]];
    };
    expect(await headingAndLast('2026-11-22')).toEqual(['## Migration checklist', 'Finally', '2026-11-22']);
    expect(await headingAndLast('2026-06-23')).toEqual(['## Checklist: 5 weeks to GA (2026-07-28)', 'GA', '2026-06-23']);
  });
});

describe('the checklist: an event store', () => {
  it('is the transport\'s to remove, not session-keyed state to give a handle', async () => {
    const store = [
      "import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      'export class MemoryEventStore implements EventStore {',
      '  private events = new Map<string, { streamId: string; message: unknown }>();',
      '  async storeEvent(streamId: string, message: unknown) { const id = `${streamId}_${Date.now()}`; this.events.set(id, { streamId, message }); return id; }',
      '  async replayEventsAfter(lastEventId: string, { send }: { send: (id: string, m: unknown) => Promise<void> }) { return lastEventId; }',
      '}',
      '',
    ].join('\n');
    const files = { 'src/index.ts': server(), 'src/store.ts': store };
    const inventory = await inventoryOf(files);
    expect(inventory.result.findings.map((f) => f.ruleId)).toContain('event-store');
    expect((await row('Explicit handles', files))[0]).toBe('done');
    expect((await row('Transports stateless', files))[1]).toMatch(/in event-store \(not blocking\)/);
  });
});

describe('the checklist: explicit handles, module-level settings kept in a Map', () => {
  const tools = (body: string) =>
    [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      'const dirs = new Map<string, string>();',
      'export function register(server: McpServer, tenant: string) {',
      body,
      '}',
      '',
    ].join('\n');

  it('is to do while one tool sets an entry every call names alike and another reads it (a working directory)', async () => {
    const files = {
      'src/index.ts': server(),
      'src/tools.ts': tools(
        [
          "  server.registerTool('set_dir', { inputSchema: { path: z.string() } }, async ({ path }) => { dirs.set(`dir:${tenant}`, path); return { content: [] }; });",
          "  server.registerTool('status', { inputSchema: {} }, async () => ({ content: [{ type: 'text', text: dirs.get(`dir:${tenant}`) ?? 'none' }] }));",
        ].join('\n'),
      ),
    };
    expect(await row('Explicit handles', files)).toEqual(['todo', expect.stringMatching(/^2 finding\(s\) of state kept in this instance's memory across calls \(a browser page, state made with the server, a module-level setting or map entry\)/)]);
  });

  // Keyed by a handle the tools take, the Map is still this instance's memory (trial 40C): the
  // status call that names the repository may reach another instance. In a shared store, done.
  const keyed = [
    "  server.registerTool('set_dir', { inputSchema: { repo_id: z.string(), path: z.string() } }, async ({ repo_id, path }) => { await dirs.set(repo_id, path); return { content: [] }; });",
    "  server.registerTool('status', { inputSchema: { repo_id: z.string() } }, async ({ repo_id }) => ({ content: [{ type: 'text', text: (await dirs.get(repo_id)) ?? 'none' }] }));",
  ].join('\n');

  it('is to do where the tools key it by a handle they take but keep it in a Map of this instance', async () => {
    const files = { 'src/index.ts': server(), 'src/tools.ts': tools(keyed) };
    expect(await row('Explicit handles', files)).toEqual(['todo', expect.stringMatching(/^2 finding\(s\) of state kept in this instance's memory across calls/)]);
  });

  it('is done where the tools key it by a handle they take, in a shared store', async () => {
    const shared = tools(keyed).replace('const dirs = new Map<string, string>();', "import { createClient } from 'redis';\nconst dirs = createClient({ url: process.env.REDIS_URL });");
    expect(shared).toContain('createClient');
    expect((await row('Explicit handles', { 'src/index.ts': server(), 'src/tools.ts': shared }))[0]).toBe('done');
  });
});

describe('the checklist: explicit handles, what a session entry keeps beside its transport', () => {
  /** A session record `{ transport, <field> }` filled at initialize and read back by later requests. */
  const sessions = (field: string) =>
    [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      `interface Ctx { transport: StreamableHTTPServerTransport; ${field}: string }`,
      'const sessions: Record<string, Ctx> = {};',
      'declare function run(value: string, work: () => Promise<void>): Promise<void>;',
      'const app = express();',
      "app.post('/mcp', async (req, res) => {",
      "  const sid = req.headers['mcp-session-id'] as string | undefined;",
      '  let ctx: Ctx;',
      '  if (sid && sessions[sid]) ctx = sessions[sid];',
      '  else {',
      '    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { sessions[id] = ctx; } });',
      `    ctx = { transport, ${field}: String(req.headers['x-value']) };`,
      "    await new McpServer({ name: 'x', version: '1.0.0' }).connect(transport);",
      '  }',
      `  await run(ctx.${field}, () => ctx.transport.handleRequest(req, res, req.body));`,
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');

  it('says an API key kept by session takes no handle: each request brings its own', async () => {
    expect(await row('Explicit handles', { 'src/index.ts': sessions('apiKey') })).toEqual([
      'todo',
      '1 piece(s) of credentials, counters or client identity kept by session, which take no handle: read them from each request or key them by the principal; see "Findings by category"',
    ]);
  });

  it('counts data kept by session as state to give a handle', async () => {
    expect(await row('Explicit handles', { 'src/index.ts': sessions('basket') })).toEqual(['todo', '1 piece(s) of session-keyed state to give explicit handles; see "Findings by category"']);
  });
});

describe('the checklist: the kill test', () => {
  it('is said under the checklist for a server over HTTP, not for one served over stdio only (review 82)', async () => {
    const stdio = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
      "const server = new McpServer({ name: 'r', version: '1.0.0' });",
      'await server.connect(new StdioServerTransport());',
      '',
    ].join('\n');
    const http = [
      "import express from 'express';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      'const app = express();',
      ...statelessExpressRoute("new McpServer({ name: 'r', version: '1.0.0' })"),
      '',
    ].join('\n');
    const stdioReport = formatMarkdown(await inventoryOf({ 'src/server.ts': stdio }));
    expect(stdioReport).not.toContain('The kill test:');
    expect(stdioReport).not.toContain('the kill test proves it');
    expect(formatMarkdown(await inventoryOf({ 'src/server.ts': http }))).toContain('The kill test: run two or more instances behind a plain round-robin load balancer');
  });
});
