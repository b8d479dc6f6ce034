import cors from 'cors';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

const app = express();
// Named for neither list: an expose list by where it goes. It only loses Mcp-Session-Id; the
// 2026-07-28 headers are request headers, for the allow list.
const CORS_HEADERS = ['Mcp-Session-Id', 'WWW-Authenticate'];
const REQUEST_HEADERS = ['Content-Type', 'Mcp-Session-Id'];
app.use(cors({ origin: 'https://app.example', exposedHeaders: CORS_HEADERS, allowedHeaders: REQUEST_HEADERS }));
app.use((_req, res, next) => {
  res.set('Access-Control-Expose-Headers', ['Mcp-Session-Id', 'X-Trace-Id'].join(', '));
  next();
});

export const server = new McpServer({ name: 'kinds', version: '1.0.0' });
