// Routes that close what each request built in a finally block (trial 41C's Fastify route, here on
// Express): createMcpHandler closes the server and transport it builds, so those closes go, and
// the finally with them where nothing else is in it; the try too where it has no catch. What else
// a finally does stays.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

function buildServer() {
    return new McpServer({ name: 'c', version: '1.0.0' });
}

let active = 0;
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
    const server = buildServer();
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    try {
        await server.connect(transport);
        // Served as it came.
        await transport.handleRequest(req, res, req.body);
        console.log(`served
        (this line of the message keeps its spaces)`);
    } finally {
        await server.close();
    }
});

app.post('/mcp/caught', async (req, res) => {
    const server = buildServer();
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    try {
        await server.connect(transport);
        await transport.handleRequest(req, res, req.body);
    } catch {
        res.status(500).json({ error: 'Internal server error' });
    } finally {
        void transport.close();
        await server.close().catch(() => {});
    }
});

app.post('/mcp/counted', async (req, res) => {
    const server = buildServer();
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    active++;
    try {
        await server.connect(transport);
        await transport.handleRequest(req, res, req.body);
    } finally {
        active--;
        await server.close();
    }
});

// A connect not awaited, or with its failure caught, goes like an awaited one; a log line that
// says "server" in its text uses nothing of the request's.
app.post('/mcp/quiet', async (req, res) => {
    console.log('handling a server request');
    const server = buildServer();
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    try {
        await server.connect(transport).catch((error) => console.error(error));
        await transport.handleRequest(req, res, req.body);
    } finally {
        await server.close();
    }
});

app.listen(3000, '127.0.0.1');
