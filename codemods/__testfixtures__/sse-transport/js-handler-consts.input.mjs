// JavaScript with JSDoc types, the handlers kept in constants: the JSDoc-typed map goes, and a
// handler that constructs the SSE transport is a handler, not a map.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

const getServer = () => new McpServer({ name: 'greeter', version: '1.0.0' });
const app = express();

/**
 * @type {{[sessionId: string]: SSEServerTransport}}
 */
const transports = {};

/** @type {(req: import('express').Request, res: import('express').Response) => Promise<void>} */
const sseHandler = async (req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  res.on('close', () => {
    delete transports[transport.sessionId];
  });
  await getServer().connect(transport);
};

app.get('/sse', sseHandler);

/** @type {(req: import('express').Request, res: import('express').Response) => Promise<void>} */
const messageHandler = async (req, res) => {
  const sessionId = typeof req.query.sessionId === 'string' ? req.query.sessionId : '';
  const transport = transports[sessionId];
  if (transport) await transport.handlePostMessage(req, res);
  else res.status(400).send('No transport found for sessionId');
};
app.post('/messages', messageHandler);

app.listen(3018);
