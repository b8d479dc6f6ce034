// The session dispatch written with early returns instead of an if / else-if chain: a known
// session's transport serves the request and returns, anything but initialize is refused, and
// only then is a transport built. Both early returns go with the session: a per-request transport
// is found again by nobody, and the gate would refuse every request but initialize.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { registerCatalogTools } from './catalog.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && transports[sessionId]) {
    await transports[sessionId].handleRequest(req, res, req.body);
    return;
  }
  // Only a new session may start here.
  if (sessionId !== undefined || !isInitializeRequest(req.body)) {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: no valid session' }, id: null });
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      transports[id] = transport;
    },
  });
  const server = new McpServer({ name: 'catalog', version: '1.0.0' });
  registerCatalogTools(server);
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
