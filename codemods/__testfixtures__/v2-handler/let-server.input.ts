// A server and transport built for every request, declared `let server = null` at the top of the
// handler and assigned inside try: one per request like a const, not a shared server.
import express, { type Request, type Response } from 'express';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

const app = express();
app.use(express.json());

async function serve(req: Request, res: Response): Promise<void> {
  let server: McpServer | null = null;
  try {
    server = new McpServer({ name: 'ledger', version: '1.0.0' });
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch {
    if (!res.headersSent) res.status(500).end();
  }
}

app.post('/mcp', (req, res) => void serve(req, res));
app.listen(3000, '127.0.0.1');
