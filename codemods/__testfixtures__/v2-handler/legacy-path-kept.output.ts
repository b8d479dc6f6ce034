// Already serving both eras: 2026-07-28 requests go to createMcpHandler, and 2025 clients keep a
// per-request stateless transport behind the era test. That 2025 path is there on purpose, and
// v2-handler leaves it alone (it used to mark its connect for a factory; trial 23C).
import { McpServer, createMcpHandler, isLegacyRequest } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';
import type { IncomingMessage, ServerResponse } from 'node:http';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.registerTool('ping_notes', { description: 'Answer' }, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
  return server;
}

const modern = toNodeHandler(createMcpHandler(() => buildServer(), { legacy: 'reject' }));

export async function serve(req: IncomingMessage, res: ServerResponse, body: unknown, request: Request) {
  if (!(await isLegacyRequest(request))) {
    await modern(req, res, body);
    return;
  }
  const server = buildServer();
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}
