import { cors } from 'hono/cors';
import { Hono } from 'hono';

const app = new Hono();
app.use('*', cors({ origin: '*', allowHeaders: ['content-type', 'mcp-method', 'mcp-name', 'mcp-protocol-version', 'last-event-id'] }));

export default app;
