// An Express app whose listen host comes from the environment, loopback only as its fallback
// (`process.env.HOST ?? '127.0.0.1'`): a deployment sets HOST=0.0.0.0, where localhost guards would
// answer 403 to every request (trial 72C B3). No guards; the marker asks for the hostnames.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

const build = () => new McpServer({ name: 'quarry', version: '1.1.0' });

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

app.get('/health', (_req, res) => res.send('ok'));

const mcpHandler = toNodeHandler(createMcpHandler(() => build()));

app.route('/mcp').post(async (req, res) => {
  await mcpHandler(req, res, req.body);
}).get((req, res) => mcpHandler(req, res)).delete((req, res) => mcpHandler(req, res));

app.listen(Number(process.env.PORT ?? 3100), process.env.HOST ?? '127.0.0.1');
