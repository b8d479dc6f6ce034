// A close handler that only forgets the session, written as an expression instead of an `if`
// (trial 77A B4): `t.sessionId && map.delete(t.sessionId)`, in a block, under `void`, as a
// ternary, with the map's delete optional-chained, or'ed with the test's negation. Each goes with
// its map, as the `if` form does.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const app = express();
app.use(express.json());

const byArrow = new Map<string, StreamableHTTPServerTransport>();
app.post('/arrow/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && byArrow.has(sessionId)) {
    return byArrow.get(sessionId)!.handleRequest(req, res, req.body);
  }
  if (!sessionId && isInitializeRequest(req.body)) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        byArrow.set(sid, transport);
      },
    });
    transport.onclose = () => transport.sessionId && byArrow.delete(transport.sessionId);
    await new McpServer({ name: 'arrow', version: '1.0.0' }).connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

const inBlock = new Map<string, StreamableHTTPServerTransport>();
app.post('/block/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && inBlock.has(sessionId)) {
    return inBlock.get(sessionId)!.handleRequest(req, res, req.body);
  }
  if (!sessionId && isInitializeRequest(req.body)) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        inBlock.set(sid, transport);
      },
    });
    transport.onclose = () => {
      transport.sessionId && inBlock.delete(transport.sessionId);
    };
    await new McpServer({ name: 'block', version: '1.0.0' }).connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

const byRecord: Record<string, StreamableHTTPServerTransport> = {};
app.post('/record/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && byRecord[sessionId]) {
    return byRecord[sessionId].handleRequest(req, res, req.body);
  }
  if (!sessionId && isInitializeRequest(req.body)) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        byRecord[sid] = transport;
      },
    });
    transport.onclose = () => void (transport.sessionId && delete byRecord[transport.sessionId]);
    await new McpServer({ name: 'record', version: '1.0.0' }).connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

const byTernary = new Map<string, StreamableHTTPServerTransport>();
app.post('/ternary/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && byTernary.has(sessionId)) {
    return byTernary.get(sessionId)!.handleRequest(req, res, req.body);
  }
  if (!sessionId && isInitializeRequest(req.body)) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        byTernary.set(sid, transport);
      },
    });
    transport.onclose = () => (transport.sessionId ? byTernary.delete(transport.sessionId) : undefined);
    await new McpServer({ name: 'ternary', version: '1.0.0' }).connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

let byChain: Map<string, StreamableHTTPServerTransport> | undefined = new Map();
app.post('/chain/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && byChain?.has(sessionId)) {
    return byChain.get(sessionId)!.handleRequest(req, res, req.body);
  }
  if (!sessionId && isInitializeRequest(req.body)) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        byChain?.set(sid, transport);
      },
    });
    transport.onclose = () => transport?.sessionId && byChain?.delete(transport.sessionId!);
    await new McpServer({ name: 'chain', version: '1.0.0' }).connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

const byOr = new Map<string, StreamableHTTPServerTransport>();
app.post('/or/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && byOr.has(sessionId)) {
    return byOr.get(sessionId)!.handleRequest(req, res, req.body);
  }
  if (!sessionId && isInitializeRequest(req.body)) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        byOr.set(sid, transport);
      },
    });
    transport.onclose = () => !transport.sessionId || byOr.delete(transport.sessionId);
    await new McpServer({ name: 'or', version: '1.0.0' }).connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

app.listen(3000);
