// A router's CORS list that names Mcp-Session-Id, whose only own route is a listing of the
// endpoints: the MCP routes are mounted on it by another file (trial 29A). Made for MCP requests,
// it answers their preflight, so the 2026-07-28 request headers are added as the session id goes.
import cors from 'cors';
import express from 'express';

export const publicRoutes = express.Router();
publicRoutes.use(
  cors({
    origin: true,
    allowedHeaders: ['Content-Type', 'mcp-session-id', 'Authorization'],
  }),
);

publicRoutes.get('/', (_req, res) => {
  res.json({ endpoint: '/mcp', health: '/health' });
});
