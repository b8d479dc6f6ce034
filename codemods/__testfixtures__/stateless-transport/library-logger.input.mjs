// The session hooks log through loggers a logging library made (log4js, a pino child), under
// names that do not say "logger": still only bookkeeping, so the transport is made stateless.
import { randomUUID } from 'node:crypto';
import express from 'express';
import log4js from 'log4js';
import pino from 'pino';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const l = log4js.getLogger('mcp');
const audit = pino().child({ area: 'sessions' });
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (sid) => {
      l.debug(`session initialized ${sid}`);
    },
    onsessionclosed: (sid) => {
      audit.info({ sid }, 'session closed');
    },
  });
  await new McpServer({ name: 'logs', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});
