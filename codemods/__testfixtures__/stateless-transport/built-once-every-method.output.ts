// One stateless transport built once and served by handlers every method reaches (an `all` route,
// a node:http callback; trial 32A): built per request, a GET would open a stream on a transport
// nothing writes to, so those handlers answer 405 to what is not POST before building it. A
// handler that tests the method itself is left to do so.
import express from 'express';
import http from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createServer } from './server.js';

export async function serveExpress() {
  const app = express();
  app.use(express.json());
  app.all('/mcp', async (req, res) => {
    if (req.method !== 'POST') { res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }); return; }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await createServer().connect(transport);
    res.on('close', () => {
      void transport.close();
    });
    await transport.handleRequest(req, res, req.body);
  });
  app.listen(3000);
}

export async function serveNode() {
  http.createServer(async (req, res) => {
    if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await createServer().connect(transport);
    res.on('close', () => {
      void transport.close();
    });
    await transport.handleRequest(req, res);
  }).listen(3001);
}

// A GET test of another route's (a health check) is no test of the MCP endpoint's method.
export async function serveNodeWithHealth() {
  http.createServer(async (req, res) => {
    if (req.url === '/health' && req.method === 'GET') {
      res.end('ok');
      return;
    }
    if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await createServer().connect(transport);
    res.on('close', () => {
      void transport.close();
    });
    await transport.handleRequest(req, res);
  }).listen(3003);
}

export async function serveChecked() {
  const app = express();
  app.all('/mcp', async (req, res) => {
    if (req.method === 'GET') {
      res.status(405).end();
      return;
    }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await createServer().connect(transport);
    res.on('close', () => {
      void transport.close();
    });
    await transport.handleRequest(req, res, req.body);
  });
  app.listen(3002);
}
