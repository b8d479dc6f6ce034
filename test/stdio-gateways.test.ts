/**
 * A stdio server the project's own deployment serves over HTTP through a gateway (trial 72B B6):
 * its stateful-tool findings keep their severity and name the deployment file; one nothing in the
 * repository serves over HTTP keeps the stdio note at info. The fixtures' annotations check the
 * findings' lines; these check what the annotations cannot (severity, message, notes).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/scan/scanner.js';
import { gatewayCommands, gatewayScriptCandidates, gatewayTarget, servedScript } from '../src/rules/config/stdio-gateways.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/scan/stateful-tool');
const STDIO_NOTE = 'this file serves stdio only: one process serves one client';

async function statefulTools(project: string) {
  const result = await scan({ paths: [path.join(FIXTURES, project)], cache: false });
  return { findings: result.findings.filter((f) => f.ruleId === 'stateful-tool'), notes: result.notes ?? [] };
}

describe('stdio servers served over HTTP by a gateway (trial 72B B6)', () => {
  it('keeps the severity of a stdio server the Dockerfile serves through supergateway, and names the Dockerfile', async () => {
    const { findings } = await statefulTools('project-stdio-behind-gateway');
    expect(findings).toHaveLength(2);
    for (const f of findings) {
      expect(f.severity).toBe('error');
      expect(f.message).not.toContain(STDIO_NOTE);
      expect(f.message).toContain('(this file serves stdio only, but Dockerfile line 11 (supergateway) serves it over the legacy HTTP+SSE transport');
    }
  });

  it('lifts the stdio note behind a stateless gateway too: it starts a process for every request', async () => {
    const { findings } = await statefulTools('project-stdio-stateless-gateway');
    expect(findings.map((f) => f.severity)).toEqual(['error', 'error']);
    for (const f of findings) expect(f.message).toContain('Dockerfile line 7 (supergateway) serves it over stateless Streamable HTTP, which starts a new process of it for every request');
  });

  it('keeps the stdio note where the image runs the server directly', async () => {
    const { findings, notes } = await statefulTools('project-stdio-served-directly');
    expect(findings.map((f) => f.severity)).toEqual(['info', 'info']);
    for (const f of findings) expect(f.message).toContain(STDIO_NOTE);
    expect(notes).toEqual([]);
  });

  it('keeps the stdio note where the gateway serves a package, and says the gateway names no file of the run', async () => {
    const { findings, notes } = await statefulTools('project-stdio-gateway-serves-package');
    expect(findings.map((f) => f.severity)).toEqual(['info', 'info']);
    expect(notes).toEqual([{ file: 'Dockerfile', message: expect.stringMatching(/^line 3: supergateway serves a stdio server over HTTP, but its command `npx -y @modelcontextprotocol\/server-filesystem \/data` names no script of the project/) }]);
  });
});

describe('gateway commands', () => {
  const read = (text: string, kind: 'dockerfile' | 'yaml' | 'shell', file = 'x') => gatewayCommands({ path: file, text, kind }).map(({ gateway, stdio, sse, stateful, line }) => ({ gateway, stdio, sse, stateful, line }));

  it('reads a Kubernetes container whose args hold the gateway\'s options', () => {
    const yaml = ['containers:', '  - name: a', '    command: ["npx", "supergateway"]', '    args: ["--stdio", "node dist/main.js", "--outputTransport", "streamableHttp", "--stateful"]', ''].join('\n');
    expect(read(yaml, 'yaml', 'k8s.yaml')).toEqual([{ gateway: 'supergateway', stdio: 'node dist/main.js', sse: false, stateful: true, line: 3 }]);
  });

  it('reads a deployment script line, and not a client bridge', () => {
    expect(read('mcp-proxy --host 0.0.0.0 --stateless --port 9000 tsx src/server.ts\n', 'shell')).toEqual([{ gateway: 'mcp-proxy', stdio: 'tsx src/server.ts', sse: true, stateful: false, line: 1 }]);
    expect(read('npx -y supergateway --streamableHttp https://example.com/mcp\n', 'shell')).toEqual([]);
  });

  it('finds what the stdio command runs', () => {
    const none = () => undefined;
    expect(servedScript('node dist/index.js', none, none)).toBe('dist/index.js');
    expect(servedScript('npx -y tsx src/index.ts', none, none)).toBe('src/index.ts');
    expect(servedScript('npm run serve', (name) => (name === 'serve' ? 'node --enable-source-maps build/cli.js' : undefined), none)).toBe('build/cli.js');
    expect(servedScript('node .', none, () => 'out/main.js')).toBe('out/main.js');
    expect(servedScript('node --import tsx --env-file=.env src/main.ts', none, none)).toBe('src/main.ts');
    expect(servedScript('deno run -A server.ts', none, none)).toBe('server.ts');
    expect(servedScript('uvx mcp-server-fetch', none, none)).toBeUndefined();
    expect(gatewayScriptCandidates('dist/index.js', undefined, undefined)).toEqual(['dist/index.js', 'src/index.ts', 'src/index.tsx', 'index.ts', 'index.tsx', 'dist/index.ts', 'dist/index.tsx']);
    expect(gatewayScriptCandidates('build/server.mjs', 'build', 'lib')).toEqual(['build/server.mjs', 'lib/server.mts', 'build/server.mts']);
  });

  it('matches the project\'s own package run with npx to its bin', () => {
    const files: Record<string, string> = { 'package.json': JSON.stringify({ name: '@acme/tasks-mcp', bin: { 'tasks-mcp': './dist/bin.js' } }) };
    const project = { has: (rel: string) => rel === 'src/bin.ts', read: (rel: string) => files[rel] };
    expect(gatewayTarget({ stdio: 'npx -y @acme/tasks-mcp@latest' }, '', project)).toEqual({ file: 'src/bin.ts' });
    expect(gatewayTarget({ stdio: 'npx -y @acme/other-mcp' }, '', project)).toHaveProperty('unmatched');
  });
});
