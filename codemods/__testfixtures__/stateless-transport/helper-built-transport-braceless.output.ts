// The dispatch's branches are single statements without braces, the initialize branch calling a
// helper that builds the transport on the line below its test: the chain is unwrapped around the
// call as a braced one is (the braces added to take it apart go with it).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

async function startNotes(): Promise<StreamableHTTPServerTransport> {
  const server = new McpServer({ name: 'notes', version: '0.3.0' });
  server.registerTool('count_notes', { description: 'How many notes there are' }, async () => ({ content: [{ type: 'text', text: '7' }] }));
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  await server.connect(transport);
  return transport;
}

const app = express();
app.use(express.json());

app.post('/notes/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = await startNotes();
  res.on('close', () => {
    void transport.close();
  });
  await transport.handleRequest(req, res, req.body);
});

app.listen(3001);
