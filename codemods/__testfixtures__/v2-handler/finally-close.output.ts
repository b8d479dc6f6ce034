// Routes that close what each request built in a finally block (trial 41C's Fastify route):
// createMcpHandler closes the server and transport it builds, so those closes go, and the finally
// with them where nothing else is in it; the try too where it has no catch. What else a finally
// does stays.
import Fastify from 'fastify';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

function buildServer() {
    return new McpServer({ name: 'c', version: '1.0.0' });
}

let active = 0;
// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add the Host/Origin
// validation of your adapter package
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = Fastify();

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

app.post('/mcp', async (req, reply) => {
    // Served as it came.
    await mcpHandler(req.raw, reply.raw, req.body);
});

app.post('/mcp/caught', async (req, reply) => {
    try {
        await mcpHandler(req.raw, reply.raw, req.body);
    } catch {
        reply.code(500).send({ error: 'Internal server error' });
    }
});

app.post('/mcp/counted', async (req, reply) => {
    active++;
    try {
        await mcpHandler(req.raw, reply.raw, req.body);
    } finally {
        active--;
    }
});

app.listen({ port: 3000, host: '127.0.0.1' });
