// Routes that close what each request built in a finally block (trial 41C's Fastify route, here on
// Express): createMcpHandler closes the server and transport it builds, so those closes go, and
// the finally with them where nothing else is in it; the try too where it has no catch. What else
// a finally does stays.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/express';

function buildServer() {
    return new McpServer({ name: 'c', version: '1.0.0' });
}

let active = 0;
const app = express();
app.use('/mcp', localhostHostValidation(), localhostOriginValidation());
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

app.post('/mcp', async (req, res) => {
    // Served as it came.
    await mcpHandler(req, res, req.body);
    console.log(`served
        (this line of the message keeps its spaces)`);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.post('/mcp/caught', async (req, res) => {
    try {
        await mcpHandler(req, res, req.body);
    } catch {
        res.status(500).json({ error: 'Internal server error' });
    }
});
app.get('/mcp/caught', (req, res) => mcpHandler(req, res));
app.delete('/mcp/caught', (req, res) => mcpHandler(req, res));

app.post('/mcp/counted', async (req, res) => {
    active++;
    try {
        await mcpHandler(req, res, req.body);
    } finally {
        active--;
    }
});
app.get('/mcp/counted', (req, res) => mcpHandler(req, res));
app.delete('/mcp/counted', (req, res) => mcpHandler(req, res));

// A connect not awaited, or with its failure caught, goes like an awaited one; a log line that
// says "server" in its text uses nothing of the request's.
app.post('/mcp/quiet', async (req, res) => {
    console.log('handling a server request');
    await mcpHandler(req, res, req.body);
});
app.get('/mcp/quiet', (req, res) => mcpHandler(req, res));
app.delete('/mcp/quiet', (req, res) => mcpHandler(req, res));

app.listen(3000, '127.0.0.1');
