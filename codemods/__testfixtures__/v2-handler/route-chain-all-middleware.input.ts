// A route chain whose `all` link is middleware alone (`.all(express.urlencoded())`, a function
// that calls next): it answers no method, so GET and DELETE go to the handler too, which answers
// 405 (review 86 point 9). The `all` link stays first: they pass through it as before.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const build = () => new McpServer({ name: 'kiln', version: '0.2.0' });

const app = express();
app.use(express.json());

const stamp = (req: express.Request, _res: express.Response, next: express.NextFunction) => {
  req.headers['x-seen'] = '1';
  next();
};

app
  .route('/mcp')
  .all(express.urlencoded({ extended: false }), stamp)
  .post(async (req, res) => {
    const server = build();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });

app.listen(3000);
