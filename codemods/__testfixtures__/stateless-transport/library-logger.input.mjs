// The session hooks log through loggers a logging library made (log4js, a pino child), under
// names that do not say "logger": still only bookkeeping, so the dispatch is rewritten.
import { randomUUID } from 'node:crypto';
import express from 'express';
import log4js from 'log4js';
import pino from 'pino';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const l = log4js.getLogger('mcp');
const audit = pino().child({ area: 'sessions' });
const transports = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'];
  let transport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        l.debug(`session initialized ${sid}`);
        transports[sid] = transport;
      },
      onsessionclosed: (sid) => {
        audit.info({ sid }, 'session closed');
        delete transports[sid];
      },
    });
    await new McpServer({ name: 'logs', version: '1.0.0' }).connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
