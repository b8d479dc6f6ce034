// An Express app whose listen host comes from the environment, loopback only as its fallback
// (`process.env.HOST ?? '127.0.0.1'`): a deployment sets HOST=0.0.0.0, where localhost guards would
// answer 403 to every request (trial 72C B3). No guards; the marker asks for the hostnames.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const build = () => new McpServer({ name: 'quarry', version: '1.1.0' });

const app = express();
app.use(express.json());

app.get('/health', (_req, res) => res.send('ok'));

app.route('/mcp').post(async (req, res) => {
  const server = build();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(Number(process.env.PORT ?? 3100), process.env.HOST ?? '127.0.0.1');
