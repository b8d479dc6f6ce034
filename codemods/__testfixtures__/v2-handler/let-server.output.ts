// A server and transport built for every request, declared `let server = null` at the top of the
// handler and assigned inside try: one per request like a const, not a shared server.
import express, { type Request, type Response } from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/express';

const app = express();
app.use('/mcp', localhostHostValidation(), localhostOriginValidation());
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => new McpServer({ name: 'ledger', version: '1.0.0' })));

async function serve(req: Request, res: Response): Promise<void> {
  try {
    await mcpHandler(req, res, req.body);
  } catch {
    if (!res.headersSent) res.status(500).end();
  }
}

app.post('/mcp', (req, res) => void serve(req, res));
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));
app.listen(3000, '127.0.0.1');
