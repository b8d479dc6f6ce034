// Look-alikes of a close handler that only forgets the session as an expression (trial 77A B4):
// one that calls a function doing more (removing the session's scratch folder), one that also
// writes an audit record beside the delete, and one whose test itself writes that record. Each runs
// when every request ends once the transport is per request: kept, marked, with its map.
import express from 'express';
import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { audit } from './audit.js';

const app = express();
app.use(express.json());

function cleanup(id: string) {
  withScratch.delete(id);
  rmSync(`/tmp/scratch/${id}`, { recursive: true, force: true });
}

const withScratch = new Map<string, StreamableHTTPServerTransport>();
app.post('/scratch/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && withScratch.has(sessionId)) {
    return withScratch.get(sessionId)!.handleRequest(req, res, req.body);
  }
  if (!sessionId && isInitializeRequest(req.body)) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        withScratch.set(sid, transport);
      },
    });
    transport.onclose = () => transport.sessionId && cleanup(transport.sessionId);
    await new McpServer({ name: 'scratch', version: '1.0.0' }).connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

const withAudit = new Map<string, StreamableHTTPServerTransport>();
app.post('/audit/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && withAudit.has(sessionId)) {
    return withAudit.get(sessionId)!.handleRequest(req, res, req.body);
  }
  if (!sessionId && isInitializeRequest(req.body)) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        withAudit.set(sid, transport);
      },
    });
    transport.onclose = () => transport.sessionId && (withAudit.delete(transport.sessionId), audit.log('session closed', transport.sessionId));
    await new McpServer({ name: 'audit', version: '1.0.0' }).connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

const auditedTest = new Map<string, StreamableHTTPServerTransport>();
app.post('/audited/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && auditedTest.has(sessionId)) {
    return auditedTest.get(sessionId)!.handleRequest(req, res, req.body);
  }
  if (!sessionId && isInitializeRequest(req.body)) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        auditedTest.set(sid, transport);
      },
    });
    transport.onclose = () => audit.closed(transport.sessionId) && auditedTest.delete(transport.sessionId!);
    await new McpServer({ name: 'audited', version: '1.0.0' }).connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

app.listen(3000);
