// express: the transport and its server are stored after the first request is handled, under an
// `if (transport.sessionId)` (dead once transports have no session id); the dispatch is the first
// thing in a try block, with comments at odd indentation. Nothing is left behind: no dead store,
// no blank line opening the block. The path is named (Routes.MCP, from another module): the
// DELETE route on the same name answers 405.
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { CatalogServer } from './catalog-server.js';
import { Routes } from './routes.js';

export function createApp(): express.Express {
    const app = express();
    const servers: { [sessionId: string]: CatalogServer } = {};
    const transports: { [sessionId: string]: StreamableHTTPServerTransport } = {};
    app.use(express.json());

    app.post(Routes.MCP, async (req: Request, res: Response) => {
        try {
            // Look the session up
            const sessionId = req.headers['mcp-session-id'] as string | undefined;
            let transport: StreamableHTTPServerTransport;

            if (sessionId && transports[sessionId]) {
            // Known session
                transport = transports[sessionId];
            } else if (!sessionId && isInitializeRequest(req.body)) {
                transport = new StreamableHTTPServerTransport({
                    sessionIdGenerator: () => randomUUID(),
                    enableJsonResponse: true,
                });
                const server = new CatalogServer();
                await server.loadCatalog();
                await server.connect(transport);
                await transport.handleRequest(req, res, req.body);

                // Keep both for the next requests of this session
                if (transport.sessionId) {
                    transports[transport.sessionId] = transport;
                    servers[transport.sessionId] = server;
                }
                return;
            } else {
                res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
                return;
            }

            await transport.handleRequest(req, res, req.body);
        } catch (error) {
            res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: String(error) }, id: null });
        }
    });

    app.delete(Routes.MCP, async (req: Request, res: Response) => {
        const sessionId = req.headers['mcp-session-id'] as string | undefined;
        const transport = transports[sessionId ?? ''];
        if (transport) {
            await transport.handleRequest(req, res);
            return;
        }
        res.status(400).send('Session not found');
    });

    return app;
}
