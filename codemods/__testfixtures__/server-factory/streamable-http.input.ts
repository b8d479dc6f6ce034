// One McpServer for the whole process, connected to every session's transport: its setup moves
// into a factory and each connection gets a server of its own.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

// The catalogue server.
const server = new McpServer({ name: 'catalogue', version: '1.0.0' });

const PRODUCTS = ['lamp', 'desk'];

// Lists what is in stock.
server.registerTool('list_products', { description: 'List the products' }, async () => ({
  content: [{ type: 'text', text: PRODUCTS.join(', ') }],
}));

server.registerTool(
  'describe',
  {
    description: `Describe one product.
Multi-line descriptions keep their text.`,
    inputSchema: { name: z.string() },
  },
  async ({ name }) => ({ content: [{ type: 'text', text: `${name}: in stock` }] }),
); // trailing note stays with it

const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    await server.connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
