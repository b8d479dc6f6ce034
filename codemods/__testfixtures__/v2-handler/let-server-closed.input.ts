// The same per-request server, closed in a finally block: not shared, and createMcpHandler closes
// the server it builds itself, so the close goes with the try (trial 41C).
import express, { type Request, type Response } from 'express';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

const app = express();
app.use(express.json());

async function serve(req: Request, res: Response): Promise<void> {
  let server: McpServer | undefined;
  try {
    server = new McpServer({ name: 'ledger', version: '1.0.0' });
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } finally {
    await server?.close();
  }
}

app.post('/mcp', (req, res) => void serve(req, res));
app.listen(3000, '127.0.0.1');
