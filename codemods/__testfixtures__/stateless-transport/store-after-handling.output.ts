// express: the transport and its server are stored after the first request is handled, under an
// `if (transport.sessionId)` (dead once transports have no session id); the dispatch is the first
// thing in a try block, with comments at odd indentation. Nothing is left behind: no dead store,
// no blank line opening the block. The path is named (Routes.MCP, from another module): the
// DELETE route on the same name answers 405.
import express, { type Request, type Response } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CatalogServer } from './catalog-server.js';
import { Routes } from './routes.js';

export function createApp(): express.Express {
    const app = express();
    app.use(express.json());

    app.post(Routes.MCP, async (req: Request, res: Response) => {
        try {
            const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
                sessionIdGenerator: undefined,
                enableJsonResponse: true,
            });
            res.on('close', () => {
                void transport.close();
            });
            const server = new CatalogServer();
            await server.loadCatalog();
            await server.connect(transport);
            await transport.handleRequest(req, res, req.body);
        } catch (error) {
            res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: String(error) }, id: null });
        }
    });

    app.delete(Routes.MCP, async (_req: Request, res: Response) => {
        res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
    });

    return app;
}
