// CORS lists kept in named constants (trial 57B B3). One used only as a CORS list is rewritten
// where it is written. One other modules import is marked, with what it lacks: they may rely on
// it as it is. One that already lists the 2026-07-28 headers, and one of another application's
// headers, are left as they are. An options object's list is rewritten where it is written, and
// not marked again where another cors() reads it.
import express from 'express';
import cors from 'cors';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

const BROWSER_HEADERS = ['Content-Type', 'Authorization', 'MCP-Protocol-Version'];
export const PUBLIC_HEADERS = ['Content-Type', 'mcp-protocol-version'];
const MODERN_HEADERS = ['Content-Type', 'MCP-Protocol-Version', 'Mcp-Method', 'Mcp-Name'];
const API_HEADERS = ['Content-Type', 'X-Api-Key'];
const ALLOW_LINE = ['Content-Type', 'Last-Event-ID', 'MCP-Protocol-Version'].join(', ');

export const mcp = new McpServer({ name: 'lists', version: '1.0.0' });
const app = express();
app.use('/mcp', cors({ allowedHeaders: BROWSER_HEADERS }));
app.use('/public', cors({ allowedHeaders: PUBLIC_HEADERS }));
app.use('/v2', cors({ allowedHeaders: MODERN_HEADERS }));
app.use('/api', cors({ allowedHeaders: API_HEADERS }));
app.use('/stream', (_req, res, next) => {
  res.setHeader('Access-Control-Allow-Headers', ALLOW_LINE);
  next();
});

const corsOptions = { origin: 'https://console.example.com', allowedHeaders: ['Content-Type', 'MCP-Protocol-Version'] };
app.use('/console', cors(corsOptions));
app.use('/console-again', cors({ allowedHeaders: corsOptions.allowedHeaders }));
