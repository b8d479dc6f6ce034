// A line comment after sessionIdGenerator, whose next member is the last one and has no trailing
// comma: removing that member takes the comment with it (the two edits used to overlap).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const createServer = () => new McpServer({ name: 'notes', version: '1.0.0' });
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined
  });
  res.on('close', () => {
    void transport.close();
  });
  await createServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
