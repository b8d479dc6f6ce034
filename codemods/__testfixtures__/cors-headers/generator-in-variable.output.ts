// The transport's options live in a variable, with a session-id generator: the server still
// issues session ids, so Mcp-Session-Id stays listed (with a marker).
import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const transportOptions = { sessionIdGenerator: () => randomUUID(), enableJsonResponse: true };

const app = express();
// TODO(mcp-migrate): Mcp-Session-Id stays in this CORS list while this file still issues session
// ids (2025 browser clients need it): drop it once the server is stateless
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
app.use(cors({ exposedHeaders: ['Mcp-Session-Id'] }));

export const makeTransport = () => new StreamableHTTPServerTransport(transportOptions);
