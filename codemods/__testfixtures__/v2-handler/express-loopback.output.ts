// Express on localhost: the guards are the express package's middleware, mounted on the app.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/express';

const app = express();
app.use('/mcp', localhostHostValidation(), localhostOriginValidation());
app.use(express.json());

const buildServer = () => new McpServer({ name: 'weather', version: '2.1.0' });

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.listen(3001, 'localhost', () => console.log('listening'));
