// One stateless transport built at start-up, connected once to the server a factory built, and
// handed every request: recent SDKs refuse to reuse it, older ones mix concurrent answers. The
// transport, the server and the connect move into each handler that serves through it, with
// their comments, and close when the response ends.
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { buildServer } from './server.js';

export async function start(port: number) {
  const app = express();
  app.use(express.json());

  app.post('/mcp', async (req, res) => {
    try {
      const server = await buildServer({ name: 'once' });
      // JSON answers: no stream for a proxy to buffer.
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      await server.connect(transport);
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await transport.handleRequest(req, res, req.body);
    } catch (error) {
      console.error('MCP request failed', error);
      if (!res.headersSent) res.status(500).json({ error: 'internal' });
    }
  });

  app.get('/mcp', async (req, res) => {
    const server = await buildServer({ name: 'once' });
    // JSON answers: no stream for a proxy to buffer.
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await transport.handleRequest(req, res);
  });

  app.listen(port);
}
