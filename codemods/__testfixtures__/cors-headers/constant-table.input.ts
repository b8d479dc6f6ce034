// CORS lists built from a constant table of header names (trial 57B B3, fastify-mcp-server's
// shape). The list handed to cors() is written here and used nowhere else: it gains the names it
// lacks, written out. The table stays as it is: other code reads it (the route below), and a name
// added to it would change what that code sees.
import express from 'express';
import cors from 'cors';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

const HEADERS = Object.freeze({
  CONTENT_TYPE: 'Content-Type',
  AUTHORIZATION: 'Authorization',
  MCP_PROTOCOL_VERSION: 'MCP-Protocol-Version',
});

export const mcp = new McpServer({ name: 'table', version: '1.0.0' });
const app = express();
app.use(
  '/mcp',
  cors({
    allowedHeaders: [HEADERS.CONTENT_TYPE, HEADERS.AUTHORIZATION, HEADERS.MCP_PROTOCOL_VERSION],
  }),
);

// Another application's headers from the same table, naming no MCP header: left as it is.
app.use('/api', cors({ allowedHeaders: [HEADERS.CONTENT_TYPE, HEADERS['AUTHORIZATION']] }));

app.get('/whoami', (req, res) => {
  res.json({ token: req.get(HEADERS.AUTHORIZATION) ?? null });
});
