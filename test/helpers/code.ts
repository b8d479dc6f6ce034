/**
 * Lines of server code the tests build inline, written once: an Express `POST /mcp` route that
 * serves each request on the server `server` builds and a new stateless transport (what a
 * migrated route looks like, and what many tests put beside the shape they judge).
 */
export function statelessExpressRoute(server: string, indent = ''): string[] {
  return [
    "app.post('/mcp', async (req, res) => {",
    `  const server = ${server};`,
    '  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
    '  await server.connect(transport);',
    '  await transport.handleRequest(req, res, req.body);',
    '});',
  ].map((line) => `${indent}${line}`);
}

/**
 * A whole 2025-style Express server module: a `POST /mcp` route keeping a transport per session
 * id, whose close also drops the session's entry of `state` (`state.delete(id)`), its server
 * built with `register` (lines) after `imports` (import lines of the test's own modules).
 */
export function sessionfulExpressServer(name: string, imports: readonly string[], register: readonly string[], state: string): string {
  return [
    "import express from 'express';",
    "import { randomUUID } from 'node:crypto';",
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
    "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
    ...imports,
    '',
    'const app = express();',
    'app.use(express.json());',
    'const transports: Record<string, StreamableHTTPServerTransport> = {};',
    '',
    "app.post('/mcp', async (req, res) => {",
    "  const sid = req.headers['mcp-session-id'] as string | undefined;",
    '  let transport = sid ? transports[sid] : undefined;',
    '  if (!transport && isInitializeRequest(req.body)) {',
    '    transport = new StreamableHTTPServerTransport({',
    '      sessionIdGenerator: () => randomUUID(),',
    '      onsessioninitialized: (id) => { transports[id] = transport!; },',
    '    });',
    '    transport.onclose = () => {',
    `      if (transport!.sessionId) { delete transports[transport!.sessionId]; ${state}.delete(transport!.sessionId); }`,
    '    };',
    `    const server = new McpServer({ name: '${name}', version: '1.0.0' });`,
    ...register.map((line) => `    ${line}`),
    '    await server.connect(transport);',
    '  }',
    "  if (!transport) { res.status(400).json({ error: 'no session' }); return; }",
    '  await transport.handleRequest(req, res, req.body);',
    '});',
    'app.listen(3000);',
    '',
  ].join('\n');
}
