// The same per-request server, closed in a finally block: not shared, and createMcpHandler closes
// the server it builds itself, so the close goes with the try (trial 41C).
import express, { type Request, type Response } from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/express';

const app = express();
app.use('/mcp', localhostHostValidation(), localhostOriginValidation());
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => new McpServer({ name: 'ledger', version: '1.0.0' })));

async function serve(req: Request, res: Response): Promise<void> {
  await mcpHandler(req, res, req.body);
}

app.post('/mcp', (req, res) => void serve(req, res));
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));
app.listen(3000, '127.0.0.1');
