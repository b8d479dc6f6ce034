// Look-alikes of a close handler that only forgets the session as an expression (trial 77A B4):
// one that calls a function doing more (removing the session's scratch folder), one that also
// writes an audit record beside the delete, and one whose test itself writes that record. Each runs
// when every request ends once the transport is per request: kept, marked, with its map.
import express from 'express';
import { rmSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { audit } from './audit.js';

const app = express();
app.use(express.json());

function cleanup(id: string) {
  withScratch.delete(id);
  rmSync(`/tmp/scratch/${id}`, { recursive: true, force: true });
}

// TODO(mcp-migrate): withScratch is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const withScratch = new Map<string, StreamableHTTPServerTransport>();
app.post('/scratch/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  // TODO(mcp-migrate): this close handler does more than forget the session: with a per-request
  // transport it runs when every request ends, with no session id; keep only what must happen per
  // request
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  transport.onclose = () => transport.sessionId && cleanup(transport.sessionId);
  await new McpServer({ name: 'scratch', version: '1.0.0' }).connect(transport);
  return transport.handleRequest(req, res, req.body);
});

// TODO(mcp-migrate): withAudit is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const withAudit = new Map<string, StreamableHTTPServerTransport>();
app.post('/audit/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  // TODO(mcp-migrate): this close handler does more than forget the session: with a per-request
  // transport it runs when every request ends, with no session id; keep only what must happen per
  // request
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  transport.onclose = () => transport.sessionId && (withAudit.delete(transport.sessionId), audit.log('session closed', transport.sessionId));
  await new McpServer({ name: 'audit', version: '1.0.0' }).connect(transport);
  return transport.handleRequest(req, res, req.body);
});

// TODO(mcp-migrate): auditedTest is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const auditedTest = new Map<string, StreamableHTTPServerTransport>();
app.post('/audited/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  // TODO(mcp-migrate): this close handler does more than forget the session: with a per-request
  // transport it runs when every request ends, with no session id; keep only what must happen per
  // request
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  transport.onclose = () => audit.closed(transport.sessionId) && auditedTest.delete(transport.sessionId!);
  await new McpServer({ name: 'audited', version: '1.0.0' }).connect(transport);
  return transport.handleRequest(req, res, req.body);
});

app.listen(3000);
