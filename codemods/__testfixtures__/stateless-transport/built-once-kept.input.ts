// One stateless transport built once, where more than the requests use it: the server is closed
// on shutdown (moved into the handler, the shutdown would close nothing), and a handler that is not
// async cannot await the connect. Both are left as they are, marked by the run.
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createServer } from './server.js';

const app = express();
app.use(express.json());

const server = createServer();
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
await server.connect(transport);
app.post('/mcp', async (req, res) => {
  await transport.handleRequest(req, res, req.body);
});
process.on('SIGTERM', () => server.close());

const other = createServer();
const otherTransport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
await other.connect(otherTransport);
app.post('/other', (req, res) => {
  void otherTransport.handleRequest(req, res, req.body);
});

app.listen(3000);
