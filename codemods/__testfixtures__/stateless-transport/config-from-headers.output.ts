// The session keeps a value built from the initialize request's headers by a function of this
// file that only reads them (trial 27A): run for every request, it opens nothing, so the
// dispatch is rewritten like any other. A value made by work of its own (a client it connects)
// would keep the transport as it was (kept-value fixtures).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

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

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const settings = settingsFrom(req.headers);
  const server = new McpServer({ name: 'regional', version: '1.0.0' });
  server.registerTool('region', {}, async () => ({ content: [{ type: 'text', text: settings.region }] }));
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
