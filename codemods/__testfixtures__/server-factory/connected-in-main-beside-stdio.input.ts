// main() connects the module's server to one HTTP transport in one branch and to stdio in the
// other (trial 32A): each connect gets a server of its own from the factory, in its place. A
// server declared once at main's start would still be shared by every HTTP request.
import express from 'express';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const server = new Server({ name: 'weather', version: '1.0.0' }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));

async function main() {
  if (process.env.TRANSPORT === 'http') {
    const app = express();
    app.use(express.json());
    app.post('/mcp', async (req, res) => {
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => void transport.close());
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    });
    app.listen(3000);
  } else {
    await server.connect(new StdioServerTransport());
  }
}

main();
