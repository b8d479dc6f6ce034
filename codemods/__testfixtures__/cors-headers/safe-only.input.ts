import { cors } from 'hono/cors';
import { Hono } from 'hono';

const app = new Hono();
app.use('*', cors({ origin: '*', allowHeaders: ['content-type', 'mcp-session-id', 'last-event-id'], exposeHeaders: ['mcp-session-id'] }));

export default app;
