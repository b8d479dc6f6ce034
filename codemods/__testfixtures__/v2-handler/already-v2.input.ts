// Already on the v2 packages and createMcpHandler: nothing to do.
import express from 'express';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';

const buildServer = () => new McpServer({ name: 'modern', version: '1.0.0' });
const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

const app = express();
app.use(express.json());
app.all('/mcp', (req, res) => void mcpHandler(req, res, req.body));
app.listen(3000, '127.0.0.1');
