// The dispatch mints the session id up front and files a value under it beside the transport
// (trial 32B): read by no handler, it is the session map's bookkeeping, and goes with the map and
// the minted id; left in place it would grow by one entry on every request.
import express from 'express';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  await new Server({ name: 'atlas', version: '1.0.0' }, { capabilities: {} }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
