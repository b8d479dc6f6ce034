// The route builds the application's own class, which holds the SDK server and sets it up in its
// connect(): createMcpHandler's factory must return the SDK server itself, so the route is marked.
import express from 'express';
import { Server } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { loadCatalog } from './catalog.js';

class DocsServer {
  private readonly server = new Server({ name: 'docs', version: '1.0.0' }, { capabilities: { tools: {} } });

  async connect(transport: NodeStreamableHTTPServerTransport): Promise<void> {
    await loadCatalog();
    await this.server.connect(transport);
  }
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const docs = new DocsServer();
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  // TODO(mcp-migrate): createMcpHandler needs a factory that returns the SDK's McpServer or Server,
  // and DocsServer is a class of this application that connects a server it holds rather than being
  // one: pass a factory that returns that server (after whatever set-up its connect() does), then
  // run fix again
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  await docs.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
