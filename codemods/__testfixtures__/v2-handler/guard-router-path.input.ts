// The endpoint is a router's route, mounted under a prefix: its path on the app is not known
// here, so the guards stay on the whole app, a change to review that says so (trial 66C B2).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
const api = express.Router();

const buildServer = () => new McpServer({ name: 'tickets', version: '3.0.0' });

api.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.use(express.json());
app.use('/api', api);
app.listen(3300, 'localhost');
