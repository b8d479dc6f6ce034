// A route chain whose `all` link is middleware alone (`.all(express.urlencoded())`, a function
// that calls next): it answers no method, so GET and DELETE go to the handler too, which answers
// 405 (review 86 point 9). The `all` link stays first: they pass through it as before.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

const build = () => new McpServer({ name: 'kiln', version: '0.2.0' });

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const stamp = (req: express.Request, _res: express.Response, next: express.NextFunction) => {
  req.headers['x-seen'] = '1';
  next();
};

const mcpHandler = toNodeHandler(createMcpHandler(() => build()));

app
  .route('/mcp')
  .all(express.urlencoded({ extended: false }), stamp)
  .post(async (req, res) => {
    await mcpHandler(req, res, req.body);
  })
  .get((req, res) => mcpHandler(req, res))
  .delete((req, res) => mcpHandler(req, res));

app.listen(3000);
