// The session dispatch written with early returns instead of an if / else-if chain: a known
// session's transport serves the request and returns, anything but initialize is refused, and
// only then is a transport built. Both early returns go with the session: a per-request transport
// is found again by nobody, and the gate would refuse every request but initialize.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { registerCatalogTools } from './catalog.js';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  const server = new McpServer({ name: 'catalog', version: '1.0.0' });
  registerCatalogTools(server);
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
