// Plain node:http, CommonJS, transports in an index-signature object.
const { createServer } = require('node:http');
const { randomUUID } = require('node:crypto');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
const { isInitializeRequest } = require('@modelcontextprotocol/sdk/types.js');

/** @type {{ [sessionId: string]: import('@modelcontextprotocol/sdk/server/streamableHttp.js').StreamableHTTPServerTransport }} */
const sessions = {};

function makeServer() {
  return new McpServer({ name: 'plain', version: '1.0.0' });
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

createServer(async (req, res) => {
  if (req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  if (req.method === 'POST') {
    const body = await readBody(req);
    const sid = req.headers['mcp-session-id'];
    let transport = typeof sid === 'string' ? sessions[sid] : undefined;
    if (!transport) {
      if (!isInitializeRequest(body)) {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null }));
        return;
      }
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions[id] = transport;
        },
        onsessionclosed: (id) => {
          delete sessions[id];
        },
      });
      await makeServer().connect(transport);
    }
    await transport.handleRequest(req, res, body);
    return;
  }
  if (req.method === 'GET' || req.method === 'DELETE') {
    const sid = req.headers['mcp-session-id'];
    const transport = typeof sid === 'string' ? sessions[sid] : undefined;
    if (!transport) {
      res.writeHead(400).end('Invalid or missing session ID');
      return;
    }
    await transport.handleRequest(req, res);
    return;
  }
  res.writeHead(405).end();
}).listen(3000);
