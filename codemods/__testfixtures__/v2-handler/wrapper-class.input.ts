// The route builds the application's own class, which holds the SDK server and sets it up in its
// connect(): createMcpHandler's factory must return the SDK server itself, so the route is marked.
import express from 'express';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { loadCatalog } from './catalog.js';

class DocsServer {
  private readonly server = new Server({ name: 'docs', version: '1.0.0' }, { capabilities: { tools: {} } });

  async connect(transport: StreamableHTTPServerTransport): Promise<void> {
    await loadCatalog();
    await this.server.connect(transport);
  }
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const docs = new DocsServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await docs.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
