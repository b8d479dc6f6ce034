// The session keeps a value built from the initialize request's headers by a function of this
// file that only reads them (trial 27A): run for every request, it opens nothing, so the
// dispatch is rewritten like any other. A value made by work of its own (a client it connects)
// would keep the transport as it was (kept-value fixtures).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

interface Settings {
  region: string;
  tenants: string[];
}

function settingsFrom(headers: Record<string, unknown>): Settings {
  const region = String(headers['x-region'] ?? 'eu').toLowerCase();
  const tenants = String(headers['x-tenants'] ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return { region, tenants };
}

const sessions: Record<string, { transport: StreamableHTTPServerTransport; settings: Settings }> = {};

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && sessions[sessionId]) {
    await sessions[sessionId].transport.handleRequest(req, res, req.body);
    return;
  }
  if (!isInitializeRequest(req.body)) {
    res.status(400).json({ error: 'no session' });
    return;
  }
  const settings = settingsFrom(req.headers);
  const server = new McpServer({ name: 'regional', version: '1.0.0' });
  server.registerTool('region', {}, async () => ({ content: [{ type: 'text', text: settings.region }] }));
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      sessions[id] = { transport, settings };
    },
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
