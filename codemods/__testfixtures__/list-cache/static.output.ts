// Every tool is registered while the server is built: the list is the same for every caller.
import express from 'express';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';

function buildServer() {
  const server = new McpServer({ name: 'units', version: '1.4.0' }, { cacheHints: { 'tools/list': { ttlMs: 300_000, cacheScope: 'public' } } });
  server.registerTool('to_celsius', { description: 'Fahrenheit to Celsius', inputSchema: z.object({ f: z.number() }) }, async ({ f }) => ({
    content: [{ type: 'text', text: String(((f - 32) * 5) / 9) }],
  }));
  server.registerTool('to_fahrenheit', { description: 'Celsius to Fahrenheit', inputSchema: z.object({ c: z.number() }) }, async ({ c }) => ({
    content: [{ type: 'text', text: String((c * 9) / 5 + 32) }],
  }));
  return server;
}

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));
const app = express();
app.use(express.json());
app.all('/mcp', (req, res) => void mcpHandler(req, res, req.body));
app.listen(3000, '127.0.0.1');
