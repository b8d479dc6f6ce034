import cors from 'cors';
import express from 'express';
import { handleMcp } from './mcp.js';

const app = express();

// The widget runs in the chat client's iframe and calls /mcp cross-origin.
app.use(cors({
  origin: '*', // any host may embed the widget
  allowedHeaders: ['Content-Type', 'Mcp-Method', 'Mcp-Name', 'MCP-Protocol-Version'] // what the widget sends
}));

app.post('/mcp', (req, res) => handleMcp(req, res));

app.listen(3000);
