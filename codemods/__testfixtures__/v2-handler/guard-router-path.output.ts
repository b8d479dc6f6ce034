// The endpoint is a router's route, mounted under a prefix: its path on the app is not known
// here, so the guards stay on the whole app, a change to review that says so (trial 66C B2).
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/express';

const app = express();
app.use(localhostHostValidation(), localhostOriginValidation());
const api = express.Router();

const buildServer = () => new McpServer({ name: 'tickets', version: '3.0.0' });

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

api.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
api.get('/mcp', (req, res) => mcpHandler(req, res));
api.delete('/mcp', (req, res) => mcpHandler(req, res));

app.use(express.json());
app.use('/api', api);
app.listen(3300, 'localhost');
