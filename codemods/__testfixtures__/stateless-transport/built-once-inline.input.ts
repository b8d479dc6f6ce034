// One stateless transport built at module level and connected once to a server the factory builds
// in the connect itself (`await createServer().connect(transport)`): the transport and the connect
// move into each handler, and the server, which has no variable, closes with its transport.
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createServer } from './server.js';

const app = express();
app.use(express.json());

const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });

// One server for the transport.
await createServer().connect(transport);

app.post('/mcp', async (req, res) => {
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
