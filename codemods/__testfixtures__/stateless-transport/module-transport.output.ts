// One transport for the whole process, built at startup and used by every request: made
// stateless it would be refused from the second request on ("Stateless transport cannot be
// reused"), so it is marked, not rewritten.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'single', version: '1.0.0' });
// TODO(mcp-migrate): this transport is built once and every request goes through it (there is no
// session lookup): it holds one session, so a second client is refused. Build the server and a
// stateless transport (sessionIdGenerator: undefined) per request in the handler that serves it,
// both closed when the response ends
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
await server.connect(transport);

const app = express();
app.use(express.json());
app.all('/mcp', (req, res) => transport.handleRequest(req, res, req.body));
app.listen(3000);
