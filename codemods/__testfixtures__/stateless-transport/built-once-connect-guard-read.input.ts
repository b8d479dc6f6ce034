// The flag that makes the first request connect is also read elsewhere (a health route): the move
// would leave that route reading a flag nothing sets, so the transport stays, marked.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const buildServer = () => new McpServer({ name: 'notes', version: '1.0.0' });

const server = buildServer();
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
let connected = false;

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  if (!connected) {
    await server.connect(transport);
    connected = true;
  }
  await transport.handleRequest(req, res, req.body);
});

app.get('/health', (_req, res) => {
  res.json({ connected });
});

app.listen(3000);
