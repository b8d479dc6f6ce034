// A Router's route chain, the router mounted under /api: the chain gets GET and DELETE, so
// /api/mcp answers them 405 where Express answered 404 (trial 67C B1). Another chain of the
// router, on a path the handler does not serve, is left alone.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/express';

const makeServer = () => new McpServer({ name: 'relay', version: '1.3.0' });

const router = express.Router();

router.route('/health').get((_req, res) => {
  res.json({ ok: true });
});

const mcpHandler = toNodeHandler(createMcpHandler(() => makeServer()));

router.route('/mcp').post(async (req, res) => {
  await mcpHandler(req, res, req.body);
}).get((req, res) => mcpHandler(req, res)).delete((req, res) => mcpHandler(req, res));

const app = express();
app.use(localhostHostValidation(), localhostOriginValidation());
app.use(express.json());
app.use('/api', router);
app.listen(3000, 'localhost');
