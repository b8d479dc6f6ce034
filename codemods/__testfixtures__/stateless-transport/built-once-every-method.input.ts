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
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await createServer().connect(transport);
  app.all('/mcp', async (req, res) => {
    await transport.handleRequest(req, res, req.body);
  });
  app.listen(3000);
}

export async function serveNode() {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await createServer().connect(transport);
  http.createServer(async (req, res) => {
    await transport.handleRequest(req, res);
  }).listen(3001);
}

// A GET test of another route's (a health check) is no test of the MCP endpoint's method.
export async function serveNodeWithHealth() {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await createServer().connect(transport);
  http.createServer(async (req, res) => {
    if (req.url === '/health' && req.method === 'GET') {
      res.end('ok');
      return;
    }
    await transport.handleRequest(req, res);
  }).listen(3003);
}

export async function serveChecked() {
  const app = express();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await createServer().connect(transport);
  app.all('/mcp', async (req, res) => {
    if (req.method === 'GET') {
      res.status(405).end();
      return;
    }
    await transport.handleRequest(req, res, req.body);
  });
  app.listen(3002);
}
