// The request handler also closes the server when the response ends: it gets a server of its own,
// built at its start, and every use in it is that one.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function createMcpServer() {
  const mcpServer = new McpServer({ name: 'meta', version: '1.0.0' });
  mcpServer.registerTool('now', { description: 'The time' }, async () => ({ content: [{ type: 'text', text: new Date().toISOString() }] }));
  return mcpServer;
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const mcpServer = createMcpServer();
  try {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void mcpServer.close();
    });
    await mcpServer.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    console.error(error);
  }
});
app.listen(3004);
