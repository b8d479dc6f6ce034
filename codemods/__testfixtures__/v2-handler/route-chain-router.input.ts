// A Router's route chain, the router mounted under /api: the chain gets GET and DELETE, so
// /api/mcp answers them 405 where Express answered 404 (trial 67C B1). Another chain of the
// router, on a path the handler does not serve, is left alone.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const makeServer = () => new McpServer({ name: 'relay', version: '1.3.0' });

const router = express.Router();

router.route('/health').get((_req, res) => {
  res.json({ ok: true });
});

router.route('/mcp').post(async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await makeServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

const app = express();
app.use(express.json());
app.use('/api', router);
app.listen(3000, 'localhost');
