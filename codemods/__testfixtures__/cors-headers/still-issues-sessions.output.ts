// The server still mints session ids (a transport with a generator), so its 2025 browser clients
// need Mcp-Session-Id in both CORS lists: the modern request headers are added, the session
// header (and Last-Event-ID, the resumption of its streams) stays, and a marker says when it can go.
import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(
  cors({
    // TODO(mcp-migrate): Mcp-Session-Id stays in this CORS list while this file still issues
    // session ids (2025 browser clients need it): drop it once the server is stateless
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    allowedHeaders: ['Content-Type', 'Mcp-Session-Id', 'Last-Event-ID', 'Mcp-Method', 'Mcp-Name', 'MCP-Protocol-Version'],
    // TODO(mcp-migrate): Mcp-Session-Id stays in this CORS list while this file still issues
    // session ids (2025 browser clients need it): drop it once the server is stateless
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    exposedHeaders: ['Mcp-Session-Id'],
  }),
);

export function transportFor() {
  return new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
}
